// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>
#include <QtGlobal>

namespace linnet::protocol {

/** Protocol version spoken by this build; every frame carries it under "v". */
inline constexpr quint32 kProtocolVersion = 1;

/** Largest frame accepted, checked on the raw bytes before any decoding. */
inline constexpr qsizetype kMaxFrameBytes = 128 * 1024;
/** Largest opaque message body (ciphertext) inside a send/deliver frame. */
inline constexpr qsizetype kMaxBodyBytes = 64 * 1024;
/**
 * Longest text of one message, in UTF-16 code units (QString::size()): what a client
 * lets a person type and send, and what a receiver accepts inside the encrypted body.
 */
inline constexpr qsizetype kMaxTextLength = 16 * 1024;

inline constexpr qsizetype kMinUsernameLength = 3;
inline constexpr qsizetype kMaxUsernameLength = 32;
inline constexpr qsizetype kMinPasswordBytes = 8;
inline constexpr qsizetype kMaxPasswordBytes = 1024;
inline constexpr qsizetype kMaxDeviceNameLength = 64;
inline constexpr qsizetype kMaxInviteLength = 64;
/** Longest validity of an invite made from the app (invite_create), in days. */
inline constexpr int kMaxInviteDays = 365;
/** Most invites one "invites" frame lists (the newest). */
inline constexpr qsizetype kMaxInvitesListed = 200;
inline constexpr qsizetype kTokenBytes = 32;
inline constexpr qsizetype kMaxReasonLength = 512;
/** Most inbox entries one deliver_ack may acknowledge. */
inline constexpr qsizetype kMaxAckEntries = 1024;
/** Most message ids one delivered receipt carries. */
inline constexpr qsizetype kMaxReceiptIds = 1024;
/** Most device copies in one send (and devices in one keys reply): both users' devices. */
inline constexpr qsizetype kMaxCopies = 64;
/** Public keys (X25519, Ed25519) are 32 bytes; Ed25519 signatures 64. */
inline constexpr qsizetype kKeyBytes = 32;
inline constexpr qsizetype kSignatureBytes = 64;
/** Most one-time prekeys in one keys_upload, and most the server keeps per device. */
inline constexpr qsizetype kMaxPreKeysPerUpload = 100;
inline constexpr qsizetype kMaxPreKeysStored = 200;
/** Below this many one-time prekeys the server tells a connected device (prekeys frame). */
inline constexpr qsizetype kPreKeyLowWater = 25;
/** Registration ids are 1..2^31-1. */
inline constexpr quint32 kMaxRegistrationId = 0x7fffffff;
/** Group names; members named in one frame; sender-key copies in one group_keys. */
inline constexpr qsizetype kMaxGroupNameLength = 64;
inline constexpr qsizetype kMaxGroupMembers =
    1024; ///< the protocol's ceiling; servers may set less
inline constexpr qsizetype kMaxKeyCopies = 256;
/** Most users one presence_sub frame may watch. */
inline constexpr qsizetype kMaxPresenceSubscriptions = 256;
/** Media (protocol.md 10): blob ids, tickets, attachments of one message. */
inline constexpr qsizetype kBlobIdBytes = 16;
inline constexpr qsizetype kMaxTicketBytes = 128;
inline constexpr qsizetype kMaxAttachments = 10;
/** Inside the encrypted content (protocol.md 8): an attachment's name, type and preview. */
inline constexpr qsizetype kMaxFileNameLength = 255;
inline constexpr qsizetype kMaxMimeLength = 127;
inline constexpr qsizetype kMaxThumbnailBytes = 30 * 1024;
/** A voice note's waveform: one loudness byte per bar, at most this many bars. */
inline constexpr qsizetype kMaxWaveformBytes = 100;

/**
 * Usernames: 3-32 characters of [a-z0-9._-], starting with a letter or digit.
 * Lower case only, so that "Ana" and "ana" can never be two accounts.
 */
bool isValidUsername(QStringView name);

} // namespace linnet::protocol
