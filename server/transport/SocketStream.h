// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transport/ByteStream.h"

class QSocketNotifier;

namespace linnet::server {

/**
 * A plain-text TCP connection on its file descriptor, without QTcpSocket.
 *
 * QAbstractSocket keeps a read and a write QRingBuffer whose chunks (16 and
 * 32 KiB) stay allocated for the socket's lifetime once used, plus its engine,
 * private and notifiers: most of the server's memory with many idle
 * connections (docs/perf/findings.md, finding 9). This stream reads into one buffer per thread,
 * holds a write buffer only while the kernel does not take everything, and
 * gathers the writes of one event-loop pass into one send(2); writeFile() sends
 * a file's bytes with sendfile(2). Its only objects are a read notifier and,
 * while output waits, a write notifier. Linux; one thread.
 */
class SocketStream final : public ByteStream {
public:
    /** Takes over the connected socket @p fd (made non-blocking here). */
    explicit SocketStream(qintptr fd);
    ~SocketStream() override;
    SocketStream(const SocketStream &) = delete;
    SocketStream &operator=(const SocketStream &) = delete;

    void setListener(Listener *listener) override { m_listener = listener; }
    void write(QByteArrayView bytes) override;
    void closeAfterWrites() override;
    void abort() override;
    QHostAddress peerAddress() const override;
    qint64 pendingBytes() const override
    {
        return m_pending.size() - m_sent + m_fileRemaining + m_afterFile.size();
    }
    bool canSendFile() const override { return true; }
    bool writeFile(int fd, qint64 offset, qint64 length) override;
    QObject *context() const override;

    /** Most bytes read for one connection per event-loop pass (fairness). */
    static constexpr qsizetype kMaxReadPerPass = 256 * 1024;

private:
    void onReadable();
    void flush();
    void queueFlush();
    void closeFile();
    /** Closes the descriptor; tells the listener unless @p quietly. */
    void finish(bool quietly);

    int m_fd;
    Listener *m_listener = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr; ///< only while the kernel's buffer is full
    QByteArray m_pending;                       ///< gathered or not yet taken by the kernel
    qsizetype m_sent = 0;                       ///< bytes of m_pending already sent
    int m_file = -1;            ///< writeFile()'s descriptor (our dup) while bytes of it wait
    qint64 m_fileOffset = 0;    ///< where in m_file the next byte comes from
    qint64 m_fileRemaining = 0; ///< bytes of m_file still to send (after m_pending)
    QByteArray m_afterFile;     ///< written while a file was queued: goes after it
    bool m_flushQueued = false;
    bool m_drainNoticeDue = false; ///< output reached kDrainNoticeBytes
    bool m_closeAfterWrites = false;
    bool m_closed = false;
};

} // namespace linnet::server
