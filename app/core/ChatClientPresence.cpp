// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient, part three: read receipts, typing, presence and privacy (one-to-one
// and in groups). Part one, ChatClient.cpp, has the connection, the account and
// the incoming frames; part two, ChatClientOutgoing.cpp, the outbox.
#include "ChatClient.h"

#include "Clock.h"
#include "net/Connection.h"
#include "store/LocalStore.h"
#include "protocol/Limits.h"

namespace linnet::client {

namespace {
const QString kReadReceiptsKey = QStringLiteral("privacy/send_read_receipts");
const QString kLastSeenKey = QStringLiteral("privacy/last_seen");
const QString kReadSentPrefix = QStringLiteral("read_sent/");
} // namespace

void ChatClient::onTyping(const protocol::Typing &t)
{
    const QString group = t.group != 0 ? groupKey(t.group) : QString();
    if (group.isEmpty())
        Q_EMIT typingChanged(t.peer, t.active);
    else
        Q_EMIT groupTypingChanged(group, t.peer, t.active);
    QTimer *&timer = m_typingExpiry[group.isEmpty() ? t.peer : group + u'/' + t.peer];
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        const QString peer = t.peer;
        connect(timer, &QTimer::timeout, this, [this, peer, group] {
            if (group.isEmpty())
                Q_EMIT typingChanged(peer, false);
            else
                Q_EMIT groupTypingChanged(group, peer, false);
        });
    }
    if (t.active)
        timer->start(m_options.typingExpiryMs);
    else
        timer->stop();
}

// --- read, typing, presence, privacy --------------------------------------------------

void ChatClient::markRead(const QString &conversation)
{
    if (m_store.markViewed(conversation))
        Q_EMIT conversationChanged(conversation);
    sendPendingReadReceipts();
}

void ChatClient::sendPendingReadReceipts()
{
    if (m_state != ConnectionState::Online || !sendReadReceipts())
        return;
    for (const auto &c : m_store.conversations()) {
        if (c.serverId <= 0 || c.readUpToSeq == 0)
            continue;
        const QString key = kReadSentPrefix + c.key;
        if (m_store.setting(key).toULongLong() >= c.readUpToSeq)
            continue;
        if (m_connection->send(protocol::ReadRequest{c.serverId, c.readUpToSeq}))
            m_store.setSetting(key, QString::number(c.readUpToSeq));
    }
}

bool ChatClient::sendReadReceipts()
{
    return m_store.setting(kReadReceiptsKey, QStringLiteral("1")) == QLatin1String("1");
}

void ChatClient::setSendReadReceipts(bool enabled)
{
    m_store.setSetting(kReadReceiptsKey, enabled ? QStringLiteral("1") : QStringLiteral("0"));
}

void ChatClient::setTyping(const QString &peer, bool typing)
{
    if (m_state != ConnectionState::Online)
        return;
    const qint64 now = nowMs();
    const qint64 last = m_lastTypingSent.value(peer, 0);
    if (typing) {
        if (last > 0 && now - last < m_options.typingThrottleMs)
            return;
        m_lastTypingSent.insert(peer, now);
    } else {
        if (last == 0)
            return; // nothing to take back
        m_lastTypingSent.remove(peer);
    }
    if (isGroupKey(peer))
        m_connection->send(protocol::Typing{{}, typing, groupIdOf(peer)});
    else
        m_connection->send(protocol::Typing{peer, typing});
}

void ChatClient::watchGroupPresence(const QString &key)
{
    const auto group = m_groups.group(key);
    m_watchedMembers.clear();
    if (group)
        for (const auto &m : group->members)
            m_watchedMembers << m.user;
    sendPresenceSubscription();
}

void ChatClient::watchPresence(const QStringList &peers)
{
    m_watched = peers;
    sendPresenceSubscription();
}

QStringList ChatClient::presenceSubscription() const
{
    // Users only: a group conversation ("group:12") is nobody's presence, and one
    // entry the server cannot take would cost every other watched user theirs.
    QStringList users;
    for (const QStringList *list : {&m_watched, &m_watchedMembers})
        for (const QString &user : *list)
            if (user != m_username && !isGroupKey(user) && protocol::isValidUsername(user) &&
                !users.contains(user) && users.size() < protocol::kMaxPresenceSubscriptions)
                users << user;
    return users;
}

void ChatClient::sendPresenceSubscription()
{
    if (m_state != ConnectionState::Online || (m_watched.isEmpty() && m_watchedMembers.isEmpty()))
        return;
    const QStringList users = presenceSubscription(); // may be empty: that clears the set
    m_connection->send(protocol::PresenceSubscribe{++m_nextRequestId, users});
}

void ChatClient::setLastSeenVisibility(protocol::LastSeenVisibility visibility)
{
    m_store.setSetting(kLastSeenKey, QString::number(int(visibility)));
    if (m_state == ConnectionState::Online)
        m_connection->send(protocol::SetPrivacy{++m_nextRequestId, visibility});
}

void ChatClient::restatePrivacy()
{
    const QString lastSeen = m_store.setting(kLastSeenKey);
    if (!lastSeen.isEmpty())
        m_connection->send(protocol::SetPrivacy{
            ++m_nextRequestId, static_cast<protocol::LastSeenVisibility>(lastSeen.toInt())});
}

} // namespace linnet::client
