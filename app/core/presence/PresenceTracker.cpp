// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence/PresenceTracker.h"

#include "ClientTypes.h"
#include "groups/GroupTypes.h"
#include "protocol/Limits.h"
#include "store/LocalStore.h"

#include <QTimer>

namespace linnet::client {

namespace {
const QString kReadReceiptsKey = QStringLiteral("privacy/send_read_receipts");
const QString kLastSeenKey = QStringLiteral("privacy/last_seen");
const QString kReadSentPrefix = QStringLiteral("read_sent/");
} // namespace

PresenceTracker::PresenceTracker(LocalStore &store, Hooks hooks, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_hooks(std::move(hooks)), m_options(options)
{
}

void PresenceTracker::restate()
{
    sendSubscription();
    restatePrivacy();
    sendPendingReadReceipts();
}

// --- typing -------------------------------------------------------------------------------

void PresenceTracker::onTyping(const protocol::Typing &t)
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

bool PresenceTracker::isTyping(const QString &user, const QString &group) const
{
    const QTimer *timer = m_typingExpiry.value(group.isEmpty() ? user : group + u'/' + user);
    return timer && timer->isActive();
}

void PresenceTracker::setTyping(const QString &peer, bool typing)
{
    if (!m_online && !m_hooks.sendTypingOffline)
        return;
    const qint64 now = m_hooks.now();
    const qint64 last = m_lastTypingSent.value(peer, 0);
    if (typing && last > 0 && now - last < m_options.typingThrottleMs)
        return;
    if (!typing && last == 0)
        return; // nothing to take back
    const protocol::Typing frame = isGroupKey(peer) ? protocol::Typing{{}, typing, groupIdOf(peer)}
                                                    : protocol::Typing{peer, typing};
    // Offline, a typing that no other path took is not counted as sent.
    const bool sent = m_online ? m_hooks.send(frame) : m_hooks.sendTypingOffline(frame);
    if (!typing)
        m_lastTypingSent.remove(peer);
    else if (sent || m_online)
        m_lastTypingSent.insert(peer, now);
}

// --- presence ------------------------------------------------------------------------------

void PresenceTracker::watch(const QStringList &peers)
{
    m_watched = peers;
    sendSubscription();
}

void PresenceTracker::watchMembers(const QStringList &members)
{
    m_watchedMembers = members;
    sendSubscription();
}

QStringList PresenceTracker::subscription() const
{
    // Users only: a group conversation ("group:12") is nobody's presence, and one
    // entry the server cannot take would cost every other watched user theirs.
    QStringList users;
    for (const QStringList *list : {&m_watched, &m_watchedMembers})
        for (const QString &user : *list)
            if (user != m_self && !isGroupKey(user) && protocol::isValidUsername(user) &&
                !users.contains(user) && users.size() < protocol::kMaxPresenceSubscriptions)
                users << user;
    return users;
}

void PresenceTracker::sendSubscription()
{
    if (!m_online || (m_watched.isEmpty() && m_watchedMembers.isEmpty()))
        return;
    const QStringList users = subscription(); // may be empty: that clears the set
    m_hooks.send(protocol::PresenceSubscribe{m_hooks.nextRequestId(), users});
}

// --- privacy --------------------------------------------------------------------------------

bool PresenceTracker::sendReadReceipts() const
{
    return m_store.setting(kReadReceiptsKey, QStringLiteral("1")) == QLatin1String("1");
}

void PresenceTracker::setSendReadReceipts(bool enabled)
{
    m_store.setSetting(kReadReceiptsKey, enabled ? QStringLiteral("1") : QStringLiteral("0"));
}

void PresenceTracker::sendPendingReadReceipts()
{
    if (!m_online || !sendReadReceipts())
        return;
    for (const auto &c : m_store.conversations()) {
        if (c.serverId <= 0 || c.readUpToSeq == 0)
            continue;
        if (readSentUpTo(c.key) >= c.readUpToSeq)
            continue;
        if (m_hooks.send(protocol::ReadRequest{c.serverId, c.readUpToSeq}))
            m_store.setSetting(kReadSentPrefix + c.key, QString::number(c.readUpToSeq));
    }
}

quint64 PresenceTracker::readSentUpTo(const QString &conversation) const
{
    return m_store.setting(kReadSentPrefix + conversation).toULongLong();
}

void PresenceTracker::setLastSeenVisibility(protocol::LastSeenVisibility visibility)
{
    m_store.setSetting(kLastSeenKey, QString::number(int(visibility)));
    if (m_online)
        m_hooks.send(protocol::SetPrivacy{m_hooks.nextRequestId(), visibility});
}

void PresenceTracker::restatePrivacy()
{
    const QString lastSeen = m_store.setting(kLastSeenKey);
    if (!lastSeen.isEmpty())
        m_hooks.send(protocol::SetPrivacy{
            m_hooks.nextRequestId(), static_cast<protocol::LastSeenVisibility>(lastSeen.toInt())});
}

} // namespace linnet::client
