// SPDX-License-Identifier: GPL-3.0-or-later
#include "SocketStream.h"

#include "eventloop/SocketIo.h"

#include <QMetaObject>
#include <QSocketNotifier>

#include <utility>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace linnet::server {

using eventloop::SendState;

SocketStream::SocketStream(qintptr fd) : m_fd(int(fd))
{
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    // The writes of a loop pass already leave together; Nagle would hold the next
    // pass's segment until the client's (possibly delayed, up to 40 ms) ACK.
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read);
    QObject::connect(m_readNotifier, &QSocketNotifier::activated, m_readNotifier,
                     [this] { onReadable(); });
}

SocketStream::~SocketStream()
{
    finish(true);
    // Deleting them also drops a queued flush(), whose context is m_readNotifier.
    delete m_readNotifier;
    delete m_writeNotifier;
}

void SocketStream::onReadable()
{
    QByteArray bytes;
    const bool ended = !eventloop::readAvailable(m_fd, bytes, kMaxReadPerPass);
    if (!bytes.isEmpty() && m_listener)
        m_listener->streamData(bytes);
    if (ended && !m_closed)
        finish(false);
}

void SocketStream::write(QByteArrayView bytes)
{
    if (m_closed || m_closeAfterWrites || bytes.isEmpty())
        return;
    (m_file >= 0 ? m_afterFile : m_pending).append(bytes);
    if (pendingBytes() >= kDrainNoticeBytes)
        m_drainNoticeDue = true;
    queueFlush();
}

bool SocketStream::writeFile(int fd, qint64 offset, qint64 length)
{
    if (m_closed || m_closeAfterWrites || m_file >= 0 || offset < 0 || length < 0)
        return false;
    if (length == 0)
        return true;
    m_file = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (m_file < 0)
        return false;
    m_fileOffset = offset;
    m_fileRemaining = length;
    m_drainNoticeDue = true;
    queueFlush();
    return true;
}

void SocketStream::closeFile()
{
    if (m_file >= 0)
        ::close(m_file);
    m_file = -1;
    m_fileRemaining = 0;
}

void SocketStream::queueFlush()
{
    if (!m_flushQueued && !m_writeNotifier) {
        m_flushQueued = true;
        // Once control is back in the event loop, as QAbstractSocket's own write
        // notifier would be: every frame of this pass goes in one send(2).
        QMetaObject::invokeMethod(
            m_readNotifier, [this] { flush(); }, Qt::QueuedConnection);
    }
}

void SocketStream::flush()
{
    m_flushQueued = false;
    if (m_closed)
        return;
    SendState state = eventloop::sendPending(m_fd, m_pending, m_sent);
    if (state == SendState::Sent && m_file >= 0) {
        state = eventloop::sendFile(m_fd, m_file, m_fileOffset, m_fileRemaining);
        if (state == SendState::Sent) {
            closeFile();
            // What was written meanwhile goes next, in this same pass.
            m_pending = std::exchange(m_afterFile, QByteArray());
            m_sent = 0;
            state = eventloop::sendPending(m_fd, m_pending, m_sent);
        }
    }
    switch (state) {
    case SendState::Sent:
        break;
    case SendState::WouldBlock:
        // The kernel's buffer is full (a slow reader): go on when it drains.
        if (!m_writeNotifier) {
            m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write);
            QObject::connect(m_writeNotifier, &QSocketNotifier::activated, m_writeNotifier,
                             [this] { flush(); });
        }
        return;
    case SendState::Failed:
        finish(false); // EPIPE, ECONNRESET: the peer is gone
        return;
    }
    m_pending = QByteArray(); // nothing kept while idle
    m_sent = 0;
    if (m_writeNotifier) {
        m_writeNotifier->setEnabled(false);
        m_writeNotifier->deleteLater();
        m_writeNotifier = nullptr;
    }
    if (m_closeAfterWrites)
        ::shutdown(m_fd, SHUT_WR); // the peer sees the end; its own end closes ours
    else if (std::exchange(m_drainNoticeDue, false) && m_listener)
        m_listener->streamDrained(); // last: the listener may write or close at once
}

void SocketStream::closeAfterWrites()
{
    if (m_closed || m_closeAfterWrites)
        return;
    m_closeAfterWrites = true;
    if (pendingBytes() == 0)
        ::shutdown(m_fd, SHUT_WR);
    // else flush() shuts down once everything is out
}

void SocketStream::abort()
{
    finish(true);
}

QHostAddress SocketStream::peerAddress() const
{
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (m_closed || ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

QObject *SocketStream::context() const
{
    return m_readNotifier;
}

void SocketStream::finish(bool quietly)
{
    if (m_closed)
        return;
    m_closed = true;
    // Out of the event dispatcher before the descriptor is closed: its number may
    // be reused at once. The notifiers themselves go with the stream (we may be in
    // one of their signals now).
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier})
        if (notifier)
            notifier->setEnabled(false);
    ::close(m_fd);
    closeFile();
    m_pending = QByteArray();
    m_afterFile = QByteArray();
    if (!quietly && m_listener)
        m_listener->streamClosed();
}

} // namespace linnet::server
