// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSocketGateway.h"

#include "ServerLog.h"
#include "transport/QtSocketStream.h"
#include "gateway/Session.h"
#include "transport/TlsTcpServer.h"
#ifdef Q_OS_LINUX
#include "transport/SocketStream.h"
#include "transport/TcpListener.h"

#include <unistd.h>
#endif

#include <QDateTime>
#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>

namespace linnet::server {

using protocol::ErrorCode;

#ifndef Q_OS_LINUX
namespace {
/** How long QTcpServer pauses after an accept error (TcpListener's kRetryMs on Linux). */
constexpr int kAcceptRetryMs = 250;
} // namespace
#endif

WebSocketGateway::WebSocketGateway(const ServerConfig &config, QObject *parent)
    : QObject(parent), m_config(config),
      m_admission(config.maxUnauthenticated, config.maxUnauthenticatedPerAddress)
{
    // The WebSocket protocol is WebSocketConnection's, on what is accepted here:
    // in plain text on Linux, SocketStreams (descriptors of our own); with TLS, and
    // on other systems, QTcpSockets (QSslSockets).
#ifdef Q_OS_LINUX
    m_listener = new TcpListener(this);
    m_listener->setAcceptHandler([this](int fd, const QHostAddress &peer) {
        QString key;
        const auto verdict = judge(peer, key);
        if (verdict == ConnectionAdmission::Verdict::Drop) {
            ::close(fd);
            return;
        }
        std::unique_ptr<ByteStream> stream;
        if (m_config.tlsEnabled()) {
            QSslSocket *socket = TlsTcpServer::serverSocket(fd, m_tls);
            if (socket->state() != QAbstractSocket::ConnectedState) {
                delete socket;
                return;
            }
            stream = std::make_unique<QtSocketStream>(socket);
        } else {
            stream = std::make_unique<SocketStream>(fd);
        }
        admit(std::move(stream), key, verdict == ConnectionAdmission::Verdict::Refuse);
    });
#else
    if (config.tlsEnabled())
        m_tcpServer = m_tlsServer = new TlsTcpServer(this);
    else
        m_tcpServer = new QTcpServer(this);
    connect(m_tcpServer, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
            QString key;
            const auto verdict = judge(socket->peerAddress(), key);
            if (verdict == ConnectionAdmission::Verdict::Drop) {
                socket->abort();
                socket->deleteLater();
                continue;
            }
            admit(std::make_unique<QtSocketStream>(socket), key,
                  verdict == ConnectionAdmission::Verdict::Refuse);
        }
    });
    // Out of descriptors: pause instead of retrying at once (see TcpListener).
    connect(m_tcpServer, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        qCWarning(lcGateway) << "cannot accept connections:" << m_tcpServer->errorString();
        m_tcpServer->pauseAccepting();
        QTimer::singleShot(kAcceptRetryMs, m_tcpServer, &QTcpServer::resumeAccepting);
    });
    m_tcpServer->setMaxPendingConnections(1024);
#endif
    m_heartbeat.setInterval(std::chrono::seconds(m_config.heartbeatSeconds));
    connect(&m_heartbeat, &QTimer::timeout, this, &WebSocketGateway::heartbeat);
    m_authTimer.setSingleShot(true);
    connect(&m_authTimer, &QTimer::timeout, this, &WebSocketGateway::expireUnauthenticated);
    m_clock.start();
}

WebSocketGateway::~WebSocketGateway() = default;

namespace {

protocol::Result<QSslConfiguration> loadTls(const ServerConfig &config)
{
    using protocol::makeError;
    if (config.tlsCertFile.isEmpty() || config.tlsKeyFile.isEmpty())
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("TLS needs both tls_cert and tls_key"));
    const auto chain = QSslCertificate::fromPath(config.tlsCertFile, QSsl::Pem);
    if (chain.isEmpty())
        return makeError(
            ErrorCode::InvalidField,
            QStringLiteral("cannot read a PEM certificate from %1").arg(config.tlsCertFile));
    QFile keyFile(config.tlsKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("cannot read the TLS key %1: %2")
                             .arg(config.tlsKeyFile, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return makeError(
            ErrorCode::InvalidField,
            QStringLiteral("%1 is not an unencrypted PEM RSA or EC key").arg(config.tlsKeyFile));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate in the first frame
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

} // namespace

protocol::Result<quint16> WebSocketGateway::listen()
{
    if (m_config.tlsEnabled()) {
        const auto tls = loadTls(m_config);
        if (!tls)
            return tls.error();
        m_tls = tls.value();
        if (m_tlsServer)
            m_tlsServer->setSslConfiguration(m_tls);
    }
    auto cannotListen = [this](const QString &why) {
        return protocol::makeError(ErrorCode::InternalError,
                                   QStringLiteral("cannot listen on %1:%2: %3")
                                       .arg(m_config.listenAddress.toString())
                                       .arg(m_config.port)
                                       .arg(why));
    };
#ifdef Q_OS_LINUX
    const auto bound = m_listener->listen(m_config.listenAddress, m_config.port);
    if (!bound)
        return cannotListen(bound.error().reason);
    const quint16 port = bound.value();
#else
    if (!m_tcpServer->listen(m_config.listenAddress, m_config.port))
        return cannotListen(m_tcpServer->errorString());
    const quint16 port = m_tcpServer->serverPort();
#endif
    m_heartbeat.start();
    return port;
}

void WebSocketGateway::stopListening()
{
#ifdef Q_OS_LINUX
    m_listener->close();
#else
    m_tcpServer->close();
#endif
    m_heartbeat.stop();
}

void WebSocketGateway::closeAll(const QString &reason)
{
    const auto sessions = m_sessions;
    for (Session *s : sessions) {
        s->sendError(0, ErrorCode::ShuttingDown, reason);
        s->close(QWebSocketProtocol::CloseCodeGoingAway, reason);
    }
    const auto connecting = m_connecting;
    for (Session *s : connecting)
        s->close(QWebSocketProtocol::CloseCodeGoingAway, reason);
}

ConnectionAdmission::Verdict WebSocketGateway::judge(const QHostAddress &peer, QString &key)
{
    key = ConnectionAdmission::addressKey(peer);
    // A trusted proxy brings many clients: each is counted once its handshake names it.
    const auto verdict = m_admission.verdict(key, !m_config.trustedProxies.contains(peer));
    if (verdict != ConnectionAdmission::Verdict::Admit)
        qCDebug(lcGateway) << (verdict == ConnectionAdmission::Verdict::Drop ? "dropping"
                                                                             : "refusing")
                           << "a connection from" << key << "with" << m_admission.fromAddress(key)
                           << "of its own and" << m_admission.total()
                           << "in all not authenticated yet";
    return verdict;
}

void WebSocketGateway::admit(std::unique_ptr<ByteStream> stream, const QString &addressKey,
                             bool refused)
{
    auto *session = new Session(std::move(stream), m_nextConnectionId++, this);
    session->setErrorCounts(&m_errorCounts);
    if (!m_httpHandlers.empty())
        session->setRequestTaker(this);
    m_connecting.insert(session);
    m_unauthenticated.insert(session, Unauthenticated{addressKey, refused});
    m_admission.add(addressKey);
    connect(session, &Session::opened, this, &WebSocketGateway::onOpened, Qt::SingleShotConnection);
    connect(session, &Session::disconnected, this, [this](Session *s) {
        const bool wasOpen = m_sessions.remove(s);
        if (!wasOpen && !m_connecting.remove(s))
            return;
        if (!forgetUnauthenticated(s) && wasOpen)
            --m_authenticated;
        if (wasOpen)
            Q_EMIT sessionClosed(s);
        s->deleteLater();
    });
    // Neither a handshake nor an authentication may linger and hold resources:
    // both must be done by the deadline.
    m_authDeadlines.push_back({m_clock.elapsed() + m_config.authTimeoutSeconds * 1000LL, session,
                               session->connectionId()});
    if (!m_authTimer.isActive())
        m_authTimer.start(std::chrono::seconds(m_config.authTimeoutSeconds));
}

bool WebSocketGateway::forgetUnauthenticated(Session *session)
{
    const auto it = m_unauthenticated.constFind(session);
    if (it == m_unauthenticated.cend())
        return false;
    m_admission.remove(it->addressKey);
    m_unauthenticated.erase(it);
    return true;
}

void WebSocketGateway::addHttpHandler(HttpFilter filter, HttpHandler handler)
{
    m_httpHandlers.emplace_back(filter, std::move(handler));
}

const WebSocketGateway::HttpHandler *WebSocketGateway::httpHandlerFor(QByteArrayView head) const
{
    for (const auto &[filter, handler] : m_httpHandlers)
        if (filter(head))
            return &handler;
    return nullptr;
}

void WebSocketGateway::take(Session *session)
{
    // Its request head is read: from now on it counts like a signed-in connection.
    using HandOver = ConnectionAdmission::HandOver;
    const HandOver verdict = m_unauthenticated.value(session).refused ? HandOver::AddressBusy
                             : m_authenticated + m_httpOpen >= m_config.maxConnections
                                 ? HandOver::ServerFull
                                 : HandOver::Serve;
    m_connecting.remove(session);
    forgetUnauthenticated(session);
    auto [stream, received] = session->releaseStream();
    session->deleteLater(); // we are inside its call
    ++m_httpOpen;
    connect(stream->context(), &QObject::destroyed, this, [this] { --m_httpOpen; });
    // takes() said one handler's filter accepts this head (it starts what was received).
    (*httpHandlerFor(received))(std::move(stream), received, verdict);
}

void WebSocketGateway::onOpened(Session *session)
{
    if (session->requestPath() != QLatin1String(kWebSocketPath)) {
        session->fail(0, ErrorCode::UnknownType,
                      QStringLiteral("unknown path %1; Linnet speaks on %2")
                          .arg(session->requestPath(), QLatin1String(kWebSocketPath)));
        return; // stays in m_connecting until it is gone
    }
    countUnderClientAddress(session);
    if (m_unauthenticated.value(session).refused) {
        session->fail(0, ErrorCode::RateLimited,
                      QStringLiteral("too many connections from your address are not signed in "
                                     "yet; try again in a few seconds"));
        return;
    }
    // Only signed-in connections count here: the ones still signing in have limits of
    // their own, so they can never take a signed-in user's place.
    if (m_authenticated + m_httpOpen >= m_config.maxConnections) {
        session->fail(0, ErrorCode::RateLimited,
                      QStringLiteral("the server has too many connections; try later"));
        return;
    }
    m_connecting.remove(session);
    m_sessions.insert(session);
    Q_EMIT sessionOpened(session);
}

void WebSocketGateway::countUnderClientAddress(Session *session)
{
    const QHostAddress peer(session->peerAddress());
    const QHostAddress client =
        m_config.trustedProxies.clientAddress(peer, session->forwardedFor());
    if (client == peer)
        return;
    session->setClientAddress(client.toString());
    const auto it = m_unauthenticated.find(session);
    if (it == m_unauthenticated.end())
        return;
    const QString key = ConnectionAdmission::addressKey(client);
    m_admission.remove(it->addressKey);
    if (m_admission.verdict(key) != ConnectionAdmission::Verdict::Admit)
        it->refused = true;
    m_admission.add(key);
    it->addressKey = key;
}

void WebSocketGateway::sessionAuthenticated(Session *session)
{
    const auto it = m_unauthenticated.constFind(session);
    if (it == m_unauthenticated.cend() || !m_sessions.contains(session))
        return;
    m_admission.remove(it->addressKey);
    m_unauthenticated.erase(it);
    ++m_authenticated;
}

void WebSocketGateway::expireUnauthenticated()
{
    const qint64 now = m_clock.elapsed();
    while (!m_authDeadlines.empty() && m_authDeadlines.front().deadlineMs <= now) {
        const AuthDeadline due = m_authDeadlines.front();
        m_authDeadlines.pop_front();
        Session *s = due.session;
        if ((!m_sessions.contains(s) && !m_connecting.contains(s)) ||
            s->connectionId() != due.connectionId)
            continue; // gone already
        if (!s->isAuthenticated() && !s->authPending())
            s->fail(0, ErrorCode::NotAuthenticated,
                    QStringLiteral("no authentication within the time limit"));
    }
    if (!m_authDeadlines.empty())
        m_authTimer.start(std::chrono::milliseconds(m_authDeadlines.front().deadlineMs - now));
}

void WebSocketGateway::heartbeat()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 deadline = 3LL * m_config.heartbeatSeconds * 1000;
    const auto sessions = m_sessions;
    for (Session *s : sessions) {
        if (now - s->lastActivityMs() > deadline) {
            qCInfo(lcGateway) << "dropping silent connection" << s->connectionId();
            s->abort();
        } else {
            s->ping();
        }
    }
}

} // namespace linnet::server
