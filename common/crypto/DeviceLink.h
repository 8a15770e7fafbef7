// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Keys.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace linnet::crypto {

/**
 * How a new device joins an account that has an account identity key (docs/crypto.md,
 * "Linking"): a password alone is not enough, the device must prove it holds the account
 * key, which only an approved device can hand it.
 */

/** The domain separator of a login proof's statement. */
inline constexpr char kLoginProofContext[] = "LinnetLoginProof1";
/** A login proof older or newer than this (against the server's clock) is refused. */
inline constexpr qint64 kLoginProofMaxSkewMs = 5LL * 60 * 1000;

/**
 * The bytes a login proof signs: "LinnetLoginProof1" ‖ account key (32) ‖ u8 length ‖
 * username (UTF-8) ‖ u64 BE time (ms since the epoch). Empty on a wrong key size, an
 * empty or over-long (255 bytes) username, or a time that is not positive.
 */
QByteArray loginProofStatement(QByteArrayView accountKey, const QString &username, qint64 time);

/** The account key's signature of the statement above (64 bytes; empty on bad input). */
QByteArray signLogin(const IdentityKeyPair &account, const QString &username, qint64 time);

/**
 * True if @p signature is @p accountKey's login proof for @p username at @p time, and
 * @p time is within kLoginProofMaxSkewMs of @p now. False on any wrong size.
 */
bool verifyLogin(QByteArrayView accountKey, const QString &username, qint64 time,
                 QByteArrayView signature, qint64 now);

/*
 * Linking: the new device N makes a random link code, shows it (and as a QR code); the
 * user types or scans it into an approving device O. Both derive from it a lookup the
 * server files the request under and a key the server never sees, which seals what
 * each side sends the other through the server (docs/crypto.md, "Linking").
 */

/** Random bits in a link code (16 base32 characters). */
inline constexpr qsizetype kLinkSecretBytes = 10;
/** Size of a link lookup and of a link key. */
inline constexpr qsizetype kLinkDigestBytes = 32;

/** A new link code's secret: kLinkSecretBytes random bytes. */
QByteArray newLinkSecret();
/** The code as shown: 16 Crockford base32 characters in groups of four, "7KQ2-…". */
QString formatLinkCode(QByteArrayView secret);
/**
 * The secret of a typed code: case, spaces and dashes do not matter, and I/L read as 1,
 * O as 0 (Crockford). nullopt for a character outside the alphabet or not 16 of them.
 */
std::optional<QByteArray> parseLinkCode(const QString &typed);

/** BLAKE2b-256("LinnetLinkLookup" ‖ secret): what the server files the link under. */
QByteArray linkLookup(QByteArrayView secret);
/** BLAKE2b-256("LinnetLinkKey" ‖ secret): the key that seals both directions. */
QByteArray linkKey(QByteArrayView secret);

/** What the new device tells the approving one: who it is. */
struct LinkRequestContent {
    QByteArray identityKey; ///< its Ed25519 identity key (32)
    QString deviceName;     ///< as it will be listed, ≤ 255 bytes of UTF-8
    bool operator==(const LinkRequestContent &) const = default;
};
/** XChaCha20-Poly1305 under @p key, bound to @p lookup and the direction; empty on bad input. */
QByteArray sealLinkRequest(QByteArrayView key, QByteArrayView lookup,
                           const LinkRequestContent &content);
/** nullopt for another key or lookup, a sealed approval, or a damaged blob. */
std::optional<LinkRequestContent> openLinkRequest(QByteArrayView key, QByteArrayView lookup,
                                                  QByteArrayView sealed);

/** What the approving device hands the new one: the account identity key. */
QByteArray sealLinkApproval(QByteArrayView key, QByteArrayView lookup,
                            const IdentityKeyPair &account);
/** The account key, or nullopt for another key or lookup, a sealed request, or damage. */
std::optional<IdentityKeyPair> openLinkApproval(QByteArrayView key, QByteArrayView lookup,
                                                QByteArrayView sealed);

} // namespace linnet::crypto
