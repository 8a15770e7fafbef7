// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

namespace linnet::server {

class DeviceDirectory;
class Session;
class SessionRegistry;
class Store;

/**
 * End-to-end key distribution: devices upload their public keys (keys_upload),
 * others fetch device lists and claim prekey bundles (keys_get). Each one-time
 * prekey is handed out once; a device whose pool runs low is told while online.
 */
class KeysController {
public:
    KeysController(Store &store, SessionRegistry &registry, DeviceDirectory &directory);

    void handleUpload(Session *session, const protocol::KeysUpload &upload);
    void handleRequest(Session *session, const protocol::KeysRequest &request);

private:
    std::optional<protocol::PreKeyPublic> claim(Session *session, qint64 deviceId);

    Store &m_store;
    SessionRegistry &m_registry;
    DeviceDirectory &m_directory;
};

} // namespace linnet::server
