// SPDX-License-Identifier: GPL-3.0-or-later
#include "PresenceController.h"

#include "ServerLog.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "protocol/Limits.h"
#include "store/Store.h"

#include <QDateTime>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::LastSeenVisibility;

namespace {
/** Typing frames: a burst of 10, then 2 per second per connection. */
constexpr double kTypingBurst = 10;
constexpr double kTypingPerSecond = 2;
} // namespace

PresenceController::PresenceController(Store &store, SessionRegistry &registry,
                                       const ServerConfig &config)
    : m_store(store), m_registry(registry), m_config(config)
{
}

const PresenceController::Watched *PresenceController::lookup(const QString &username)
{
    auto it = m_accounts.find(username);
    if (it == m_accounts.end()) {
        const auto account = m_store.accountByName(username);
        if (!account)
            return nullptr;
        it = m_accounts.insert(
            username, Watched{account->id, account->lastSeenVisibility, account->lastSeen});
    }
    return &it.value();
}

bool PresenceController::visibleTo(const Watched &target, const Session *viewer)
{
    if (target.accountId == viewer->accountId())
        return true;
    switch (target.visibility) {
    case LastSeenVisibility::Everyone:
        return true;
    case LastSeenVisibility::Contacts:
        return m_store.areContacts(target.accountId, viewer->accountId());
    case LastSeenVisibility::Nobody:
        return false;
    }
    return false;
}

protocol::Presence PresenceController::presenceFor(const QString &username, const Watched &target,
                                                   const Session *viewer)
{
    if (!visibleTo(target, viewer))
        return protocol::Presence{username, false, 0};
    return protocol::Presence{username, m_registry.isOnline(target.accountId), target.lastSeen};
}

void PresenceController::handleSubscribe(Session *session,
                                         const protocol::PresenceSubscribe &request)
{
    unwatchAll(session);
    session->send(protocol::Ok{request.requestId});
    for (const QString &user : request.users) {
        if (!protocol::isValidUsername(user)) {
            // A client's mistake (say a group key in the list) costs only that entry.
            qCDebug(lcRelay) << "device" << session->deviceId()
                             << "watches a name that is no username, skipped:" << user.left(64);
            continue;
        }
        const Watched *target = lookup(user);
        if (!target)
            continue; // unknown users are simply never online
        session->watchedUsers().insert(user);
        m_watchers[user].insert(session);
        session->send(presenceFor(user, *target, session));
    }
}

void PresenceController::unwatchAll(Session *session)
{
    for (const QString &user : std::as_const(session->watchedUsers())) {
        auto it = m_watchers.find(user);
        if (it == m_watchers.end())
            continue;
        it->remove(session);
        if (it->isEmpty()) {
            m_watchers.erase(it);
            m_accounts.remove(user);
        }
    }
    session->watchedUsers().clear();
}

void PresenceController::handleTyping(Session *session, const protocol::Typing &typing)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!session->typingBucket().take(kTypingBurst, kTypingPerSecond, now)) {
        session->sendError(0, ErrorCode::RateLimited,
                           QStringLiteral("typing notifications are sent too often"));
        return;
    }
    if (typing.group != 0) {
        // Ephemeral: a non-member's typing is dropped without a word.
        const QList<qint64> members = m_store.groups().memberAccounts(typing.group);
        if (!members.contains(session->accountId()))
            return;
        const protocol::Typing out{session->username(), typing.active, typing.group};
        for (qint64 member : members)
            if (member != session->accountId())
                for (Session *target : m_registry.byAccount(member))
                    target->send(out);
        return;
    }
    const auto account = m_store.accountByName(typing.peer);
    if (!account) {
        session->sendError(
            0, ErrorCode::UnknownUser,
            QStringLiteral("there is no user \"%1\" on this server").arg(typing.peer));
        return;
    }
    const protocol::Typing out{session->username(), typing.active};
    for (Session *target : m_registry.byAccount(account->id))
        target->send(out);
}

void PresenceController::handlePrivacy(Session *session, const protocol::SetPrivacy &request)
{
    m_store.setLastSeenVisibility(session->accountId(), request.lastSeen);
    session->send(protocol::Ok{request.requestId});
    auto it = m_accounts.find(session->username());
    if (it != m_accounts.end()) {
        it->visibility = request.lastSeen;
        broadcast(session->username());
    }
}

void PresenceController::sessionOnline(Session *session)
{
    session->typingBucket() = TokenBucket::full(kTypingBurst, QDateTime::currentMSecsSinceEpoch());
    if (m_registry.byAccount(session->accountId()).size() == 1)
        broadcast(session->username());
}

void PresenceController::sessionOffline(Session *session)
{
    unwatchAll(session);
    if (!session->isAuthenticated() || m_registry.isOnline(session->accountId()))
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_store.setLastSeen(session->accountId(), now);
    auto it = m_accounts.find(session->username());
    if (it != m_accounts.end()) {
        it->lastSeen = now;
        broadcast(session->username());
    }
}

void PresenceController::broadcast(const QString &username)
{
    const auto watchers = m_watchers.value(username);
    if (watchers.isEmpty())
        return;
    const Watched *target = lookup(username);
    if (!target)
        return;
    for (Session *viewer : watchers)
        viewer->send(presenceFor(username, *target, viewer));
}

} // namespace linnet::server
