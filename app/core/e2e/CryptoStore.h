// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Keys.h"
#include "crypto/SessionCipher.h"
#include "protocol/Frames.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace linnet::client {

class LocalStore;

/** A device of a user (or of this account) as the server listed it. */
struct PeerDevice {
    QString peer;
    qint64 device = 0;
    quint32 registrationId = 0;
    QByteArray identity; ///< Ed25519 public key
    qint64 firstSeen = 0;
    /** Certified by the user's pinned account key when last listed: only such devices are
     *  encrypted to. */
    bool approved = false;
    bool operator==(const PeerDevice &) const = default;
};

/**
 * The end-to-end state of a profile in its LocalStore (schema step 3): device
 * lists, ratchet sessions, this device's private prekeys, verified safety
 * numbers. Secrets are sealed with the state key (see setStateKey) and bound to
 * their row, so a row copied elsewhere does not open. Unreadable rows read as
 * absent. Same threading rules as LocalStore.
 */
class CryptoStore {
public:
    explicit CryptoStore(LocalStore &store) : m_store(store) {}

    /** The 32-byte key from the SecretStore that seals every secret column. */
    void setStateKey(const QByteArray &key) { m_stateKey = key; }

    // --- device lists ------------------------------------------------------------
    QList<PeerDevice> devices(const QString &peer);
    std::optional<PeerDevice> device(const QString &peer, qint64 device);
    /** Every device of every user (LAN fallback's known devices), by user and device. */
    QList<PeerDevice> allDevices();
    /** Replaces the list of @p peer (sessions of devices no longer listed are dropped). */
    bool replaceDevices(const QString &peer, const QList<PeerDevice> &devices);
    bool upsertDevice(const PeerDevice &device);

    // --- pinned account identity keys ---------------------------------------------------
    /** The account identity key pinned for @p peer (empty: none yet). */
    QByteArray accountKey(const QString &peer);
    bool pinAccountKey(const QString &peer, const QByteArray &key, qint64 now);

    // --- sessions -------------------------------------------------------------------
    std::optional<crypto::SessionRecord> session(const QString &peer, qint64 device);
    bool saveSession(const QString &peer, qint64 device, const crypto::SessionRecord &record,
                     qint64 now);
    bool deleteSession(const QString &peer, qint64 device);

    // --- this device's prekeys ---------------------------------------------------------
    bool saveSignedPreKey(const crypto::SignedPreKey &key);
    std::optional<crypto::SignedPreKey> latestSignedPreKey();
    /** Whether any signed prekey is stored, readable or not. */
    bool hasSignedPreKeys();
    std::optional<crypto::KeyPair> signedPreKey(quint32 id);
    /** Deletes signed prekeys created before @p cutoff, except the latest. */
    void pruneSignedPreKeys(qint64 cutoff);
    bool saveOneTimePreKeys(const QList<crypto::OneTimePreKey> &keys);
    std::optional<crypto::KeyPair> oneTimePreKey(quint32 id);
    bool deleteOneTimePreKey(quint32 id);
    /** One-time prekeys the server has not confirmed yet, lowest id first. */
    QList<protocol::PreKeyPublic> unuploadedPreKeys();
    void markUploaded(const QList<protocol::PreKeyPublic> &keys);
    quint32 highestPreKeyId();

    /** Forgets every session, prekey and device list (a new identity starts over). */
    bool clearAll();

    // --- verification ---------------------------------------------------------------------
    std::optional<QString> verifiedSafetyNumber(const QString &peer);
    bool setVerified(const QString &peer, const QString &safetyNumber, qint64 now);
    bool clearVerified(const QString &peer);
    /** Messages to @p peer wait: the security code of a verified contact changed and the
     *  user has not accepted the new one yet. Kept across restarts. */
    bool isHeld(const QString &peer);
    void setHeld(const QString &peer, bool held);

    /** SQLite's words for the last failure (LocalStore::lastError). */
    QString lastError() const;

    // --- sealing, shared with the other stores of secrets (SenderKeyStore) ------------------
    /** @p plain sealed with the state key and bound to @p where (a row's identity). */
    QByteArray seal(const QByteArray &plain, const QString &where) const;
    /** The plaintext, or nullopt (no state key, wrong key, moved or damaged value). */
    std::optional<QByteArray> open(const QByteArray &sealed, const QString &where) const;

private:
    LocalStore &m_store;
    QByteArray m_stateKey;
};

} // namespace linnet::client
