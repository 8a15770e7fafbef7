// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminCommands.h"

#include "ServerLog.h"
#include "admin/InviteController.h"
#include "auth/Credentials.h"
#include "protocol/InviteLink.h"
#include "protocol/Limits.h"
#include "store/Store.h"

#include <QDateTime>

namespace linnet::server {

int AdminCommands::createInvite(int validDays, const InviteTarget &target)
{
    const auto r =
        InviteController::create(m_store, validDays, QDateTime::currentMSecsSinceEpoch());
    if (!r) {
        m_err << "error: could not store the invite: " << r.error().reason << Qt::endl;
        return 1;
    }
    qCInfo(lcAdmin) << "invite created, valid for" << validDays << "days";
    const QString &code = r.value().code;
    if (target.server.isEmpty())
        m_out << code << Qt::endl;
    else
        m_out << protocol::InviteLink{target.server, target.pin, code}.toString() << Qt::endl;
    return 0;
}

int AdminCommands::createAccount(const QString &username, const QString &password)
{
    if (!protocol::isValidUsername(username)) {
        m_err << "error: \"" << username
              << "\" is not a valid username (3-32 of a-z 0-9 . _ -, starting with a letter or "
                 "digit)"
              << Qt::endl;
        return 2;
    }
    const qsizetype bytes = password.toUtf8().size();
    if (bytes < protocol::kMinPasswordBytes || bytes > protocol::kMaxPasswordBytes) {
        m_err << "error: the password must be " << protocol::kMinPasswordBytes << " to "
              << protocol::kMaxPasswordBytes << " bytes long" << Qt::endl;
        return 2;
    }
    const auto hash = Credentials().hashPassword(password);
    if (!hash) {
        m_err << "error: " << hash.error().reason << Qt::endl;
        return 1;
    }
    const auto id = m_store.createAccount(username, hash.value(), std::nullopt,
                                          QDateTime::currentMSecsSinceEpoch());
    if (!id) {
        m_err << "error: " << id.error().reason << Qt::endl;
        return id.error().code == protocol::ErrorCode::UsernameTaken ? 3 : 1;
    }
    qCInfo(lcAdmin) << "account created:" << username;
    m_out << "created account " << username << Qt::endl;
    return 0;
}

int AdminCommands::listAccounts()
{
    const auto accounts = m_store.listAccounts();
    for (const auto &a : accounts) {
        const QString created =
            QDateTime::fromMSecsSinceEpoch(a.createdAt, Qt::UTC).toString(Qt::ISODate);
        const QString seen =
            a.lastSeen > 0
                ? QDateTime::fromMSecsSinceEpoch(a.lastSeen, Qt::UTC).toString(Qt::ISODate)
                : QStringLiteral("never");
        m_out << a.username << '\t' << (a.disabled ? "disabled" : "active") << '\t' << "created "
              << created << '\t' << "last seen " << seen << (a.serverAdmin ? "\tadmin" : "")
              << Qt::endl;
    }
    return 0;
}

int AdminCommands::setServerAdmin(const QString &username, bool admin)
{
    if (!m_store.setServerAdmin(username, admin)) {
        m_err << "error: there is no account \"" << username << "\"" << Qt::endl;
        return 3;
    }
    qCInfo(lcAdmin) << "account" << username
                    << (admin ? "is a server admin" : "is no server admin");
    m_out << username
          << (admin ? " is a server admin: creates and lists invites in the app"
                    : " is no server admin any more")
          << Qt::endl;
    return 0;
}

int AdminCommands::setDisabled(const QString &username, bool disabled)
{
    if (!m_store.setAccountDisabled(username, disabled)) {
        m_err << "error: there is no account \"" << username << "\"" << Qt::endl;
        return 3;
    }
    qCInfo(lcAdmin) << "account" << username << (disabled ? "disabled" : "enabled");
    m_out << (disabled ? "disabled " : "enabled ") << username << Qt::endl;
    return 0;
}

} // namespace linnet::server
