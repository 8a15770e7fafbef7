// SPDX-License-Identifier: GPL-3.0-or-later
#include "SocketIo.h"

#include <cerrno>

#include <csignal>

#include <pthread.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

namespace linnet::eventloop {

namespace {
constexpr size_t kReadChunk = 64 * 1024;
} // namespace

bool readAvailable(int fd, QByteArray &into, qsizetype limit)
{
    // The bytes are copied out at once, so every socket of a thread shares it.
    thread_local char buffer[kReadChunk];
    while (into.size() < limit) {
        // A read that filled the buffer means more is waiting (a bulk transfer, such as
        // an upload's body): from then on read straight into @p into, one copy fewer.
        const qsizetype had = into.size();
        const bool direct = had > 0;
        if (direct) {
            if (into.capacity() < had + qsizetype(kReadChunk))
                into.reserve(qMax(2 * had, had + qsizetype(kReadChunk)));
            into.resize(had + qsizetype(kReadChunk));
        }
        const ssize_t n = ::recv(fd, direct ? into.data() + had : buffer, kReadChunk, 0);
        if (direct)
            into.resize(had + qsizetype(qMax<ssize_t>(n, 0)));
        if (n > 0) {
            if (!direct)
                into.append(buffer, qsizetype(n));
            if (size_t(n) < kReadChunk)
                return true; // the kernel had no more just now
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
    return true;
}

SendState sendPending(int fd, const QByteArray &bytes, qsizetype &offset)
{
    while (offset < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.constData() + offset, size_t(bytes.size() - offset),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            offset += qsizetype(n);
            continue;
        }
        if (errno == EINTR)
            continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? SendState::WouldBlock : SendState::Failed;
    }
    return SendState::Sent;
}

namespace {

/**
 * Blocks SIGPIPE on this thread while alive: sendfile(2) has no MSG_NOSIGNAL, and a peer
 * that is gone must be an EPIPE, not the end of the process. A SIGPIPE raised meanwhile
 * is taken before the mask is restored.
 */
class NoSigPipe {
public:
    NoSigPipe()
    {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
    }
    ~NoSigPipe()
    {
        if (m_raised) {
            const timespec none{};
            sigtimedwait(&m_pipe, nullptr, &none);
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    void raised() { m_raised = true; }

private:
    sigset_t m_pipe{}, m_old{};
    bool m_raised = false;
};

} // namespace

SendState sendFile(int fd, int file, qint64 &offset, qint64 &remaining)
{
    NoSigPipe guard;
    while (remaining > 0) {
        off_t at = off_t(offset);
        const ssize_t n = ::sendfile(fd, file, &at, size_t(remaining));
        if (n > 0) {
            offset += qint64(n);
            remaining -= qint64(n);
            continue;
        }
        if (n == 0)
            return SendState::Failed; // the file is shorter than it should be
        if (errno == EINTR)
            continue;
        if (errno == EPIPE)
            guard.raised();
        return errno == EAGAIN || errno == EWOULDBLOCK ? SendState::WouldBlock : SendState::Failed;
    }
    return SendState::Sent;
}

} // namespace linnet::eventloop
