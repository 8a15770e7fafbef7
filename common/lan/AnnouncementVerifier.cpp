// SPDX-License-Identifier: GPL-3.0-or-later
#include "AnnouncementVerifier.h"

#include "crypto/Keys.h"

#include <algorithm>

namespace linnet::lan {

namespace {

constexpr qsizetype kCachedWindows = 4;

AnnouncementReject reject(AnnouncementError error, QString reason)
{
    return {error, std::move(reason)};
}

} // namespace

AnnouncementVerifier::AnnouncementVerifier(LanDevice self, Options options)
    : m_self(std::move(self)), m_options(options)
{
}

void AnnouncementVerifier::setKnownDevices(QList<LanDevice> devices)
{
    devices.removeIf([this](const LanDevice &d) {
        return (d.account == m_self.account && d.device == m_self.device) ||
               d.identity.size() != crypto::kEd25519PublicBytes;
    });
    m_known = std::move(devices);
    m_tags.clear();
}

QList<qsizetype> AnnouncementVerifier::devicesWithTag(qint64 window, const QByteArray &tag)
{
    auto it = m_tags.find(window);
    if (it == m_tags.end()) {
        if (m_tags.size() >= kCachedWindows) {
            // Keep the newest windows: announcements are fresh, so old ones are not asked for.
            const auto oldest = std::min_element(m_tags.keyBegin(), m_tags.keyEnd());
            m_tags.remove(*oldest);
        }
        QMultiHash<QByteArray, qsizetype> tags;
        const qint64 at = window * kAnnouncementTagWindowMs;
        for (qsizetype i = 0; i < m_known.size(); ++i)
            tags.insert(announcementTag(m_known[i].identity, at), i);
        it = m_tags.insert(window, std::move(tags));
    }
    return it->values(tag);
}

AnnouncementResult<AnnouncementVerifier::Heard>
AnnouncementVerifier::verify(QByteArrayView datagram, qint64 nowMs)
{
    auto decoded = decodeAnnouncement(datagram);
    if (!decoded)
        return decoded.error();
    const Announcement &a = decoded.value();
    if (a.timestamp < nowMs - m_options.maxAgeMs)
        return reject(AnnouncementError::Stale,
                      QStringLiteral("made %1 ms ago").arg(nowMs - a.timestamp));
    if (a.timestamp > nowMs + m_options.maxAheadMs)
        return reject(AnnouncementError::FromTheFuture,
                      QStringLiteral("made %1 ms ahead of this clock").arg(a.timestamp - nowMs));
    if (a.tag == announcementTag(m_self.identity, a.timestamp))
        return reject(AnnouncementError::Own, QStringLiteral("this device's own announcement"));

    const QList<qsizetype> candidates =
        devicesWithTag(a.timestamp / kAnnouncementTagWindowMs, a.tag);
    if (candidates.isEmpty())
        return reject(
            AnnouncementError::UnknownDevice,
            QStringLiteral("no known device has tag %1").arg(QString::fromLatin1(a.tag.toHex())));
    const LanDevice *from = nullptr;
    for (const qsizetype i : candidates) {
        const LanDevice &d = m_known[i];
        if (crypto::verifySignature(d.identity, announcementStatement(d, a.timestamp, a.port),
                                    a.signature)) {
            from = &d;
            break;
        }
    }
    if (!from)
        return reject(AnnouncementError::BadSignature,
                      QStringLiteral("the tag names %1 (device %2) but the signature does not "
                                     "verify")
                          .arg(m_known[candidates.first()].account)
                          .arg(m_known[candidates.first()].device));

    Last &last = m_last[qMakePair(from->account, from->device)];
    if (a.timestamp == last.timestamp && a.signature == last.signature)
        return reject(AnnouncementError::Duplicate,
                      QStringLiteral("%1 (device %2) again").arg(from->account).arg(from->device));
    if (a.timestamp <= last.timestamp)
        return reject(AnnouncementError::Replayed,
                      QStringLiteral("%1 (device %2) made at %3, not after the last one taken (%4)")
                          .arg(from->account)
                          .arg(from->device)
                          .arg(a.timestamp)
                          .arg(last.timestamp));
    last = Last{a.timestamp, a.signature};
    return Heard{*from, a.port, a.timestamp};
}

} // namespace linnet::lan
