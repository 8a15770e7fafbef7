// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LanLink.h"

#include <QHostAddress>
#include <QObject>
#include <QWebSocketServer>

#include <memory>

namespace linnet::client {

/**
 * The peer-link listener (docs/protocol.md 12.4): a QWebSocketServer on a port the system
 * picks, whose port the announcements carry. Every connection on /v1/lan becomes a
 * listener-side LanLink (a child of this server, deleted when it closes); linkUp() hands
 * out those that authenticated. Anything else is closed.
 */
class LanPeerServer : public QObject {
    Q_OBJECT
public:
    LanPeerServer(std::shared_ptr<const LanTrust> trust, int handshakeTimeoutMs = 5000,
                  QObject *parent = nullptr);
    ~LanPeerServer() override;

    /** Listens on @p address (all by default) at an ephemeral port; false on failure. */
    bool listen(const QHostAddress &address = QHostAddress::Any);
    quint16 port() const { return m_server.serverPort(); }
    bool isListening() const { return m_server.isListening(); }
    /** Stops listening and closes every link it accepted. */
    void close();

Q_SIGNALS:
    /** An accepted link authenticated its peer. */
    void linkUp(linnet::client::LanLink *link);

private:
    void onNewConnection();

    std::shared_ptr<const LanTrust> m_trust;
    int m_handshakeTimeoutMs;
    QWebSocketServer m_server;
};

} // namespace linnet::client
