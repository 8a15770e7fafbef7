// SPDX-License-Identifier: GPL-3.0-or-later
#include "CoalescingTcpSocket.h"

#include <cerrno>
#include <utility>

#include <sys/socket.h>
#include <sys/types.h>

namespace linnet::server {

CoalescingTcpSocket::CoalescingTcpSocket(QObject *parent) : QTcpSocket(parent) {}

qint64 CoalescingTcpSocket::bytesToWrite() const
{
    return m_pending.size() + QTcpSocket::bytesToWrite();
}

void CoalescingTcpSocket::disconnectFromHost()
{
    // QAbstractSocket closes at once when its own buffer is empty: hand it our data first.
    sendPending();
    QTcpSocket::disconnectFromHost();
}

bool CoalescingTcpSocket::waitForBytesWritten(int msecs)
{
    sendPending();
    return QTcpSocket::waitForBytesWritten(msecs);
}

qint64 CoalescingTcpSocket::writeData(const char *data, qint64 size)
{
    // Once QAbstractSocket holds unsent data, everything after it must queue behind it.
    if (size <= 0 || state() != ConnectedState || QTcpSocket::bytesToWrite() > 0)
        return QTcpSocket::writeData(data, size);
    m_pending.append(data, size);
    if (!m_sendQueued) {
        m_sendQueued = true;
        QMetaObject::invokeMethod(this, &CoalescingTcpSocket::sendPending, Qt::QueuedConnection);
    }
    return size;
}

void CoalescingTcpSocket::sendPending()
{
    m_sendQueued = false;
    if (m_pending.isEmpty())
        return;
    if (state() == UnconnectedState) {
        m_pending = QByteArray(); // aborted or closed: Qt drops its buffer too
        return;
    }
    const QByteArray pending = std::exchange(m_pending, QByteArray());
    qsizetype sent = 0;
    if (state() == ConnectedState && QTcpSocket::bytesToWrite() == 0) {
        ssize_t n = 0;
        do {
            n = ::send(int(socketDescriptor()), pending.constData(), size_t(pending.size()),
                       MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (n < 0 && errno == EINTR);
        // On EAGAIN or an error, QAbstractSocket gets all of it: it waits for the socket to
        // become writable, or reports the error and disconnects, as it always did.
        if (n > 0)
            sent = qsizetype(n);
    }
    if (sent < pending.size())
        QTcpSocket::writeData(pending.constData() + sent, pending.size() - sent);
    if (sent > 0)
        Q_EMIT bytesWritten(sent);
}

void CoalescingTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new CoalescingTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    addPendingConnection(socket);
}

} // namespace linnet::server
