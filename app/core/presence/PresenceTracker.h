// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

class QTimer;

namespace linnet::client {

class LocalStore;

/**
 * The account's typing, presence and privacy: how long a peer's "typing" shows, how
 * often this user's own goes out, whose presence the server is asked to follow, and
 * the privacy choices (read receipts, last seen) with the read receipts they allow.
 * Frames go out through the send hook; the choices are settings of the LocalStore.
 * Lives on the thread of its owner.
 */
class PresenceTracker : public QObject {
    Q_OBJECT

public:
    struct Hooks {
        std::function<bool(const protocol::Frame &)> send;
        std::function<quint32()> nextRequestId;
        std::function<qint64()> now; ///< ms UTC
        /** Offline: hands a typing frame to another path (LAN fallback); false if none. */
        std::function<bool(const protocol::Typing &)> sendTypingOffline = {};
    };
    struct Options {
        int typingThrottleMs = 3000; ///< at most one "typing" frame per peer per interval
        int typingExpiryMs = 6000;   ///< a peer's typing shows for this long without updates
    };

    PresenceTracker(LocalStore &store, Hooks hooks, Options options, QObject *parent = nullptr);

    /** This account's username: never followed, never a reader of its own receipts. */
    void setSelf(const QString &username) { m_self = username; }
    /** Frames go out only while online (authenticated). */
    void setOnline(bool online) { m_online = online; }
    /** Authenticated: tells a new connection whom to follow, the privacy choices and what
     *  was read meanwhile. */
    void restate();

    // --- typing -------------------------------------------------------------------------
    /** A peer's typing frame: shown until it stops or Options::typingExpiryMs pass. */
    void onTyping(const protocol::Typing &typing);
    /** Typing state of the local user towards @p peer, a username or a group key
     *  (throttled; a stop only follows a start). */
    void setTyping(const QString &peer, bool typing);
    /** True while @p user's typing shows (in group conversation @p group if not empty). */
    bool isTyping(const QString &user, const QString &group = {}) const;

    // --- presence -----------------------------------------------------------------------
    /** Users whose presence to follow; replaces the previous list. */
    void watch(const QStringList &peers);
    /** The open group's members, followed beside watch()'s users; replaces the last. */
    void watchMembers(const QStringList &members);
    /** What the next presence_sub names: the watched users and members, each once, never
     *  self or a group, only valid usernames, at most kMaxPresenceSubscriptions. */
    QStringList subscription() const;

    // --- privacy ------------------------------------------------------------------------
    bool sendReadReceipts() const;
    void setSendReadReceipts(bool enabled);
    void setLastSeenVisibility(protocol::LastSeenVisibility visibility);
    /** Sends a read receipt for each conversation read further than last told (if read
     *  receipts are on and online). */
    void sendPendingReadReceipts();
    /** The seq up to which a read receipt for @p conversation went to the server. */
    quint64 readSentUpTo(const QString &conversation) const;

Q_SIGNALS:
    void typingChanged(const QString &peer, bool typing);
    /** @p user is typing (or stopped) in group conversation @p conversation. */
    void groupTypingChanged(const QString &conversation, const QString &user, bool typing);

private:
    void sendSubscription();
    void restatePrivacy();

    LocalStore &m_store;
    Hooks m_hooks;
    Options m_options;
    QString m_self;
    bool m_online = false;
    QStringList m_watched;        ///< watch()
    QStringList m_watchedMembers; ///< watchMembers(): the open group's members
    QHash<QString, qint64> m_lastTypingSent;
    QHash<QString, QTimer *> m_typingExpiry; ///< by "user" or "group:N/user"
};

} // namespace linnet::client
