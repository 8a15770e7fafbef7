// SPDX-License-Identifier: GPL-3.0-or-later
#include "Session.h"

#include "ServerLog.h"
#include "ops/ErrorCounts.h"
#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QDateTime>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Bad frames an authenticated connection may send: a burst of 16, then one per 10 s. */
constexpr double kBadFrameBurst = 16;
constexpr double kBadFramesPerSecond = 0.1;
} // namespace

Session::Session(std::unique_ptr<ByteStream> stream, quint64 connectionId, QObject *parent)
    : QObject(parent), m_connectionId(connectionId),
      m_peerAddress(stream->peerAddress().toString()),
      m_lastActivityMs(QDateTime::currentMSecsSinceEpoch()),
      m_badFrames(TokenBucket::full(kBadFrameBurst, m_lastActivityMs))
{
    // Messages up to 4x the protocol limit are read so that the peer gets a precise
    // frame_too_large error; beyond that the connection is closed with 1009 (too big).
    m_connection = std::make_unique<WebSocketConnection>(
        std::move(stream), static_cast<WebSocketConnection::Handler &>(*this),
        4 * protocol::kMaxFrameBytes);
}

Session::~Session() = default;

void Session::webSocketOpened()
{
    Q_EMIT opened(this);
}

void Session::pongReceived()
{
    m_lastActivityMs = QDateTime::currentMSecsSinceEpoch();
}

void Session::outputDrained()
{
    if (!m_closing)
        Q_EMIT readyForOutput(this);
}

void Session::webSocketClosed()
{
    m_closing = true;
    Q_EMIT disconnected(this);
}

bool Session::takeOverRequest(QByteArrayView head)
{
    if (!m_requestTaker || !m_requestTaker->takes(head))
        return false;
    m_closing = true; // closed from now on, and says nothing more
    m_requestTaker->take(this);
    return true;
}

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
    if (const auto *error = std::get_if<protocol::ErrorFrame>(&frame); error && m_errorCounts)
        m_errorCounts->count(error->code);
    m_connection->sendBinary(protocol::encodeFrame(frame));
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
    m_connection->close(quint16(code), reason.left(120));
}

void Session::abort()
{
    m_closing = true;
    m_connection->abort();
}

void Session::ping()
{
    if (!m_closing)
        m_connection->ping();
}

void Session::binaryMessage(const QByteArray &bytes)
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

void Session::textMessage()
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
