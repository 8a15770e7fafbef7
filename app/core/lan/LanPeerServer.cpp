// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanPeerServer.h"

#include "LanLog.h"

namespace linnet::client {

LanPeerServer::LanPeerServer(std::shared_ptr<const LanTrust> trust, int handshakeTimeoutMs,
                             QObject *parent)
    : QObject(parent), m_trust(std::move(trust)), m_handshakeTimeoutMs(handshakeTimeoutMs),
      m_server(QStringLiteral("linnet-lan"), QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, &LanPeerServer::onNewConnection);
}

LanPeerServer::~LanPeerServer() = default;

bool LanPeerServer::listen(const QHostAddress &address)
{
    if (!m_server.listen(address, 0)) {
        qCWarning(lcLan).noquote() << "cannot listen for peer links:" << m_server.errorString();
        return false;
    }
    return true;
}

void LanPeerServer::close()
{
    m_server.close();
    for (LanLink *link : findChildren<LanLink *>(Qt::FindDirectChildrenOnly))
        link->close();
}

void LanPeerServer::onNewConnection()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        if (socket->requestUrl().path() != QLatin1String("/v1/lan")) {
            qCWarning(lcLan).noquote()
                << "refused peer link from" << socket->peerAddress().toString() << ": path"
                << socket->requestUrl().path();
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated);
            socket->deleteLater();
            continue;
        }
        auto *link = new LanLink(socket, m_trust, m_handshakeTimeoutMs, this);
        connect(link, &LanLink::up, this, [this, link] { Q_EMIT linkUp(link); });
        connect(link, &LanLink::closed, link, &QObject::deleteLater);
    }
}

} // namespace linnet::client
