// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Keys.h"
#include "crypto/SessionCipher.h"
#include "protocol/Frames.h"
#include "protocol/Result.h"

#include <optional>

namespace linnet::client {

class CryptoStore;
class SecretStore;

/**
 * This device's own end-to-end keys: the identity key and the state key live
 * in the SecretStore (keychain or passphrase file), the prekeys' private halves
 * in the CryptoStore. Builds the keys_upload that keeps the server's copy of
 * the public halves current: the signed prekey is rotated weekly, and the
 * one-time prekey pool is topped up when it runs low.
 */
class OwnKeys {
public:
    static constexpr qint64 kSignedPreKeyRotationMs = 7LL * 24 * 3600 * 1000;
    /** Old signed prekeys are kept this long for sessions started with them meanwhile. */
    static constexpr qint64 kSignedPreKeyGraceMs = 30LL * 24 * 3600 * 1000;
    /** One-time prekeys generated when the server's pool is low. */
    static constexpr int kPreKeyBatch = 100;

    OwnKeys(SecretStore &secrets, CryptoStore &store);

    /** The SecretStore entry that holds this device's copy of the account identity key. */
    static QString accountKeySecret();
    /**
     * Copies the account identity key @p from holds into @p to: what linking hands a new
     * device (docs/crypto.md, "Linking"). False if @p from has none or a write fails.
     */
    static bool copyAccountKey(SecretStore &from, SecretStore &to);
    /**
     * Signs @p login with the account key in @p secrets, if it holds one: the server then
     * lets a password login add a device to an account that has a key (docs/crypto.md).
     */
    static void proveLogin(SecretStore &secrets, protocol::LoginRequest &login, qint64 now);
    /** Forgets this device's copy of the account key (starting over with the account: the
     *  server dropped it, and onServerAccountKey makes a new one). */
    protocol::Status forgetAccountKey();

    /**
     * Loads the identity and the state key, creating both (and forgetting every
     * session and prekey) when either is missing: a device without its keys
     * starts over with a new identity that its contacts are told about.
     * Returns true if a new identity was created.
     */
    protocol::Result<bool> load(qint64 now);
    bool isLoaded() const { return m_identity.has_value(); }

    const crypto::IdentityKeyPair &identity() const { return *m_identity; }

    /** Where this device stands towards its account's identity key (docs/crypto.md). */
    enum class AccountStatus {
        Unknown,    ///< not told yet what the server holds
        Approved,   ///< holds the account key the server holds: its uploads carry a certificate
        Unapproved, ///< the account has a key this device does not hold: link it first
        Conflict,   ///< holds an account key other than the server's (started over elsewhere?)
    };
    /** Who this device is; the certificate names both. */
    void setDevice(const QString &username, qint64 deviceId);
    /**
     * What auth_ok said the account's identity key is (empty: none yet). A device
     * without an account key makes one when the account has none (the first device, or
     * the first one upgraded of an existing account) and keeps it in the SecretStore.
     */
    protocol::Result<AccountStatus> onServerAccountKey(const QByteArray &serverKey);
    AccountStatus accountStatus() const { return m_accountStatus; }
    /** This device's copy of the account identity key's public half; empty if it has none. */
    QByteArray accountPublicKey() const;
    /** This device's copy of the account identity key (to approve a new device); nullopt
     *  if it holds none. */
    std::optional<crypto::IdentityKeyPair> accountKeyPair() const { return m_account; }
    /** Keeps @p account, which linking handed this device, as its account key. */
    protocol::Status adoptAccountKey(const crypto::IdentityKeyPair &account);
    quint32 registrationId() const { return m_registrationId; }

    /**
     * The keys_upload to send after connecting or when the server reports
     * @p serverPreKeys left: current identity and signed prekey (rotated if due),
     * plus every one-time prekey not yet confirmed (new ones generated if needed).
     */
    protocol::KeysUpload buildUpload(quint32 requestId, quint64 serverPreKeys, qint64 now);
    /** The server stored @p upload (its PreKeyCount arrived). */
    void confirmUpload(const protocol::KeysUpload &upload);

    /** Private keys for decrypting (the callbacks read the CryptoStore). */
    crypto::LocalIdentity localIdentity();

private:
    SecretStore &m_secrets;
    CryptoStore &m_store;
    std::optional<crypto::IdentityKeyPair> m_identity;
    std::optional<crypto::IdentityKeyPair> m_account;
    AccountStatus m_accountStatus = AccountStatus::Unknown;
    QString m_username;
    qint64 m_deviceId = 0;
    quint32 m_registrationId = 0;
};

} // namespace linnet::client
