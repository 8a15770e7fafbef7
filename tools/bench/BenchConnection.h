// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <functional>

class QSocketNotifier;

namespace linnet::bench {

/** The registration id the bench uploads for a device (any fixed value works). */
inline quint32 benchRegistrationId(qint64 deviceId)
{
    return quint32(deviceId % 0x7fffffff) + 1;
}

/** A device's credentials, as an auth_ok after register/login handed them out. */
struct DeviceCredentials {
    QString username;
    qint64 deviceId = 0;
    QByteArray token;
};

/**
 * One protocol connection of the load generator: a WebSocket client (RFC 6455,
 * plain ws://) on its own non-blocking TCP socket, encoding and decoding frames
 * with the real codec and handing decoded frames to a callback. It lives on the
 * thread that created it; it knows nothing about workloads.
 *
 * Not QWebSocket: on QTcpSocket every write enabled and disabled a write
 * notifier (epoll_ctl calls and a loop turn per write) and every read asked
 * the kernel how much there was, which made the load generator, on the same two
 * cores as the server, a large part of what was measured (docs/perf/findings.md,
 * finding 26). Here a write goes out at once in one send(2), except that the
 * frames a handler sends while this connection's input is being dispatched
 * leave together after it.
 */
class BenchConnection : public QObject {
    Q_OBJECT
public:
    using FrameHandler = std::function<void(const protocol::Frame &)>;
    using Handler = std::function<void()>;

    explicit BenchConnection(QObject *parent = nullptr);
    ~BenchConnection() override;

    void setFrameHandler(FrameHandler handler) { m_onFrame = std::move(handler); }
    void setConnectedHandler(Handler handler) { m_onConnected = std::move(handler); }
    /** Called once when the socket closes, unless close() asked for it. */
    void setClosedHandler(Handler handler) { m_onClosed = std::move(handler); }

    /**
     * Connects to a ws:// URL, from @p source if it is set (else the kernel
     * chooses); the closed handler runs if that fails.
     */
    void open(const QUrl &url, const QHostAddress &source = QHostAddress());
    void send(const protocol::Frame &frame);
    /** Starts the close handshake; the connection is gone once the server answers. */
    void close();
    bool isOpen() const { return m_state == State::Open; }
    /** The address this end of the socket is bound to (null if there is no socket). */
    QHostAddress localAddress() const;
    /** Frames the codec rejected (the server spoke wrongly, or we did). */
    quint64 decodeErrors() const { return m_decodeErrors; }

private:
    enum class State { Closed, Connecting, Handshake, Open, Closing };

    void onWritable();
    void onReadable();
    /** Reads the server's 101 answer from m_in; false while it is incomplete. */
    bool readHandshake();
    void readFrames();
    void queueFrame(quint8 opcode, QByteArrayView payload);
    void flushOutput();
    void setWriteWatch(bool on);
    /** Closes the socket; reports it unless close() asked for it. */
    void finish();

    int m_fd = -1;
    State m_state = State::Closed;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_in;
    qsizetype m_inOffset = 0;
    QByteArray m_message; ///< fragments of a message in progress
    QByteArray m_out;
    qsizetype m_outSent = 0;
    QByteArray m_expectedAccept; ///< Sec-WebSocket-Accept the server must answer
    quint32 m_maskState = 0;     ///< xorshift state for frame masks
    bool m_dispatching = false;  ///< input is being handed to the handlers
    bool m_closeRequested = false;
    FrameHandler m_onFrame;
    Handler m_onConnected;
    Handler m_onClosed;
    quint64 m_decodeErrors = 0;
};

} // namespace linnet::bench
