// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanAnnouncement.h"

#include "LanCbor.h"
#include "crypto/Keys.h"
#include "crypto/Sodium.h"

#include <QtEndian>

#include <sodium.h>

namespace linnet::lan {

using protocol::detail::FieldReader;

namespace {

constexpr char kAnnounceType[] = "lan_announce";

void appendU64(QByteArray &out, quint64 value)
{
    const quint64 be = qToBigEndian(value);
    out.append(reinterpret_cast<const char *>(&be), sizeof be);
}

AnnouncementReject malformed(QString reason)
{
    return {AnnouncementError::Malformed, std::move(reason)};
}

} // namespace

QString announcementErrorName(AnnouncementError error)
{
    switch (error) {
    case AnnouncementError::Malformed:
        return QStringLiteral("malformed");
    case AnnouncementError::UnsupportedVersion:
        return QStringLiteral("unsupported version");
    case AnnouncementError::Stale:
        return QStringLiteral("stale");
    case AnnouncementError::FromTheFuture:
        return QStringLiteral("from the future");
    case AnnouncementError::Own:
        return QStringLiteral("own announcement");
    case AnnouncementError::UnknownDevice:
        return QStringLiteral("unknown device");
    case AnnouncementError::BadSignature:
        return QStringLiteral("bad signature");
    case AnnouncementError::Duplicate:
        return QStringLiteral("duplicate");
    case AnnouncementError::Replayed:
        return QStringLiteral("replayed");
    case AnnouncementError::RateLimited:
        return QStringLiteral("rate limited");
    }
    return QStringLiteral("unknown");
}

QByteArray announcementTag(QByteArrayView identity, qint64 timestamp)
{
    crypto::initSodium();
    QByteArray input("LinnetLanTag1");
    appendU64(input, quint64(timestamp / kAnnouncementTagWindowMs));
    QByteArray tag(kAnnouncementTagBytes, Qt::Uninitialized);
    crypto_generichash(crypto::sodiumBytes(tag), size_t(tag.size()), crypto::sodiumBytes(input),
                       quint64(input.size()), crypto::sodiumBytes(identity),
                       size_t(identity.size()));
    return tag;
}

QByteArray announcementStatement(const LanDevice &device, qint64 timestamp, quint16 port)
{
    const QByteArray account = device.account.toUtf8();
    QByteArray out("LinnetLanAnnounce1");
    out.append(char(quint8(account.size())));
    out.append(account);
    appendU64(out, quint64(device.device));
    out.append(device.identity);
    appendU64(out, quint64(timestamp));
    const quint16 be = qToBigEndian(port);
    out.append(reinterpret_cast<const char *>(&be), sizeof be);
    return out;
}

QByteArray encodeAnnouncement(const Announcement &a)
{
    return detail::encodeMap(kAnnounceType, [&a](auto &s) {
        s("ts", a.timestamp);
        s("port", quint64(a.port));
        s("tag", a.tag);
        s("sig", a.signature);
    });
}

AnnouncementResult<Announcement> decodeAnnouncement(QByteArrayView datagram)
{
    if (datagram.size() > kMaxAnnouncementBytes)
        return malformed(QStringLiteral("datagram of %1 bytes is over %2")
                             .arg(datagram.size())
                             .arg(kMaxAnnouncementBytes));
    FieldReader in(datagram);
    if (in.failed())
        return malformed(in.error().reason);
    const detail::Envelope envelope = detail::readEnvelope(in);
    if (!envelope.ok)
        return AnnouncementReject{envelope.versionMismatch ? AnnouncementError::UnsupportedVersion
                                                           : AnnouncementError::Malformed,
                                  envelope.reason};
    if (envelope.type != kAnnounceType)
        return malformed(QStringLiteral("not an announcement (\"t\" is \"%1\")")
                             .arg(QString::fromUtf8(envelope.type.left(40))));
    Announcement a;
    a.timestamp = in.timestamp("ts");
    a.port = quint16(in.integer("port", 1, 65535));
    a.tag = in.bytes("tag", kAnnouncementTagBytes, kAnnouncementTagBytes);
    a.signature = in.bytes("sig", crypto::kEd25519SignatureBytes, crypto::kEd25519SignatureBytes);
    if (in.failed())
        return malformed(in.error().reason);
    return a;
}

QByteArray makeAnnouncement(const crypto::IdentityKeyPair &identity, const LanDevice &self,
                            qint64 timestamp, quint16 port)
{
    Announcement a;
    a.timestamp = timestamp;
    a.port = port;
    a.tag = announcementTag(identity.publicKey(), timestamp);
    a.signature = identity.sign(announcementStatement(self, timestamp, port));
    return encodeAnnouncement(a);
}

} // namespace linnet::lan
