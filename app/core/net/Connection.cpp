// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/Connection.h"

#include "ClientLog.h"
#include "Clock.h"
#include "net/ServerPin.h"
#include "protocol/FrameCodec.h"

#include <QRandomGenerator>
#include <QSslSocket>

namespace linnet::client {

Connection::Connection(Options options, QObject *parent) : QObject(parent), m_options(options)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Connection::attempt);
    m_pingTimer.setInterval(m_options.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        // No frame and no pong for 2.5 intervals: the line is dead even if TCP
        // has not noticed (laptop lid closed, NAT timeout).
        if (nowMs() - m_lastHeardMs > m_options.pingIntervalMs * 5 / 2) {
            qCInfo(lcConnection) << "no answer from the server; reconnecting";
            abort();
            return;
        }
        m_socket.ping();
    });
    // A connection whose handshake never gets an answer (a black hole: a dead route, a
    // NAT that forgot it, a server that stopped reading) would wait for TCP to give up,
    // which takes many minutes; the pings only start once connected.
    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setInterval(m_options.pingIntervalMs * 5 / 2);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcConnection) << "no answer from the server while connecting; trying again";
        m_socket.abort();
        reportFailure(); // once per attempt, whether or not the abort reported it
    });
    connect(&m_socket, &QWebSocket::sslErrors, this, &Connection::onSslErrors);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        // Nothing but the upgrade request went out yet: no credentials to an impostor.
        m_refusal = pinRefusal();
        if (!m_refusal.isEmpty()) {
            qCWarning(lcConnection) << "refusing" << m_url.toString() << ":" << m_refusal;
            m_socket.abort();
            reportFailure();
            return;
        }
        m_handshakeTimer.stop();
        m_wasConnected = true;
        m_lastHeardMs = nowMs();
        m_pingTimer.start();
        qCInfo(lcConnection) << "connected to" << m_url.toString();
        Q_EMIT connected();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_pingTimer.stop();
        m_handshakeTimer.stop();
        const bool was = m_wasConnected;
        m_wasConnected = false;
        if (!was) {
            reportFailure();
            return;
        }
        qCInfo(lcConnection) << "disconnected:" << m_socket.closeReason();
        Q_EMIT disconnected();
        if (m_wanted)
            scheduleReconnect();
    });
    connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (!m_wasConnected && m_socket.state() == QAbstractSocket::UnconnectedState)
                    reportFailure();
            });
    connect(&m_socket, &QWebSocket::pong, this, [this] { m_lastHeardMs = nowMs(); });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &Connection::onBinaryMessage);
}

Connection::~Connection()
{
    m_wanted = false;
    m_socket.disconnect(this);
    m_socket.abort();
}

void Connection::open(const QUrl &url)
{
    m_url = url;
    m_wanted = true;
    m_attempt = 0;
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        attempt();
}

void Connection::close()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_handshakeTimer.stop();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.close(QWebSocketProtocol::CloseCodeNormal);
}

void Connection::abort()
{
    m_socket.abort();
}

void Connection::stopReconnecting()
{
    m_wanted = false;
    m_reconnectTimer.stop();
}

bool Connection::send(const protocol::Frame &frame)
{
    return sendEncoded(protocol::encodeFrame(frame));
}

bool Connection::sendEncoded(const QByteArray &frame)
{
    if (!isConnected())
        return false;
    m_socket.sendBinaryMessage(frame);
    return true;
}

qint64 Connection::bytesToWrite() const
{
    return m_socket.bytesToWrite();
}

void Connection::attempt()
{
    if (!m_wanted)
        return;
    ++m_attempt;
    m_failureReported = false;
    m_refusal.clear();
    m_handshakeTimer.start();
    m_socket.open(m_url);
}

void Connection::reportFailure()
{
    m_handshakeTimer.stop();
    if (m_failureReported)
        return;
    m_failureReported = true;
    const QString reason = m_refusal.isEmpty() ? m_socket.errorString() : m_refusal;
    qCInfo(lcConnection) << "cannot connect to" << m_url.toString() << ":" << reason;
    Q_EMIT connectFailed(reason);
    if (m_wanted)
        scheduleReconnect();
}

void Connection::onSslErrors()
{
    if (m_pin.isEmpty())
        return; // the system's CAs decide; the attempt fails with Qt's reason
    // The pinned key is what is trusted, not a CA or a host name (a self-signed
    // certificate for an address on the LAN has neither).
    const QSslSocket *socket = ServerPin::tlsSocketOf(m_socket);
    const QString refused =
        ServerPin::refusal(socket ? socket->peerCertificate() : QSslCertificate(), m_pin);
    if (refused.isEmpty())
        m_socket.ignoreSslErrors();
    else
        m_refusal = refused;
}

QString Connection::pinRefusal() const
{
    if (m_pin.isEmpty() || m_url.scheme() != QLatin1String("wss"))
        return {};
    const QSslSocket *socket = ServerPin::tlsSocketOf(m_socket);
    return ServerPin::refusal(socket ? socket->peerCertificate() : QSslCertificate(), m_pin);
}

void Connection::scheduleReconnect()
{
    // Full jitter on an exponential curve, so that a thousand clients dropped by
    // one server restart do not all come back in the same millisecond.
    const int exponent = std::min(m_attempt, 16);
    const qint64 ceiling =
        std::min<qint64>(m_options.maxBackoffMs, qint64(m_options.initialBackoffMs) << exponent);
    const qint64 delay = ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1);
    qCDebug(lcConnection) << "reconnecting in" << delay << "ms";
    m_reconnectTimer.start(static_cast<int>(delay));
}

void Connection::onBinaryMessage(const QByteArray &bytes)
{
    m_lastHeardMs = nowMs();
    auto frame = protocol::decodeFrame(bytes);
    if (!frame) {
        qCWarning(lcConnection) << "undecodable frame from the server:" << frame.error().reason;
        return;
    }
    Q_EMIT frameReceived(frame.value());
}

} // namespace linnet::client
