// SPDX-License-Identifier: GPL-3.0-or-later
#include "QtSocketStream.h"

#include <QTcpSocket>

namespace linnet::server {

QtSocketStream::QtSocketStream(QTcpSocket *socket) : m_socket(socket)
{
    m_socket->setParent(nullptr);                                  // owned here
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // see SocketStream
    m_read = QObject::connect(m_socket, &QTcpSocket::readyRead, m_socket, [this] {
        const QByteArray bytes = m_socket->readAll();
        if (!bytes.isEmpty() && m_listener)
            m_listener->streamData(bytes);
    });
    m_written = QObject::connect(m_socket, &QTcpSocket::bytesWritten, m_socket, [this] {
        if (m_drainNoticeDue && m_socket->bytesToWrite() == 0) {
            m_drainNoticeDue = false;
            if (m_listener)
                m_listener->streamDrained();
        }
    });
    m_disconnected = QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket, [this] {
        if (m_listener)
            m_listener->streamClosed();
    });
}

QtSocketStream::~QtSocketStream()
{
    QObject::disconnect(m_read);
    QObject::disconnect(m_written);
    QObject::disconnect(m_disconnected);
    m_socket->abort();
    delete m_socket;
}

void QtSocketStream::write(QByteArrayView bytes)
{
    m_socket->write(bytes.data(), bytes.size());
    if (m_socket->bytesToWrite() >= kDrainNoticeBytes)
        m_drainNoticeDue = true;
}

void QtSocketStream::closeAfterWrites()
{
    m_socket->disconnectFromHost();
}

void QtSocketStream::abort()
{
    m_socket->abort();
}

QHostAddress QtSocketStream::peerAddress() const
{
    return m_socket->peerAddress();
}

qint64 QtSocketStream::pendingBytes() const
{
    return m_socket->bytesToWrite();
}

QObject *QtSocketStream::context() const
{
    return m_socket;
}

} // namespace linnet::server
