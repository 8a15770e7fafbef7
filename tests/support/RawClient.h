// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QHash>
#include <QNetworkRequest>
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
    /** Connects with the headers of @p request in the handshake (e.g. X-Forwarded-For). */
    bool connectTo(const QNetworkRequest &request, int timeoutMs = 10000);
    void setSslConfiguration(const QSslConfiguration &tls) { m_socket.setSslConfiguration(tls); }
    /** Starts opening @p url without waiting (for peers the server closes at once). */
    void open(const QUrl &url) { m_socket.open(url); }
    void open(const QNetworkRequest &request) { m_socket.open(request); }
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
    /**
     * Waits for and removes the reply T to request @p r: nullopt when an error for it
     * comes (left queued), the connection closes or @p timeoutMs passes.
     */
    template <typename T> std::optional<T> replyTo(quint32 r, int timeoutMs = 10000)
    {
        std::optional<T> reply;
        waitUntil(
            [&] {
                for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
                    if (const T *f = std::get_if<T>(&*it); f && f->requestId == r) {
                        reply = *f;
                        m_queue.erase(it);
                        return true;
                    }
                    if (const auto *e = std::get_if<protocol::ErrorFrame>(&*it);
                        e && e->requestId == r)
                        return true;
                }
                return !isConnected();
            },
            timeoutMs);
        return reply;
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
    /**
     * Sends a message and waits for its ack (or returns nullopt, leaving any error
     * queued). @p again marks it a resend, as a client does after a lost ack.
     */
    std::optional<protocol::SendAck> sendMessage(const QString &to, const QByteArray &body,
                                                 const protocol::MessageId &id = {},
                                                 bool again = false);
    /**
     * A send frame carrying @p body (opaque to the server) as the copy for every
     * device of @p to and every other device of this account, fetching the device
     * lists first (cached; see forgetDevices).
     */
    protocol::SendRequest makeSend(const QString &to, const QByteArray &body,
                                   const protocol::MessageId &id = {});
    /** The devices of @p user as the server lists them (keys_get), nullopt on error. */
    std::optional<protocol::KeysReply> fetchKeys(const QString &user,
                                                 const QList<quint64> &claim = {});
    void forgetDevices() { m_devices.clear(); }
    /** Uploads a fresh, valid key set for this device (done by register/login). */
    bool uploadKeys(int preKeys = 5);
    const QString &username() const { return m_username; }
    qint64 deviceId() const { return m_deviceId; }
    /** The device token from register or login (empty after auth alone). */
    const QByteArray &token() const { return m_token; }
    void ack(const QList<quint64> &entries);

    // --- media (docs/protocol.md 4.30-4.33) ------------------------------------
    /** media_upload of a new blob of @p size bytes: its ticket, or nullopt (error queued). */
    std::optional<protocol::MediaTicket> reserveUpload(quint64 size);
    /** media_upload resuming @p blob: a ticket with the offset, or nullopt. */
    std::optional<protocol::MediaTicket> resumeUpload(const QByteArray &blob);
    std::optional<protocol::MediaTicket> requestDownload(const QByteArray &blob);
    /** media_done; true when the server answers ok. */
    bool mediaDone(const QByteArray &blob);
    /** The error answering request @p r, if one is queued (taken off the queue). */
    std::optional<protocol::ErrorFrame> takeError(quint32 r);
    /** The code of the error answering the last request, or 0 (see takeError). */
    int lastErrorCode() { return m_requestId ? int(takeErrorCode(m_requestId)) : 0; }

private:
    protocol::ErrorCode takeErrorCode(quint32 r);
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

    std::optional<protocol::AuthOk> remember(std::optional<protocol::AuthOk> ok);

    QWebSocket m_socket;
    std::deque<protocol::Frame> m_queue;
    QString m_username;
    qint64 m_deviceId = 0;
    QByteArray m_token;
    QHash<QString, QList<protocol::DeviceKeys>> m_devices;
    quint32 m_nextPreKeyId = 1;
    quint32 m_requestId = 0;
};

} // namespace linnet::test
