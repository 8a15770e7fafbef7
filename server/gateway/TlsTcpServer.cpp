// SPDX-License-Identifier: GPL-3.0-or-later
#include "TlsTcpServer.h"

#include <QSslSocket>

namespace linnet::server {

void TlsTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_tls);
    socket->startServerEncryption();
    addPendingConnection(socket);
}

} // namespace linnet::server
