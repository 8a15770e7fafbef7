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

} // namespace linnet::crypto
