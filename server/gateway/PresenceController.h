// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerConfig.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QSet>

namespace linnet::server {

class Session;
class SessionRegistry;
class Store;

/**
 * Typing indicators and online / last-seen presence. Both are ephemeral: kept
 * in memory, sent to connected devices only, never queued, rate-limited.
 * Presence honours each account's privacy setting (everyone, contacts, nobody),
 * which hides both the online state and the last-seen time.
 */
class PresenceController {
public:
    PresenceController(Store &store, SessionRegistry &registry, const ServerConfig &config);

    void handleSubscribe(Session *session, const protocol::PresenceSubscribe &request);
    void handleTyping(Session *session, const protocol::Typing &typing);
    void handlePrivacy(Session *session, const protocol::SetPrivacy &request);

    /** The session was added to the registry (its account may just have come online). */
    void sessionOnline(Session *session);
    /** The session is gone (its account may just have gone offline). */
    void sessionOffline(Session *session);

private:
    struct Watched {
        qint64 accountId = 0;
        protocol::LastSeenVisibility visibility = protocol::LastSeenVisibility::Everyone;
        qint64 lastSeen = 0;
    };
    const Watched *lookup(const QString &username);
    bool visibleTo(const Watched &target, const Session *viewer);
    protocol::Presence presenceFor(const QString &username, const Watched &target,
                                   const Session *viewer);
    void broadcast(const QString &username);
    void unwatchAll(Session *session);

    Store &m_store;
    SessionRegistry &m_registry;
    const ServerConfig &m_config;
    QHash<QString, Watched> m_accounts;         ///< cache of watched accounts
    QHash<QString, QSet<Session *>> m_watchers; ///< username -> sessions watching it
};

} // namespace linnet::server
