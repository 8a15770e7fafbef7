// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

namespace linnet::server {

class DeviceDirectory;
class Session;
class SessionRegistry;
class Store;

/**
 * The device list of an account (issue 27, docs/protocol.md "Device list"): a device
 * lists its account's devices (devices_get), renames one (device_rename) or revokes
 * another (device_revoke: its token stops working, its connection is closed with
 * DeviceRevoked, nothing more is stored for it, senders must leave it out). Keeps each
 * device's last seen time as it connects and goes away.
 */
class DeviceController {
public:
    DeviceController(Store &store, SessionRegistry &registry, DeviceDirectory &directory);

    void handleList(Session *session, const protocol::DevicesGet &request);
    void handleRename(Session *session, const protocol::DeviceRename &request);
    void handleRevoke(Session *session, const protocol::DeviceRevoke &request);

    /** The server revoked @p devices of @p accountId itself (a login that started over with
     *  the account): senders must leave them out, their connections close with @p reason. */
    void devicesRemoved(qint64 accountId, const QList<qint64> &devices, const QString &reason);

    /** The account's device list changed (a device added, renamed or removed): every live
     *  connection of the account gets it as an unsolicited `devices` (r = 0). */
    void listChanged(qint64 accountId);

    /** An authenticated connection of a device opened or closed: its last seen time. */
    void sessionSeen(Session *session);

private:
    /** The account's devices as `devices` lists them; empty if the store cannot be read. */
    protocol::DeviceList listOf(qint64 accountId, quint32 requestId);

    Store &m_store;
    SessionRegistry &m_registry;
    DeviceDirectory &m_directory;
};

} // namespace linnet::server
