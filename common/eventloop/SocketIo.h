// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

/**
 * Reading and writing a non-blocking POSIX socket of one's own, for the
 * connections that do without QTcpSocket: the server's SocketStream and the
 * load generator's BenchConnection.
 */
namespace linnet::eventloop {

/**
 * Appends what the kernel has for @p fd to @p into (through one 64 KiB buffer per
 * thread for the first read; straight into @p into while more keeps coming), until the
 * kernel has no more for now or @p into holds @p limit bytes.
 * False if the peer closed the connection or it failed; what was read before is
 * in @p into all the same.
 */
bool readAvailable(int fd, QByteArray &into, qsizetype limit);

/** How far sendPending() got. */
enum class SendState {
    Sent,       ///< everything from the offset on was taken
    WouldBlock, ///< the kernel's buffer is full: go on when @p fd is writable
    Failed,     ///< the peer is gone (EPIPE, ECONNRESET, ...)
};

/** Sends @p bytes from @p offset on, advancing @p offset by what the kernel took. */
SendState sendPending(int fd, const QByteArray &bytes, qsizetype &offset);

/**
 * Sends @p remaining bytes of the file @p file from @p offset to @p fd with sendfile(2)
 * (from the page cache, no copy through user space), advancing @p offset and lowering
 * @p remaining by what the kernel took. Failed also when the file ends first.
 */
SendState sendFile(int fd, int file, qint64 &offset, qint64 &remaining);

} // namespace linnet::eventloop
