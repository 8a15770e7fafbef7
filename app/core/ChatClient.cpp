// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChatClient.h"

#include "ClientLog.h"
#include "Clock.h"
#include "net/Connection.h"
#include "media/AttachmentStore.h"
#include "store/LocalStore.h"
#include "e2e/SecretStore.h"
#include "protocol/FrameCodec.h"
#include "protocol/InviteLink.h"
#include "protocol/Limits.h"
#include "protocol/MessageContent.h"
#include "protocol/Overloaded.h"

#include <QCoreApplication>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

namespace {
const QString kServerUrlKey = QStringLiteral("account/server_url");
const QString kUsernameKey = QStringLiteral("account/username");
const QString kDeviceIdKey = QStringLiteral("account/device_id");
const QString kServerPinKey = QStringLiteral("account/server_pin");
const QString kTokenKey = QStringLiteral("device_token");

/** Delivery acks are batched: at most this many per deliver_ack frame. */
constexpr int kAckBatch = 500;
} // namespace

ChatClient::ChatClient(LocalStore &store, SecretStore &secrets, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_contacts(store), m_notices(store), m_secrets(secrets),
      m_cryptoStore(store), m_ownKeys(secrets, m_cryptoStore), m_e2e(m_cryptoStore, m_ownKeys),
      m_keySync(
          m_ownKeys, m_e2e,
          [this](const protocol::Frame &frame) { return m_connection->send(frame); },
          [this] { return ++m_nextRequestId; }),
      m_groups(m_store, m_cryptoStore, m_e2e,
               GroupClient::Hooks{
                   [this](const protocol::Frame &frame) { return m_connection->send(frame); },
                   [this] { return ++m_nextRequestId; }, [this](quint64 e) { queueAck(e); },
                   [this](const protocol::KeysRequest &r) { m_keySync.request(r); },
                   [this] { m_outbox.flush(); }, [this] { m_outbox.retrySoon(); }}),
      m_options(std::move(options)), m_outboxStore(store),
      m_outbox(
          m_outboxStore,
          [this](const OutboxItem &item, bool again) { return sendItem(item, again); },
          Outbox::Options{m_options.initialBackoffMs, m_options.maxBackoffMs}),
      m_presence(store,
                 PresenceTracker::Hooks{
                     [this](const protocol::Frame &frame) { return m_connection->send(frame); },
                     [this] { return ++m_nextRequestId; }, [] { return nowMs(); },
                     [this](const protocol::Typing &typing) { return sendLanTyping(typing); }},
                 PresenceTracker::Options{m_options.typingThrottleMs, m_options.typingExpiryMs}),
      m_connection(std::make_unique<Connection>(Connection::Options{
          m_options.initialBackoffMs, m_options.maxBackoffMs, m_options.pingIntervalMs}))
{
    connect(&m_groups, &GroupClient::messageAdded, this, [this](const ChatMessage &m) {
        if (isAction(m.kind))
            Q_EMIT actionAdded(m);
        else
            Q_EMIT messageAdded(m);
    });
    // An edit or a delete may change the chat's preview (EditStore); a reaction never does.
    connect(this, &ChatClient::actionAdded, this, [this](const ChatMessage &m) {
        if (m.kind != MessageKind::Reaction)
            Q_EMIT conversationChanged(m.conversation);
    });
    connect(&m_groups, &GroupClient::messageStateChanged, this, &ChatClient::messageStateChanged);
    connect(&m_groups, &GroupClient::conversationChanged, this, &ChatClient::conversationChanged);
    connect(&m_groups, &GroupClient::errorOccurred, this, &ChatClient::errorOccurred);
    connect(&m_groups, &GroupClient::storeFailed, this, &ChatClient::storeFailed);
    connect(&m_groups, &GroupClient::stored, this, &ChatClient::storeSucceeded);
    connect(&m_groups, &GroupClient::messageMoved, this, &ChatClient::messageMoved);
    connect(&m_groups, &GroupClient::identityChanged, this, [this](const QString &user) {
        if (user != m_username)
            noteIdentityChanged(user);
    });
    connect(&m_outbox, &Outbox::messageFailed, this,
            [this](const MessageId &id, const QString &conversation) {
                Q_EMIT messageStateChanged(id, conversation, DeliveryState::Failed);
            });
    connect(&m_outbox, &Outbox::problemChanged, this, &ChatClient::sendProblemChanged);
    connect(&m_outbox, &Outbox::errorOccurred, this, &ChatClient::errorOccurred);
    connect(&m_presence, &PresenceTracker::typingChanged, this, &ChatClient::typingChanged);
    connect(&m_presence, &PresenceTracker::groupTypingChanged, this,
            &ChatClient::groupTypingChanged);
    connect(m_connection.get(), &Connection::connected, this, &ChatClient::onSocketConnected);
    connect(m_connection.get(), &Connection::disconnected, this, &ChatClient::onSocketDisconnected);
    connect(m_connection.get(), &Connection::frameReceived, this, &ChatClient::onFrame);
    connect(m_connection.get(), &Connection::connectFailed, this, [this](const QString &reason) {
        if (m_pendingAccount) {
            m_pendingAccount.reset();
            m_connection->stopReconnecting();
            setState(ConnectionState::Offline);
            Q_EMIT accountFailed(
                ErrorCode::InternalError,
                tr("cannot reach the server at %1: %2").arg(m_server.toString(), reason));
            return;
        }
        Q_EMIT connectionFailed(reason);
        setState(ConnectionState::Offline);
        m_lan->attemptFailed();
    });
    m_ackTimer.setSingleShot(true);
    m_ackTimer.setInterval(0);
    connect(&m_ackTimer, &QTimer::timeout, this, &ChatClient::flushAcks);
    // A device that stays connected for weeks still rotates its signed prekey.
    m_keysTimer.setInterval(std::chrono::hours(6));
    connect(&m_keysTimer, &QTimer::timeout, this, [this] {
        if (m_state == ConnectionState::Online)
            m_keySync.upload(quint64(protocol::kPreKeyLowWater), nowMs());
    });
    m_keysTimer.start();
    m_storeRetry.setSingleShot(true);
    m_storeRetryMs = m_options.initialBackoffMs;
    connect(&m_storeRetry, &QTimer::timeout, this, &ChatClient::retryStore);
    makeMedia();
    makeDevices();
    makeLinking();
    makeLan();
}

ChatClient::~ChatClient()
{
    flushAcks();
    // LAN fallback stops as it goes: nobody should hear of that from a half-destroyed engine.
    disconnect(m_lan.get(), nullptr, this, nullptr);
    m_lan.reset();
}

// --- account ------------------------------------------------------------------

void ChatClient::registerAccount(const QUrl &server, const QString &username,
                                 const QString &password, const QString &invite,
                                 const QByteArray &pin)
{
    m_pendingAccount = std::make_unique<PendingAccount>();
    m_pendingAccount->registering = true;
    m_pendingAccount->username = username;
    m_pendingAccount->password = password;
    m_pendingAccount->invite = invite;
    m_server = protocol::withWebSocketPath(server);
    usePin(pin);
    setState(ConnectionState::Connecting);
    m_connection->close();
    m_connection->open(m_server);
}

void ChatClient::login(const QUrl &server, const QString &username, const QString &password,
                       const QByteArray &pin, LoginMode mode)
{
    m_pendingAccount = std::make_unique<PendingAccount>();
    m_pendingAccount->startOver = mode == LoginMode::StartOver;
    m_pendingAccount->username = username;
    m_pendingAccount->password = password;
    m_server = protocol::withWebSocketPath(server);
    usePin(pin);
    setState(ConnectionState::Connecting);
    m_connection->close();
    m_connection->open(m_server);
}

void ChatClient::loadAccount()
{
    m_server = QUrl(m_store.setting(kServerUrlKey));
    m_username = m_store.setting(kUsernameKey);
    m_presence.setSelf(m_username);
    m_deviceId = m_store.setting(kDeviceIdKey).toLongLong();
    const QString pin = m_store.setting(kServerPinKey);
    const auto parsed = protocol::pinFromText(pin);
    if (!pin.isEmpty() && !parsed)
        qCWarning(lcClient) << "the stored server pin is damaged:" << parsed.error().reason;
    // A damaged pin trusts nothing rather than every CA: the connection fails and says so.
    usePin(pin.isEmpty() ? QByteArray() : parsed ? parsed.value() : QByteArray(1, '\0'));
    const auto token = m_secrets.read(kTokenKey);
    m_token = token ? token.value() : QByteArray();
    m_secretsError = token ? QString() : token.error().reason;
}

void ChatClient::usePin(const QByteArray &pin)
{
    m_serverPin = pin;
    m_connection->setPin(pin);
    m_media->setServerPin(pin);
}

bool ChatClient::hasAccount()
{
    // Not while one is being made: loading would replace the server it is made on.
    if (m_pendingAccount)
        return false;
    loadAccount();
    // An unreadable secret store (a locked keychain) is not "no account": start()
    // reports it instead of sending the user to set up a new device.
    return m_server.isValid() && !m_username.isEmpty() && m_deviceId > 0 &&
           (!m_token.isEmpty() || !m_secretsError.isEmpty());
}

void ChatClient::start()
{
    if (!hasAccount()) {
        Q_EMIT errorOccurred(ErrorCode::NotAuthenticated,
                             tr("this profile has no account yet: register or log in first"), {});
        return;
    }
    if (!m_secretsError.isEmpty()) {
        Q_EMIT errorOccurred(ErrorCode::InternalError,
                             tr("cannot read this device's secrets: %1").arg(m_secretsError), {});
        return;
    }
    if (!ensureKeys())
        return;
    // Known before the server answers: LAN fallback may need them first.
    m_e2e.setSelf(m_username, m_deviceId);
    m_groups.setSelf(m_username, m_deviceId);
    m_devices->setSelf(m_username, m_deviceId);
    setLanIdentity();
    m_history->resume(); // a history fetched or imported halfway before a restart
    setState(ConnectionState::Connecting);
    m_connection->open(m_server);
}

bool ChatClient::ensureKeys()
{
    if (m_ownKeys.isLoaded())
        return true;
    const auto loaded = m_ownKeys.load(nowMs());
    if (!loaded) {
        Q_EMIT errorOccurred(
            ErrorCode::InternalError,
            tr("cannot load this device's encryption keys: %1").arg(loaded.error().reason), {});
        return false;
    }
    return true;
}

void ChatClient::stop()
{
    flushAcks();
    m_connection->close();
    m_outbox.disconnected();
    m_media->disconnected();
    setState(ConnectionState::Offline);
}

qint64 ChatClient::pendingBytes() const
{
    return m_connection->bytesToWrite();
}

void ChatClient::abortConnection()
{
    m_connection->abort();
}

void ChatClient::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    if (m_state == ConnectionState::Online) {
        m_outbox.disconnected(); // nothing more is sent until authenticated again
        m_media->disconnected();
    }
    m_state = state;
    m_presence.setOnline(state == ConnectionState::Online);
    Q_EMIT stateChanged(state);
}

void ChatClient::onSocketConnected()
{
    if (m_pendingAccount) {
        auto &p = *m_pendingAccount;
        p.requestId = ++m_nextRequestId;
        if (p.link)
            m_connection->send(p.link->request(p.requestId, p.username,
                                               m_ownKeys.identity().publicKey(), p.deviceName));
        else if (p.registering)
            m_connection->send(protocol::RegisterRequest{p.requestId, p.username, p.password,
                                                         p.invite, m_options.deviceName});
        else
            m_connection->send(loginRequest(p.requestId, p.username, p.password, p.startOver));
        return;
    }
    m_authRequestId = ++m_nextRequestId;
    m_connection->send(protocol::AuthRequest{m_authRequestId, m_deviceId, m_token});
}

void ChatClient::onSocketDisconnected()
{
    m_outbox.disconnected();
    m_media->disconnected();
    m_pendingAcks.clear(); // unacked entries come again on the next connection
    m_groups.connectionReset();
    m_devices->connectionReset();
    m_linking->connectionReset();
    if (m_state == ConnectionState::Online)
        setState(ConnectionState::Connecting);
    m_lan->connectionLost();
}

// --- frames -----------------------------------------------------------------------

void ChatClient::onFrame(const protocol::Frame &frame)
{
    if (m_media->handle(frame) || m_groups.handle(frame) || m_devices->handle(frame) ||
        handleLinkFrame(frame))
        return;
    using namespace protocol;
    std::visit(Overloaded{
                   [this](const AuthOk &f) { onAuthOk(f); },
                   [this](const SendAck &f) { onAck(f); },
                   [this](const Deliver &f) { onDeliver(f); },
                   [this](const Receipt &f) { onReceipt(f); },
                   [this](const ErrorFrame &f) { onError(f); },
                   [this](const Synced &f) { onSynced(f); },
                   [this](const Typing &f) { m_presence.onTyping(f); },
                   [this](const PreKeyCount &f) {
                       if (m_keySync.onPreKeyCount(f, nowMs()))
                           Q_EMIT keysPublished();
                   },
                   [this](const KeysReply &f) { onKeys(f); },
                   [this](const Presence &f) {
                       m_contacts.setLastSeen(f.user, f.lastSeen);
                       Q_EMIT presenceChanged(f.user, f.online, f.lastSeen);
                   },
                   [](const Ok &) {},
                   [](const auto &f) {
                       qCWarning(lcClient)
                           << "unexpected frame from the server:" << frameTypeName(f);
                   },
               },
               frame);
}

void ChatClient::onAuthOk(const protocol::AuthOk &ok)
{
    if (m_pendingAccount) {
        // A new device: remember where and who we are before anything else.
        const auto written = m_secrets.write(kTokenKey, ok.token);
        if (!written) {
            m_pendingAccount.reset();
            m_connection->stopReconnecting();
            Q_EMIT accountFailed(
                ErrorCode::InternalError,
                tr("cannot store the device token: %1").arg(written.error().reason));
            return;
        }
        m_store.setSetting(kServerUrlKey, m_server.toString());
        m_store.setSetting(kServerPinKey,
                           m_serverPin.isEmpty() ? QString() : protocol::pinToText(m_serverPin));
        m_store.setSetting(kUsernameKey, ok.username);
        m_store.setSetting(kDeviceIdKey, QString::number(ok.deviceId));
        m_username = ok.username;
        m_presence.setSelf(m_username);
        m_deviceId = ok.deviceId;
        m_token = ok.token;
        if (m_pendingAccount->startOver)
            forgetOldAccountKey();
        m_pendingAccount.reset();
        Q_EMIT accountReady(ok.username);
    }
    m_e2e.setSelf(m_username, m_deviceId);
    m_groups.setSelf(m_username, m_deviceId);
    m_devices->setSelf(m_username, m_deviceId);
    m_groups.connectionReset();
    m_keySync.reset();
    if (ensureKeys()) {
        checkAccountKey(ok.accountKey);
        m_keySync.upload(ok.preKeys, nowMs());
    }
    // LAN messages keep their order on the server for a while (protocol.md 12.6).
    m_lanOrderUntil = nowMs() + kLanOrderHoldMs;
    m_lan->connectionUp(); // the server is back: everything goes through it again
    setLanIdentity();
    m_connection->resetBackoff();
    m_resyncRequested = false;
    m_outbox.connected(nowMs());
    setState(ConnectionState::Online);
    m_presence.restate();
    m_outbox.flush();
    m_media->connected();
}

void ChatClient::onAck(const protocol::SendAck &ack)
{
    m_outbox.acked(ack.requestId, ack.id);
    if (!m_store.markSent(ack.id, ack.conversation, ack.seq, ack.timestamp)) {
        qCWarning(lcClient) << "ack for an unknown message" << ack.id.toHex();
        return;
    }
    // Delivered before it was stored: no delivered receipt follows for this device.
    if (ack.delivered != 0)
        m_store.advanceState({ack.id}, DeliveryState::Delivered);
    if (const auto m = m_store.message(ack.id)) {
        if (isGroupKey(m->conversation))
            m_groups.onAcked(ack.id, m->conversation);
        Q_EMIT messageSent(ack.id, ack.seq);
        Q_EMIT messageStateChanged(ack.id, m->conversation, m->state);
        Q_EMIT conversationChanged(m->conversation);
    }
    m_outbox.flushIfRoom();
}

bool ChatClient::onDeliver(const protocol::Deliver &d)
{
    if (m_store.message(d.id)) {
        // Stored before, the ack was lost: decrypting again would fail (the
        // message key is gone), and there is nothing new to store. Under another seq,
        // the first copy was pushed before a commit the server lost to a crash: the
        // seq of this one is what the sender has, so the message moves to it.
        if (m_store.moveToSeq(d.id, d.seq))
            Q_EMIT messageMoved(d.id);
        queueAck(d.entry);
        return true;
    }
    ChatMessage m;
    m.id = d.id;
    m.outgoing = d.from == m_username;
    m.conversation = m.outgoing ? d.to : d.from;
    m.sender = d.from;
    m.seq = d.seq;
    m.sentAt = d.timestamp;
    m.state = m.outgoing ? DeliveryState::Sent : DeliveryState::Delivered;
    // Nothing the decryption advances is stored unless the message is (see storeIncoming).
    const auto incoming =
        m_ownKeys.isLoaded()
            ? m_e2e.decryptUnsaved(d.from, d.fromDevice, d.body, nowMs())
            : E2eSessions::Incoming{false, {}, tr("no keys on this device"), false, {}};
    const auto content = incoming.ok
                             ? protocol::decodeContent(incoming.plaintext)
                             : protocol::Result<protocol::MessageContent>(
                                   protocol::makeError(ErrorCode::MalformedFrame, incoming.error));
    // The chat the author encrypted it for must be the one the server routed it to.
    const QString routedTo = m.outgoing ? d.to : m_username;
    if (content && !content.value().to.isEmpty() && content.value().to != routedTo) {
        qCWarning(lcClient) << "message" << d.id.toHex() << "from" << d.from << "was encrypted for"
                            << content.value().to << "but routed to" << routedTo
                            << ": rejected as tampered";
        m.kind = MessageKind::Undecryptable;
        m.text = tr("⚠ This message was rejected: it was written to %1, but the server "
                    "delivered it as a message to %2.")
                     .arg(content.value().to, routedTo);
    } else if (content) {
        takeContent(m, content.value());
    } else {
        // Kept and shown, never dropped: the people involved should know.
        qCWarning(lcClient) << "undecryptable message" << d.id.toHex() << "from" << d.from
                            << "device" << d.fromDevice << ":" << content.error().reason;
        m.kind = MessageKind::Undecryptable;
        m.text = tr("⚠ This message could not be decrypted (%1).").arg(content.error().reason);
    }
    if (incoming.identityChanged)
        noteIdentityChanged(d.from == m_username ? d.to : d.from);
    std::function<bool(const QSqlDatabase &)> attachment;
    if (m.kind == MessageKind::File) {
        attachment = AttachmentStore::incoming(m.id, *content.value().file);
        // A history for this device from another of this account's (protocol.md 13).
        if (m.outgoing && d.to == m_username && content.value().historyFor == m_deviceId)
            attachment = [attach = std::move(attachment), id = m.id](const QSqlDatabase &db) {
                return attach(db) && HistoryTransfer::noteIncoming(db, id);
            };
    }
    const auto added = m_store.addIncoming(m, d.conversation, [&](const QSqlDatabase &db) {
        return (!incoming.save || incoming.save()) && (!attachment || attachment(db));
    });
    if (!added) {
        // Not stored, so not acknowledged: the server keeps it and sends it again.
        storeFailed(d.id, added.error().reason);
        return false;
    }
    // A device first met through this message (no registration id yet): fetch its list at
    // once, which pins the account key and says whether that key approved the device.
    if (const auto dev = m_cryptoStore.device(d.from, d.fromDevice);
        incoming.ok && dev && dev->registrationId == 0)
        m_keySync.request(protocol::KeysRequest{0, d.from, {}});
    // Stored, so it may be acknowledged; queue the ack before anyone hears of the
    // message, so that a listener stopping on this very message still sends it.
    storeSucceeded();
    queueAck(d.entry);
    if (added.value()) {
        m_contacts.add(m.conversation, nowMs());
        announce(m);
    }
    return true;
}

void ChatClient::onReceipt(const protocol::Receipt &r)
{
    QList<MessageId> changed;
    QString conversation;
    if (r.kind == protocol::ReceiptKind::Delivered) {
        changed = m_store.advanceState(r.ids, DeliveryState::Delivered);
    } else if (r.by != m_username) {
        if (const auto key = m_store.conversationForServerId(r.conversation))
            changed = m_store.markPeerReadUpTo(*key, r.upToSeq);
    }
    queueAck(r.entry);
    for (const auto &id : std::as_const(changed)) {
        if (const auto m = m_store.message(id)) {
            conversation = m->conversation;
            Q_EMIT messageStateChanged(id, m->conversation, m->state);
        }
    }
    if (!conversation.isEmpty())
        Q_EMIT conversationChanged(conversation);
}

void ChatClient::onError(const protocol::ErrorFrame &e)
{
    if (m_pendingAccount && e.requestId == m_pendingAccount->requestId) {
        m_pendingAccount.reset();
        m_connection->stopReconnecting();
        setState(ConnectionState::Offline);
        Q_EMIT accountFailed(e.code, e.code == ErrorCode::LinkRequired
                                         ? tr("approve this device from one of your devices")
                                         : e.reason);
        return;
    }
    if (e.code == ErrorCode::DeviceRevoked) { // at auth, or live (the server closes)
        onRevoked(e.reason);
        return;
    }
    if (e.requestId != 0 && e.requestId == m_authRequestId) {
        if (e.code == ErrorCode::BadCredentials || e.code == ErrorCode::Forbidden) {
            m_connection->stopReconnecting();
            setState(ConnectionState::AuthFailed);
        }
        Q_EMIT errorOccurred(e.code, e.reason, {});
        return;
    }
    if (const auto user = m_keySync.takeFailed(e.requestId)) {
        if (!Outbox::isTemporary(e.code))
            m_outbox.failRecipient(*user, e.code, e.reason);
        else
            m_outbox.retrySoon();
        Q_EMIT errorOccurred(e.code, e.reason, {});
        return;
    }
    // The message a send error is about: named in the error, or known by its request
    // (a frame the server could not read carries no id it could trust).
    const MessageId id = m_outbox.takeRequest(e.requestId, e.id);
    if (e.code == ErrorCode::DevicesChanged && !id.isNull()) {
        // Someone added a device or got new keys: learn them, encrypt again.
        if (const auto conversation = m_outbox.devicesChanged(id, e.code, e.reason)) {
            m_e2e.markStale(*conversation);
            m_e2e.markStale(m_username);
            m_outbox.flush();
        }
        return;
    }
    if (!id.isNull()) {
        m_outbox.refused(id, e.code, e.reason);
        return;
    }
    Q_EMIT errorOccurred(e.code, e.reason, {});
}

void ChatClient::onSynced(const protocol::Synced &)
{
    flushAcks();
    // Every seq of every conversation should now be here. A hole means the
    // server resent nothing for it: ask once for a full resend of the inbox;
    // what is still missing after that has expired on the server.
    bool gaps = false;
    for (const auto &c : m_store.conversations()) {
        if (c.contiguousSeq < c.maxSeq) {
            gaps = true;
            qCInfo(lcClient) << "gap in" << c.key << ": have 1 ..." << c.contiguousSeq
                             << "and up to" << c.maxSeq;
        }
    }
    if (gaps && !m_resyncRequested) {
        m_resyncRequested = true;
        m_connection->send(protocol::SyncRequest{++m_nextRequestId});
        return;
    }
    m_groups.onSynced();
    Q_EMIT synced();
}

// --- read and presence ----------------------------------------------------------------

void ChatClient::markRead(const QString &conversation)
{
    if (m_store.markViewed(conversation))
        Q_EMIT conversationChanged(conversation);
    m_presence.sendPendingReadReceipts();
    sendLanReads(conversation);
}

void ChatClient::watchGroupPresence(const QString &key)
{
    QStringList members;
    if (const auto group = m_groups.group(key))
        for (const auto &m : group->members)
            members << m.user;
    m_presence.watchMembers(members);
}

void ChatClient::queueAck(quint64 entry)
{
    if (entry == 0)
        return;
    m_pendingAcks.append(entry);
    if (m_pendingAcks.size() >= kAckBatch)
        flushAcks();
    else
        m_ackTimer.start();
}

void ChatClient::flushAcks()
{
    while (!m_pendingAcks.isEmpty()) {
        const QList<quint64> batch = m_pendingAcks.mid(0, kAckBatch);
        if (!m_connection->send(protocol::DeliverAck{batch}))
            break;
        m_pendingAcks.remove(0, batch.size());
    }
}

} // namespace linnet::client
