// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <QWebSocket>

#include <deque>
#include <optional>

namespace linnet::test {

/**
 * A protocol-level client over a real QWebSocket, for server tests: sends
 * frames (or raw bytes), queues what arrives, and waits for a frame of a given
 * type without sleeping. It acknowledges nothing on its own.
 */
class RawClient : public QObject {
    Q_OBJECT
public:
    explicit RawClient(QObject *parent = nullptr);

    bool connectTo(const QUrl &url, int timeoutMs = 10000);
    void setSslConfiguration(const QSslConfiguration &tls) { m_socket.setSslConfiguration(tls); }
    /** Starts opening @p url without waiting (for peers the server closes at once). */
    void open(const QUrl &url) { m_socket.open(url); }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool waitForDisconnected(int timeoutMs = 10000);
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    void abort() { m_socket.abort(); }

    void send(const protocol::Frame &frame);
    void sendRaw(const QByteArray &bytes) { m_socket.sendBinaryMessage(bytes); }
    void sendText(const QString &text) { m_socket.sendTextMessage(text); }
    quint32 nextRequestId() { return ++m_requestId; }

    /** Waits for and removes the first queued frame of type T (others stay queued). */
    template <typename T> std::optional<T> waitFor(int timeoutMs = 10000)
    {
        std::optional<T> found;
        waitUntil(
            [&] {
                for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
                    if (const T *f = std::get_if<T>(&*it)) {
                        found = *f;
                        m_queue.erase(it);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }
    /** Collects @p count frames of type T, in arrival order. */
    template <typename T> QList<T> collect(int count, int timeoutMs = 20000)
    {
        QList<T> out;
        while (out.size() < count) {
            auto f = waitFor<T>(timeoutMs);
            if (!f)
                break;
            out.append(*f);
        }
        return out;
    }
    /** True if a frame of type T is already queued. */
    template <typename T> bool has() const
    {
        for (const auto &f : m_queue)
            if (std::holds_alternative<T>(f))
                return true;
        return false;
    }
    std::deque<protocol::Frame> &queue() { return m_queue; }
    /** Lets the event loop run for @p ms, collecting frames (to prove something did NOT arrive). */
    void settle(int ms);

    // --- conveniences over the frames ---------------------------------------
    std::optional<protocol::AuthOk> registerUser(const QString &name, const QString &password,
                                                 const QString &invite = {});
    std::optional<protocol::AuthOk> login(const QString &name, const QString &password);
    std::optional<protocol::AuthOk> auth(qint64 deviceId, const QByteArray &token);
    /** Sends a message and waits for its ack (or returns nullopt, leaving any error queued). */
    std::optional<protocol::SendAck> sendMessage(const QString &to, const QByteArray &body,
                                                 const protocol::MessageId &id = {});
    void ack(const QList<quint64> &entries);

private:
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

    QWebSocket m_socket;
    std::deque<protocol::Frame> m_queue;
    quint32 m_requestId = 0;
};

} // namespace linnet::test
