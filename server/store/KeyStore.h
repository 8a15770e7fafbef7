// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"
#include "protocol/Result.h"

#include <QList>

#include <optional>

namespace linnet::server {

/** The public keys one device uploaded (no one-time prekey). */
struct DeviceKeysRecord {
    qint64 deviceId = 0;
    qint64 accountId = 0;
    quint32 registrationId = 0;
    QByteArray identity;
    quint32 signedPreKeyId = 0;
    QByteArray signedPreKey;
    QByteArray signature;
    bool operator==(const DeviceKeysRecord &) const = default;
};

/**
 * Public end-to-end keys of devices: what the server hands out so that others
 * can start sessions. Same threading and failure rules as Store.
 */
class KeyStore {
public:
    virtual ~KeyStore() = default;

    /**
     * Stores a device's keys in one transaction: identity, registration id and
     * signed prekey replace the previous ones (a different identity also drops
     * every one-time prekey of the old one); new one-time prekeys join the pool
     * (an id the device already has, or had handed out, is ignored). InvalidField, with nothing
     * stored, if the pool would exceed kMaxPreKeysStored. Returns the pool size.
     */
    virtual protocol::Result<quint64> storeKeys(qint64 accountId, qint64 deviceId,
                                                const protocol::KeysUpload &keys, qint64 now) = 0;
    /** Keys of every device of the account that has uploaded some, by device id. */
    virtual QList<DeviceKeysRecord> keysOfAccount(qint64 accountId) = 0;
    /** Removes and returns one one-time prekey of the device (nullopt: pool empty), and
     *  remembers its id so that an upload of it again is ignored. */
    virtual protocol::Result<std::optional<protocol::PreKeyPublic>> claimPreKey(qint64 deviceId,
                                                                                qint64 now) = 0;
    virtual quint64 preKeyCount(qint64 deviceId) = 0;
};

} // namespace linnet::server
