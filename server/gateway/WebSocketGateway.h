// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gateway/Session.h"
#include "ops/ErrorCounts.h"
#include "transport/ConnectionAdmission.h"
#include "ServerConfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <deque>
#include <vector>
#include <functional>
#include <memory>

class QTcpServer;

namespace linnet::server {

class ByteStream;
class Session;
class TcpListener;
class TlsTcpServer;

/**
 * Accepts WebSocket connections on /v1/ws, wraps each in a Session, enforces
 * the connection limits and the authentication deadline, and pings every
 * connection on a heartbeat, dropping the ones that stay silent.
 *
 * Two limits, counted apart: connections not signed in yet (handshakes
 * included) per address and in total (max_unauthenticated_per_address,
 * max_unauthenticated; see ConnectionAdmission), and signed-in connections
 * (max_connections), so that connections which never sign in cannot crowd out
 * users who do.
 */
class WebSocketGateway : public QObject, private Session::RequestTaker {
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

    /** Open WebSocket connections, signed in or not. */
    qsizetype connectionCount() const { return m_sessions.size(); }
    /** Signed-in WebSocket connections. */
    qsizetype authenticatedCount() const { return m_authenticated; }
    /** Connections not signed in yet, handshakes included. */
    int unauthenticatedCount() const { return m_admission.total(); }
    /**
     * Gets a connection whose request the filter took (plain HTTP on the WebSocket's
     * port), with every byte received so far, and whether to serve it or say why not
     * (over its address's limit, as a WebSocket would be told, or the server is full).
     */
    using HttpHandler =
        std::function<void(std::unique_ptr<ByteStream> stream, const QByteArray &received,
                           ConnectionAdmission::HandOver verdict)>;
    /**
     * Requests @p filter accepts go to @p handler instead of the WebSocket (the first
     * handler added whose filter accepts). They count as unauthenticated connections
     * until their head is read, then against max_connections like signed-in
     * WebSockets, until they close.
     */
    using HttpFilter = bool (*)(QByteArrayView head);
    void addHttpHandler(HttpFilter filter, HttpHandler handler);
    /** Plain HTTP connections handed to the HTTP handler and still open. */
    qsizetype httpConnectionCount() const { return m_httpOpen; }

    /** @p session has authenticated: it no longer counts against the unauthenticated limits. */
    void sessionAuthenticated(Session *session);
    QList<Session *> sessions() const { return m_sessions.values(); }
    /** The error frames sent on every connection, by code. */
    const ErrorCounts &errorCounts() const { return m_errorCounts; }

Q_SIGNALS:
    void sessionOpened(linnet::server::Session *session);
    void sessionClosed(linnet::server::Session *session);

private:
    /** Admits, refuses or drops a new connection from @p peer (see ConnectionAdmission). */
    ConnectionAdmission::Verdict judge(const QHostAddress &peer, QString &key);
    /** Wraps a new connection in a Session and gives it until the deadline. */
    void admit(std::unique_ptr<ByteStream> stream, const QString &addressKey, bool refused);
    /** Counts @p session under the client a trusted proxy names for it, if one does. */
    void countUnderClientAddress(Session *session);
    /** The handshake of @p session is done: admits it, or tells it why not. */
    void onOpened(Session *session);
    bool takes(QByteArrayView head) const override { return httpHandlerFor(head) != nullptr; }
    const HttpHandler *httpHandlerFor(QByteArrayView head) const;
    /** @p session's request is for the HTTP handler: hands its stream over. */
    void take(Session *session) override;
    /** Stops counting @p session as a connection still signing in; false if it was not. */
    bool forgetUnauthenticated(Session *session);
    void heartbeat();
    /** Closes the connections whose authentication deadline has passed. */
    void expireUnauthenticated();

    /** A connection that must authenticate by @c deadlineMs (on m_clock). */
    struct AuthDeadline {
        qint64 deadlineMs;
        Session *session;     ///< only used if still in m_sessions with this id
        quint64 connectionId; ///< guards against a new Session at a reused address
    };

    /** A connection that has not authenticated yet. */
    struct Unauthenticated {
        QString addressKey;
        bool refused = false; ///< over its address's limit: told so once open, then closed
    };

    const ServerConfig &m_config;
    /** Linux: accepts for plain text and TLS alike (and pauses when out of descriptors). */
    TcpListener *m_listener = nullptr;
    /** Elsewhere: a TlsTcpServer (m_tlsServer) or a QTcpServer. */
    QTcpServer *m_tcpServer = nullptr;
    TlsTcpServer *m_tlsServer = nullptr;
    QSslConfiguration m_tls;
    ConnectionAdmission m_admission;
    ErrorCounts m_errorCounts;
    QHash<Session *, Unauthenticated> m_unauthenticated;
    qsizetype m_authenticated = 0; ///< open connections that are signed in
    qsizetype m_httpOpen = 0;      ///< plain HTTP connections handed over and still open
    std::vector<std::pair<HttpFilter, HttpHandler>> m_httpHandlers;
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
