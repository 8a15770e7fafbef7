// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <optional>
#include <utility>

namespace linnet::test {

/**
 * A TCP connection that speaks WebSocket by hand, for tests of what the server's
 * WebSocket layer does with peers no well-behaved client library would be: it
 * writes raw bytes and reads only when asked to, so it can also stand for a peer
 * that stops reading.
 */
class WebSocketTcp {
public:
    bool connectTo(const QUrl &url);
    /** Connects from @p from (any of 127.0.0.0/8 is this host: another "address" for limits). */
    bool connectTo(const QUrl &url, const QHostAddress &from);
    /** Qt reads at most this far ahead of readFrame(); 0 is no limit (the default). */
    void setReadBufferSize(qint64 bytes) { m_socket.setReadBufferSize(bytes); }
    void write(const QByteArray &bytes);
    /** Reads until @p done says the bytes so far are enough, or the peer closes. */
    QByteArray readUntil(const std::function<bool(const QByteArray &)> &done, int ms = 10000);
    /** Reads the response head of the handshake and keeps what follows it. */
    QByteArray readHead();
    /** The next server frame: first byte (FIN and opcode) and payload (server frames are unmasked).
     */
    std::optional<std::pair<quint8, QByteArray>> readFrame(int ms = 10000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool waitForClosed();

    /** The opening handshake a browser would send for /v1/ws, with @p headers added. */
    static QByteArray handshake(const QByteArray &headers = {});

private:
    QTcpSocket m_socket;
    QByteArray m_data;
};

} // namespace linnet::test
