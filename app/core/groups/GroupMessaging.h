// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "groups/SenderKeyStore.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace linnet::client {

class CryptoStore;
class E2eSessions;
class LocalGroupStore;
class LocalStore;

/**
 * The sender-key side of group messages (docs/crypto.md, "Sender keys in the
 * engine"): before a group message goes out, makes sure every device of every
 * member has this device's current sender key (pairwise envelopes in
 * group_keys, waiting for the server's ok), then encrypts the message once;
 * opens received sender keys and group messages; rotates after a member leaves
 * or is removed. Plans and encrypts; the frames go out through @p send.
 */
class GroupMessaging {
public:
    using Send = std::function<bool(const protocol::Frame &)>;
    using NextRequestId = std::function<quint32()>;
    using RequestKeys = std::function<void(const protocol::KeysRequest &)>;

    GroupMessaging(LocalStore &store, CryptoStore &crypto, E2eSessions &e2e,
                   LocalGroupStore &groups, Send send, NextRequestId nextRequestId,
                   RequestKeys requestKeys);

    void setSelf(const QString &username, qint64 deviceId);
    /** A new connection: group_keys in flight are forgotten (they are sent again). */
    void reset();

    /** How long a group's device lists are trusted while connected before they are fetched
     *  again (they are always fetched once per connection). */
    static constexpr qint64 kDeviceRefreshMs = 15 * 60 * 1000;

    enum class Outcome { Sent, Waiting, Failed, Offline };
    struct Prepared {
        Outcome outcome = Outcome::Waiting;
        QString error; ///< for Failed
    };
    /** Distributes the sender key where needed, or encrypts and sends @p item (a group's
     *  outbox entry). Waiting while keys are fetched or group_keys await their ok. */
    Prepared send(const OutboxItem &item, quint32 requestId);

    /** LAN fallback (docs/protocol.md 12.5): what goes over a peer link for @p item. */
    struct LanCopy {
        QByteArray body;         ///< the message, encrypted once with the current sender key
        QByteArray distribution; ///< the pairwise payload of that key (for devices without it)
        QSet<QPair<QString, qint64>> holders; ///< devices the server confirmed hold the key
    };
    /** Encrypts @p item with this device's current sender key (made if there is none),
     *  advancing and storing the chain; nullopt if that cannot be done now. */
    std::optional<LanCopy> encryptForLan(const OutboxItem &item);

    /** True if @p ok answered one of our group_keys (the devices now hold the key). */
    bool onOk(const protocol::Ok &ok);
    /** A group_keys failed: the group it was for if it was one of ours (nothing is
     *  recorded; the next attempt sends the key again), else nullopt. */
    std::optional<qint64> onError(const protocol::ErrorFrame &error);

    /** What became of a sender_key entry. */
    struct KeyReceipt {
        bool kept = false;            ///< the key is stored; false (logged) if refused or unusable
        bool identityChanged = false; ///< it came from a device of the sender not seen before
        /** Why an acceptable key could not be stored (a full disk): the entry must come
         *  again, so it is not acknowledged. Empty otherwise. */
        QString storeError;
        explicit operator bool() const { return kept; }
    };
    /**
     * Opens a sender_key entry and keeps the key. Taken only from a current member of the
     * group (by this device's member list) and only if E2eSessions accepts the sender
     * device's identity on this path (a known device with a new identity is refused).
     */
    KeyReceipt onSenderKey(const protocol::SenderKeyCopy &copy, qint64 now);

    struct Opened {
        bool ok = false;
        QByteArray plaintext;
        QString error;
        /** Stores the advanced key state (set by open() when ok): run it in the transaction
         *  that stores the message, so a message not stored leaves its key unused. */
        std::function<bool()> save;
    };
    /** Decrypts a group message with the sender device's keys; Opened::save stores the
     *  advanced state. */
    Opened open(const protocol::Deliver &deliver, qint64 now);
    /** The same without storing anything (diagnosis, tests): does this device's state open it? */
    Opened tryOpen(qint64 group, const QString &from, qint64 fromDevice, const QByteArray &body);

    /** Someone left or was removed: the next message uses a new key, sent to the rest only. */
    void rotate(qint64 group);

    /** Associated data of a group message: u64 BE group | u64 BE sender device | u8 length |
     *  sender username (UTF-8). */
    static QByteArray associatedData(qint64 group, qint64 senderDevice, const QString &sender);
    /** What a pairwise envelope of a sender key holds: u8 version 1 | u64 BE group |
     *  SenderKeyDistribution::encode(). */
    static QByteArray distributionPayload(qint64 group, const crypto::SenderKeyDistribution &d);

private:
    struct PendingKeys {
        qint64 group = 0;
        quint32 keyId = 0;
        QList<QPair<QString, qint64>> devices;
    };
    bool waitingForKeys(qint64 group) const;
    /** This device's current sender key for @p group, made and stored if there is none. */
    std::optional<crypto::OwnSenderKey> currentKey(qint64 group, qint64 now);
    /** Encrypts @p plaintext with @p own and stores the advanced chain first. */
    std::optional<QByteArray> encryptWith(crypto::OwnSenderKey &own, qint64 group,
                                          const QByteArray &plaintext, qint64 now);

    E2eSessions &m_e2e;
    LocalGroupStore &m_groups;
    SenderKeyStore m_keys;
    Send m_send;
    NextRequestId m_nextRequestId;
    RequestKeys m_requestKeys;
    QString m_self;
    qint64 m_selfDevice = 0;
    QHash<quint32, PendingKeys> m_pending; ///< group_keys request id -> what it carries
    /** When the members' device lists were last asked for, per group: a member's new device
     *  that never wrote is otherwise only seen on the next connection. */
    QHash<qint64, qint64> m_devicesCheckedAt;
};

} // namespace linnet::client
