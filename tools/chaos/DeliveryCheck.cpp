// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeliveryCheck.h"

#include <QMap>

namespace linnet::chaos {

namespace {

constexpr int kMaxViolationsListed = 20;

class Checker {
public:
    Checker(const QList<SentMessage> &sent, const QList<DeviceView> &devices,
            const QHash<QString, QList<int>> &participants)
        : m_sent(sent), m_devices(devices), m_participants(participants)
    {
        for (const SentMessage &m : sent)
            m_byId.insert(m.id, &m);
    }

    Figures run()
    {
        m_figures.sent = int(m_sent.size());
        for (const SentMessage &m : m_sent)
            (m.acked ? m_figures.acked : m_figures.unacked) += 1;
        for (const SentMessage &m : m_sent)
            checkCopies(m);
        for (int d = 0; d < m_devices.size(); ++d)
            for (auto it = m_devices[d].conversations.cbegin();
                 it != m_devices[d].conversations.cend(); ++it)
                checkOrder(d, it.key(), it.value());
        for (const DeviceView &view : m_devices)
            if (view.undecryptable > 0)
                violation(QStringLiteral("undecryptable: %1 could not decrypt %2 messages")
                              .arg(view.name)
                              .arg(view.undecryptable));
        checkSeqsAgree();
        checkWritersOrder();
        return m_figures;
    }

private:
    const QList<SentMessage> &m_sent;
    const QList<DeviceView> &m_devices;
    const QHash<QString, QList<int>> &m_participants;
    QHash<protocol::MessageId, const SentMessage *> m_byId;
    /** The seq each message was first seen at, and on which device. */
    QHash<protocol::MessageId, QPair<quint64, int>> m_seqOf;
    Figures m_figures;

    void violation(const QString &text)
    {
        if (m_figures.violations.size() < kMaxViolationsListed)
            m_figures.violations << text;
        else if (m_figures.violations.size() == kMaxViolationsListed)
            m_figures.violations << QStringLiteral("... (more left out)");
    }

    QString describe(const SentMessage &m) const
    {
        return QStringLiteral("%1 #%2 of %3 in %4")
            .arg(m.id.toHex().left(12))
            .arg(m.number)
            .arg(m_devices.value(m.device).name, m.conversation);
    }

    void checkCopies(const SentMessage &m)
    {
        for (int d : m_participants.value(m.conversation)) {
            const DeviceView &view = m_devices[d];
            int rows = 0;
            for (const ShownMessage &s : view.conversations.value(m.conversation))
                rows += s.id == m.id ? 1 : 0;
            const int announced = view.announced.value(m.id);
            if (rows == 0) {
                if (m.acked) {
                    ++m_figures.lost;
                    violation(QStringLiteral("lost: %1 (acked) is not on %2")
                                  .arg(describe(m), view.name));
                }
                continue;
            }
            if (rows > 1 || announced > 1) {
                ++m_figures.duplicated;
                violation(QStringLiteral("duplicated: %1 is on %2 %3 times (announced %4 times)")
                              .arg(describe(m), view.name)
                              .arg(rows)
                              .arg(announced));
            } else if (d != m.device) {
                ++m_figures.delivered;
            }
        }
    }

    /** Shown in seq order, each seq once; every message at one seq on every device. */
    void checkOrder(int device, const QString &conversation, const QList<ShownMessage> &rows)
    {
        quint64 previous = 0;
        for (const ShownMessage &s : rows) {
            const SentMessage *m = m_byId.value(s.id);
            if (s.seq == 0) {
                if (m && m->acked) {
                    ++m_figures.reordered;
                    violation(QStringLiteral("unsequenced: %1 (acked) has no seq on %2")
                                  .arg(describe(*m), m_devices[device].name));
                }
                continue;
            }
            if (s.seq <= previous) {
                ++m_figures.reordered;
                violation(QStringLiteral("reordered: %2 shows seq %3 after seq %4 in %1")
                              .arg(conversation, m_devices[device].name)
                              .arg(s.seq)
                              .arg(previous));
            }
            previous = s.seq;
            const auto seen = m_seqOf.constFind(s.id);
            if (seen == m_seqOf.cend()) {
                m_seqOf.insert(s.id, {s.seq, device});
            } else if (seen->first != s.seq) {
                ++m_figures.reordered;
                violation(QStringLiteral("reordered: %1 is at seq %2 on %3 but at %4 on %5")
                              .arg(m ? describe(*m) : s.id.toHex())
                              .arg(seen->first)
                              .arg(m_devices[seen->second].name)
                              .arg(s.seq)
                              .arg(m_devices[device].name));
            }
        }
    }

    /** No two messages of one conversation at one seq, on any device. */
    void checkSeqsAgree()
    {
        QHash<QString, QHash<quint64, protocol::MessageId>> bySeq;
        for (auto it = m_seqOf.cbegin(); it != m_seqOf.cend(); ++it) {
            const SentMessage *m = m_byId.value(it.key());
            if (!m)
                continue;
            auto &slots = bySeq[m->conversation];
            const auto other = slots.constFind(it->first);
            if (other != slots.cend() && *other != it.key()) {
                ++m_figures.reordered;
                violation(QStringLiteral("two messages at seq %1 in %2: %3 and %4")
                              .arg(it->first)
                              .arg(m->conversation, other->toHex().left(12), describe(*m)));
            }
            slots.insert(it->first, it.key());
        }
    }

    /** In the server's order (seq), each writer's messages keep the order it wrote them. */
    void checkWritersOrder()
    {
        QHash<QString, QMap<quint64, const SentMessage *>> order;
        for (const SentMessage &m : m_sent) {
            const auto seen = m_seqOf.constFind(m.id);
            if (seen != m_seqOf.cend())
                order[m.conversation].insert(seen->first, &m);
        }
        for (auto conv = order.cbegin(); conv != order.cend(); ++conv) {
            QHash<int, int> lastNumber;
            for (const SentMessage *m : conv.value()) {
                const int last = lastNumber.value(m->device);
                if (m->number < last) {
                    ++m_figures.reordered;
                    violation(QStringLiteral("out of its writer's order: %1 comes after #%2")
                                  .arg(describe(*m))
                                  .arg(last));
                }
                lastNumber[m->device] = std::max(last, m->number);
            }
        }
    }
};

} // namespace

QString Figures::summary() const
{
    return QStringLiteral("kills %1 acked %2 delivered %3 lost %4 duplicated %5 reordered %6 "
                          "(sent %7, unacked %8)")
        .arg(kills)
        .arg(acked)
        .arg(delivered)
        .arg(lost)
        .arg(duplicated)
        .arg(reordered)
        .arg(sent)
        .arg(unacked);
}

Figures checkDelivery(const QList<SentMessage> &sent, const QList<DeviceView> &devices,
                      const QHash<QString, QList<int>> &participants)
{
    return Checker(sent, devices, participants).run();
}

} // namespace linnet::chaos
