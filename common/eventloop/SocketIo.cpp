// SPDX-License-Identifier: GPL-3.0-or-later
#include "SocketIo.h"

#include <cerrno>

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
        const ssize_t n = ::recv(fd, buffer, kReadChunk, 0);
        if (n > 0) {
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

} // namespace linnet::eventloop
