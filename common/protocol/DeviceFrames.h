// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace linnet::protocol {

/*
 * The device list frames (issue 27; docs/protocol.md "Device list"): a device lists,
 * renames and revokes the devices of its own account. Part of the Frame variant
 * (Frames.h); their fields are in DeviceFrameFields.h.
 */

/** C->S "devices_get": the devices of this device's account; answered by DeviceList. */
struct DevicesGet {
    quint32 requestId = 0;
    bool operator==(const DevicesGet &) const = default;
};

/** One device of the account in a DeviceList. */
struct DeviceInfo {
    qint64 device = 0;
    QString name;
    qint64 linkedAt = 0; ///< ms UTC, when the server created the device
    qint64 lastSeen = 0; ///< ms UTC, last connected or disconnected; 0: never
    /** Its identity key (kKeyBytes); empty until it uploaded keys. */
    QByteArray identity;
    /** The account key's certificate of it (kSignatureBytes); empty: none. The client
     *  checks it against the account key it holds, never trusting the server's word. */
    QByteArray deviceSignature;
    bool operator==(const DeviceInfo &) const = default;
};

/** S->C "devices": every device of the account that is not revoked, oldest first. */
struct DeviceList {
    quint32 requestId = 0;
    QList<DeviceInfo> devices; ///< 1..kMaxCopies
    bool operator==(const DeviceList &) const = default;
};

/** C->S "device_rename": a new name for a device of this account; answered by Ok. */
struct DeviceRename {
    quint32 requestId = 0;
    qint64 device = 0;
    QString name; ///< 1..kMaxDeviceNameLength characters, not only spaces
    bool operator==(const DeviceRename &) const = default;
};

/**
 * C->S "device_revoke": removes another device of this account (docs/protocol.md
 * "Device list"); answered by Ok once it is gone. Its token stops working, its live
 * connection is closed with error DeviceRevoked, nothing more is stored for it.
 */
struct DeviceRevoke {
    quint32 requestId = 0;
    qint64 device = 0;
    bool operator==(const DeviceRevoke &) const = default;
};

} // namespace linnet::protocol
