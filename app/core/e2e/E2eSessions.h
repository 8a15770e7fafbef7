// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace linnet::client {

class CryptoStore;
class OwnKeys;

/**
 * Pairwise end-to-end sessions with every device of every peer (and with this
 * account's other devices): decides which keys must be fetched before a
 * message can go out, encrypts one copy per device, decrypts what arrives,
 * and notices identity changes. Plans only; ChatClient sends the frames.
 */
class E2eSessions {
public:
    E2eSessions(CryptoStore &store, OwnKeys &keys);

    void setSelf(const QString &username, qint64 deviceId);

    /** Either the copies of a message, or keys requests to make first, or an error. */
    struct Plan {
        QList<protocol::DeviceCopy> copies;
        QList<protocol::KeysRequest> requests; ///< request ids left 0
        QString error;                         ///< the message cannot be sent to this peer
        bool temporary = false; ///< the error may go away (the peer has no keys yet): retry
        bool ready() const { return requests.isEmpty() && error.isEmpty(); }
    };
    Plan encryptFor(const QString &peer, const QByteArray &plaintext, qint64 now);

    /** A device that one copy of a plan is for. */
    using Target = QPair<QString, qint64>;
    /**
     * For group key distribution: one copy of @p plaintext for each device of @p users
     * (this device never) that @p wanted accepts. Every user's device list is fetched once
     * per connection first, so new devices are seen. A device no session can be started
     * with is left out (logged), so one broken device does not block a group. @p targets
     * receives the (user, device) of each copy, in the order of plan.copies.
     */
    Plan encryptForDevices(const QStringList &users, const QByteArray &plaintext, qint64 now,
                           const std::function<bool(const QString &, qint64)> &wanted,
                           QList<Target> &targets);

    /**
     * For the LAN fallback, with no server to ask: one copy of @p plaintext for each of
     * @p devices that already has a session, in that order (the others are left out);
     * nothing is fetched or claimed. Each advanced ratchet is stored before its copy is
     * returned, as in encryptFor.
     */
    QList<QPair<Target, QByteArray>> encryptWithSessions(const QList<Target> &devices,
                                                         const QByteArray &plaintext, qint64 now);

    /** What applying a keys reply found. */
    struct KeysChange {
        QString user;
        /** The user's account identity key changed (or was first pinned over devices known
         *  from before account keys): the safety number changed. */
        bool securityCodeChanged = false;
        /** Devices listed without a valid certificate under the pinned account key that were
         *  not known as such before: never encrypted to; the user should hear about them. */
        QList<qint64> unapproved;
        /** Approved devices listed before and not any more (revoked): group sender keys
         *  shared with the user must rotate. */
        QList<qint64> removed;
        /** Devices approved now that were not before, with their names, when the user's
         *  devices were known before (not a first fetch): "ana linked a new device". */
        QList<QPair<qint64, QString>> added;
    };
    /**
     * Applies a keys reply: pins the user's account key on first sight (a later change is
     * reported, never taken silently), marks each device approved if its certificate
     * verifies under that key, and starts sessions with claimed approved devices only.
     */
    KeysChange applyKeys(const protocol::KeysReply &reply, qint64 now);

    /** The server said the devices of @p user changed: refetch them before the next send. */
    void markStale(const QString &user);
    /** Forgets what this connection fetched (a reconnect may have missed changes). */
    void resetFreshness();

    struct Incoming {
        bool ok = false;
        QByteArray plaintext;
        QString error; ///< why it could not be decrypted (or was refused)
        /** Unused since account keys (issue 27): a new device or device key is judged by the
         *  device list's certificates (applyKeys), not by the envelope. Always false. */
        bool identityChanged = false;
        /** Stores what the decryption advanced (the ratchet, a used one-time prekey, a
         *  device first met); set when ok. decrypt() has run it already; decryptUnsaved()
         *  leaves it to the caller, to run in the transaction that stores the message: a
         *  message that cannot be stored then leaves its key unused, and its next copy
         *  still opens (a full disk loses nothing). */
        std::function<bool()> save;
    };
    /** What carried the envelope: the trust rules differ (see decrypt). */
    enum class Path {
        Direct,    ///< a one-to-one message (or a copy of an own one)
        SenderKey, ///< a group's sender_key copy
    };
    /**
     * Decrypts an envelope from a device and decides whether to trust the identity it
     * shows; the one place where that is decided for envelopes. A device known to be
     * unapproved (listed, its certificate did not verify) is refused. A new device, or a
     * known one with another identity, is read on the Direct path and stored as not
     * approved until its list is fetched (applyKeys decides); on the SenderKey path a known
     * device with another identity is refused: nothing is stored (session, device list,
     * prekeys).
     */
    Incoming decrypt(const QString &from, qint64 fromDevice, const QByteArray &envelope, qint64 now,
                     Path path = Path::Direct);
    /** decrypt() without storing anything: the caller runs Incoming::save. */
    Incoming decryptUnsaved(const QString &from, qint64 fromDevice, const QByteArray &envelope,
                            qint64 now, Path path = Path::Direct);

    /** 60 digits over both users' account identity keys (crypto::accountSafetyNumber);
     *  empty while either is unknown. */
    QString safetyNumber(const QString &peer);

private:
    /** The device list of @p user must be fetched before encrypting for it. */
    bool mustFetch(const QString &user);
    QList<qint64> targets(const QString &peer);
    /** The key @p user's devices must be certified by; pins or re-pins it (see applyKeys). */
    QByteArray trustedAccountKey(const QString &user, const QByteArray &listed, bool knewDevices,
                                 qint64 now, KeysChange &change);

    CryptoStore &m_store;
    OwnKeys &m_keys;
    QString m_self;
    qint64 m_selfDevice = 0;
    QSet<QString> m_stale;                  ///< device list must be fetched before sending
    QSet<QString> m_fetched;                ///< device list fetched on this connection
    QSet<QPair<QString, qint64>> m_claimed; ///< bundles requested on this connection
};

} // namespace linnet::client
