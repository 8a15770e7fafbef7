// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/HttpRequestHead.h"
#include "media/MediaTickets.h"
#include "transport/ByteStream.h"
#include "transport/ConnectionAdmission.h"

#include <QTimer>

#include <memory>

namespace linnet::server {

class BlobReader;
class BlobWriter;
class MediaHttp;

/**
 * One HTTP request for a blob on one connection (docs/protocol.md 10): checks
 * the ticket, then streams a PUT's body to the BlobStore as it arrives, or the
 * blob to the peer in pieces while less than kHighWater of output waits: from the
 * page cache with sendfile(2) on a plain connection, read and written (to be
 * encrypted) with TLS. Never more than one piece of the blob is in memory. A transfer that moves no
 * byte for media_stall_seconds is dropped. The connection closes after the response.
 */
class MediaTransfer final : private ByteStream::Listener {
public:
    MediaTransfer(std::unique_ptr<ByteStream> stream, MediaHttp &owner);
    ~MediaTransfer();
    MediaTransfer(const MediaTransfer &) = delete;
    MediaTransfer &operator=(const MediaTransfer &) = delete;

    /** Serves the request whose head (and perhaps body start) is @p received. */
    void start(const QByteArray &received, ConnectionAdmission::HandOver verdict);

    /** A download writes more only while less than this waits for the peer. */
    static constexpr qint64 kHighWater = 256 * 1024;
    /** How long a refused request's connection may stay for the peer to read the answer. */
    static constexpr int kLingerMs = 5000;
    /** The piece of a blob read at once. */
    static constexpr qint64 kPieceBytes = 64 * 1024;
    /**
     * The piece of a blob handed to the stream at once when it sends from the file
     * (sendfile(2)): the stall timer is reset as each is taken by the kernel.
     */
    static constexpr qint64 kFilePieceBytes = kHighWater;

private:
    enum class State { Starting, Receiving, Sending, Closing, Done };

    void streamData(const QByteArray &bytes) override;
    void streamClosed() override;
    void streamDrained() override;

    void serve(const http::RequestHead &head, QByteArrayView bodyStart);
    /** Checks the ticket of @p head for @p blob; answers and returns nullopt if it fails. */
    std::optional<Ticket> authorize(const http::RequestHead &head, const QByteArray &blob,
                                    std::optional<TicketDirection> direction);
    void startUpload(const http::RequestHead &head, const Ticket &ticket, QByteArrayView bodyStart);
    void receive(QByteArrayView bytes);
    /** The PUT's body is all here (or the storage failed): records it and answers. */
    void endUpload();
    void startDownload(const http::RequestHead &head, const Ticket &ticket, bool headOnly);
    void answerUploadOffset(const Ticket &ticket);
    void pump();

    /** Sends a plain-text response and closes (reading on, and ignoring, until the peer does). */
    void refuse(int status, const QByteArray &reason, const http::Headers &headers = {});
    void closeAfterResponse();
    /** Takes one of @p device's transfer slots and marks @p blob busy; else answers 429. */
    bool hold(qint64 device, const QByteArray &blob);
    /** Gives back the device's transfer slot and the blob's busy mark, closes the file. */
    void releaseHolds();
    /** Releases what the transfer holds and tells the owner (once). */
    void finish();
    void touch();
    void stalled();

    std::unique_ptr<ByteStream> m_stream;
    MediaHttp &m_owner;
    QTimer m_stall;
    State m_state = State::Starting;
    qint64 m_slotDevice = 0; ///< the device whose transfer slot this holds (0: none)
    QByteArray m_busyBlob;   ///< marked busy in the owner while set
    // Upload
    std::unique_ptr<BlobWriter> m_writer;
    qint64 m_declared = 0;  ///< the blob's declared size
    qint64 m_stored = 0;    ///< bytes of the blob stored
    qint64 m_remaining = 0; ///< bytes of the body still to come or to send
    bool m_storageFull = false;
    bool m_storageFailed = false;
    // Download
    std::unique_ptr<BlobReader> m_reader;
    bool m_sendFile = false; ///< the stream sends the blob's file itself (plain TCP)
    qint64 m_fileOffset = 0; ///< with m_sendFile: where the next piece starts
};

} // namespace linnet::server
