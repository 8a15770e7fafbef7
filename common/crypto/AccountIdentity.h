// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Keys.h"

#include <QByteArray>
#include <QString>

namespace linnet::crypto {

/**
 * Device certificates: the account identity key (an Ed25519 key pair made with the
 * account's first device and kept by each approved device) signs each device's
 * identity key. Peers encrypt only to devices with a valid certificate under the
 * account key they pinned (docs/crypto.md, "Account identity and device certificates").
 */

/** The domain separator of a device certificate's statement. */
inline constexpr char kDeviceCertificateContext[] = "LinnetDeviceCert1";

/**
 * The bytes a device certificate signs:
 * "LinnetDeviceCert1" ‖ account key (32) ‖ u8 length ‖ username (UTF-8) ‖
 * u64 BE device id ‖ device identity key (32). Empty if a key has the wrong size, the
 * username is empty or longer than 255 bytes, or the device id is not positive.
 */
QByteArray deviceCertificateStatement(QByteArrayView accountKey, const QString &username,
                                      qint64 deviceId, QByteArrayView deviceIdentity);

/** The account key's signature of the statement above (64 bytes; empty on bad input). */
QByteArray signDevice(const IdentityKeyPair &account, const QString &username, qint64 deviceId,
                      QByteArrayView deviceIdentity);

/**
 * True if @p signature is the certificate of (@p username, @p deviceId, @p deviceIdentity)
 * by @p accountKey, and the account key is a valid Ed25519 point (no small-order or
 * non-canonical encodings). False on any wrong size.
 */
bool verifyDevice(QByteArrayView accountKey, const QString &username, qint64 deviceId,
                  QByteArrayView deviceIdentity, QByteArrayView signature);

/** Constant-time equality of two keys; false if their sizes differ or either is empty. */
bool sameKey(QByteArrayView a, QByteArrayView b);

} // namespace linnet::crypto
