// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpTestClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace linnet::test {

HttpTestClient::HttpTestClient(const QUrl &server) : m_server(server) {}

QByteArray HttpTestClient::pathOf(const QByteArray &blob)
{
    return "/v1/media/" + blob.toHex();
}

QByteArray HttpTestClient::bearer(const QByteArray &ticket)
{
    return "Bearer " +
           ticket.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool HttpTestClient::waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(std::min<qint64>(20, deadline.remainingTime()), &loop,
                           &QEventLoop::quit);
        if (m_socket) {
            QObject::connect(m_socket.get(), &QIODevice::readyRead, &loop, &QEventLoop::quit);
            QObject::connect(m_socket.get(), &QAbstractSocket::disconnected, &loop,
                             &QEventLoop::quit);
            QObject::connect(m_socket.get(), &QIODevice::bytesWritten, &loop, &QEventLoop::quit);
        }
        loop.exec();
        if (m_socket)
            m_received += m_socket->readAll();
    }
    return true;
}

bool HttpTestClient::open(int timeoutMs)
{
    m_received.clear();
    m_socket = std::make_unique<QSslSocket>();
    const bool tls = m_server.scheme() == QLatin1String("wss");
    if (tls) {
        if (m_tls)
            m_socket->setSslConfiguration(*m_tls);
        m_socket->connectToHostEncrypted(m_server.host(), quint16(m_server.port()));
    } else {
        m_socket->connectToHost(m_server.host(), quint16(m_server.port()));
    }
    return waitFor(
        [this, tls] {
            return tls ? m_socket->isEncrypted()
                       : m_socket->state() == QAbstractSocket::ConnectedState;
        },
        timeoutMs);
}

void HttpTestClient::writeHead(const QByteArray &method, const QByteArray &path,
                               const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QByteArray head =
        method + ' ' + path + " HTTP/1.1\r\nHost: " + m_server.host().toUtf8() + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    write(head + "\r\n");
}

void HttpTestClient::write(const QByteArray &bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

bool HttpTestClient::flush(int timeoutMs)
{
    return waitFor([this] { return !m_socket || m_socket->bytesToWrite() == 0; }, timeoutMs);
}

std::optional<HttpResponse> HttpTestClient::parse() const
{
    // An interim "100 Continue" comes before the real response.
    QByteArrayView data(m_received);
    const QByteArrayView interim("HTTP/1.1 100 Continue\r\n\r\n");
    if (data.startsWith(interim))
        data = data.sliced(interim.size());
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    HttpResponse response;
    const QList<QByteArray> lines = data.first(end).toByteArray().split('\n');
    const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
    response.status = status.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.insert(lines[i].first(colon).trimmed().toLower(),
                                    lines[i].sliced(colon + 1).trimmed());
    }
    response.body = data.sliced(end + 4).toByteArray();
    return response;
}

std::optional<HttpResponse> HttpTestClient::readAtLeast(qint64 bodyBytes, int timeoutMs)
{
    std::optional<HttpResponse> response;
    waitFor(
        [&] {
            response = parse();
            return (response && response->body.size() >= bodyBytes) || isClosed();
        },
        timeoutMs);
    response = parse();
    if (response && response->body.size() < bodyBytes)
        return std::nullopt;
    return response;
}

HttpResponse HttpTestClient::readToClose(int timeoutMs)
{
    waitFor([this] { return isClosed(); }, timeoutMs);
    if (m_socket)
        m_received += m_socket->readAll();
    return parse().value_or(HttpResponse{});
}

bool HttpTestClient::isClosed() const
{
    return !m_socket || m_socket->state() == QAbstractSocket::UnconnectedState;
}

void HttpTestClient::abort()
{
    if (m_socket)
        m_socket->abort();
}

HttpResponse HttpTestClient::request(const QByteArray &method, const QByteArray &path,
                                     const QList<std::pair<QByteArray, QByteArray>> &headers,
                                     const QByteArray &body, int timeoutMs)
{
    if (!open(timeoutMs))
        return {};
    writeHead(method, path, headers);
    write(body);
    return readToClose(timeoutMs);
}

} // namespace linnet::test
