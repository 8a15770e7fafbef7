// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSocketConnection.h"

#include "ServerLog.h"

#include <QTimer>

namespace linnet::server {

using websocket::Event;
using websocket::Opcode;

WebSocketConnection::WebSocketConnection(std::unique_ptr<ByteStream> stream, Handler &handler,
                                         qsizetype maxMessageBytes)
    : m_stream(std::move(stream)), m_handler(handler), m_reader(maxMessageBytes)
{
    m_stream->setListener(this);
}

WebSocketConnection::~WebSocketConnection()
{
    if (m_stream)
        m_stream->setListener(nullptr);
}

std::pair<std::unique_ptr<ByteStream>, QByteArray> WebSocketConnection::releaseStream()
{
    Q_ASSERT(m_state == State::Handshake && m_stream);
    m_state = State::Closed;
    m_stream->setListener(nullptr);
    return {std::move(m_stream), std::exchange(m_head, QByteArray())};
}

void WebSocketConnection::streamData(const QByteArray &bytes)
{
    if (m_state == State::Handshake) {
        if (!readHandshake(bytes))
            return;
    } else if (m_state == State::Open || (m_state == State::Closing && m_closeSent)) {
        m_reader.feed(bytes); // while closing, only to find the peer's close frame
    } else {
        return; // a refused handshake, or closed: nothing more is read
    }
    readFrames();
}

bool WebSocketConnection::readHandshake(const QByteArray &bytes)
{
    m_head.append(bytes);
    const qsizetype length = websocket::headLength(m_head);
    if (length == 0) {
        if (m_head.size() > websocket::kMaxHeadBytes)
            refuse({431, "request head too large"});
        return false;
    }
    if (m_handler.takeOverRequest(QByteArrayView(m_head).first(length)))
        return false; // the stream is someone else's now
    const auto parsed = websocket::parseHandshake(QByteArrayView(m_head).first(length));
    if (const auto *refusal = std::get_if<websocket::HandshakeRefusal>(&parsed)) {
        refuse(*refusal);
        return false;
    }
    const auto &handshake = std::get<websocket::Handshake>(parsed);
    m_stream->write(websocket::acceptResponse(handshake));
    m_path = handshake.path;
    m_forwardedFor = handshake.forwardedFor;
    // A client may send its first frames right behind the handshake.
    m_reader.feed(m_head.sliced(length));
    m_head = QByteArray();
    m_state = State::Open;
    m_handler.webSocketOpened();
    return m_state != State::Closed;
}

void WebSocketConnection::refuse(const websocket::HandshakeRefusal &refusal)
{
    qCInfo(lcGateway) << "refused a WebSocket handshake from" << peerAddress().toString()
                      << refusal.status << refusal.reason;
    m_head = QByteArray();
    m_stream->write(websocket::refusalResponse(refusal));
    enterClosing();
    m_stream->closeAfterWrites();
}

void WebSocketConnection::enterClosing()
{
    if (m_state == State::Closing || m_state == State::Closed)
        return;
    m_state = State::Closing;
    // A peer that does not finish closing is dropped. The timer exists only while closing.
    QTimer::singleShot(kCloseTimeoutMs, m_stream->context(), [this] { abort(); });
}

void WebSocketConnection::readFrames()
{
    while (m_state == State::Open || m_state == State::Closing) {
        const std::optional<Event> event = m_reader.next();
        if (!event)
            return;
        switch (event->kind) {
        case Event::Kind::Message:
            if (m_state != State::Open)
                break; // after our close frame, data is discarded
            if (event->type == Opcode::Binary)
                m_handler.binaryMessage(event->payload);
            else
                m_handler.textMessage();
            break;
        case Event::Kind::Ping:
            // RFC 6455 5.5.3 allows answering only some of several pings.
            if (m_state == State::Open && m_stream->pendingBytes() <= kMaxPendingForPong)
                writeFrame(Opcode::Pong, event->payload);
            break;
        case Event::Kind::Pong:
            m_handler.pongReceived();
            break;
        case Event::Kind::Close:
            // Answer with the peer's code, then close TCP: the server closes first.
            sendClose(event->code ? websocket::closePayload(event->code, {}) : QByteArray());
            enterClosing();
            m_stream->closeAfterWrites();
            return;
        case Event::Kind::Error:
            qCInfo(lcGateway) << "WebSocket protocol error from" << peerAddress().toString()
                              << event->payload;
            close(event->code, QString::fromUtf8(event->payload));
            return;
        }
    }
}

void WebSocketConnection::writeFrame(Opcode opcode, const QByteArray &payload)
{
    if (m_stream->pendingBytes() + payload.size() > kMaxPendingOutput) {
        qCWarning(lcGateway) << "dropping" << peerAddress().toString()
                             << "which does not read:" << m_stream->pendingBytes()
                             << "bytes of output wait for it";
        abort();
        return;
    }
    // Two writes, one send(2): the stream gathers an event-loop pass's writes.
    m_stream->write(websocket::frameHeader(opcode, payload.size()));
    if (!payload.isEmpty())
        m_stream->write(payload);
}

void WebSocketConnection::sendBinary(const QByteArray &payload)
{
    if (m_state == State::Open)
        writeFrame(Opcode::Binary, payload);
}

void WebSocketConnection::ping()
{
    if (m_state == State::Open)
        writeFrame(Opcode::Ping, {});
}

void WebSocketConnection::sendClose(const QByteArray &payload)
{
    if (m_closeSent || m_state == State::Closed)
        return;
    m_closeSent = true;
    writeFrame(Opcode::Close, payload);
}

void WebSocketConnection::close(quint16 code, const QString &reason)
{
    switch (m_state) {
    case State::Handshake:
        abort();
        return;
    case State::Open:
        sendClose(websocket::closePayload(code, reason));
        enterClosing(); // the peer answers with its close frame, then we close TCP
        return;
    case State::Closing:
    case State::Closed:
        return;
    }
}

void WebSocketConnection::abort()
{
    if (m_state == State::Closed || !m_stream)
        return;
    m_stream->abort();
    streamClosed();
}

void WebSocketConnection::streamDrained()
{
    if (m_state == State::Open)
        m_handler.outputDrained();
}

void WebSocketConnection::streamClosed()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_head = QByteArray();
    m_handler.webSocketClosed();
}

} // namespace linnet::server
