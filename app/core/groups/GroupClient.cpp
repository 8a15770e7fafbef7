// SPDX-License-Identifier: GPL-3.0-or-later
#include "groups/GroupClient.h"

#include "ClientLog.h"
#include "Clock.h"
#include "media/AttachmentStore.h"
#include "store/LocalStore.h"
#include "protocol/MessageContent.h"
#include "protocol/Overloaded.h"

namespace linnet::client {

using protocol::ErrorCode;
using protocol::GroupOp;
using protocol::MessageId;

GroupClient::GroupClient(LocalStore &store, CryptoStore &crypto, E2eSessions &e2e, Hooks hooks,
                         QObject *parent)
    : QObject(parent), m_store(store), m_groups(store),
      m_messaging(store, crypto, e2e, m_groups, hooks.send, hooks.nextRequestId, hooks.requestKeys),
      m_hooks(std::move(hooks))
{
}

void GroupClient::setSelf(const QString &username, qint64 deviceId)
{
    m_self = username;
    m_messaging.setSelf(username, deviceId);
}

void GroupClient::connectionReset()
{
    m_messaging.reset();
    m_held.clear();
    const auto pending = m_requests;
    m_requests.clear();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        Q_EMIT requestFailed(it.key(), ErrorCode::InternalError,
                             tr("the connection to the server was lost"));
}

// --- changes -------------------------------------------------------------------------------

quint32 GroupClient::sendRequest(const protocol::Frame &frame, Request request)
{
    const quint32 id = std::visit(
        [](const auto &f) -> quint32 {
            if constexpr (requires { f.requestId; })
                return f.requestId;
            else
                return 0;
        },
        frame);
    if (!m_hooks.send(frame))
        return 0;
    m_requests.insert(id, request);
    return id;
}

quint64 GroupClient::newestSeq(qint64 group)
{
    return m_groups.lastEventSeq(groupKey(group));
}

quint32 GroupClient::createGroup(const QString &name, const QStringList &members)
{
    return sendRequest(protocol::GroupCreate{m_hooks.nextRequestId(), name, members},
                       Request{0, GroupOp::Create, false, 0});
}

quint32 GroupClient::update(const QString &key, GroupOp op, const QString &user,
                            const QString &name)
{
    const qint64 group = groupIdOf(key);
    if (group == 0)
        return 0;
    return sendRequest(protocol::GroupUpdate{m_hooks.nextRequestId(), group, op, user, name},
                       Request{group, op, false, newestSeq(group)});
}

quint32 GroupClient::addMember(const QString &key, const QString &user)
{
    return update(key, GroupOp::Add, user, {});
}

quint32 GroupClient::removeMember(const QString &key, const QString &user)
{
    return update(key, GroupOp::Remove, user, {});
}

quint32 GroupClient::leave(const QString &key)
{
    return update(key, GroupOp::Leave, {}, {});
}

quint32 GroupClient::rename(const QString &key, const QString &name)
{
    return update(key, GroupOp::Rename, {}, name);
}

quint32 GroupClient::setAdmin(const QString &key, const QString &user, bool admin)
{
    return update(key, admin ? GroupOp::MakeAdmin : GroupOp::RevokeAdmin, user, {});
}

quint32 GroupClient::refresh(const QString &key)
{
    const qint64 group = groupIdOf(key);
    if (group == 0)
        return 0;
    return sendRequest(protocol::GroupGet{m_hooks.nextRequestId(), group},
                       Request{group, GroupOp::Create, true, newestSeq(group)});
}

// --- state ---------------------------------------------------------------------------------

std::optional<Group> GroupClient::group(const QString &key)
{
    return m_groups.group(key);
}

QList<Group> GroupClient::groups()
{
    return m_groups.groups();
}

QStringList GroupClient::keysNamed(const QString &name)
{
    return m_groups.keysNamed(name);
}

std::optional<GroupEventRecord> GroupClient::event(const MessageId &id)
{
    return m_groups.event(id);
}

QList<MemberReceipt> GroupClient::receipts(const MessageId &id)
{
    return m_groups.receipts(id);
}

GroupMessaging::Opened GroupClient::tryOpen(qint64 group, const QString &from, qint64 fromDevice,
                                            const QByteArray &body)
{
    return m_messaging.tryOpen(group, from, fromDevice, body);
}

QString GroupClient::describe(const GroupEventRecord &e)
{
    switch (e.op) {
    case GroupOp::Create:
        return tr("%1 created the group “%2”").arg(e.by, e.name);
    case GroupOp::Add:
        return tr("%1 added %2").arg(e.by, e.user);
    case GroupOp::Remove:
        return tr("%1 removed %2").arg(e.by, e.user);
    case GroupOp::Leave:
        return tr("%1 left").arg(e.user.isEmpty() ? e.by : e.user);
    case GroupOp::Rename:
        return tr("%1 renamed the group to “%2”").arg(e.by, e.name);
    case GroupOp::MakeAdmin:
        return tr("%1 made %2 an admin").arg(e.by, e.user);
    case GroupOp::RevokeAdmin:
        return tr("%1 removed %2 as an admin").arg(e.by, e.user);
    }
    return {};
}

// --- frames ----------------------------------------------------------------------------------

bool GroupClient::handle(const protocol::Frame &frame)
{
    using namespace protocol;
    return std::visit(
        Overloaded{
            [this](const GroupInfo &info) {
                onGroupInfo(info);
                return true;
            },
            [this](const GroupEvent &event) {
                onEvent(event);
                return true;
            },
            [this](const SenderKeyCopy &copy) {
                onSenderKey(copy);
                return true;
            },
            [this](const Deliver &d) {
                if (!d.group)
                    return false;
                if (m_held.contains(d.conversation))
                    m_held[d.conversation].append(d); // after the sender key it may need
                else
                    onDeliver(d);
                return true;
            },
            [this](const Receipt &r) {
                if (!m_groups.groupById(r.conversation))
                    return false;
                onReceipt(r);
                return true;
            },
            [this](const Ok &ok) {
                if (!m_messaging.onOk(ok))
                    return false;
                m_hooks.flushOutbox(); // the devices hold the key now: the message can go
                return true;
            },
            [this](const ErrorFrame &e) { return onError(e); },
            [](const auto &) { return false; },
        },
        frame);
}

void GroupClient::onGroupInfo(const protocol::GroupInfo &info)
{
    const auto request = m_requests.take(info.requestId);
    const QString key = groupKey(info.conversation);
    const bool known = m_groups.groupById(info.conversation).has_value();
    // Membership events stored since the request may be newer than this snapshot: it is
    // applied (it holds at least the members the server had then) and asked for again.
    const bool stale = known && request.seqAtRequest != newestSeq(info.conversation);
    Group g;
    g.key = key;
    g.serverId = info.conversation;
    g.name = info.name;
    g.members = info.members;
    g.member = g.hasMember(m_self);
    if (!m_groups.saveGroup(g, nowMs())) {
        Q_EMIT requestFailed(info.requestId, ErrorCode::InternalError,
                             tr("cannot store the group %1").arg(info.name));
        return;
    }
    if (request.op == GroupOp::Remove && !request.get)
        m_messaging.rotate(info.conversation); // also on the event; this one is sooner
    if (stale)
        refresh(key);
    releaseHeld(info.conversation);
    Q_EMIT groupChanged(key);
    Q_EMIT conversationChanged(key);
    if (info.requestId != 0)
        Q_EMIT requestFinished(info.requestId, key);
    m_hooks.flushOutbox();
}

void GroupClient::onSynced()
{
    for (const Group &g : m_groups.groups())
        if (g.member)
            refresh(g.key);
}

void GroupClient::learnGroup(qint64 group, const QString &name)
{
    if (m_groups.ensureGroup(group, name, nowMs()))
        refresh(groupKey(group));
}

void GroupClient::onEvent(const protocol::GroupEvent &e)
{
    const bool knew = m_groups.groupById(e.conversation).has_value();
    const GroupEventRecord record{e.op, e.by, e.user, e.name};
    const auto stored = m_groups.addEvent(e, m_self, describe(record));
    if (!stored) {
        // Not stored, so not acknowledged: the server sends it again when asked.
        Q_EMIT storeFailed({}, stored.error().reason);
        return;
    }
    m_hooks.queueAck(e.entry);
    if (!stored.value())
        return; // stored before
    const QString key = groupKey(e.conversation);
    const QString subject = e.op == GroupOp::Leave && e.user.isEmpty() ? e.by : e.user;
    if (e.op == GroupOp::Remove || e.op == GroupOp::Leave)
        m_messaging.rotate(e.conversation); // the one who went must not read what follows
    if (!knew || e.op == GroupOp::Create || (e.op == GroupOp::Add && subject == m_self))
        refresh(key); // members come from group_get
    Q_EMIT messageAdded(*stored.value());
    Q_EMIT groupChanged(key);
    Q_EMIT conversationChanged(key);
    m_hooks.flushOutbox();
}

void GroupClient::onSenderKey(const protocol::SenderKeyCopy &copy)
{
    learnGroup(copy.conversation, {});
    const bool listed = m_groups.memberNames(groupKey(copy.conversation)).contains(copy.from);
    if (m_held.contains(copy.conversation) || (!listed && refreshPending(copy.conversation))) {
        // A key is taken from members only: decide once the member list asked for is here.
        m_held[copy.conversation].append(copy);
        return;
    }
    takeSenderKey(copy);
}

void GroupClient::takeSenderKey(const protocol::SenderKeyCopy &copy)
{
    // Kept or refused, the entry is done with: a key that cannot be opened never will be.
    // Only one that could not be stored must come again.
    const auto receipt = m_messaging.onSenderKey(copy, nowMs());
    if (!receipt.storeError.isEmpty()) {
        Q_EMIT storeFailed({}, receipt.storeError);
        return;
    }
    if (receipt.identityChanged)
        Q_EMIT identityChanged(copy.from);
    m_hooks.queueAck(copy.entry);
}

bool GroupClient::refreshPending(qint64 group) const
{
    return std::any_of(m_requests.cbegin(), m_requests.cend(),
                       [&](const Request &r) { return r.get && r.group == group; });
}

void GroupClient::releaseHeld(qint64 group)
{
    const QList<protocol::Frame> held = m_held.take(group);
    for (const protocol::Frame &frame : held)
        std::visit(protocol::Overloaded{
                       [this](const protocol::SenderKeyCopy &copy) { takeSenderKey(copy); },
                       [this](const protocol::Deliver &d) { onDeliver(d); },
                       [](const auto &) {},
                   },
                   frame);
}

void GroupClient::onDeliver(const protocol::Deliver &d)
{
    if (m_store.message(d.id)) {
        // Stored before and the ack was lost: its key is used up, nothing new to store.
        // Stored over the LAN without seq: it takes the server's (docs/protocol.md 12.6).
        if (m_store.moveToSeq(d.id, d.seq))
            Q_EMIT messageMoved(d.id);
        m_hooks.queueAck(d.entry);
        return;
    }
    learnGroup(d.conversation, {});
    ChatMessage m;
    m.id = d.id;
    m.conversation = groupKey(d.conversation);
    m.sender = d.from;
    m.outgoing = d.from == m_self;
    m.seq = d.seq;
    m.sentAt = d.timestamp;
    m.state = m.outgoing ? DeliveryState::Sent : DeliveryState::Delivered;
    const auto opened = m_messaging.open(d, nowMs());
    const auto content = opened.ok ? protocol::decodeContent(opened.plaintext)
                                   : protocol::Result<protocol::MessageContent>(protocol::makeError(
                                         ErrorCode::MalformedFrame, opened.error));
    if (content) {
        takeContent(m, content.value());
    } else {
        qCWarning(lcClient) << "undecryptable group message" << d.id.toHex() << "from" << d.from
                            << "device" << d.fromDevice << ":" << content.error().reason;
        m.kind = MessageKind::Undecryptable;
        m.text = tr("⚠ This message could not be decrypted (%1).").arg(content.error().reason);
    }
    // The advanced key state is stored with the message or not at all: a message that
    // cannot be stored (a full disk) still opens when it comes again.
    const auto attachment = m.kind == MessageKind::File
                                ? AttachmentStore::incoming(m.id, *content.value().file)
                                : std::function<bool(const QSqlDatabase &)>();
    const auto added = m_store.addIncoming(m, d.conversation, [&](const QSqlDatabase &db) {
        return (!opened.save || opened.save()) && (!attachment || attachment(db));
    });
    if (!added) {
        Q_EMIT storeFailed(d.id, added.error().reason);
        return;
    }
    Q_EMIT stored();
    if (added.value() && m.outgoing) {
        // Sent from this account's other device: its receipts come here too. Its
        // recipients refer to the stored message, so they are written after it.
        QStringList recipients = m_groups.memberNames(m.conversation);
        recipients.removeAll(m_self);
        m_groups.setRecipients(m.id, recipients);
    }
    m_hooks.queueAck(d.entry);
    if (added.value()) {
        Q_EMIT messageAdded(m);
        Q_EMIT conversationChanged(m.conversation);
    }
}

void GroupClient::onReceipt(const protocol::Receipt &r)
{
    const QString key = groupKey(r.conversation);
    QList<MessageId> touched;
    if (r.by != m_self) {
        const qint64 at = r.timestamp > 0 ? r.timestamp : nowMs();
        touched = r.kind == protocol::ReceiptKind::Delivered
                      ? m_groups.noteDelivered(r.ids, r.by, at)
                      : m_groups.noteReadUpTo(key, r.by, r.upToSeq, at);
    }
    m_hooks.queueAck(r.entry);
    updateStates(touched);
}

void GroupClient::updateStates(const QList<MessageId> &ids)
{
    QString conversation;
    for (const MessageId &id : ids) {
        Q_EMIT receiptsChanged(id);
        const auto state = m_groups.combinedState(id);
        if (!state || *state == DeliveryState::Sent)
            continue;
        if (!m_store.advanceState({id}, *state).isEmpty()) {
            if (const auto m = m_store.message(id)) {
                conversation = m->conversation;
                Q_EMIT messageStateChanged(id, m->conversation, m->state);
            }
        }
    }
    if (!conversation.isEmpty())
        Q_EMIT conversationChanged(conversation);
}

bool GroupClient::onError(const protocol::ErrorFrame &e)
{
    if (const auto group = m_messaging.onError(e)) {
        if (e.code == ErrorCode::UnknownGroup)
            noLongerMember(*group); // the queued messages then fail instead of retrying
        // Not at once: a refusal that repeats must not become a loop of group_keys.
        m_hooks.retryLater();
        return true;
    }
    if (e.requestId == 0 || !m_requests.contains(e.requestId))
        return false;
    const Request request = m_requests.take(e.requestId);
    if (e.code == ErrorCode::UnknownGroup && request.group != 0)
        noLongerMember(request.group);
    if (request.get)
        releaseHeld(request.group); // decided on the member list as it stands
    Q_EMIT requestFailed(e.requestId, e.code, e.reason);
    return true;
}

void GroupClient::noLongerMember(qint64 group)
{
    // Remember it, so nothing more is tried.
    if (auto g = m_groups.group(groupKey(group)); g && g->member) {
        g->member = false;
        m_groups.saveGroup(*g, nowMs());
        Q_EMIT groupChanged(g->key);
    }
}

// --- outgoing ----------------------------------------------------------------------------------

GroupMessaging::Prepared GroupClient::send(const OutboxItem &item, quint32 requestId)
{
    return m_messaging.send(item, requestId);
}

void GroupClient::onAcked(const MessageId &id, const QString &key)
{
    QStringList recipients = m_groups.memberNames(key);
    recipients.removeAll(m_self);
    m_groups.setRecipients(id, recipients);
    // Receipts may have overtaken the ack.
    updateStates({id});
}

void GroupClient::rotateGroupsWith(const QString &user)
{
    for (const Group &g : m_groups.groups())
        if (g.member && g.hasMember(user))
            m_messaging.rotate(g.serverId);
}

} // namespace linnet::client
