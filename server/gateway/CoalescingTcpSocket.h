// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QTcpServer>
#include <QTcpSocket>

namespace linnet::server {

/**
 * A server-side QTcpSocket that does not keep a write buffer while idle.
 *
 * QAbstractSocket buffers every write in a QRingBuffer whose first chunk is
 * 32 KiB and is kept for the socket's lifetime once anything has been written
 * (QRingBuffer keeps one chunk up to its block size "to avoid repeated
 * allocations"); Qt 6.4 has no way to shrink it, and server-side sockets cannot
 * be opened Unbuffered. With many idle WebSocket connections those chunks are
 * most of the server's memory. This socket gathers the writes of one event-loop
 * pass in a QByteArray, sends them with one send(2) when control returns to the
 * event loop (as QAbstractSocket's own write notifier would) and frees the
 * buffer. Whatever the kernel does not take goes to QAbstractSocket's buffer, so
 * slow peers, errors and disconnects are handled by Qt as before.
 */
class CoalescingTcpSocket : public QTcpSocket {
    Q_OBJECT
public:
    explicit CoalescingTcpSocket(QObject *parent = nullptr);

    qint64 bytesToWrite() const override;
    void disconnectFromHost() override;
    bool waitForBytesWritten(int msecs = 30000) override;

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    /** Sends what was gathered; hands what the kernel did not take to QAbstractSocket. */
    void sendPending();

    QByteArray m_pending;
    bool m_sendQueued = false;
};

/** A QTcpServer whose connections are CoalescingTcpSockets. */
class CoalescingTcpServer : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr socketDescriptor) override;
};

} // namespace linnet::server
