// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transport/ByteStream.h"
#include "transport/WebSocketWire.h"

#include <QString>

#include <memory>

namespace linnet::server {

/**
 * The server's end of one WebSocket (RFC 6455) on a ByteStream: reads the
 * opening handshake, answers it, then turns bytes into messages and messages
 * into frames. It replaces QWebSocket and QWebSocketServer on the server, whose
 * objects (QWebSocket, its private, data processor, mask generator, the kept
 * handshake request, the QTcpSocket below and their signal connections) were
 * most of every idle connection's memory (docs/perf/findings.md, finding 9). Not a QObject: it
 * reports to one Handler. One thread.
 */
class WebSocketConnection final : private ByteStream::Listener {
public:
    /** The connection's owner; each call may close or abort the connection. */
    class Handler {
    public:
        /** The handshake is done; path() says what was asked for. */
        virtual void webSocketOpened() = 0;
        virtual void binaryMessage(const QByteArray &payload) = 0;
        virtual void textMessage() = 0;
        virtual void pongReceived() = 0;
        /** Output that had piled up for a slow peer has been sent (ByteStream::streamDrained). */
        virtual void outputDrained() = 0;
        /** The connection is gone (called once). */
        virtual void webSocketClosed() = 0;
        /**
         * A complete request head arrived. True if it is not for the WebSocket but
         * for someone else, who has taken the stream (releaseStream()) before
         * returning; then the connection reads nothing more and reports nothing.
         */
        virtual bool takeOverRequest(QByteArrayView head) = 0;

    protected:
        ~Handler() = default;
    };

    /** How long a close handshake may take before the connection is dropped. */
    static constexpr int kCloseTimeoutMs = 5000;
    /** Pings are not answered while this much output waits: a peer that pings and
     *  never reads cannot make the server buffer pongs without end. */
    static constexpr qint64 kMaxPendingForPong = 64 * 1024;

    /**
     * Most output that may wait for a peer that does not read. Writers that can
     * wait (the inbox drain) hold back long before this; a peer that lets more
     * pile up is dropped, and what it missed stays in its inbox.
     */
    static constexpr qint64 kMaxPendingOutput = 8 * 1024 * 1024;

    WebSocketConnection(std::unique_ptr<ByteStream> stream, Handler &handler,
                        qsizetype maxMessageBytes);
    ~WebSocketConnection();
    WebSocketConnection(const WebSocketConnection &) = delete;
    WebSocketConnection &operator=(const WebSocketConnection &) = delete;

    bool isOpen() const { return m_state == State::Open; }
    const QString &path() const { return m_path; }
    /** The handshake's X-Forwarded-For (see websocket::Handshake::forwardedFor). */
    const QByteArray &forwardedFor() const { return m_forwardedFor; }
    QHostAddress peerAddress() const { return m_stream ? m_stream->peerAddress() : QHostAddress(); }
    /** Bytes sent and not yet taken by the kernel. */
    qint64 pendingOutput() const { return m_stream ? m_stream->pendingBytes() : 0; }

    /** Sends one binary message; ignored unless open. */
    void sendBinary(const QByteArray &payload);
    void ping();
    /** Starts the close handshake (or drops the connection if it never opened). */
    void close(quint16 code, const QString &reason);
    /** Drops the connection at once. */
    void abort();
    /**
     * During takeOverRequest(): gives the stream away with every byte received on
     * it so far (the request head and what followed). The connection is closed.
     */
    std::pair<std::unique_ptr<ByteStream>, QByteArray> releaseStream();

private:
    enum class State { Handshake, Open, Closing, Closed };

    void streamData(const QByteArray &bytes) override;
    void streamClosed() override;
    void streamDrained() override;
    /** Reads the handshake; false if it needs more bytes or was refused. */
    bool readHandshake(const QByteArray &bytes);
    void refuse(const websocket::HandshakeRefusal &refusal);
    void readFrames();
    void writeFrame(websocket::Opcode opcode, const QByteArray &payload);
    /** State Closing, with the close timeout running (once). */
    void enterClosing();
    /** Sends our close frame, once. */
    void sendClose(const QByteArray &payload);

    std::unique_ptr<ByteStream> m_stream;
    Handler &m_handler;
    websocket::FrameReader m_reader;
    State m_state = State::Handshake;
    bool m_closeSent = false;
    QByteArray m_head; ///< the request head while it arrives
    QString m_path;
    QByteArray m_forwardedFor;
};

} // namespace linnet::server
