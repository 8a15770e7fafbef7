// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient's part in LAN fallback (docs/protocol.md 12): who this device is and whom it
// knows, the outbox over peer links, and what arrives on them. The links themselves are
// LanFallback's.
#include "ChatClient.h"

#include "ClientLog.h"
#include "Clock.h"
#include "groups/GroupTypes.h"
#include "lan/LanLog.h"
#include "lan/LanFrameCodec.h"
#include "protocol/Limits.h"
#include "store/LocalStore.h"

#include <algorithm>

namespace linnet::client {

using protocol::MessageId;

namespace {
/** The link's deliver: no entry, no seq yet (protocol.md 12.6); the caller says where. */
protocol::Deliver lanDeliver(const lan::LanDevice &from, const lan::LanMessage &message)
{
    protocol::Deliver d;
    d.id = message.id;
    d.from = from.account;
    d.fromDevice = from.device;
    d.timestamp = message.sentAt;
    d.body = message.body;
    return d;
}
} // namespace

void ChatClient::makeLan()
{
    m_lan = std::make_unique<LanFallback>(m_options.lan);
    connect(m_lan.get(), &LanFallback::activeChanged, this, [this](bool active) {
        if (active)
            refreshLanDevices();
        else
            m_lanGroupCopies.clear(); // the server is back: it encrypts them anew
        Q_EMIT lanChanged();
    });
    connect(m_lan.get(), &LanFallback::linkUp, this, [this](const lan::LanDevice &peer) {
        Q_EMIT lanChanged();
        flushLan();
        // What was read while no link was up (or before this one) is told now.
        if (const auto c = m_store.conversation(peer.account); c && c->unread == 0)
            sendLanReads(peer.account);
    });
    connect(m_lan.get(), &LanFallback::linkDown, this, [this](const lan::LanDevice &peer) {
        // Not acknowledged on that link: goes again on the next path (a link or the server).
        m_lanSent.removeIf(
            [&peer](const auto &it) { return it.key().second == peer.device && !it.value(); });
        m_lanKeySent.removeIf([&peer](const auto &key) { return key.second == peer.device; });
        Q_EMIT lanChanged();
    });
    connect(m_lan.get(), &LanFallback::frameReceived, this, &ChatClient::onLanFrame);
    // A LAN message took its seq: what was written after it may go now (protocol.md 12.6).
    connect(this, &ChatClient::messageMoved, this, [this] {
        if (nowMs() < m_lanOrderUntil)
            QMetaObject::invokeMethod(
                this, [this] { m_outbox.flush(); }, Qt::QueuedConnection);
    });
}

void ChatClient::setLanEnabled(bool enabled)
{
    m_lan->setEnabled(enabled);
}

bool ChatClient::lanActive() const
{
    return m_lan->isActive();
}

QStringList ChatClient::lanPeers() const
{
    QStringList out;
    for (const lan::LanDevice &d : m_lan->linkedDevices())
        out.append(d.account);
    out.sort();
    out.removeDuplicates();
    return out;
}

bool ChatClient::lanReaches(const QString &peer)
{
    const QStringList linked = lanPeers();
    if (!isGroupKey(peer))
        return linked.contains(peer);
    const auto group = m_groups.group(peer);
    return group && std::any_of(group->members.cbegin(), group->members.cend(), [&](const auto &m) {
               return m.user != m_username && linked.contains(m.user);
           });
}

void ChatClient::setLanIdentity()
{
    if (!m_ownKeys.isLoaded() || m_username.isEmpty() || m_deviceId <= 0)
        return;
    const crypto::IdentityKeyPair &identity = m_ownKeys.identity();
    const lan::LanDevice self{m_username, m_deviceId, identity.publicKey()};
    m_lan->setIdentity(identity, self, [this](qint64 group) {
        const auto g = m_groups.group(groupKey(group));
        return g && g->member;
    });
    refreshLanDevices();
}

void ChatClient::refreshLanDevices()
{
    QList<lan::LanDevice> known;
    for (const PeerDevice &d : m_cryptoStore.allDevices())
        known.append(lan::LanDevice{d.peer, d.device, d.identity});
    m_lan->setKnownDevices(known);
}

void ChatClient::flushLan()
{
    if (!m_lan->isActive() || !m_ownKeys.isLoaded())
        return;
    const QList<lan::LanDevice> linked = m_lan->linkedDevices();
    if (linked.isEmpty())
        return;
    for (const OutboxItem &item : m_store.outbox()) {
        if (m_cryptoStore.isHeld(item.recipient))
            continue;
        if (isGroupKey(item.recipient)) {
            flushLanGroup(item, linked);
            continue;
        }
        QList<E2eSessions::Target> targets;
        for (const lan::LanDevice &d : linked) {
            if ((d.account == item.recipient || d.account == m_username) &&
                !m_lanSent.contains({item.id, d.device}))
                targets.append({d.account, d.device});
        }
        if (targets.isEmpty())
            continue;
        // The same sessions as through the server, the same id.
        const auto copies = m_e2e.encryptWithSessions(targets, item.body, nowMs());
        for (const auto &[target, body] : copies) {
            const lan::LanMessage message{item.id, target.second,  item.recipient, 0,
                                          body,    item.createdAt, after(item.id)};
            if (m_lan->send(target.first, target.second, message))
                m_lanSent.insert({item.id, target.second}, false);
        }
    }
}

void ChatClient::flushLanGroup(const OutboxItem &item, const QList<lan::LanDevice> &linked)
{
    const auto group = m_groups.group(item.recipient);
    if (!group || !group->member)
        return;
    QList<lan::LanDevice> targets;
    for (const lan::LanDevice &d : linked)
        if (group->hasMember(d.account) && !m_lanSent.contains({item.id, d.device}))
            targets.append(d);
    if (targets.isEmpty())
        return;
    // Encrypted once, the same bytes to every member device on the LAN (protocol.md 12.5).
    auto copy = m_lanGroupCopies.constFind(item.id);
    if (copy == m_lanGroupCopies.cend()) {
        const auto made = m_groups.encryptForLan(item);
        if (!made)
            return; // the server path will do
        copy = m_lanGroupCopies.insert(item.id, *made);
    }
    const qint64 gid = group->serverId;
    for (const lan::LanDevice &d : std::as_const(targets)) {
        // A device the server never confirmed holds this key gets it first, on the link.
        if (!copy->holders.contains({d.account, d.device}) &&
            !m_lanKeySent.contains({gid, d.device})) {
            const auto envelopes =
                m_e2e.encryptWithSessions({{d.account, d.device}}, copy->distribution, nowMs());
            if (envelopes.isEmpty() ||
                !m_lan->send(d.account, d.device, lan::LanSenderKey{gid, envelopes.first().second}))
                continue; // no session with that device: it gets the message from the server
            m_lanKeySent.insert({gid, d.device});
        }
        const lan::LanMessage message{item.id,        d.device,      {}, gid, copy->body,
                                      item.createdAt, after(item.id)};
        if (m_lan->send(d.account, d.device, message))
            m_lanSent.insert({item.id, d.device}, false);
    }
}

std::optional<ChatMessage> ChatClient::writtenAfter(const MessageId &id)
{
    const QString conversation = m_store.conversationOf(id).value_or(QString());
    const QList<ChatMessage> before =
        conversation.isEmpty() ? QList<ChatMessage>{}
                               : m_store.messages(conversation, 1, m_store.messagePosition(id));
    if (before.isEmpty())
        return std::nullopt;
    return before.first();
}

MessageId ChatClient::after(const MessageId &id)
{
    const auto previous = writtenAfter(id);
    return previous ? previous->id : MessageId{};
}

bool ChatClient::waitsForLanOrder(const OutboxItem &item)
{
    if (nowMs() >= m_lanOrderUntil)
        return false;
    // Someone else's message that came over a link and has no seq yet: its sender sends it
    // to the server too; this one follows once it has its seq (messageMoved flushes).
    const auto previous = writtenAfter(item.id);
    if (!previous || previous->seq != 0 || previous->outgoing)
        return false;
    qCInfo(lcLan) << "message" << item.id.toHex() << "waits for" << previous->id.toHex()
                  << "to reach the server first";
    m_outbox.retrySoon();
    return true;
}

void ChatClient::onLanFrame(const lan::LanDevice &from, const lan::LanFrame &frame)
{
    if (const auto *message = std::get_if<lan::LanMessage>(&frame))
        onLanMessage(from, *message);
    else if (const auto *ack = std::get_if<lan::LanAck>(&frame))
        onLanAck(from, *ack);
    else if (const auto *key = std::get_if<lan::LanSenderKey>(&frame))
        // As the server's sender_key entry: taken from a current member only.
        m_groups.handle(
            protocol::SenderKeyCopy{0, key->group, from.account, from.device, key->body});
    else if (const auto *typing = std::get_if<lan::LanTyping>(&frame))
        onLanTyping(from, *typing);
    else if (const auto *read = std::get_if<lan::LanRead>(&frame))
        onLanRead(from, *read);
    else
        qCDebug(lcLan) << "not handled yet:" << lan::lanFrameTypeName(frame);
}

void ChatClient::onLanMessage(const lan::LanDevice &from, const lan::LanMessage &message)
{
    if (message.group != 0) {
        onLanGroupMessage(from, message);
        return;
    }
    protocol::Deliver d = lanDeliver(from, message);
    d.to = from.account == m_username ? message.to : m_username;
    if (onDeliver(d))
        m_lan->send(from.account, from.device, lan::LanAck{{message.id}});
}

void ChatClient::onLanGroupMessage(const lan::LanDevice &from, const lan::LanMessage &message)
{
    protocol::Deliver d = lanDeliver(from, message);
    d.conversation = message.group;
    d.group = true;
    if (!m_store.message(d.id)) {
        // Stored only if it opens: one that does not stays unacknowledged with its sender
        // and comes through the server, after the key it needs (nothing lost as undecryptable).
        const auto opened = m_groups.tryOpen(d.conversation, d.from, d.fromDevice, d.body);
        if (!opened.ok) {
            qCInfo(lcLan) << "group message" << d.id.toHex() << "from" << d.from
                          << "does not open yet (" << opened.error << "): left for the server";
            return;
        }
        m_groups.handle(d);
        if (!m_store.message(d.id))
            return; // held behind the group's member list, or not stored
    }
    m_lan->send(from.account, from.device, lan::LanAck{{message.id}});
}

void ChatClient::onLanAck(const lan::LanDevice &from, const lan::LanAck &ack)
{
    QList<MessageId> direct;
    QHash<qint64, QList<MessageId>> byGroup;
    for (const MessageId &id : ack.ids) {
        const auto conversation = m_store.conversationOf(id);
        if (!conversation || !m_lanSent.contains({id, from.device}))
            continue; // not sent to that device over the LAN: nothing to learn from it
        m_lanSent.insert({id, from.device}, true);
        if (isGroupKey(*conversation))
            byGroup[groupIdOf(*conversation)].append(id);
        else
            direct.append(id);
    }
    // A group message: that member has it (per-member receipts; protocol.md 12.7).
    for (auto it = byGroup.cbegin(); it != byGroup.cend(); ++it)
        if (from.account != m_username)
            m_groups.handle(protocol::Receipt{0, protocol::ReceiptKind::Delivered, it.key(),
                                              from.account, it.value(), 0, nowMs()});
    // Delivered; it stays in the outbox until the server has it too (protocol.md 12.7).
    const QList<MessageId> changed = m_store.advanceState(direct, DeliveryState::Delivered);
    for (const MessageId &id : changed) {
        if (const auto m = m_store.message(id)) {
            Q_EMIT messageStateChanged(id, m->conversation, m->state);
            Q_EMIT conversationChanged(m->conversation);
        }
    }
}

QList<lan::LanDevice> ChatClient::linkedDevicesOf(const QString &account) const
{
    QList<lan::LanDevice> out;
    if (account == m_username)
        return out;
    for (const lan::LanDevice &d : m_lan->linkedDevices())
        if (d.account == account)
            out.append(d);
    return out;
}

bool ChatClient::sendLanTyping(const protocol::Typing &typing)
{
    bool sent = false;
    if (typing.group == 0) {
        for (const lan::LanDevice &d : linkedDevicesOf(typing.peer))
            sent |= m_lan->send(d.account, d.device, lan::LanTyping{typing.peer, 0, typing.active});
        return sent;
    }
    const auto group = m_groups.group(groupKey(typing.group));
    if (!group || !group->member)
        return false;
    for (const lan::LanDevice &d : m_lan->linkedDevices())
        if (d.account != m_username && group->hasMember(d.account))
            sent |=
                m_lan->send(d.account, d.device, lan::LanTyping{{}, typing.group, typing.active});
    return sent;
}

void ChatClient::onLanTyping(const lan::LanDevice &from, const lan::LanTyping &typing)
{
    if (from.account == m_username)
        return; // an own device's typing is nobody's to show
    // The same as the server's typing frame: shown until it stops or expires.
    m_presence.onTyping(protocol::Typing{from.account, typing.active, typing.group});
}

void ChatClient::sendLanReads(const QString &conversation)
{
    if (isGroupKey(conversation) || !m_presence.sendReadReceipts())
        return;
    const QList<lan::LanDevice> devices = linkedDevicesOf(conversation);
    if (devices.isEmpty())
        return;
    // What the server has not been told by seq: messages that came over a link (no seq
    // yet) and those above the last read receipt sent to it.
    const quint64 told = m_presence.readSentUpTo(conversation);
    QList<MessageId> ids;
    for (const ChatMessage &m : m_store.messages(conversation, int(protocol::kMaxReceiptIds))) {
        if (!m.outgoing && (m.seq == 0 || m.seq > told) && !m_lanReadSent.contains(m.id))
            ids.append(m.id);
    }
    if (ids.isEmpty())
        return;
    bool sent = false;
    for (const lan::LanDevice &d : devices)
        sent |= m_lan->send(d.account, d.device, lan::LanRead{conversation, 0, ids});
    if (sent)
        for (const MessageId &id : std::as_const(ids))
            m_lanReadSent.insert(id);
}

void ChatClient::onLanRead(const lan::LanDevice &from, const lan::LanRead &read)
{
    if (read.group != 0 || from.account == m_username)
        return; // groups: see protocol.md 12.8; an own device's reads reach it by the server
    // Only own messages of the chat with the reader: a peer marks nothing else read.
    QList<MessageId> mine;
    for (const MessageId &id : read.ids) {
        const auto m = m_store.message(id);
        if (m && m->outgoing && m->conversation == from.account)
            mine.append(id);
        else
            qCInfo(lcLan) << "lan_read from" << from.account << "names" << id.toHex()
                          << ", not an own message to them: ignored";
    }
    const QList<MessageId> changed = m_store.advanceState(mine, DeliveryState::Read);
    for (const MessageId &id : changed)
        Q_EMIT messageStateChanged(id, from.account, DeliveryState::Read);
    if (!changed.isEmpty())
        Q_EMIT conversationChanged(from.account);
}

} // namespace linnet::client
