// SPDX-License-Identifier: GPL-3.0-or-later
#include "gateway/LinkController.h"

#include "ServerConfig.h"
#include "ServerLog.h"
#include "gateway/AuthController.h"
#include "gateway/Session.h"
#include "store/Store.h"

#include <QDateTime>
#include <QTimer>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Link requests one address may file per minute, and lookups one account may miss. */
constexpr double kAttemptsPerMinute = 10;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString noSuchLink()
{
    return QStringLiteral("no device is waiting for this code (wrong, expired, or approved "
                          "already)");
}
} // namespace

LinkController::LinkController(Store &store, AuthController &auth, const ServerConfig &config,
                               QObject *parent)
    : QObject(parent), m_store(store), m_auth(auth), m_config(config),
      m_requests(kAttemptsPerMinute, kAttemptsPerMinute / 60.0),
      m_misses(kAttemptsPerMinute, kAttemptsPerMinute / 60.0)
{
}

void LinkController::handleRequest(Session *session, const protocol::LinkRequest &request)
{
    if (session->isAuthenticated() || session->authPending()) {
        session->sendError(request.requestId, ErrorCode::AlreadyAuthenticated,
                           QStringLiteral("this connection is already authenticated or waiting"));
        return;
    }
    const QString address = QStringLiteral("ip:") + session->clientAddress();
    if (!m_requests.tryConsume(address, now())) {
        session->fail(request.requestId, ErrorCode::RateLimited,
                      QStringLiteral("too many link requests; wait a minute and try again"));
        return;
    }
    dropClosed();
    const auto account = m_store.accountByName(request.username);
    if (!account || account->disabled) {
        session->fail(request.requestId, ErrorCode::UnknownUser,
                      QStringLiteral("no account \"%1\" to link to").arg(request.username));
        return;
    }
    const auto ofAccount = std::count_if(m_pending.cbegin(), m_pending.cend(),
                                         [&](const auto &p) { return p.accountId == account->id; });
    if (ofAccount >= kMaxPendingPerAccount || m_pending.size() >= kMaxPending) {
        session->fail(request.requestId, ErrorCode::RateLimited,
                      QStringLiteral("too many devices are waiting to be linked; try again later"));
        return;
    }
    if (m_pending.contains(request.lookup)) {
        session->fail(request.requestId, ErrorCode::InvalidField,
                      QStringLiteral("field \"lookup\" is in use; make a new code"));
        return;
    }
    const qint64 expires = now() + qint64(m_config.linkTimeoutSeconds) * 1000;
    m_pending.insert(request.lookup,
                     Pending{session, request.requestId, account->id, account->username,
                             request.deviceName, request.sealed, expires});
    // Waiting is not idle: the connection is not closed for want of an auth in time.
    session->setAuthPending(true);
    QTimer::singleShot(std::chrono::seconds(m_config.linkTimeoutSeconds), this,
                       [this, lookup = request.lookup] { expire(lookup); });
    qCInfo(lcAuth) << "a new device waits to be linked to" << account->username << "from"
                   << session->clientAddress();
    session->send(protocol::Ok{request.requestId});
}

LinkController::Pending *LinkController::findFor(Session *session, quint32 requestId,
                                                 const QByteArray &lookup)
{
    dropClosed();
    const QString account = QStringLiteral("account:") + QString::number(session->accountId());
    if (!m_misses.wouldAllow(account, now())) {
        session->sendError(requestId, ErrorCode::RateLimited,
                           QStringLiteral("too many wrong link codes; wait a minute"));
        return nullptr;
    }
    const auto it = m_pending.find(lookup);
    // Another account's request is answered like a code nobody filed: nothing leaks.
    if (it == m_pending.end() || it->accountId != session->accountId()) {
        m_misses.consume(account, now());
        session->sendError(requestId, ErrorCode::UnknownLink, noSuchLink());
        return nullptr;
    }
    return &*it;
}

void LinkController::handleFetch(Session *session, const protocol::LinkFetch &request)
{
    if (const Pending *p = findFor(session, request.requestId, request.lookup))
        session->send(protocol::LinkPending{request.requestId, p->sealed, p->expires});
}

void LinkController::handleApprove(Session *session, const protocol::LinkApprove &request)
{
    Pending *p = findFor(session, request.requestId, request.lookup);
    if (!p)
        return;
    const Pending pending = *p;
    m_pending.remove(request.lookup);
    Session *waiting = pending.session.data();
    const auto created = m_auth.createDevice(pending.accountId, pending.deviceName);
    if (!created) {
        session->sendError(request.requestId, created.error().code, created.error().reason);
        waiting->fail(pending.requestId, created.error().code, created.error().reason);
        return;
    }
    qCInfo(lcAuth) << "device" << session->deviceId() << "of" << pending.username << "linked device"
                   << created.value().id;
    waiting->setAuthPending(false);
    waiting->send(protocol::LinkSealed{pending.requestId, request.sealed});
    m_auth.finish(waiting, pending.requestId, pending.accountId, created.value().id,
                  pending.username, created.value().token);
    session->send(protocol::LinkApproved{request.requestId, created.value().id});
}

void LinkController::expire(const QByteArray &lookup)
{
    const auto it = m_pending.find(lookup);
    if (it == m_pending.end() || it->expires > now())
        return;
    if (it->session)
        it->session->fail(it->requestId, ErrorCode::UnknownLink,
                          QStringLiteral("the link code expired before a device approved it; "
                                         "make a new one"));
    m_pending.erase(it);
}

void LinkController::dropClosed()
{
    m_pending.removeIf([](const auto &entry) {
        return !entry.value().session || entry.value().session->isClosing();
    });
}

} // namespace linnet::server
