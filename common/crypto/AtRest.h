// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

namespace linnet::crypto {

/** Size of the key sealAtRest and openAtRest take. */
inline constexpr qsizetype kAtRestKeyBytes = 32;

/**
 * Seals @p plaintext for storage with XChaCha20-Poly1305 under @p key32: a random
 * 24-byte nonce (safe to pick at random at this size) || ciphertext || tag.
 * @p associatedData binds the blob to its place (e.g. a row id), so that sealed values
 * cannot be swapped between places. Returns an empty array if the key is not 32 bytes.
 */
QByteArray sealAtRest(QByteArrayView key32, QByteArrayView plaintext,
                      QByteArrayView associatedData);

/** The plaintext, or nullopt for a wrong key, wrong associated data or damaged blob. */
std::optional<QByteArray> openAtRest(QByteArrayView key32, QByteArrayView sealed,
                                     QByteArrayView associatedData);

} // namespace linnet::crypto
