// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QObject>
#include <QUrl>

#include <functional>

class QWebSocket;

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
 * One protocol connection of the load generator: a QWebSocket that encodes and
 * decodes frames with the real codec and hands decoded frames to a callback.
 * It lives on the thread that created it; it knows nothing about workloads.
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
    /** Called once when the socket closes, whoever closed it. */
    void setClosedHandler(Handler handler) { m_onClosed = std::move(handler); }

    void open(const QUrl &url);
    void send(const protocol::Frame &frame);
    void close();
    bool isOpen() const { return m_open; }
    /** Frames the codec rejected (the server spoke wrongly, or we did). */
    quint64 decodeErrors() const { return m_decodeErrors; }

private:
    void onBinary(const QByteArray &bytes);

    QWebSocket *m_socket;
    FrameHandler m_onFrame;
    Handler m_onConnected;
    Handler m_onClosed;
    bool m_open = false;
    bool m_closedReported = false;
    quint64 m_decodeErrors = 0;
};

} // namespace linnet::bench
