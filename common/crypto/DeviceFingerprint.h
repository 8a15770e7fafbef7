// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace linnet::crypto {

/**
 * What people compare to tell one device from another (the device list, approving a
 * link): BLAKE2b-128 over "LinnetDeviceFingerprint" ‖ the device's identity key, as 32
 * upper-case hex digits in eight groups of four ("3F2A 91BC ..."). Empty for a key that
 * is not kKeyBytes long.
 */
QString deviceFingerprint(QByteArrayView identityKey);

} // namespace linnet::crypto
