// SPDX-License-Identifier: GPL-3.0-or-later
#include "InviteController.h"

#include "ServerLog.h"
#include "auth/Credentials.h"
#include "gateway/Session.h"
#include "protocol/Limits.h"
#include "store/Store.h"

#include <QDateTime>

namespace linnet::server {

using protocol::ErrorCode;

protocol::Result<protocol::InviteCreated> InviteController::create(Store &store, int validDays,
                                                                   qint64 now)
{
    const QString code = Credentials::newInviteCode();
    const qint64 expires = now + qint64(validDays) * 24 * 3600 * 1000;
    if (auto r = store.createInvite(
            Credentials::hashSecret(Credentials::normalizeInviteCode(code).toUtf8()), now, expires);
        !r)
        return r.error();
    protocol::InviteCreated created;
    created.code = code;
    created.expiresAt = expires;
    return created;
}

bool InviteController::admitted(Session *session, quint32 requestId, const char *what)
{
    const auto account = m_store.accountById(session->accountId());
    if (account && account->serverAdmin)
        return true;
    qCInfo(lcAdmin) << session->username() << "is no server admin and asked to" << what;
    session->sendError(requestId, ErrorCode::NotServerAdmin,
                       QStringLiteral("only the server's admins may %1; the server's admin "
                                      "makes an account one with linnet-server user admin NAME on")
                           .arg(QLatin1String(what)));
    return false;
}

void InviteController::handleCreate(Session *session, const protocol::InviteCreate &request)
{
    if (!admitted(session, request.requestId, "create invites"))
        return;
    auto created = create(m_store, request.validDays, QDateTime::currentMSecsSinceEpoch());
    if (!created) {
        session->sendError(request.requestId, ErrorCode::InternalError,
                           QStringLiteral("the invite could not be stored; try again"));
        return;
    }
    qCInfo(lcAdmin) << session->username() << "created an invite valid for" << request.validDays
                    << "days";
    created.value().requestId = request.requestId;
    session->send(created.value());
}

void InviteController::handleList(Session *session, const protocol::InvitesGet &request)
{
    if (!admitted(session, request.requestId, "list invites"))
        return;
    const auto invites = m_store.listInvites(int(protocol::kMaxInvitesListed));
    if (!invites) {
        session->sendError(request.requestId, ErrorCode::InternalError,
                           QStringLiteral("the invites could not be read; try again"));
        return;
    }
    protocol::InviteList reply;
    reply.requestId = request.requestId;
    for (const InviteRecord &r : invites.value())
        reply.invites.append(
            {r.createdAt, r.expiresAt, r.usedBy, r.usedBy.isEmpty() ? 0 : r.usedAt});
    session->send(reply);
}

} // namespace linnet::server
