// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "e2e/E2eSessions.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace linnet::client {

class OwnKeys;

/**
 * The key traffic of one connection: keeps this device's public keys on the
 * server current (keys_upload, one at a time, topped up when the pool runs
 * low) and fetches other devices' keys (keys_get, one request per user in
 * flight).
 */
class KeySync {
public:
    using Send = std::function<bool(const protocol::Frame &)>;
    using NextRequestId = std::function<quint32()>;

    KeySync(OwnKeys &keys, E2eSessions &sessions, Send send, NextRequestId nextRequestId);

    /** A new connection: nothing is in flight any more. */
    void reset();
    /** Uploads identity, signed prekey and any one-time prekeys the server lacks. */
    void upload(quint64 serverPreKeys, qint64 now);
    /** Returns true if this answered one of our uploads (the keys are published). */
    bool onPreKeyCount(const protocol::PreKeyCount &count, qint64 now);
    void request(const protocol::KeysRequest &request);
    /** Applies a reply; returns what changed (E2eSessions::applyKeys). */
    E2eSessions::KeysChange onKeys(const protocol::KeysReply &reply, qint64 now);
    /** The user of a failed keys_get with this request id (forgotten), if it was one. */
    std::optional<QString> takeFailed(quint32 requestId);

private:
    OwnKeys &m_keys;
    E2eSessions &m_sessions;
    Send m_send;
    NextRequestId m_nextRequestId;
    QHash<QString, quint32> m_requests;             ///< user -> keys_get in flight
    QHash<quint32, protocol::KeysUpload> m_uploads; ///< keys_upload in flight
};

} // namespace linnet::client
