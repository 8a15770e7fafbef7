// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QtGlobal>

class QObject;

namespace linnet::server {

/**
 * A connected byte stream as WebSocketConnection needs it: bytes in, bytes
 * out, a graceful and an abrupt close. SocketStream is a plain TCP socket of
 * its own; QtSocketStream puts a QTcpSocket (a QSslSocket for TLS) behind it.
 */
class ByteStream {
public:
    class Listener {
    public:
        virtual void streamData(const QByteArray &bytes) = 0;
        /** The stream is gone: the peer closed it, it failed, or a close finished. Once. */
        virtual void streamClosed() = 0;
        /**
         * Output that had grown to kDrainNoticeBytes or more has all been taken by
         * the kernel: a writer that held back for a slow peer can go on.
         */
        virtual void streamDrained() = 0;

    protected:
        ~Listener() = default;
    };

    /** Pending output from which streamDrained() follows once it is all sent. */
    static constexpr qint64 kDrainNoticeBytes = 64 * 1024;

    virtual ~ByteStream() = default;

    virtual void setListener(Listener *listener) = 0;
    /** Queues @p bytes; the writes of one event-loop pass go out together. */
    virtual void write(QByteArrayView bytes) = 0;
    /** Sends what is queued, then closes our side; streamClosed() follows the peer's. */
    virtual void closeAfterWrites() = 0;
    /** Drops the connection at once; streamClosed() may or may not follow. */
    virtual void abort() = 0;
    virtual QHostAddress peerAddress() const = 0;
    /** Bytes written and not yet taken by the kernel. */
    virtual qint64 pendingBytes() const = 0;
    /** writeFile() works here (a plain socket; TLS must encrypt every byte itself). */
    virtual bool canSendFile() const { return false; }
    /**
     * Queues @p length bytes of the open file @p fd from @p offset, sent after what is
     * queued straight from the page cache (sendfile(2)), not through user space. The
     * stream keeps a descriptor of its own (the caller may close @p fd at once); they
     * count in pendingBytes(), and streamDrained() follows once they are all sent. If the
     * file turns out shorter, the connection is dropped (the peer sees a short body).
     * False (nothing queued) if !canSendFile(), the stream is closing, or a file is
     * queued already.
     */
    virtual bool writeFile(int fd, qint64 offset, qint64 length)
    {
        Q_UNUSED(fd);
        Q_UNUSED(offset);
        Q_UNUSED(length);
        return false;
    }
    /** An object that lives as long as the stream, as the context of its timers. */
    virtual QObject *context() const = 0;
};

} // namespace linnet::server
