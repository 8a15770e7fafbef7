// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "groups/GroupMessaging.h"
#include "groups/LocalGroupStore.h"
#include "groups/GroupTypes.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace linnet::client {

class CryptoStore;
class E2eSessions;
class LocalStore;

/**
 * Group chats in the client engine: creating groups and changing their
 * membership (group_create / group_update / group_get), the membership events
 * kept as system messages in the group's conversation, incoming group messages
 * and sender keys (through GroupMessaging), and per-member receipts. ChatClient
 * owns it, hands it the group frames and exposes it as ChatClient::groups().
 * Everything happens on the thread of the ChatClient.
 */
class GroupClient : public QObject {
    Q_OBJECT
public:
    /** What the controller needs from the ChatClient that owns it. */
    struct Hooks {
        std::function<bool(const protocol::Frame &)> send;
        std::function<quint32()> nextRequestId;
        std::function<void(quint64)> queueAck;
        std::function<void(const protocol::KeysRequest &)> requestKeys;
        std::function<void()> flushOutbox; ///< something a queued message waited for changed
        std::function<void()> retryLater;  ///< try the outbox again after a pause
    };

    GroupClient(LocalStore &store, CryptoStore &crypto, E2eSessions &e2e, Hooks hooks,
                QObject *parent = nullptr);

    // --- changes (online only; each returns the request id, 0 if it was not sent) -----------
    /** A new group with this user as its admin and @p members (usernames) as the others.
     *  requestFinished(id, key) or requestFailed(id, code, reason) follows. */
    quint32 createGroup(const QString &name, const QStringList &members);
    quint32 addMember(const QString &key, const QString &user);
    quint32 removeMember(const QString &key, const QString &user);
    quint32 leave(const QString &key);
    quint32 rename(const QString &key, const QString &name);
    /** Makes @p user an admin (@p admin true) or takes that back. */
    quint32 setAdmin(const QString &key, const QString &user, bool admin);
    /** Asks the server for the current name and members. */
    quint32 refresh(const QString &key);

    // --- state ---------------------------------------------------------------------------
    std::optional<Group> group(const QString &key);
    /** Every group this profile knows (also those it left), by name. */
    QList<Group> groups();
    /** Keys of the groups called @p name (names need not be unique). */
    QStringList keysNamed(const QString &name);
    /** The details of a system message of kind GroupEvent. */
    std::optional<GroupEventRecord> event(const protocol::MessageId &id);
    /** Who received and who read an own group message (the members as of sending). */
    QList<MemberReceipt> receipts(const protocol::MessageId &id);
    /** Whether this device's sender-key state opens @p body (a group message of @p from's
     *  device), without changing that state: for diagnosis and tests. */
    GroupMessaging::Opened tryOpen(qint64 group, const QString &from, qint64 fromDevice,
                                   const QByteArray &body);
    /** English wording of an event (the UI words it itself, in the user's language). */
    static QString describe(const GroupEventRecord &event);

    // --- for ChatClient -----------------------------------------------------------------------
    void setSelf(const QString &username, qint64 deviceId);
    /** The connection changed (new one, or lost): requests in flight are over. */
    void connectionReset();
    /** Handles a group frame (GroupInfo, GroupEvent, SenderKeyCopy, a group Deliver or
     *  Receipt, an Ok or ErrorFrame for our requests). False if it is not ours. */
    bool handle(const protocol::Frame &frame);
    /** Sends a group's outbox entry (see GroupMessaging::send). */
    GroupMessaging::Prepared send(const OutboxItem &item, quint32 requestId);
    /** LAN fallback: @p item encrypted once with the current sender key, for peer links. */
    std::optional<GroupMessaging::LanCopy> encryptForLan(const OutboxItem &item)
    {
        return m_messaging.encryptForLan(item);
    }
    /** The inbox drain after connecting is over: re-read every group this user is in, so
     *  that no missed or reordered change leaves the member list behind. */
    void onSynced();
    /** A device of @p user went away (revoked, or no longer listed): every group this
     *  account shares with @p user uses a new sender key for what follows, sent to the
     *  devices listed then (devlist, issue 27). */
    void rotateGroupsWith(const QString &user);
    /** The server acked an own group message: record its recipients. */
    void onAcked(const protocol::MessageId &id, const QString &key);

Q_SIGNALS:
    void requestFinished(quint32 requestId, const QString &key);
    void requestFailed(quint32 requestId, linnet::protocol::ErrorCode code, const QString &reason);
    /** Name, members or admins of a group changed, or this user joined or left it. */
    void groupChanged(const QString &key);
    void messageAdded(const linnet::client::ChatMessage &message);
    void messageStateChanged(const linnet::protocol::MessageId &id, const QString &conversation,
                             linnet::client::DeliveryState state);
    void conversationChanged(const QString &key);
    /** A message stored without seq (it came over the LAN) took the server's seq. */
    void messageMoved(const linnet::protocol::MessageId &id);
    /** Per-member receipts of an own message changed (for an open "message info" view). */
    void receiptsChanged(const protocol::MessageId &id);
    void errorOccurred(linnet::protocol::ErrorCode code, const QString &reason,
                       const linnet::protocol::MessageId &id);
    /** A sender key came from a device of @p user not seen before (its security code changed). */
    void identityChanged(const QString &user);
    /** Group message @p id could not be stored locally (not acknowledged: it comes again). */
    void storeFailed(const linnet::protocol::MessageId &id, const QString &reason);
    /** A group message was stored. */
    void stored();

private:
    struct Request {
        qint64 group = 0;
        protocol::GroupOp op = protocol::GroupOp::Create;
        bool get = false;
        quint64 seqAtRequest = 0; ///< the group's newest stored event seq when asked
    };
    quint32 update(const QString &key, protocol::GroupOp op, const QString &user,
                   const QString &name);
    quint32 sendRequest(const protocol::Frame &frame, Request request);
    quint64 newestSeq(qint64 group);
    void onGroupInfo(const protocol::GroupInfo &info);
    void onEvent(const protocol::GroupEvent &event);
    void onSenderKey(const protocol::SenderKeyCopy &copy);
    void takeSenderKey(const protocol::SenderKeyCopy &copy);
    /** A group_get for @p group is on its way (its member list may be about to change). */
    bool refreshPending(qint64 group) const;
    /** Handles, in order, the frames of @p group held while its members were unknown. */
    void releaseHeld(qint64 group);
    void onDeliver(const protocol::Deliver &deliver);
    void onReceipt(const protocol::Receipt &receipt);
    bool onError(const protocol::ErrorFrame &error);
    /** A group this device has not heard of: create it and ask for its members. */
    void learnGroup(qint64 group, const QString &name);
    void updateStates(const QList<protocol::MessageId> &ids);
    void noLongerMember(qint64 group);

    LocalStore &m_store;
    LocalGroupStore m_groups;
    GroupMessaging m_messaging;
    Hooks m_hooks;
    QString m_self;
    QHash<quint32, Request> m_requests;
    /** Sender keys from someone the group's member list does not name yet, while that list
     *  is being fetched, and the group's messages after them (unacked: a new connection
     *  brings them again). */
    QHash<qint64, QList<protocol::Frame>> m_held;
};

} // namespace linnet::client
