// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "store/ContactStore.h"
#include "devices/DeviceListController.h"
#include "devices/LinkApprover.h"
#include "devices/NewDeviceLink.h"
#include "e2e/CryptoStore.h"
#include "e2e/E2eSessions.h"
#include "groups/GroupClient.h"
#include "history/HistoryTransfer.h"
#include "e2e/KeySync.h"
#include "store/NoticeStore.h"
#include "e2e/OwnKeys.h"
#include "lan/LanFallback.h"
#include "media/MediaController.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxStore.h"
#include "presence/PresenceTracker.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace linnet::client {

class Connection;
class LocalStore;
class SecretStore;

/**
 * The client engine behind the desktop app, linnet-cli and the tests. It owns the
 * account (register, log in, authenticate, reconnect) and routes every frame from the
 * server to the part that handles it (onFrame: one std::visit, as Server::dispatch).
 * The parts: the Outbox decides what goes out when (a message is stored before it is
 * sent and resent with the same id until acked; ChatClient's sendItem encrypts it for
 * every device), the PresenceTracker keeps typing, presence and privacy, GroupClient
 * the groups, E2eSessions and KeySync the keys. ChatClient itself keeps the inbox drain
 * (store, then ack), receipts and identity changes. It owns no UI and no storage: the
 * LocalStore and SecretStore are passed in. Everything happens on the thread that owns it.
 */
class ChatClient : public QObject {
    Q_OBJECT
    using ErrorCode = protocol::ErrorCode;

public:
    struct Options {
        int initialBackoffMs = 500;
        int maxBackoffMs = 30000;
        int pingIntervalMs = 20000;
        int typingThrottleMs = 3000; ///< at most one "typing" frame per peer per interval
        int typingExpiryMs = 6000;   ///< a peer's typing shows for this long without updates
        QString deviceName = QStringLiteral("Linnet");
        /** Where sent copies and partial downloads live; empty: "media" beside the database. */
        QString mediaDirectory;
        /** Where incoming files are saved; empty: "files" beside the database. */
        QString downloadDirectory;
        /** Where files to send are copied into the profile; null: the global pool. */
        QThreadPool *mediaWorkers = nullptr;
        /** LAN fallback (docs/protocol.md 12). Off in the engine by default until the app
         *  and linnet-cli have its setting; on, it runs while the server is unreachable. */
        LanFallback::Options lan = LanFallback::Options::off();
    };

    ChatClient(LocalStore &store, SecretStore &secrets, Options options, QObject *parent = nullptr);
    ~ChatClient() override;

    // --- account ----------------------------------------------------------------
    /** Creates an account on @p server; accountReady or accountFailed follows. With a
     *  @p pin (protocol::InviteLink), wss:// trusts exactly the certificate that has it,
     *  now and for as long as this profile keeps the account (net/ServerPin). */
    void registerAccount(const QUrl &server, const QString &username, const QString &password,
                         const QString &invite = {}, const QByteArray &pin = {});
    /** How a password login adds this device (docs/crypto.md, "Starting over"). */
    enum class LoginMode {
        /** A new device of the account: refused (LinkRequired) once the account has an
         *  account key, unless this profile holds that key. */
        AddDevice,
        /** Start over with the account: the server removes all its devices and its account
         *  key, this device makes a new key, and every peer sees a new security code. */
        StartOver,
    };
    /**
     * Logs in as a new device; accountReady or accountFailed follows. @p pin: as above.
     * Refused (LinkRequired) once the account has an account key, unless this profile
     * holds that key (docs/crypto.md, "Linking") or @p mode is StartOver.
     */
    void login(const QUrl &server, const QString &username, const QString &password,
               const QByteArray &pin = {}, LoginMode mode = LoginMode::AddDevice);
    /**
     * Joins @p username's account as a new device, approved from one of its devices
     * (docs/crypto.md, "Linking"): linkCodeReady gives the code to show once the server
     * filed the request, then accountReady once a device approved it (this device then
     * holds the account key), or accountFailed (424 when the code expired unapproved).
     * @p deviceName: as the account's device list shows it (empty: Options::deviceName).
     */
    void linkNewDevice(const QUrl &server, const QString &username, const QString &deviceName = {},
                       const QByteArray &pin = {});
    /** True if this profile has a server, a username and a device token. */
    bool hasAccount();
    QString username() const { return m_username; }
    /** This device's id on the server (0 before it has an account). */
    qint64 deviceId() const { return m_deviceId; }
    QUrl serverUrl() const { return m_server; }
    /** The pin of the server's certificate this profile trusts; empty: the system's CAs. */
    QByteArray serverPin() const { return m_serverPin; }

    /** Connects with the stored account and stays connected (reconnecting) until stop(). */
    void start();
    void stop();
    ConnectionState state() const { return m_state; }

    // --- messaging --------------------------------------------------------------
    /** Stores the message (queued) and sends it when online. @p peer is a username or a
     *  group's conversation key (groupKey()). Returns its id, or a null id if it could not
     *  even be stored locally, the group is not one this user is in or the text is longer
     *  than protocol::kMaxTextLength (see errorOccurred). */
    protocol::MessageId sendText(const QString &peer, const QString &text);
    /** Sends @p text as a reply to message @p replyTo of the same chat, quoting its author
     *  and first line (or its attachment's kind), as sendText otherwise. A null id (and
     *  errorOccurred) if @p replyTo is not a message of @p peer's chat. */
    protocol::MessageId sendReply(const QString &peer, const QString &text,
                                  const protocol::MessageId &replyTo);
    /** Reacts to message @p message with @p emoji, replacing this user's earlier reaction
     *  to it; an empty @p emoji takes it back. Sent like a message to the message's chat
     *  (actionAdded follows, not messageAdded). A null id (and errorOccurred) if the
     *  message is not stored here, cannot be reacted to, or @p emoji is not a reaction
     *  (protocol::isValidReaction). */
    protocol::MessageId react(const protocol::MessageId &message, const QString &emoji);
    /** Replaces the text of own message @p message with @p text on every device of its chat
     *  (shown as edited; no history kept). Sent like a message to the chat (actionAdded
     *  follows). A null id (and errorOccurred) if it is not an own message stored here,
     *  was deleted, @p text is empty, or protocol::kEditWindowMs has passed since it was
     *  written (receivers ignore a late edit too). */
    protocol::MessageId editMessage(const protocol::MessageId &message, const QString &text);
    /** Deletes own message @p message for everyone ("This message was deleted" on every
     *  device of its chat, this account's included). As editMessage, within
     *  protocol::kDeleteWindowMs. */
    protocol::MessageId deleteForEveryone(const protocol::MessageId &message);
    /** Forwards the text of message @p message to each of @p chats (usernames or group
     *  keys), shown there as "Forwarded"; the ids of the copies, in order. Nothing is sent
     *  (and errorOccurred says why) if it is not a message with text stored here, is
     *  deleted, carries an attachment (not forwarded yet) or @p chats is empty or names a
     *  group this user is not in. */
    QList<protocol::MessageId> forward(const protocol::MessageId &message,
                                       const QStringList &chats);
    /** Deletes a message (any author) and what acts on it from this profile only;
     *  messageRemoved follows. An own message not sent yet is taken back as by
     *  deleteMessage. False if it is unknown, an action or an own message on its way. */
    bool deleteForMe(const protocol::MessageId &message);
    /** Sends a failed own message again (same id); false if @p id is not a failed message. */
    bool retryMessage(const protocol::MessageId &id);
    /** Deletes an own message that never reached the server (failed or queued) from this
     *  profile; messageRemoved follows. False if it is unknown or already sent. */
    bool deleteMessage(const protocol::MessageId &id);
    /** Deletes a one-to-one chat and its history from this profile (conversationRemoved). */
    bool deleteConversation(const QString &key);
    /** Deletes a chat's messages from this profile, except own ones still waiting to go
     *  out; the chat stays (historyCleared). False if there is no such chat. */
    bool clearHistory(const QString &key);
    /** Why an own message is not sent yet (it failed, or waits to be tried again); empty
     *  when there is no known problem. Kept for this run of the engine. */
    QString sendProblem(const protocol::MessageId &id) const { return m_outbox.problem(id); }
    /** The user is looking at the conversation: clears unread and sends a read receipt
     *  (if enabled) for what is now read. */
    void markRead(const QString &conversation);
    /** Typing state of the local user towards @p peer, a username or a group key (throttled). */
    void setTyping(const QString &peer, bool typing) { m_presence.setTyping(peer, typing); }
    /** Users whose presence to follow (e.g. those with an open or listed conversation);
     *  replaces the previous list. Group keys and names that are no username are left out. */
    void watchPresence(const QStringList &peers) { m_presence.watch(peers); }
    /** What the next presence_sub names: the watched users and the open group's other
     *  members, each once, never a group, at most kMaxPresenceSubscriptions. */
    QStringList presenceSubscription() const { return m_presence.subscription(); }
    bool sendReadReceipts() const { return m_presence.sendReadReceipts(); }
    void setSendReadReceipts(bool enabled) { m_presence.setSendReadReceipts(enabled); }
    void setLastSeenVisibility(protocol::LastSeenVisibility visibility)
    {
        m_presence.setLastSeenVisibility(visibility);
    }

    // --- end-to-end encryption ----------------------------------------------------
    /** The safety number with @p peer (60 digits), empty while the peer's keys are unknown. */
    QString safetyNumber(const QString &peer);
    /** True if the user confirmed the current safety number with @p peer. */
    bool isVerified(const QString &peer);
    /** Marks the current safety number with @p peer as compared (or forgets that). */
    void setVerified(const QString &peer, bool verified);
    /** True while messages to @p peer wait because the security code of this verified
     *  contact changed: nothing is sent to them until acceptIdentityChange(). */
    bool isHeld(const QString &peer);
    /** The user accepts @p peer's new security code: the waiting messages go out (the
     *  contact is no longer verified until the user compares the code again). */
    void acceptIdentityChange(const QString &peer);

    /** Groups: create, change membership, state, events, per-member receipts. */
    GroupClient &groups() { return m_groups; }
    /** This account's devices: the list, rename, revoke (docs/protocol.md "Device list"). */
    DeviceListController &devices() { return *m_devices; }
    /** This device's fingerprint (crypto::deviceFingerprint of its identity key), as the
     *  device list and an approving device show it; empty before its keys exist. */
    QString deviceFingerprint() const;
    /** Approving a new device of this account with its link code (docs/crypto.md). */
    LinkApprover &linking() { return *m_linking; }
    /** Attachments: send a file, fetch, cancel, retry, progress (docs/protocol.md 10, 11). */
    MediaController &media() { return *m_media; }
    /** History transfer to a newly linked own device, and its import there (protocol.md 13). */
    HistoryTransfer &history() { return *m_history; }
    /** Follows the presence of the other members of group @p key (while it is open), beside
     *  the users given to watchPresence(). */
    void watchGroupPresence(const QString &key);

    LocalStore &store() { return m_store; }
    /** LAN fallback: on or off (protocol.md 12.1); off closes everything it opened. */
    void setLanEnabled(bool enabled);
    /** True while LAN fallback runs (the server is unreachable and it is enabled). */
    bool lanActive() const;
    /** The accounts with a device linked over the LAN now, sorted, each once. */
    QStringList lanPeers() const;
    /** True if a link is up to a device of @p peer (a username; for a group key, of a
     *  member other than this account). */
    bool lanReaches(const QString &peer);

    /** For tests: drop the TCP connection without a close handshake (reconnects). */
    void abortConnection();
    /** Bytes not yet handed to the network (a CLI waits for 0 before exiting). */
    qint64 pendingBytes() const;

Q_SIGNALS:
    void stateChanged(linnet::client::ConnectionState state);
    void accountReady(const QString &username);
    void accountFailed(linnet::protocol::ErrorCode code, const QString &reason);
    /** linkNewDevice: the server waits for a device of the account to approve @p code
     *  (also encoded in @p qrText, a linnet://link URL). */
    void linkCodeReady(const QString &code, const QString &qrText);
    /** A new message was stored (incoming, or own from this or another device). */
    void messageAdded(const linnet::client::ChatMessage &message);
    void messageStateChanged(const linnet::protocol::MessageId &id, const QString &conversation,
                             linnet::client::DeliveryState state);
    /** An own message met a problem (@p reason, for people): it failed (its state says so)
     *  or waits to be tried again. An empty reason: the problem is over (sent, retried). */
    void sendProblemChanged(const linnet::protocol::MessageId &id, const QString &conversation,
                            const QString &reason);
    /** An action on another message (a reaction) was stored, own or received: what
     *  @p action.target shows changed. Actions never come as messageAdded. */
    void actionAdded(const linnet::client::ChatMessage &action);
    /** A message was deleted from this profile (deleteMessage). */
    void messageRemoved(const linnet::protocol::MessageId &id, const QString &conversation);
    /** A chat was deleted from this profile (deleteConversation). */
    void conversationRemoved(const QString &key);
    /** A chat's history was deleted from this profile (clearHistory). */
    void historyCleared(const QString &key);
    /** A stored message moved to another seq (see LocalStore::moveToSeq). */
    void messageMoved(const linnet::protocol::MessageId &id);
    /** The server acked an own message (✓). */
    void messageSent(const linnet::protocol::MessageId &id, quint64 seq);
    void conversationChanged(const QString &key);
    void typingChanged(const QString &peer, bool typing);
    /** @p user is typing (or stopped) in group conversation @p conversation. */
    void groupTypingChanged(const QString &conversation, const QString &user, bool typing);
    void presenceChanged(const QString &peer, bool online, qint64 lastSeen);
    /** The server confirmed this device's public keys: others can now write to it. */
    void keysPublished();
    /** A peer's security code (identity keys) changed; any verification is void. */
    void identityChanged(const QString &peer);
    /** The server lists @p devices of @p user (this account's own included) that the user's
     *  account identity key did not certify: nothing is encrypted to them (docs/crypto.md). */
    void unapprovedDevices(const QString &user, const QList<qint64> &devices);
    /** This device does not hold its account's identity key (or holds another one): peers
     *  do not encrypt to it until it is linked from an approved device. */
    void deviceNotApproved(const QString &reason);
    /** A device was added to this account (@p name as the server lists it), by linking,
     *  a password login or the server itself; this device is told by the server at once,
     *  or at its next connection (docs/protocol.md §4.34). */
    void ownDeviceAdded(qint64 device, const QString &name);
    /** Device @p device (@p name) of this account was revoked or is gone from its list. */
    void ownDeviceRemoved(qint64 device, const QString &name);
    /** Messages to @p peer started (@p held) or stopped waiting for the user to accept a
     *  new security code. */
    void heldChanged(const QString &peer, bool held);
    /** An attempt to connect failed (unreachable, refused); retrying continues. */
    void connectionFailed(const QString &reason);
    /** The inbox drain after connecting has finished. */
    void synced();
    /** LAN fallback started or stopped, or a peer link came up or went down. */
    void lanChanged();
    /** A failure a person should hear about (refused message, storage error...). */
    void errorOccurred(linnet::protocol::ErrorCode code, const QString &reason,
                       const linnet::protocol::MessageId &id);

private:
    /** A register, login or link in progress: what its first frame says. */
    struct PendingAccount {
        bool registering = false;
        bool startOver = false; ///< login with LoginMode::StartOver
        QString username;
        QString password;
        QString invite;
        std::optional<NewDeviceLink> link; ///< linking: the code this device shows
        QString deviceName;                ///< linking: the name it asks for
        quint32 requestId = 0;
    };
    void setState(ConnectionState state);
    void onSocketConnected();
    protocol::LoginRequest loginRequest(quint32 requestId, const QString &username,
                                        const QString &password, bool startOver);
    /** The login started over with the account: the old account key is gone for good. */
    void forgetOldAccountKey();
    void onSocketDisconnected();
    /** Stores and sends @p m: its conversation, text, kind, reply and target as the caller
     *  set them, the rest filled in here. */
    protocol::MessageId sendContent(ChatMessage m);
    /** What @p m says on the wire (the content encrypted for each device). */
    static protocol::MessageContent contentOf(const ChatMessage &m);
    /** Sends an action (@p kind >= 100) on message @p target of @p conversation. */
    protocol::MessageId sendAction(const QString &conversation, MessageKind kind,
                                   const protocol::MessageId &target, const QString &text);
    /** @p message if it is an own message, not deleted, written at most @p windowMs ago;
     *  otherwise errorOccurred (@p tooLate when only the window has passed). */
    std::optional<ChatMessage> ownMessageWithin(const protocol::MessageId &message, qint64 windowMs,
                                                const QString &tooLate);
    /** Tells listeners of a newly stored message: messageAdded (+ conversationChanged),
     *  or actionAdded for an action on another message. */
    void announce(const ChatMessage &m);
    void onFrame(const protocol::Frame &frame);
    void onAuthOk(const protocol::AuthOk &ok);
    void onAck(const protocol::SendAck &ack);
    /** Stores (or recognises) one message; false if it could not be stored. A Deliver
     *  with entry 0 came over the LAN: nothing is acknowledged to the server. */
    bool onDeliver(const protocol::Deliver &deliver);
    void onReceipt(const protocol::Receipt &receipt);
    void onError(const protocol::ErrorFrame &error);
    void onSynced(const protocol::Synced &synced);
    void onKeys(const protocol::KeysReply &reply);
    void noteUnapprovedDevices(const QString &user, const QList<qint64> &devices);
    /** Notices in the chat with a peer whose approved devices changed
     *  (ChatClientDeviceNotices.cpp). */
    void noteDeviceChanges(const E2eSessions::KeysChange &change);
    /** Compares the account's device list with the one last seen and tells what changed. */
    void noteOwnDevices();
    /** Refreshes the device list on every connection and watches it (noteOwnDevices). */
    void watchOwnDevices();
    /** Tells OwnKeys what the server holds as the account key (auth_ok). */
    void checkAccountKey(const QByteArray &serverKey);
    bool ensureKeys();
    /** The Outbox's send function: encrypts one item for every device and sends it. */
    Outbox::Attempt sendItem(const OutboxItem &item, bool again);
    Outbox::Attempt sendGroupItem(const OutboxItem &item);
    void noteIdentityChanged(const QString &peer);
    /** Why nothing can be sent to @p peer now (a group this user is not in), or empty. */
    QString cannotSendTo(const QString &peer);
    void makeMedia();
    /** The device list; a revoke rotates the group sender keys (ChatClientOutgoing.cpp). */
    void makeDevices();
    /** Linking (ChatClientLink.cpp): the approver, and the frames of both sides. */
    void makeLinking();
    bool handleLinkFrame(const protocol::Frame &frame);
    /** This device was revoked: nothing more is sent or fetched (error DeviceRevoked). */
    void onRevoked(const QString &reason);
    // LAN fallback (ChatClientLan.cpp)
    void makeLan();
    /** Tells LAN fallback who this device is, once the account and its keys are known. */
    void setLanIdentity();
    void refreshLanDevices();
    /** Sends every queued one-to-one message over the links up to its recipient's devices. */
    void flushLan();
    void onLanFrame(const lan::LanDevice &from, const lan::LanFrame &frame);
    void onLanMessage(const lan::LanDevice &from, const lan::LanMessage &message);
    void onLanAck(const lan::LanDevice &from, const lan::LanAck &ack);
    /** The message written just before @p id in its chat; nullopt if none. */
    std::optional<ChatMessage> writtenAfter(const protocol::MessageId &id);
    /** True while @p item must wait for the LAN message it was written after to take its
     *  seq, so that the server's order keeps what people saw (protocol.md 12.6). */
    bool waitsForLanOrder(const OutboxItem &item);
    /** The id of writtenAfter(@p id), null if none: a lan_msg's `after`. */
    protocol::MessageId after(const protocol::MessageId &id);
    /** A queued group message to the linked devices of its members (sender key first). */
    void flushLanGroup(const OutboxItem &item, const QList<lan::LanDevice> &linked);
    void onLanGroupMessage(const lan::LanDevice &from, const lan::LanMessage &message);
    /** Typing over the links to @p typing's peer (or group members); false if none is up. */
    bool sendLanTyping(const protocol::Typing &typing);
    void onLanTyping(const lan::LanDevice &from, const lan::LanTyping &typing);
    /** A lan_read to @p conversation's linked devices for what was read and not yet told. */
    void sendLanReads(const QString &conversation);
    void onLanRead(const lan::LanDevice &from, const lan::LanRead &read);
    /** The linked devices of @p account (this account's own ones left out). */
    QList<lan::LanDevice> linkedDevicesOf(const QString &account) const;
    void queueAck(quint64 entry);
    void flushAcks();
    void loadAccount();
    /** The connection and attachment transfers trust @p pin from now on. */
    void usePin(const QByteArray &pin);
    // Local storage failing (ChatClientStoreFaults.cpp)
    /** Incoming @p id could not be stored (a full disk...): it stays unacknowledged on the
     *  server, the user hears of it once per spell, and the inbox is asked for again. */
    void storeFailed(const protocol::MessageId &id, const QString &reason);
    /** An incoming message was stored: a later spell of failures starts at a short wait. */
    void storeSucceeded();
    void retryStore();

    LocalStore &m_store;
    ContactStore m_contacts;
    NoticeStore m_notices;
    SecretStore &m_secrets;
    CryptoStore m_cryptoStore;
    OwnKeys m_ownKeys;
    E2eSessions m_e2e;
    KeySync m_keySync;
    GroupClient m_groups;
    Options m_options;
    LocalOutboxStore m_outboxStore;
    Outbox m_outbox;
    PresenceTracker m_presence;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<MediaController> m_media;
    std::unique_ptr<HistoryTransfer> m_history; ///< uses m_media: goes first
    std::unique_ptr<DeviceListController> m_devices;
    std::unique_ptr<LinkApprover> m_linking;
    std::unique_ptr<LanFallback> m_lan;
    /** (message, device) sent over a link; true once that device acknowledged it. */
    QHash<QPair<protocol::MessageId, qint64>, bool> m_lanSent;
    /** Incoming messages whose lan_read went out (protocol.md 12.7: never twice). */
    QSet<protocol::MessageId> m_lanReadSent;
    /** Group messages as encrypted for the links (once each, the same bytes to every device). */
    QHash<protocol::MessageId, GroupMessaging::LanCopy> m_lanGroupCopies;
    /** (group, device) given this device's sender key over its current link. */
    QSet<QPair<qint64, qint64>> m_lanKeySent;
    /** After connecting, messages wait this long at most for the LAN message before them. */
    static constexpr qint64 kLanOrderHoldMs = 10000;
    qint64 m_lanOrderUntil = 0; ///< ms UTC
    ConnectionState m_state = ConnectionState::Offline;
    QUrl m_server;
    QByteArray m_serverPin;
    QString m_username;
    qint64 m_deviceId = 0;
    QByteArray m_token;
    QString m_secretsError; ///< why the secret store could not be read, if it could not
    std::unique_ptr<PendingAccount> m_pendingAccount;
    quint32 m_nextRequestId = 0;
    QList<quint64> m_pendingAcks; ///< inbox entries stored, to acknowledge in one frame
    QTimer m_ackTimer;
    QTimer m_keysTimer;  ///< restates the keys now and then, so the signed prekey rotates
    QTimer m_storeRetry; ///< after a failed store: asks the server for the inbox again
    int m_storeRetryMs = 0;
    quint32 m_authRequestId = 0;
    bool m_resyncRequested = false;
};

} // namespace linnet::client
