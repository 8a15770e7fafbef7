// SPDX-License-Identifier: GPL-3.0-or-later
#include "groups/GroupMessaging.h"

#include "ClientLog.h"
#include "Clock.h"
#include "e2e/E2eSessions.h"
#include "groups/LocalGroupStore.h"
#include "protocol/Limits.h"

#include <QCoreApplication>
#include <QtEndian>

namespace linnet::client {

namespace {
constexpr quint8 kPayloadVersion = 1;
constexpr qsizetype kPayloadHeader = 1 + 8;

QString tr(const char *text)
{
    return QCoreApplication::translate("linnet::client::GroupMessaging", text);
}

QByteArray u64(quint64 v)
{
    QByteArray out(8, '\0');
    qToBigEndian(v, out.data());
    return out;
}
} // namespace

GroupMessaging::GroupMessaging(LocalStore &store, CryptoStore &crypto, E2eSessions &e2e,
                               LocalGroupStore &groups, Send send, NextRequestId nextRequestId,
                               RequestKeys requestKeys)
    : m_e2e(e2e), m_groups(groups), m_keys(store, crypto), m_send(std::move(send)),
      m_nextRequestId(std::move(nextRequestId)), m_requestKeys(std::move(requestKeys))
{
}

void GroupMessaging::setSelf(const QString &username, qint64 deviceId)
{
    m_self = username;
    m_selfDevice = deviceId;
}

void GroupMessaging::reset()
{
    m_pending.clear();
    m_devicesCheckedAt.clear(); // E2eSessions fetches every list again on a new connection
}

QByteArray GroupMessaging::associatedData(qint64 group, qint64 senderDevice, const QString &sender)
{
    const QByteArray name = sender.toUtf8().left(255);
    return u64(quint64(group)) + u64(quint64(senderDevice)) + char(quint8(name.size())) + name;
}

QByteArray GroupMessaging::distributionPayload(qint64 group, const crypto::SenderKeyDistribution &d)
{
    return char(kPayloadVersion) + u64(quint64(group)) + d.encode();
}

bool GroupMessaging::waitingForKeys(qint64 group) const
{
    for (const auto &p : m_pending)
        if (p.group == group)
            return true;
    return false;
}

GroupMessaging::Prepared GroupMessaging::send(const OutboxItem &item, quint32 requestId)
{
    const qint64 group = groupIdOf(item.recipient);
    const auto info = m_groups.group(item.recipient);
    if (group == 0 || !info || !info->member)
        return {Outcome::Failed, tr("you are not a member of this group")};
    if (waitingForKeys(group))
        return {Outcome::Waiting, {}};
    const qint64 now = item.createdAt;
    auto own = currentKey(group, now);
    if (!own)
        return {Outcome::Waiting, {}}; // storage or no state key yet: try again later

    const QStringList members = m_groups.memberNames(item.recipient);
    const qint64 wallClock = nowMs();
    qint64 &checked = m_devicesCheckedAt[group];
    if (checked == 0) {
        checked = wallClock;
    } else if (wallClock - checked > kDeviceRefreshMs) {
        checked = wallClock;
        for (const QString &member : members)
            m_e2e.markStale(member);
    }

    // Every device of every member (ours included) that lacks the current key gets it first.
    const auto holders = m_keys.holders(group, own->keyId());
    QList<E2eSessions::Target> targets;
    const auto plan = m_e2e.encryptForDevices(
        members, distributionPayload(group, own->distribution()), now,
        [&](const QString &user, qint64 device) {
            return !holders.contains({user, device});
        },
        targets);
    if (!plan.requests.isEmpty()) {
        for (const auto &request : plan.requests)
            m_requestKeys(request);
        return {Outcome::Waiting, {}};
    }
    if (!plan.copies.isEmpty()) {
        for (qsizetype start = 0; start < plan.copies.size(); start += protocol::kMaxKeyCopies) {
            const quint32 rid = m_nextRequestId();
            const auto chunk = plan.copies.mid(start, protocol::kMaxKeyCopies);
            if (!m_send(protocol::GroupKeys{rid, group, chunk})) {
                m_pending.clear();
                return {Outcome::Offline, {}};
            }
            m_pending.insert(
                rid, PendingKeys{group, own->keyId(), targets.mid(start, protocol::kMaxKeyCopies)});
        }
        return {Outcome::Waiting, {}};
    }

    const auto body = encryptWith(*own, group, item.body, now);
    if (!body)
        return {Outcome::Waiting, {}};
    protocol::SendRequest request;
    request.requestId = requestId;
    request.id = item.id;
    request.group = group;
    request.body = *body;
    request.media = item.media;
    if (!m_send(request))
        return {Outcome::Offline, {}};
    return {Outcome::Sent, {}};
}

std::optional<crypto::OwnSenderKey> GroupMessaging::currentKey(qint64 group, qint64 now)
{
    auto own = m_keys.ownKey(group);
    if (own)
        return own;
    own = crypto::OwnSenderKey::generate();
    if (!m_keys.saveOwnKey(group, *own, now))
        return std::nullopt;
    qCInfo(lcClient) << "new sender key" << own->keyId() << "for group" << group;
    return own;
}

std::optional<QByteArray> GroupMessaging::encryptWith(crypto::OwnSenderKey &own, qint64 group,
                                                      const QByteArray &plaintext, qint64 now)
{
    const auto body = own.encrypt(plaintext, associatedData(group, m_selfDevice, m_self));
    if (!body) {
        // Only an exhausted chain gets here: start a new key.
        m_keys.dropOwnKey(group);
        return std::nullopt;
    }
    // The advanced chain is stored before the message leaves: no position is used twice.
    if (!m_keys.saveOwnKey(group, own, now))
        return std::nullopt;
    return body.value();
}

std::optional<GroupMessaging::LanCopy> GroupMessaging::encryptForLan(const OutboxItem &item)
{
    const qint64 group = groupIdOf(item.recipient);
    const auto info = m_groups.group(item.recipient);
    if (group == 0 || !info || !info->member)
        return std::nullopt;
    auto own = currentKey(group, item.createdAt);
    if (!own)
        return std::nullopt;
    // The distribution as of before this message: its chain position opens it.
    LanCopy copy;
    copy.distribution = distributionPayload(group, own->distribution());
    copy.holders = m_keys.holders(group, own->keyId());
    const auto body = encryptWith(*own, group, item.body, item.createdAt);
    if (!body)
        return std::nullopt;
    copy.body = *body;
    return copy;
}

bool GroupMessaging::onOk(const protocol::Ok &ok)
{
    const auto it = m_pending.constFind(ok.requestId);
    if (it == m_pending.cend())
        return false;
    m_keys.addHolders(it->group, it->keyId, it->devices);
    m_pending.erase(it);
    return true;
}

std::optional<qint64> GroupMessaging::onError(const protocol::ErrorFrame &error)
{
    const auto it = m_pending.constFind(error.requestId);
    if (error.requestId == 0 || it == m_pending.cend())
        return std::nullopt;
    const qint64 group = it->group;
    qCWarning(lcClient) << "group_keys for group" << group << "refused:" << int(error.code)
                        << error.reason;
    // The other chunks of that distribution are dropped too: it is all sent again.
    for (auto p = m_pending.begin(); p != m_pending.end();)
        p = p->group == group ? m_pending.erase(p) : std::next(p);
    return group;
}

GroupMessaging::KeyReceipt GroupMessaging::onSenderKey(const protocol::SenderKeyCopy &copy,
                                                       qint64 now)
{
    if (copy.from == m_self && copy.fromDevice == m_selfDevice)
        return {};
    // Checked before anything is decrypted: a non-member's envelope changes no session.
    if (!m_groups.memberNames(groupKey(copy.conversation)).contains(copy.from)) {
        qCWarning(lcClient) << "sender key from" << copy.from << "who is not a member of group"
                            << copy.conversation << ": refused";
        return {};
    }
    // The pairwise session and the key it carried are stored together (saveReceivedWith):
    // a key that cannot be stored leaves the session as it was, for the entry's next copy.
    const auto in = m_e2e.decryptUnsaved(copy.from, copy.fromDevice, copy.body, now,
                                         E2eSessions::Path::SenderKey);
    if (!in.ok) {
        qCWarning(lcClient) << "cannot open a sender key from" << copy.from << "device"
                            << copy.fromDevice << ":" << in.error;
        return {};
    }
    // What is refused still used its pairwise message key.
    const auto refused = [&] {
        in.save();
        return KeyReceipt{false, in.identityChanged, {}};
    };
    const QByteArray &p = in.plaintext;
    if (p.size() < kPayloadHeader || quint8(p.at(0)) != kPayloadVersion ||
        qFromBigEndian<quint64>(p.constData() + 1) != quint64(copy.conversation)) {
        qCWarning(lcClient) << "sender key from" << copy.from << "is not for group"
                            << copy.conversation;
        return refused();
    }
    const auto distribution = crypto::SenderKeyDistribution::decode(p.mid(kPayloadHeader));
    if (!distribution) {
        qCWarning(lcClient) << "malformed sender key from" << copy.from << ":"
                            << distribution.error().reason;
        return refused();
    }
    auto keys = m_keys.received(copy.conversation, copy.from, copy.fromDevice);
    const auto added = keys.add(distribution.value());
    if (!added) {
        qCWarning(lcClient) << "unusable sender key from" << copy.from << ":"
                            << added.error().reason;
        return refused();
    }
    const QString failed =
        m_keys.saveReceivedWith(copy.conversation, copy.from, copy.fromDevice, keys, now, in.save);
    return {failed.isEmpty(), in.identityChanged, failed};
}

GroupMessaging::Opened GroupMessaging::tryOpen(qint64 group, const QString &from, qint64 fromDevice,
                                               const QByteArray &body)
{
    auto keys = m_keys.received(group, from, fromDevice);
    const auto out = keys.decrypt(body, associatedData(group, fromDevice, from));
    if (!out)
        return {false, {}, out.error().reason.isEmpty() ? tr("no key") : out.error().reason, {}};
    return {true, out.value(), {}, {}};
}

GroupMessaging::Opened GroupMessaging::open(const protocol::Deliver &d, qint64 now)
{
    auto keys = m_keys.received(d.conversation, d.from, d.fromDevice);
    if (!crypto::senderKeyIdOf(d.body))
        return {false, {}, tr("not a group message"), {}};
    if (!keys.hasKey(*crypto::senderKeyIdOf(d.body)))
        return {false, {}, tr("the sender's key for this group has not arrived"), {}};
    const auto out = keys.decrypt(d.body, associatedData(d.conversation, d.fromDevice, d.from));
    if (!out)
        return {false, {}, out.error().reason, {}};
    return {true,
            out.value(),
            {},
            [this, group = d.conversation, from = d.from, device = d.fromDevice, keys, now] {
                return m_keys.saveReceived(group, from, device, keys, now);
            }};
}

void GroupMessaging::rotate(qint64 group)
{
    m_keys.dropOwnKey(group);
    // A distribution still in flight is for the old key: its ok must not count.
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = it->group == group ? m_pending.erase(it) : std::next(it);
}

} // namespace linnet::client
