// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient, part two: the outgoing side (sendText, the Outbox's send function that
// encrypts per device, retry and delete of own messages, key replies, identity changes
// and verification). Part one, ChatClient.cpp, has the account and the incoming frames.
#include "ChatClient.h"

#include "ClientLog.h"
#include "Clock.h"
#include "net/Connection.h"
#include "store/ChatListStore.h"
#include "store/HistoryEditStore.h"
#include "store/LocalStore.h"
#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"
#include "protocol/MessageContent.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <limits>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

// --- outgoing -----------------------------------------------------------------------

MessageId ChatClient::sendText(const QString &peer, const QString &text)
{
    ChatMessage m;
    m.conversation = peer;
    m.text = text;
    return sendContent(m);
}

MessageId ChatClient::sendContent(ChatMessage m)
{
    if (m.text.size() > protocol::kMaxTextLength) {
        // Refused before it is stored or encrypted: every receiver would reject it.
        Q_EMIT errorOccurred(ErrorCode::InvalidField,
                             tr("the message is %L1 characters long; at most %L2 can be sent")
                                 .arg(m.text.size())
                                 .arg(protocol::kMaxTextLength),
                             {});
        return {};
    }
    const QString peer = m.conversation;
    const bool group = isGroupKey(peer);
    if (const QString why = cannotSendTo(peer); !why.isEmpty()) {
        Q_EMIT errorOccurred(ErrorCode::UnknownGroup, why, {});
        return {};
    }
    m.id = MessageId::generate();
    m.sender = m_username;
    m.outgoing = true;
    m.sentAt = nowMs();
    m.senderTime = m.sentAt;
    m.state = DeliveryState::Queued;
    // Recipient and time go inside the ciphertext too: the server's copies of them are
    // only routing (a one-to-one chat's other party; groups bind theirs in the AD).
    const QByteArray body = protocol::encodeContent(contentOf(m));
    const auto stored = m_store.addOutgoing(m, body);
    if (!stored) {
        Q_EMIT errorOccurred(ErrorCode::InternalError,
                             tr("cannot save the message: %1").arg(stored.error().reason), m.id);
        return {};
    }
    if (!group)
        m_contacts.add(peer, m.sentAt);
    announce(m);
    if (m_state == ConnectionState::Online)
        m_outbox.submit(OutboxItem{m.id, peer, body, m.sentAt, 0});
    else
        flushLan(); // the server is away: a peer link may take it
    return m.id;
}

Outbox::Attempt ChatClient::sendItem(const OutboxItem &item, bool again)
{
    if (!m_ownKeys.isLoaded() || waitsForLanOrder(item))
        return Outbox::Attempt::waiting();
    if (isGroupKey(item.recipient))
        return sendGroupItem(item);
    if (m_cryptoStore.isHeld(item.recipient))
        return Outbox::Attempt::waiting(); // until the user accepts the new security code
    const auto plan = m_e2e.encryptFor(item.recipient, item.body, nowMs());
    if (plan.temporary) {
        qCInfo(lcClient) << "message" << item.id.toHex() << "waits:" << plan.error;
        m_outbox.retrySoon();
        return Outbox::Attempt::waiting();
    }
    if (!plan.error.isEmpty())
        return Outbox::Attempt::failed(ErrorCode::UnknownUser, plan.error);
    if (!plan.requests.isEmpty()) {
        for (const auto &request : plan.requests)
            m_keySync.request(request);
        return Outbox::Attempt::waiting();
    }
    protocol::SendRequest request{++m_nextRequestId, item.id, item.recipient, plan.copies};
    request.again = again;
    request.media = item.media;
    const QByteArray frame = protocol::encodeFrame(request);
    if (frame.size() > protocol::kMaxFrameBytes) {
        // One copy per device: a long text to people with many devices can pass the
        // frame limit. The server could only drop it without naming it (413).
        return Outbox::Attempt::failed(
            ErrorCode::FrameTooLarge,
            tr("the message is too large to encrypt for every device of this chat (%1 copies); "
               "send it in shorter parts")
                .arg(plan.copies.size()));
    }
    if (!m_connection->sendEncoded(frame))
        return Outbox::Attempt::offline();
    return Outbox::Attempt::sent(request.requestId);
}

Outbox::Attempt ChatClient::sendGroupItem(const OutboxItem &item)
{
    const quint32 requestId = ++m_nextRequestId;
    const auto prepared = m_groups.send(item, requestId);
    switch (prepared.outcome) {
    case GroupMessaging::Outcome::Sent:
        return Outbox::Attempt::sent(requestId);
    case GroupMessaging::Outcome::Waiting:
        return Outbox::Attempt::waiting();
    case GroupMessaging::Outcome::Offline:
        return Outbox::Attempt::offline();
    case GroupMessaging::Outcome::Failed:
        break;
    }
    return Outbox::Attempt::failed(ErrorCode::UnknownGroup, prepared.error);
}

QString ChatClient::cannotSendTo(const QString &peer)
{
    if (!isGroupKey(peer))
        return {};
    const auto g = m_groups.group(peer);
    return g && g->member ? QString() : tr("you are not a member of this group");
}

void ChatClient::makeMedia()
{
    const QString dbPath = m_store.path();
    const QString base =
        dbPath == QLatin1String(":memory:")
            ? QDir(QDir::tempPath())
                  .filePath(QStringLiteral("linnet-%1").arg(QCoreApplication::applicationPid()))
            : QFileInfo(dbPath).absolutePath();
    MediaController::Options options;
    options.mediaDirectory = m_options.mediaDirectory.isEmpty()
                                 ? QDir(base).filePath(QStringLiteral("media"))
                                 : m_options.mediaDirectory;
    options.downloadDirectory = m_options.downloadDirectory.isEmpty()
                                    ? QDir(base).filePath(QStringLiteral("files"))
                                    : m_options.downloadDirectory;
    options.initialRetryMs = 2 * m_options.initialBackoffMs;
    options.maxRetryMs = m_options.maxBackoffMs;
    options.workers = m_options.mediaWorkers;
    MediaController::Hooks hooks;
    hooks.send = [this](const protocol::Frame &frame) { return m_connection->send(frame); };
    hooks.nextRequestId = [this] { return ++m_nextRequestId; };
    hooks.serverUrl = [this] { return m_server; };
    hooks.self = [this] { return m_username; };
    hooks.cannotSendTo = [this](const QString &peer) { return cannotSendTo(peer); };
    hooks.added = [this](const ChatMessage &m) {
        if (!isGroupKey(m.conversation))
            m_contacts.add(m.conversation, m.sentAt);
        Q_EMIT messageAdded(m);
        Q_EMIT conversationChanged(m.conversation);
    };
    hooks.queue = [this](const OutboxItem &item) {
        const auto before = m_store.message(item.id);
        if (!m_store.queueOutgoing(item))
            return false;
        m_outbox.requeued(item.id);
        if (before && before->state == DeliveryState::Failed)
            Q_EMIT messageStateChanged(item.id, before->conversation, DeliveryState::Queued);
        if (m_state == ConnectionState::Online)
            m_outbox.submit(item);
        return true;
    };
    hooks.failMessage = [this](const MessageId &id, ErrorCode code, const QString &reason) {
        m_outbox.fail(id, code, reason);
    };
    hooks.requeueHeld = [this](const MessageId &id) {
        const auto m = m_store.message(id);
        if (!m || !m_store.setQueued(id))
            return false;
        m_outbox.requeued(id);
        Q_EMIT messageStateChanged(id, m->conversation, DeliveryState::Queued);
        return true;
    };
    hooks.complete = [this](const ChatMessage &m, protocol::MessageContent &content) {
        content.historyFor = m_history->targetOf(m.id);
    };
    m_media = std::make_unique<MediaController>(m_store, options, std::move(hooks));
    // Incoming attachments (one-to-one and group, own from other devices) may be fetched.
    connect(this, &ChatClient::messageAdded, m_media.get(), &MediaController::onMessageAdded);

    HistoryTransfer::Hooks history;
    history.self = [this] { return m_username; };
    history.device = [this] { return m_deviceId; };
    history.isOwnDevice = [this](qint64 device) {
        // One this device has not met yet is learnt when the send asks for its copy.
        const auto known = m_cryptoStore.device(m_username, device);
        return !known || known->approved;
    };
    m_history = std::make_unique<HistoryTransfer>(
        m_store, *m_media, QDir(options.mediaDirectory).filePath(QStringLiteral("history")),
        std::move(history));
    connect(this, &ChatClient::messageAdded, m_history.get(), &HistoryTransfer::onMessageAdded);
    connect(m_history.get(), &HistoryTransfer::imported, this, [this] {
        for (const Conversation &c : m_store.conversations())
            Q_EMIT conversationChanged(c.key);
    });
}

bool ChatClient::retryMessage(const MessageId &id)
{
    const auto m = m_store.message(id);
    if (!m || !m->outgoing || m->state != DeliveryState::Failed)
        return false;
    if (m->kind == MessageKind::File)
        return m_media->retry(id);
    // The same content as the first time: the text, its chat and when it was written.
    const QByteArray body = protocol::encodeContent(contentOf(*m));
    if (!HistoryEditStore(m_store).requeue(id, body, nowMs()))
        return false;
    m_outbox.requeued(id);
    Q_EMIT messageStateChanged(id, m->conversation, DeliveryState::Queued);
    m_outbox.flush();
    return true;
}

bool ChatClient::deleteMessage(const MessageId &id)
{
    const auto m = m_store.message(id);
    // A message on its way may still be stored by the server: only one that is not
    // (failed, or queued and not in flight) can be taken back.
    if (!m || !m->outgoing || m_outbox.isInFlight(id) ||
        (m->state != DeliveryState::Failed && m->state != DeliveryState::Queued))
        return false;
    if (!HistoryEditStore(m_store).removeMessage(id))
        return false;
    m_outbox.forget(id);
    m_media->forget(id);
    Q_EMIT messageRemoved(id, m->conversation);
    Q_EMIT conversationChanged(m->conversation);
    return true;
}

bool ChatClient::deleteConversation(const QString &key)
{
    for (const auto &m : m_store.messages(key, std::numeric_limits<int>::max(), 0)) {
        m_outbox.forget(m.id);
        if (m.kind == MessageKind::File)
            m_media->forget(m.id); // its transfer stops, its copy in the profile goes
    }
    if (!HistoryEditStore(m_store).removeConversation(key))
        return false;
    Q_EMIT conversationRemoved(key);
    return true;
}

bool ChatClient::clearHistory(const QString &key)
{
    const auto removed = ChatListStore(m_store).clearHistory(key);
    if (!removed)
        return false;
    for (const MessageId &id : *removed)
        m_media->forget(id); // a transfer stops, the file's copy in the profile goes
    Q_EMIT historyCleared(key);
    return true;
}

// --- keys ---------------------------------------------------------------------------

void ChatClient::onKeys(const protocol::KeysReply &reply)
{
    const auto change = m_keySync.onKeys(reply, nowMs());
    if (change.securityCodeChanged && change.user != m_username)
        noteIdentityChanged(change.user);
    if (!change.unapproved.isEmpty())
        noteUnapprovedDevices(change.user, change.unapproved);
    noteDeviceChanges(change);
    if (!change.removed.isEmpty()) // a revoked device must not read what the groups send next
        m_groups.rotateGroupsWith(change.user);
    if (change.user == m_username)
        m_linking->ownKeysChanged(); // a newly linked device may be ready for its history
    m_outbox.flush();
}

void ChatClient::makeDevices()
{
    m_devices = std::make_unique<DeviceListController>(DeviceListController::Hooks{
        [this](const protocol::Frame &frame) {
            return m_state == ConnectionState::Online && m_connection->send(frame);
        },
        [this] { return ++m_nextRequestId; }, [this] { return m_ownKeys.accountPublicKey(); }});
    connect(m_devices.get(), &DeviceListController::deviceRevoked, this, [this](qint64 device) {
        // Nobody encrypts to it any more (the server refuses copies for it); the sender
        // keys it holds must not open what this account's devices send next.
        qCInfo(lcClient) << "device" << device << "of this account was revoked";
        m_e2e.markStale(m_username);
        m_groups.rotateGroupsWith(m_username);
    });
    watchOwnDevices();
}

void ChatClient::onRevoked(const QString &reason)
{
    m_connection->stopReconnecting();
    // Before the state changes: whoever reports AuthFailed in general hears why first.
    qCWarning(lcClient) << "this device was revoked:" << reason;
    Q_EMIT errorOccurred(ErrorCode::DeviceRevoked,
                         tr("this device was removed from your account by one of your other "
                            "devices; link it again to use it"),
                         {});
    setState(ConnectionState::AuthFailed);
}

void ChatClient::checkAccountKey(const QByteArray &serverKey)
{
    m_ownKeys.setDevice(m_username, m_deviceId);
    const auto status = m_ownKeys.onServerAccountKey(serverKey);
    if (!status) {
        Q_EMIT errorOccurred(ErrorCode::InternalError,
                             tr("cannot store the account key: %1").arg(status.error().reason), {});
        return;
    }
    if (status.value() == OwnKeys::AccountStatus::Unapproved)
        Q_EMIT deviceNotApproved(tr("This device is not approved yet: approve it from one of "
                                    "your devices. Until then nobody encrypts to it."));
    else if (status.value() == OwnKeys::AccountStatus::Conflict)
        Q_EMIT deviceNotApproved(tr("Your account has a new account key that this device does "
                                    "not hold: link it again from a device that does."));
}

void ChatClient::noteUnapprovedDevices(const QString &user, const QList<qint64> &devices)
{
    // Never encrypted to (E2eSessions); a device the account's owner did not approve is
    // what a server that wants to read along would add, so the user hears of it.
    QStringList ids;
    for (qint64 device : devices)
        ids.append(QString::number(device));
    if (user != m_username && m_store.conversation(user)) {
        const QString text =
            tr("%1 has a device that their account key did not approve (%2). Nothing is "
               "encrypted to it.")
                .arg(user, ids.join(QStringLiteral(", ")));
        if (const auto notice = m_notices.add(user, text, nowMs())) {
            Q_EMIT messageAdded(*notice);
            Q_EMIT conversationChanged(user);
        }
    }
    Q_EMIT unapprovedDevices(user, devices);
}

void ChatClient::noteIdentityChanged(const QString &peer)
{
    // A contact the user verified: nothing more goes out to the new key until the user
    // accepts it. Others get the notice and the messages go on (trust on first use).
    const bool hold = m_cryptoStore.verifiedSafetyNumber(peer).has_value();
    m_cryptoStore.clearVerified(peer);
    if (hold && !m_cryptoStore.isHeld(peer)) {
        m_cryptoStore.setHeld(peer, true);
        Q_EMIT heldChanged(peer, true);
    }
    if (!m_store.conversation(peer))
        return; // nobody to tell yet: no conversation with them
    const QString text =
        hold ? tr("The security code of %1 changed. Messages to them wait until you accept the "
                  "new security code.")
                   .arg(peer)
             : tr("The security code of %1 changed. Compare it again to be sure you talk to them.")
                   .arg(peer);
    const auto notice = m_notices.add(peer, text, nowMs());
    if (notice) {
        Q_EMIT messageAdded(*notice);
        Q_EMIT conversationChanged(peer);
    }
    Q_EMIT identityChanged(peer);
}

bool ChatClient::isHeld(const QString &peer)
{
    return m_cryptoStore.isHeld(peer);
}

void ChatClient::acceptIdentityChange(const QString &peer)
{
    if (!m_cryptoStore.isHeld(peer))
        return;
    m_cryptoStore.setHeld(peer, false);
    Q_EMIT heldChanged(peer, false);
    m_outbox.flush();
}

QString ChatClient::safetyNumber(const QString &peer)
{
    if (!m_ownKeys.isLoaded() && !ensureKeys())
        return {};
    return m_e2e.safetyNumber(peer);
}

bool ChatClient::isVerified(const QString &peer)
{
    const QString current = safetyNumber(peer);
    return !current.isEmpty() && m_cryptoStore.verifiedSafetyNumber(peer) == current;
}

void ChatClient::setVerified(const QString &peer, bool verified)
{
    const QString current = safetyNumber(peer);
    if (verified && !current.isEmpty())
        m_cryptoStore.setVerified(peer, current, nowMs());
    else
        m_cryptoStore.clearVerified(peer);
}

} // namespace linnet::client
