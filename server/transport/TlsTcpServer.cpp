// SPDX-License-Identifier: GPL-3.0-or-later
#include "TlsTcpServer.h"

#include <QSslSocket>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace linnet::server {

QSslSocket *TlsTcpServer::serverSocket(qintptr socketDescriptor, const QSslConfiguration &tls)
{
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
#ifdef Q_OS_UNIX
        ::close(int(socketDescriptor));
#endif
        return socket; // unconnected: the caller deletes it
    }
    socket->setSslConfiguration(tls);
    socket->startServerEncryption();
    return socket;
}

void TlsTcpServer::incomingConnection(qintptr socketDescriptor)
{
    QSslSocket *socket = serverSocket(socketDescriptor, m_tls);
    if (socket->state() != QAbstractSocket::ConnectedState) {
        delete socket;
        return;
    }
    socket->setParent(this);
    addPendingConnection(socket);
}

} // namespace linnet::server
