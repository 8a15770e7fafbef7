// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/AttachmentCipher.h"
#include "media/DecryptingWriter.h"

#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>

namespace linnet::client {

/** How a transfer ended. */
struct TransferOutcome {
    enum class Kind {
        Done,      ///< upload complete (201) / download complete and written
        Cancelled, ///< cancel() was called
        Retry,     ///< a network failure or 5xx/429: what was moved is kept; try again later
        Refused,   ///< a 4xx other than 409/429 (bad ticket, too large, no such blob): do not retry
                   ///< with this ticket
        LocalError, ///< the local file could not be read or written (the reason says why)
        Damaged     ///< the sink refused the blob: not the one described (tampered, cut short)
    };
    Kind kind = Kind::Done;
    int httpStatus = 0; ///< 0 if none came
    QString reason;     ///< for people and logs
    quint64 offset = 0; ///< bytes of the blob the server (upload) or the sink (download) holds
};

/**
 * One HTTP/1.1 transfer of a blob (docs/protocol.md 10) over QTcpSocket or
 * QSslSocket: the server's WebSocket URL (ws:// or wss://, host, port) gives the
 * origin, the same TLS configuration is used. Streams with a bounded buffer in
 * both directions; emits progress; ends with finished() exactly once. Not reused.
 */
class BlobTransfer : public QObject {
    Q_OBJECT
public:
    /** @p serverUrl: the WebSocket URL (its scheme, host and port are used). */
    BlobTransfer(const QUrl &serverUrl, const QSslConfiguration &tls, QObject *parent = nullptr);
    ~BlobTransfer() override;

    /**
     * PUTs the blob that @p source yields, from @p offset (the server's Upload-Offset)
     * to its end, with Content-Range. @p source is positioned (seek) by this call.
     */
    void upload(const QByteArray &blob, const QByteArray &ticket, media::EncryptingReader &source,
                quint64 offset);
    /**
     * GETs the blob into @p partPath: appends from the file's current size with a
     * Range request (so a cut download resumes), up to @p size bytes in total.
     */
    void download(const QByteArray &blob, const QByteArray &ticket, const QString &partPath,
                  quint64 size);
    /**
     * GETs the blob into @p sink (e.g. a DecryptingWriter, which decrypts as it comes),
     * with a Range request from sink.position(), up to @p size bytes in total. @p sink
     * must outlive the transfer.
     */
    void download(const QByteArray &blob, const QByteArray &ticket, media::BlobSink &sink,
                  quint64 size);
    /** Stops at once; finished(Cancelled) follows. What was moved is kept. */
    void cancel();

    /** Over https, trust exactly the certificate with this pin (net/ServerPin); before the
     *  transfer starts. */
    void setServerPin(const QByteArray &pin);

    /** Seconds without a byte moved after which the transfer gives up with Retry. */
    void setStallTimeout(int seconds);
    /** At most one progress() per @p ms (default 100; 0: on every piece moved). */
    void setProgressInterval(int ms);

Q_SIGNALS:
    /** @p done bytes of the blob are on the other side (upload) or in the part file (download). */
    void progress(quint64 done, quint64 total);
    void finished(const linnet::client::TransferOutcome &outcome);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace linnet::client
