// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchConnection.h"

#include "protocol/FrameCodec.h"

#include <QWebSocket>

namespace linnet::bench {

BenchConnection::BenchConnection(QObject *parent)
    : QObject(parent), m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        if (m_onConnected)
            m_onConnected();
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_open = false;
        if (!m_closedReported) {
            m_closedReported = true;
            if (m_onClosed)
                m_onClosed();
        }
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &BenchConnection::onBinary);
}

BenchConnection::~BenchConnection() = default;

void BenchConnection::open(const QUrl &url)
{
    m_closedReported = false;
    m_socket->open(url);
}

void BenchConnection::send(const protocol::Frame &frame)
{
    m_socket->sendBinaryMessage(protocol::encodeFrame(frame));
}

void BenchConnection::close()
{
    m_closedReported = true; // a close we asked for is not an error
    m_socket->close();
}

void BenchConnection::onBinary(const QByteArray &bytes)
{
    auto decoded = protocol::decodeFrame(bytes);
    if (!decoded) {
        ++m_decodeErrors;
        return;
    }
    if (m_onFrame)
        m_onFrame(decoded.value());
}

} // namespace linnet::bench
