// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gateway/ServerConfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>

class QTcpServer;

namespace linnet::server {

class Session;
class TlsTcpServer;

/**
 * Accepts WebSocket connections on /v1/ws, wraps each in a Session, enforces
 * the connection limit and the authentication deadline, and pings every
 * connection on a heartbeat, dropping the ones that stay silent.
 */
class WebSocketGateway : public QObject {
    Q_OBJECT
public:
    explicit WebSocketGateway(const ServerConfig &config, QObject *parent = nullptr);
    ~WebSocketGateway() override;

    /** Starts listening; the error says why not (port in use, no permission). */
    protocol::Result<quint16> listen();
    /** Stops accepting new connections; existing ones stay. */
    void stopListening();
    /** Closes every connection with "going away". */
    void closeAll(const QString &reason);

    qsizetype connectionCount() const { return m_sessions.size(); }
    QList<Session *> sessions() const { return m_sessions.values(); }

Q_SIGNALS:
    void sessionOpened(linnet::server::Session *session);
    void sessionClosed(linnet::server::Session *session);

private:
    /** Wraps a new connection in a Session and gives it until the deadline. */
    void admit(Session *session);
    /** The handshake of @p session is done: admits it, or tells it why not. */
    void onOpened(Session *session);
    void heartbeat();
    /** Closes the connections whose authentication deadline has passed. */
    void expireUnauthenticated();

    /** A connection that must authenticate by @c deadlineMs (on m_clock). */
    struct AuthDeadline {
        qint64 deadlineMs;
        Session *session;     ///< only used if still in m_sessions with this id
        quint64 connectionId; ///< guards against a new Session at a reused address
    };

    const ServerConfig &m_config;
    /** A SocketStreamServer (plain text on Linux), m_tlsServer, or a QTcpServer. */
    QTcpServer *m_tcpServer = nullptr;
    TlsTcpServer *m_tlsServer = nullptr;
    /** Connections still in their WebSocket handshake, or refused after it. */
    QSet<Session *> m_connecting;
    /** Open WebSocket connections (sessionOpened was emitted for each). */
    QSet<Session *> m_sessions;
    QTimer m_heartbeat;
    // One timer for every connection's authentication deadline instead of a
    // single-shot QTimer (and a QPointer) per connection. The timeout is the
    // same for all, so the queue is in deadline order.
    std::deque<AuthDeadline> m_authDeadlines;
    QTimer m_authTimer;
    QElapsedTimer m_clock;
    quint64 m_nextConnectionId = 1;
};

} // namespace linnet::server
