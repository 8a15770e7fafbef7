// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSocketTcp.h"

#include <QDeadlineTimer>

namespace linnet::test {

namespace {

/** Header and payload length of the frame at the start of @p d, if it is all there. */
std::optional<std::pair<qsizetype, qsizetype>> completeFrame(const QByteArray &d)
{
    if (d.size() < 2)
        return std::nullopt;
    qsizetype len = quint8(d[1]) & 0x7f, header = 2;
    if (len == 126) {
        header = 4;
        if (d.size() < header)
            return std::nullopt;
        len = (quint8(d[2]) << 8) | quint8(d[3]);
    } else if (len == 127) {
        header = 10;
        if (d.size() < header)
            return std::nullopt;
        len = 0;
        for (int i = 2; i < 10; ++i)
            len = (len << 8) | quint8(d[i]);
    }
    if (d.size() < header + len)
        return std::nullopt;
    return std::pair{header, len};
}

} // namespace

bool WebSocketTcp::connectTo(const QUrl &url)
{
    m_socket.connectToHost(url.host(), quint16(url.port()));
    return m_socket.waitForConnected(10000);
}

bool WebSocketTcp::connectTo(const QUrl &url, const QHostAddress &from)
{
    return m_socket.bind(from) && connectTo(url);
}

void WebSocketTcp::write(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

QByteArray WebSocketTcp::readUntil(const std::function<bool(const QByteArray &)> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done(m_data) && !deadline.hasExpired() &&
           m_socket.state() == QAbstractSocket::ConnectedState) {
        if (m_socket.bytesAvailable() == 0)
            m_socket.waitForReadyRead(50);
        m_data += m_socket.readAll();
    }
    m_data += m_socket.readAll();
    return m_data;
}

QByteArray WebSocketTcp::readHead()
{
    readUntil([](const QByteArray &d) { return d.contains("\r\n\r\n"); });
    const qsizetype end = m_data.indexOf("\r\n\r\n");
    if (end < 0)
        return {};
    const QByteArray head = m_data.first(end + 4);
    m_data.remove(0, end + 4);
    return head;
}

std::optional<std::pair<quint8, QByteArray>> WebSocketTcp::readFrame(int ms)
{
    readUntil([](const QByteArray &d) { return completeFrame(d).has_value(); }, ms);
    const auto sizes = completeFrame(m_data);
    if (!sizes)
        return std::nullopt;
    const auto [header, len] = *sizes;
    std::pair<quint8, QByteArray> frame{quint8(m_data[0]), m_data.mid(header, len)};
    m_data.remove(0, header + len);
    return frame;
}

bool WebSocketTcp::waitForClosed()
{
    readUntil([](const QByteArray &) { return false; }, 10000);
    return m_socket.state() != QAbstractSocket::ConnectedState;
}

QByteArray WebSocketTcp::handshake(const QByteArray &headers)
{
    return "GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Sec-WebSocket-Version: 13\r\n" +
           headers + "\r\n";
}

} // namespace linnet::test
