// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/RateLimiter.h"
#include "ServerConfig.h"
#include "protocol/Frames.h"

#include <functional>

namespace linnet::server {

class DeviceDirectory;
class Session;
class SessionRegistry;
class Store;

/**
 * End-to-end key distribution: devices upload their public keys (keys_upload),
 * others fetch device lists and claim prekey bundles (keys_get). Each one-time
 * prekey is handed out once; a device whose pool runs low is told while online.
 * One-time prekeys are budgeted per requesting account and per target account
 * (in memory, in this process: a restart refills every budget), across
 * connections; past a budget a bundle comes with the signed prekey only.
 */
class KeysController {
public:
    KeysController(Store &store, SessionRegistry &registry, DeviceDirectory &directory,
                   const ServerConfig &config);

    void handleUpload(Session *session, const protocol::KeysUpload &upload);
    void handleRequest(Session *session, const protocol::KeysRequest &request);
    /** Called when an upload changed a device's identity key or certificate: the device
     *  list shows both (DeviceController::listChanged). */
    void setDeviceKeysChangedCallback(std::function<void(qint64 accountId)> cb)
    {
        m_onDeviceKeysChanged = std::move(cb);
    }

private:
    /** The identity key and certificate stored for @p deviceId (empty: none). */
    QPair<QByteArray, QByteArray> storedIdentity(qint64 accountId, qint64 deviceId);

    std::optional<protocol::PreKeyPublic> claim(Session *session, qint64 targetAccount,
                                                qint64 deviceId, qint64 now);

    Store &m_store;
    SessionRegistry &m_registry;
    DeviceDirectory &m_directory;
    RateLimiter m_preKeysTakenBy;   ///< one-time prekeys handed to an account, by its id
    RateLimiter m_preKeysTakenFrom; ///< one-time prekeys handed out of an account, by its id
    std::function<void(qint64)> m_onDeviceKeysChanged;
};

} // namespace linnet::server
