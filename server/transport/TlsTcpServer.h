// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>

namespace linnet::server {

/**
 * A QTcpServer whose connections are QSslSockets in server mode: each starts
 * its TLS handshake at once and delivers plain text to readers afterwards.
 * A handshake that fails ends in the socket's disconnected().
 */
class TlsTcpServer : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

    void setSslConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }

    /** A QSslSocket on the accepted @p socketDescriptor, its server handshake started;
     *  a descriptor it cannot take is closed and the socket is returned unconnected. */
    static QSslSocket *serverSocket(qintptr socketDescriptor, const QSslConfiguration &tls);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QSslConfiguration m_tls;
};

} // namespace linnet::server
