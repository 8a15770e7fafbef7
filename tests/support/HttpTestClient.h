// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QUrl>

#include <optional>

namespace linnet::test {

/** One HTTP response as read off the wire. */
struct HttpResponse {
    int status = 0;                        ///< 0: no (complete) response head arrived
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;
    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

/**
 * A tiny raw HTTP/1.1 client for the media transfers of server tests: one
 * connection per request, the request written exactly as given (so tests can
 * send what a real client never would), the response read until the server
 * closes. Also lets a test write part of a body, read part of a response, or
 * cut the connection. Uses the event loop while waiting; never sleeps.
 */
class HttpTestClient {
public:
    /** @p server: the server's WebSocket URL (ws:// or wss://); HTTP goes to its host and port. */
    explicit HttpTestClient(const QUrl &server);
    void setSslConfiguration(const QSslConfiguration &tls) { m_tls = tls; }

    /** "/v1/media/<hex>" */
    static QByteArray pathOf(const QByteArray &blob);
    /** "Bearer <base64url ticket>" */
    static QByteArray bearer(const QByteArray &ticket);

    /** Sends @p method @p path with @p headers (and Host) and @p body; reads the whole response. */
    HttpResponse request(const QByteArray &method, const QByteArray &path,
                         const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                         const QByteArray &body = {}, int timeoutMs = 20000);

    // Step by step on one connection.
    bool open(int timeoutMs = 10000);
    void writeHead(const QByteArray &method, const QByteArray &path,
                   const QList<std::pair<QByteArray, QByteArray>> &headers);
    void write(const QByteArray &bytes);
    /** Waits until everything written has left (the kernel took it). */
    bool flush(int timeoutMs = 10000);
    /** Reads until the response head and at least @p bodyBytes of body are here. */
    std::optional<HttpResponse> readAtLeast(qint64 bodyBytes, int timeoutMs = 20000);
    /** Reads until the server closes; the whole response. */
    HttpResponse readToClose(int timeoutMs = 20000);
    bool isClosed() const;
    void abort();
    /** Raw bytes received so far on this connection (for QTRY_*: reads what is waiting). */
    const QByteArray &received()
    {
        if (m_socket)
            m_received += m_socket->readAll();
        return m_received;
    }

private:
    bool waitFor(const std::function<bool()> &condition, int timeoutMs);
    std::optional<HttpResponse> parse() const;

    QUrl m_server;
    std::optional<QSslConfiguration> m_tls;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_received;
};

} // namespace linnet::test
