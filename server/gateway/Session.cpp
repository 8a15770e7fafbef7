// SPDX-License-Identifier: GPL-3.0-or-later
#include "Session.h"

#include "ServerLog.h"
#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QDateTime>
#include <QWebSocket>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Bad frames an authenticated connection may send: a burst of 16, then one per 10 s. */
constexpr double kBadFrameBurst = 16;
constexpr double kBadFramesPerSecond = 0.1;
} // namespace

Session::Session(QWebSocket *socket, quint64 connectionId, QObject *parent)
    : QObject(parent), m_socket(socket), m_connectionId(connectionId),
      m_peerAddress(socket->peerAddress().toString()),
      m_lastActivityMs(QDateTime::currentMSecsSinceEpoch()),
      m_badFrames(TokenBucket::full(kBadFrameBurst, m_lastActivityMs))
{
    m_socket->setParent(this);
    // Frames up to 4x the protocol limit are read so that the peer gets a precise
    // frame_too_large error; beyond that Qt closes with 1009 (too much data).
    m_socket->setMaxAllowedIncomingMessageSize(4 * protocol::kMaxFrameBytes);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &Session::onBinaryMessage);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Session::onTextMessage);
    connect(m_socket, &QWebSocket::pong, this,
            [this] { m_lastActivityMs = QDateTime::currentMSecsSinceEpoch(); });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_closing = true;
        Q_EMIT disconnected(this);
    });
}

Session::~Session() = default;

void Session::setAuthenticated(qint64 accountId, qint64 deviceId, const QString &username)
{
    m_accountId = accountId;
    m_deviceId = deviceId;
    m_username = username;
}

void Session::send(const protocol::Frame &frame)
{
    if (m_closing)
        return;
    m_socket->sendBinaryMessage(protocol::encodeFrame(frame));
}

void Session::sendError(quint32 requestId, ErrorCode code, const QString &reason,
                        const protocol::MessageId &id)
{
    send(protocol::ErrorFrame{requestId, code, reason.left(protocol::kMaxReasonLength), id});
}

void Session::fail(quint32 requestId, ErrorCode code, const QString &reason)
{
    sendError(requestId, code, reason);
    close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
}

void Session::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    // Close reasons are limited to 123 bytes by RFC 6455.
    m_socket->close(code, reason.left(120));
}

void Session::abort()
{
    m_closing = true;
    m_socket->abort();
}

void Session::ping()
{
    if (!m_closing)
        m_socket->ping();
}

void Session::onBinaryMessage(const QByteArray &bytes)
{
    if (m_closing)
        return;
    m_lastActivityMs = QDateTime::currentMSecsSinceEpoch();
    quint32 requestId = 0;
    auto decoded = protocol::decodeFrame(bytes, &requestId);
    if (!decoded) {
        rejectFrame(requestId, decoded.error());
        return;
    }
    Q_EMIT frameReceived(this, decoded.value());
}

void Session::onTextMessage(const QString &)
{
    if (m_closing)
        return;
    rejectFrame(0, protocol::makeError(ErrorCode::MalformedFrame,
                                       QStringLiteral("text messages are not part of the "
                                                      "protocol; send binary CBOR frames")));
}

void Session::rejectFrame(quint32 requestId, const protocol::Error &error)
{
    qCInfo(lcGateway) << "connection" << m_connectionId
                      << "sent a bad frame:" << protocol::errorCodeName(error.code) << error.reason;
    // Before authentication there is nothing to protect by keeping the line open;
    // afterwards one bad frame must not cost the user their connection.
    if (!isAuthenticated() ||
        !m_badFrames.take(kBadFrameBurst, kBadFramesPerSecond, QDateTime::currentMSecsSinceEpoch()))
        fail(requestId, error.code, error.reason);
    else
        sendError(requestId, error.code, error.reason);
}

} // namespace linnet::server
