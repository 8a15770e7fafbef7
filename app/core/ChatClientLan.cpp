// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient's part in LAN fallback (docs/protocol.md 12): who this device is and whom it
// knows, the outbox over peer links, and what arrives on them. The links themselves are
// LanFallback's.
#include "ChatClient.h"

#include "ClientLog.h"
#include "Clock.h"
#include "groups/GroupTypes.h"
#include "lan/LanLog.h"
#include "store/LocalStore.h"

#include <algorithm>

namespace linnet::client {

using protocol::MessageId;

void ChatClient::makeLan()
{
    m_lan = std::make_unique<LanFallback>(m_options.lan);
    connect(m_lan.get(), &LanFallback::activeChanged, this, [this](bool active) {
        if (active)
            refreshLanDevices();
        Q_EMIT lanChanged();
    });
    connect(m_lan.get(), &LanFallback::linkUp, this, [this] {
        Q_EMIT lanChanged();
        flushLan();
    });
    connect(m_lan.get(), &LanFallback::linkDown, this, [this](const lan::LanDevice &peer) {
        // Not acknowledged on that link: goes again on the next path (a link or the server).
        m_lanSent.removeIf(
            [&peer](const auto &it) { return it.key().second == peer.device && !it.value(); });
        Q_EMIT lanChanged();
    });
    connect(m_lan.get(), &LanFallback::frameReceived, this, &ChatClient::onLanFrame);
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
        // Group messages wait for the server for now (protocol.md 12.8).
        if (isGroupKey(item.recipient) || m_cryptoStore.isHeld(item.recipient))
            continue;
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
            const lan::LanMessage message{
                item.id, target.second, item.recipient, 0, body, item.createdAt, {}};
            if (m_lan->send(target.first, target.second, message))
                m_lanSent.insert({item.id, target.second}, false);
        }
    }
}

void ChatClient::onLanFrame(const lan::LanDevice &from, const lan::LanFrame &frame)
{
    if (const auto *message = std::get_if<lan::LanMessage>(&frame))
        onLanMessage(from, *message);
    else if (const auto *ack = std::get_if<lan::LanAck>(&frame))
        onLanAck(from, *ack);
    else
        qCDebug(lcLan) << "not handled yet:" << lan::LanFrame(frame).index();
}

void ChatClient::onLanMessage(const lan::LanDevice &from, const lan::LanMessage &message)
{
    if (message.group != 0) {
        // Not acknowledged: the sender keeps it and it comes through the server.
        qCInfo(lcLan) << "group message" << message.id.toHex()
                      << "over the LAN left for the server";
        return;
    }
    // The link's deliver: no entry, no conversation id, no seq yet (protocol.md 12.6).
    protocol::Deliver d;
    d.id = message.id;
    d.from = from.account;
    d.fromDevice = from.device;
    d.to = from.account == m_username ? message.to : m_username;
    d.timestamp = message.sentAt;
    d.body = message.body;
    if (onDeliver(d))
        m_lan->send(from.account, from.device, lan::LanAck{{message.id}});
}

void ChatClient::onLanAck(const lan::LanDevice &from, const lan::LanAck &ack)
{
    for (const MessageId &id : ack.ids)
        m_lanSent.insert({id, from.device}, true);
    // Delivered; it stays in the outbox until the server has it too (protocol.md 12.7).
    const QList<MessageId> changed = m_store.advanceState(ack.ids, DeliveryState::Delivered);
    for (const MessageId &id : changed) {
        if (const auto m = m_store.message(id)) {
            Q_EMIT messageStateChanged(id, m->conversation, m->state);
            Q_EMIT conversationChanged(m->conversation);
        }
    }
}

} // namespace linnet::client
