// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QString>

namespace linnet::crypto {
class IdentityKeyPair;
}

namespace linnet::lan {

/*
 * The LAN announcement (docs/protocol.md §12.2): a UDP datagram that says "a Linnet
 * device that you may know listens for peer links on this port", signed with the device's
 * identity key. The account and device id are part of what is signed but not of the bytes
 * sent: the datagram carries a tag only holders of the device's identity key can compute,
 * so an observer on the LAN learns that a Linnet device is there and nothing about whose.
 */

/** The LAN protocol's version ("v" of announcements and peer-link frames). */
inline constexpr quint32 kLanVersion = 1;
/** UDP port announcements go to by default (configurable: docs/protocol.md §12.1). */
inline constexpr quint16 kDefaultLanPort = 47474;
/** Datagrams longer than this are dropped before they are parsed. */
inline constexpr qsizetype kMaxAnnouncementBytes = 512;
/** Size of the tag that lets a device that knows the announcer recognise it. */
inline constexpr qsizetype kAnnouncementTagBytes = 16;
/** The tag changes every this many ms of the announcement's timestamp. */
inline constexpr qint64 kAnnouncementTagWindowMs = 60'000;

/** A device as the LAN layer knows it: account, device id and Ed25519 identity key. */
struct LanDevice {
    QString account;
    qint64 device = 0;
    QByteArray identity; ///< Ed25519 public key, 32 bytes
    bool operator==(const LanDevice &) const = default;
};

/** One announcement as it travels (docs/protocol.md §12.2). */
struct Announcement {
    qint64 timestamp = 0; ///< ms since the epoch, UTC, by the announcer's clock
    quint16 port =
        0;          ///< the announcer's peer-link listener (TCP), on the datagram's source address
    QByteArray tag; ///< kAnnouncementTagBytes: announcementTag(identity, timestamp)
    QByteArray signature; ///< Ed25519 by the identity key over announcementStatement()
    bool operator==(const Announcement &) const = default;
};

/** Why an announcement was not taken; each is logged by the receiver. */
enum class AnnouncementError {
    Malformed,          ///< not a well-formed announcement (size, CBOR, fields)
    UnsupportedVersion, ///< "v" is not kLanVersion
    Stale,              ///< its timestamp is older than the freshness window
    FromTheFuture,      ///< its timestamp is further ahead than clocks may differ
    Own,                ///< this device's own announcement, looped back
    UnknownDevice,      ///< no device this one knows computes its tag
    BadSignature,       ///< the tag matched but no known device signed it
    Duplicate,          ///< the same announcement again (another path: multicast v4/v6, broadcast)
    Replayed,           ///< older than, or a different one with the time of, the last one taken
    RateLimited,        ///< its source sent more than the rate limit allows (not decoded)
};

/** A short English name of @p error, for logs ("bad signature"). */
QString announcementErrorName(AnnouncementError error);

struct AnnouncementReject {
    AnnouncementError error = AnnouncementError::Malformed;
    QString reason; ///< for logs
};

template <typename T> using AnnouncementResult = linnet::Result<T, AnnouncementReject>;

/**
 * The tag of @p identity's announcements made at @p timestamp: BLAKE2b-128 keyed with the
 * identity key over "LinnetLanTag1" || window (u64 BE, timestamp / kAnnouncementTagWindowMs).
 */
QByteArray announcementTag(QByteArrayView identity, qint64 timestamp);

/**
 * What the signature covers: "LinnetLanAnnounce1" || u8 length || account (UTF-8) ||
 * device (u64 BE) || identity (32) || timestamp (u64 BE) || port (u16 BE).
 */
QByteArray announcementStatement(const LanDevice &device, qint64 timestamp, quint16 port);

/** The datagram: a CBOR map {"v", "t": "lan_announce", "ts", "port", "tag", "sig"}. */
QByteArray encodeAnnouncement(const Announcement &announcement);

/**
 * Reads a datagram's structure (no key involved): more than kMaxAnnouncementBytes,
 * invalid CBOR, trailing bytes, not a map, another "t", a missing, mistyped or
 * out-of-range field are Malformed; another "v" is UnsupportedVersion.
 */
AnnouncementResult<Announcement> decodeAnnouncement(QByteArrayView datagram);

/** A signed, encoded announcement of @p self (whose identity key is @p identity). */
QByteArray makeAnnouncement(const crypto::IdentityKeyPair &identity, const LanDevice &self,
                            qint64 timestamp, quint16 port);

} // namespace linnet::lan
