// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace linnet::crypto {

/** HMAC-SHA-256 (RFC 2104) of @p data under a key of any length: 32 bytes. */
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

/**
 * HKDF-SHA-256 (RFC 5869): extract with @p salt (empty = 32 zero bytes), expand with
 * @p info to @p length bytes. libsodium 1.0.18 has no HKDF, hence this one.
 * Returns an empty array when @p length is not in 1..8160 (255 blocks).
 */
QByteArray hkdfSha256(QByteArrayView salt, QByteArrayView ikm, QByteArrayView info,
                      qsizetype length);

} // namespace linnet::crypto
