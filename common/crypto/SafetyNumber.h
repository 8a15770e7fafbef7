// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace linnet::crypto {

/** Iterations of SHA-512 per side, as in Signal's numeric fingerprint. */
inline constexpr int kSafetyNumberIterations = 5200;

/**
 * The 30 decimal digits one user contributes to a safety number: the user's identity
 * keys (every device) sorted and concatenated, hash = SHA-512(0x0000 || keys || UTF-8
 * user), then kSafetyNumberIterations times hash = SHA-512(hash || keys); the first 30
 * bytes as six 5-byte big-endian numbers, each mod 100000 as 5 digits.
 */
QString safetyNumberHalf(const QString &user, QList<QByteArray> identities);

/**
 * 60 digits, no spaces, the same on both sides: the two halves in sorted order. Any
 * added, removed or changed device key of either user changes it.
 */
QString safetyNumber(const QString &localUser, QList<QByteArray> localIdentities,
                     const QString &remoteUser, QList<QByteArray> remoteIdentities);

/**
 * The safety number the engine shows: computed as above over each user's **account
 * identity key** alone (one key per side) with version bytes 0x00 0x01 instead of 0x00 0x00.
 * A properly linked or revoked device leaves it unchanged; a new account key (start over,
 * or a key substituted by the server) changes it.
 */
QString accountSafetyNumber(const QString &localUser, const QByteArray &localAccountKey,
                            const QString &remoteUser, const QByteArray &remoteAccountKey);

} // namespace linnet::crypto
