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
    QByteArray deviceSignature; ///< the account key's certificate of this device; may be empty
    bool accountHasKey = false; ///< the account has an account identity key
    /** Whether a send must carry a copy for this device: a certified device, or any device
     *  of an account that has no account key yet (docs/protocol.md, keys_upload). */
    bool routable() const { return !deviceSignature.isEmpty() || !accountHasKey; }
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
     * An upload with an account key sets the account's key if it has none and stores the
     * device certificate; InvalidField (nothing stored) if the account has another key. An
     * upload without one keeps the stored certificate while the identity stays the same.
     * The caller has checked the certificate.
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
    /** The account identity key of the account (empty: none yet). */
    virtual QByteArray accountKey(qint64 accountId) = 0;
    /** Forgets the account identity key of the account (starting over with it, issue 27):
     *  the next upload with an account key sets a new one. */
    virtual protocol::Status clearAccountKey(qint64 accountId) = 0;
};

} // namespace linnet::server
