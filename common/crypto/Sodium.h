// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace linnet::crypto {

/**
 * Initialises libsodium once per process; safe to call from any thread and
 * more than once. Returns false only if libsodium cannot start (no entropy),
 * in which case nothing that needs randomness may run.
 */
bool initSodium();

/** @p size bytes from the OS CSPRNG. */
QByteArray randomBytes(qsizetype size);

/** Constant-time equality; false when sizes differ. */
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

/**
 * @p view's bytes as libsodium takes them. Never null: libsodium declares its pointer
 * parameters nonnull even when the length is 0, and an empty view may have no data.
 */
const unsigned char *sodiumBytes(QByteArrayView view);

/** @p array's bytes as libsodium writes them (detaches @p array first). */
unsigned char *sodiumBytes(QByteArray &array);

/**
 * Overwrites @p bytes with zeros and clears it. Implicitly shared data is only wiped by
 * its last owner: a shared copy is released untouched, so wiping never detaches (which
 * would copy the secret once more) and never destroys another owner's value.
 */
void wipe(QByteArray &bytes);

} // namespace linnet::crypto
