// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient: what a password login sends, and starting over with an account (issue 27,
// docs/crypto.md "Starting over"). The account part proper is in ChatClient.cpp.
#include "ChatClient.h"

#include "ClientLog.h"
#include "Clock.h"

namespace linnet::client {

protocol::LoginRequest ChatClient::loginRequest(quint32 requestId, const QString &username,
                                                const QString &password, bool startOver)
{
    protocol::LoginRequest login{requestId, username, password, m_options.deviceName};
    login.startOver = startOver;
    if (!startOver) // a profile that holds the account key may add itself
        OwnKeys::proveLogin(m_secrets, login, nowMs());
    return login;
}

void ChatClient::forgetOldAccountKey()
{
    // The server dropped the account key with every other device: a copy of it here (a
    // profile used before) certifies nothing any more, and auth_ok's empty account key
    // makes this device create the new one (OwnKeys::onServerAccountKey).
    if (const auto forgot = m_ownKeys.forgetAccountKey(); !forgot)
        qCWarning(lcClient) << "cannot forget the old account key:" << forgot.error().reason;
    else
        qCInfo(lcClient) << "started over with the account: a new account key follows";
}

} // namespace linnet::client
