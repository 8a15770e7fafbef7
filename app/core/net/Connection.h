// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace linnet::client {

/**
 * One WebSocket to the server that keeps itself up: it reconnects after a drop
 * with jittered exponential backoff, pings to notice a dead line, gives up an attempt
 * whose handshake gets no answer within the same 2.5 ping intervals, and turns
 * binary messages into decoded frames. It knows nothing about accounts: the
 * owner authenticates on connected() and calls resetBackoff() once it worked.
 */
class Connection : public QObject {
    Q_OBJECT
public:
    struct Options {
        int initialBackoffMs = 500;
        int maxBackoffMs = 30000;
        int pingIntervalMs = 20000;
    };

    explicit Connection(Options options, QObject *parent = nullptr);
    ~Connection() override;

    /** Connects to @p url and stays connected until close(). */
    void open(const QUrl &url);
    /** Closes gracefully and stops reconnecting. */
    void close();
    /** Drops the TCP connection at once; reconnects with backoff if still wanted. */
    void abort();
    /** Stop trying after the server refused us for good (e.g. bad credentials). */
    void stopReconnecting();
    void resetBackoff() { m_attempt = 0; }
    /** With a pin (ServerPin), wss:// trusts exactly the certificate that has it; empty:
     *  the system's CAs. Takes effect at the next attempt. */
    void setPin(const QByteArray &pin) { m_pin = pin; }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    /** Sends a frame; false (nothing sent) if not connected. */
    bool send(const protocol::Frame &frame);
    /** Sends a frame already encoded (by encodeFrame, e.g. to check its size first). */
    bool sendEncoded(const QByteArray &frame);
    /** Bytes queued in the socket but not yet written (flush before exit). */
    qint64 bytesToWrite() const;

Q_SIGNALS:
    void connected();
    void disconnected();
    /** An attempt to connect failed (server unreachable, refused, TLS, a certificate that
     *  is not the pinned one...). */
    void connectFailed(const QString &reason);
    void frameReceived(const linnet::protocol::Frame &frame);

private:
    void scheduleReconnect();
    void attempt();
    void onBinaryMessage(const QByteArray &bytes);
    void reportFailure();
    void onSslErrors();
    /** Why the connected server's certificate is refused (ServerPin), or empty. */
    QString pinRefusal() const;

    Options m_options;
    QWebSocket m_socket;
    QUrl m_url;
    QByteArray m_pin;
    QString m_refusal; ///< why this attempt's certificate was refused (reported as its failure)
    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    QTimer m_handshakeTimer; ///< an attempt not connected by then is given up
    qint64 m_lastHeardMs = 0;
    int m_attempt = 0;
    bool m_wanted = false;
    bool m_wasConnected = false;
    bool m_failureReported = false; ///< connectFailed already emitted for this attempt
};

} // namespace linnet::client
