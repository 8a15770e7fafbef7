// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/BlobTransfer.h"

#include "media/DecryptingWriter.h"
#include "media/HttpResponseHead.h"
#include "net/ServerPin.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

namespace linnet::client {

namespace {

Q_LOGGING_CATEGORY(lcTransfer, "linnet.client.media.transfer", QtInfoMsg)

/** Upload: more of the blob is written only while less than this waits in the socket. */
constexpr qint64 kWriteHighWater = 256 * 1024;
constexpr qsizetype kReadPiece = 64 * 1024;
/** Download: the most the socket buffers before it stops reading from the kernel. */
constexpr qint64 kReadBufferBytes = 256 * 1024;
/** Download: the piece copied from the socket to the part file at a time. */
constexpr qsizetype kWritePiece = 64 * 1024;
constexpr qsizetype kMaxResponseHead = 16 * 1024;
constexpr qsizetype kMaxErrorBody = 4 * 1024;
constexpr int kDefaultProgressIntervalMs = 100;
/** How long an upload waits for "100 Continue" before it sends the body anyway. */
constexpr int kContinueWaitMs = 1000;

using Kind = TransferOutcome::Kind;
using http::contentRangeStart;
using http::ResponseHead;

/** The blob as it comes, appended to a part file (download(..., partPath, ...)). */
class PartFileSink final : public media::BlobSink {
public:
    explicit PartFileSink(const QString &path) : m_file(path) {}

    media::Status open()
    {
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
            return failure(QStringLiteral("cannot open"));
        m_size = quint64(m_file.size());
        return {};
    }
    quint64 position() const override { return m_size; }
    media::Status write(QByteArrayView bytes) override
    {
        const qint64 wrote = m_file.write(bytes.data(), bytes.size());
        if (wrote > 0)
            m_size += quint64(wrote);
        if (wrote != bytes.size())
            return failure(QStringLiteral("cannot write"));
        return {};
    }
    media::Status restart() override
    {
        if (!m_file.resize(0))
            return failure(QStringLiteral("cannot truncate"));
        m_size = 0;
        return {};
    }

private:
    media::MediaFailure failure(const QString &what) const
    {
        return media::MediaFailure{
            media::MediaError::Io,
            QStringLiteral("%1 %2: %3").arg(what, m_file.fileName(), m_file.errorString())};
    }

    QFile m_file;
    quint64 m_size = 0;
};

/** How a download ends when its sink refused bytes. */
Kind sinkFailureKind(const media::MediaFailure &failure)
{
    return failure.code == media::MediaError::Io ? Kind::LocalError : Kind::Damaged;
}

QString hostForHeader(const QUrl &url)
{
    const QString host = url.host(QUrl::FullyEncoded);
    return host.contains(u':') ? u'[' + host + u']' : host;
}

} // namespace

struct BlobTransfer::State {
    enum class Mode { None, Upload, Download };

    BlobTransfer *q;
    QUrl server;
    QSslConfiguration tls;
    QByteArray pin; ///< net/ServerPin; empty: the system's CAs
    std::unique_ptr<QTcpSocket> socket;
    Mode mode = Mode::None;
    bool finished = false;
    QByteArray path; ///< "/v1/media/<hex>"
    QByteArray ticket;
    QTimer stallTimer;
    QTimer continueTimer;
    QElapsedTimer sinceProgress;
    int progressIntervalMs = kDefaultProgressIntervalMs;

    // Upload: the blob from `start`; `written` bytes of it handed to the socket.
    media::EncryptingReader *source = nullptr;
    quint64 start = 0;
    quint64 written = 0;
    bool sendingBody = false;

    // Download: given to `sink`; `total` is the blob's size.
    media::BlobSink *sink = nullptr;
    std::unique_ptr<PartFileSink> ownSink; ///< for a download into a part file
    quint64 total = 0;
    bool headOnly = false; ///< a HEAD request: the response has no body

    // The response.
    QByteArray headBuffer;
    bool headDone = false;
    ResponseHead head;
    qint64 bodyLength = -1; ///< Content-Length, -1 if none
    quint64 bodyReceived = 0;
    QByteArray errorBody;
    QByteArray readBuffer;

    explicit State(BlobTransfer *owner) : q(owner) {}

    quint64 uploadDone() const
    {
        const qint64 queued = socket ? socket->bytesToWrite() : 0;
        return start + written - qMin(written, quint64(qMax<qint64>(queued, 0)));
    }
    quint64 sinkBytes() const { return sink ? sink->position() : 0; }
    quint64 doneBytes() const { return mode == Mode::Upload ? uploadDone() : sinkBytes(); }

    void touch() { stallTimer.start(); }

    void emitProgress(bool force)
    {
        if (!force && sinceProgress.isValid() && sinceProgress.elapsed() < progressIntervalMs)
            return;
        sinceProgress.start();
        Q_EMIT q->progress(doneBytes(), mode == Mode::Upload ? source->size() : total);
    }

    /** Ends the transfer: drops the connection, then tells the owner (last: it may delete us). */
    void finish(Kind kind, const QString &reason, quint64 offset)
    {
        if (finished)
            return;
        finished = true;
        stallTimer.stop();
        continueTimer.stop();
        if (socket) {
            socket->disconnect(q);
            socket->abort();
        }
        if (kind == Kind::Done)
            emitProgress(true);
        TransferOutcome outcome;
        outcome.kind = kind;
        outcome.httpStatus = headDone ? head.status : 0;
        outcome.reason = reason;
        outcome.offset = offset;
        if (kind == Kind::Done)
            qCDebug(lcTransfer) << path << "done at" << offset;
        else
            qCInfo(lcTransfer) << path << "ended" << int(kind) << outcome.httpStatus << reason
                               << "at" << offset;
        Q_EMIT q->finished(outcome);
    }

    /** Ends from the event loop, so that upload()/download() never emit before returning. */
    void finishLater(Kind kind, const QString &reason, quint64 offset)
    {
        QMetaObject::invokeMethod(
            q, [this, kind, reason, offset] { finish(kind, reason, offset); },
            Qt::QueuedConnection);
    }

    void connectToServer()
    {
        const bool secure =
            server.scheme() == QLatin1String("wss") || server.scheme() == QLatin1String("https");
        const quint16 port = quint16(server.port(secure ? 443 : 80));
        if (secure) {
            auto *ssl = new QSslSocket;
            ssl->setSslConfiguration(tls);
            socket.reset(ssl);
            if (!pin.isEmpty())
                ServerPin::acceptPinned(*ssl, pin);
            QObject::connect(ssl, &QSslSocket::encrypted, q, [this, ssl] {
                // The ticket goes to the pinned server only (a CA-signed impostor has no
                // certificate error to stop it).
                if (!pin.isEmpty() && !ServerPin::refusal(ssl->peerCertificate(), pin).isEmpty()) {
                    ssl->abort();
                    return;
                }
                sendRequest();
            });
            wireSocket();
            ssl->connectToHostEncrypted(server.host(), port);
        } else {
            socket.reset(new QTcpSocket);
            QObject::connect(socket.get(), &QTcpSocket::connected, q, [this] { sendRequest(); });
            wireSocket();
            socket->connectToHost(server.host(), port);
        }
        touch();
    }

    void wireSocket()
    {
        if (mode == Mode::Download)
            socket->setReadBufferSize(kReadBufferBytes);
        QObject::connect(socket.get(), &QTcpSocket::readyRead, q, [this] { onReadyRead(); });
        QObject::connect(socket.get(), &QTcpSocket::bytesWritten, q, [this] {
            touch();
            if (sendingBody)
                pump();
        });
        QObject::connect(socket.get(), &QTcpSocket::disconnected, q, [this] { onClosed(); });
        QObject::connect(socket.get(), &QAbstractSocket::errorOccurred, q,
                         [this](QAbstractSocket::SocketError error) {
                             if (error != QAbstractSocket::RemoteHostClosedError)
                                 onClosed();
                         });
    }

    void sendRequest()
    {
        QByteArray request;
        const QByteArray host = hostForHeader(server).toUtf8() +
                                (server.port() >= 0 ? ':' + QByteArray::number(server.port()) : "");
        if (mode == Mode::Upload) {
            const quint64 size = source->size();
            if (start == size) {
                // Everything was sent before: ask whether the server has all of it.
                request = "HEAD " + path + " HTTP/1.1\r\n";
                headOnly = true;
            } else {
                request = "PUT " + path +
                          " HTTP/1.1\r\nContent-Length: " + QByteArray::number(size - start) +
                          "\r\nExpect: 100-continue\r\n";
                if (start > 0)
                    request += "Content-Range: bytes " + QByteArray::number(start) + '-' +
                               QByteArray::number(size - 1) + '/' + QByteArray::number(size) +
                               "\r\n";
            }
        } else {
            request = "GET " + path + " HTTP/1.1\r\n";
            if (sinkBytes() > 0)
                request += "Range: bytes=" + QByteArray::number(sinkBytes()) + "-\r\n";
        }
        request += "Host: " + host + "\r\nAuthorization: Bearer " + ticket +
                   "\r\nConnection: close\r\n\r\n";
        socket->write(request);
        touch();
        if (mode == Mode::Upload && start < source->size())
            continueTimer.start(kContinueWaitMs);
    }

    void startBody()
    {
        continueTimer.stop();
        if (sendingBody || finished)
            return;
        sendingBody = true;
        pump();
    }

    /** Writes more of the blob while the socket has room. */
    void pump()
    {
        while (!finished && socket->bytesToWrite() < kWriteHighWater && !source->atEnd()) {
            auto piece = source->read(kReadPiece);
            if (!piece) {
                finish(Kind::LocalError, piece.error().reason, uploadDone());
                return;
            }
            socket->write(piece.value());
            written += quint64(piece.value().size());
        }
        emitProgress(false);
    }

    void onReadyRead()
    {
        touch();
        if (!headDone) {
            headBuffer += socket->read(kMaxResponseHead + 4 - headBuffer.size());
            const qsizetype end = headBuffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (headBuffer.size() > kMaxResponseHead)
                    finish(Kind::Retry, QStringLiteral("the server's response is malformed"),
                           fallbackOffset());
                return;
            }
            const QByteArray rest = headBuffer.sliced(end + 4);
            if (!http::parseResponseHead(headBuffer.first(end + 2), head)) {
                finish(Kind::Retry, QStringLiteral("the server's response is malformed"),
                       fallbackOffset());
                return;
            }
            headBuffer.clear();
            if (head.status == 100) { // Continue: the final response follows the body
                startBody();
                headBuffer = rest;
                if (!finished && (!rest.isEmpty() || socket->bytesAvailable() > 0))
                    onReadyRead();
                return;
            }
            headDone = true;
            bodyLength = headOnly ? 0 : head.number("content-length");
            if (!onHead())
                return;
            if (bodyLength == 0) {
                onResponse();
                return;
            }
            if (!rest.isEmpty() && !consumeBody(rest))
                return;
        }
        // One small buffer for the whole transfer: a fresh array per read cost more
        // (allocation, page faults) than the copy itself.
        if (readBuffer.size() < kWritePiece)
            readBuffer.resize(kWritePiece);
        while (!finished && socket->bytesAvailable() > 0) {
            const qint64 n = socket->read(readBuffer.data(), readBuffer.size());
            if (n <= 0)
                return;
            if (!consumeBody(QByteArrayView(readBuffer.constData(), n)))
                return;
        }
    }

    /** The response head has come: false if that ended the transfer. */
    bool onHead()
    {
        if (mode == Mode::Upload) {
            // Whatever the answer, no more body goes out.
            sendingBody = false;
            continueTimer.stop();
            return true;
        }
        if (head.status == 200 && sinkBytes() > 0) {
            // The server sent the whole blob, not the range: start the part file again.
            if (media::Status s = sink->restart(); !s) {
                finish(sinkFailureKind(s.error()), s.error().reason, sinkBytes());
                return false;
            }
        } else if (head.status == 206) {
            if (contentRangeStart(head.header("content-range")) != qint64(sinkBytes())) {
                finish(Kind::Retry, QStringLiteral("the server sent another range than asked"),
                       sinkBytes());
                return false;
            }
        }
        return true;
    }

    /** Body bytes: to the part file for a download's 2xx, else kept as the reason. */
    bool consumeBody(QByteArrayView bytes)
    {
        bodyReceived += quint64(bytes.size());
        const bool content = mode == Mode::Download && (head.status == 200 || head.status == 206);
        if (content) {
            if (sinkBytes() + quint64(bytes.size()) > total) {
                finish(Kind::Refused, QStringLiteral("the server sent more than the blob's size"),
                       sinkBytes());
                return false;
            }
            if (media::Status s = sink->write(bytes); !s) {
                finish(sinkFailureKind(s.error()), s.error().reason, sinkBytes());
                return false;
            }
            emitProgress(false);
        } else if (errorBody.size() < kMaxErrorBody) {
            errorBody += bytes.first(qMin(bytes.size(), kMaxErrorBody - errorBody.size()));
        }
        if (bodyLength >= 0 && bodyReceived >= quint64(bodyLength)) {
            onResponse();
            return false;
        }
        return true;
    }

    /** The connection ended (or failed). */
    void onClosed()
    {
        if (finished)
            return;
        if (socket->bytesAvailable() > 0) { // what came before the close counts
            onReadyRead();
            if (finished)
                return;
        }
        if (headDone && bodyLength < 0) { // a body that runs to the close is complete now
            onResponse();
            return;
        }
        const QString why = socket->errorString();
        finish(Kind::Retry, QStringLiteral("the connection was lost: %1").arg(why),
               fallbackOffset());
    }

    quint64 fallbackOffset() const { return doneBytes(); }

    QString serverReason() const
    {
        const QString text = QString::fromUtf8(errorBody).trimmed();
        return text.isEmpty() ? QStringLiteral("HTTP %1").arg(head.status)
                              : QStringLiteral("HTTP %1: %2").arg(head.status).arg(text);
    }

    /** A whole response is in: decide how the transfer ended. */
    void onResponse()
    {
        const int status = head.status;
        const qint64 serverOffset = head.number("upload-offset");
        if (mode == Mode::Download && (status == 200 || status == 206)) {
            const quint64 have = sinkBytes();
            if (have == total)
                finish(Kind::Done, {}, have);
            else
                finish(Kind::Retry,
                       QStringLiteral("the download ended at %1 of %2 bytes").arg(have).arg(total),
                       have);
            return;
        }
        if (mode == Mode::Upload && (status == 201 || status == 200)) {
            const quint64 size = source->size();
            const quint64 have =
                serverOffset >= 0 ? quint64(serverOffset) : (status == 201 ? size : uploadDone());
            if (status == 201 || have == size)
                finish(Kind::Done, {}, size);
            else
                finish(Kind::Retry,
                       QStringLiteral("the server holds %1 of %2 bytes").arg(have).arg(size), have);
            return;
        }
        if (status == 409 && mode == Mode::Upload) {
            finish(Kind::Retry, serverReason(), serverOffset >= 0 ? quint64(serverOffset) : start);
            return;
        }
        if (status == 429 || status >= 500) {
            finish(Kind::Retry, serverReason(),
                   mode == Mode::Upload && serverOffset >= 0 ? quint64(serverOffset)
                                                             : fallbackOffset());
            return;
        }
        finish(Kind::Refused, serverReason(),
               serverOffset >= 0 ? quint64(serverOffset) : fallbackOffset());
    }

    bool begin(Mode newMode, const QByteArray &blob, const QByteArray &bearer)
    {
        if (mode != Mode::None) {
            qCWarning(lcTransfer) << "a BlobTransfer is used once";
            return false;
        }
        mode = newMode;
        // The blob id is 16 bytes; the path spells it in 32 lower-case hex digits.
        path = "/v1/media/" + (blob.size() == 16 ? blob.toHex() : blob.toLower());
        ticket = bearer.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        return true;
    }
};

BlobTransfer::BlobTransfer(const QUrl &serverUrl, const QSslConfiguration &tls, QObject *parent)
    : QObject(parent), m_state(std::make_unique<State>(this))
{
    m_state->server = serverUrl;
    m_state->tls = tls;
    m_state->stallTimer.setSingleShot(true);
    m_state->stallTimer.setInterval(30'000);
    connect(&m_state->stallTimer, &QTimer::timeout, this, [this] {
        m_state->finish(Kind::Retry, QStringLiteral("the transfer stalled"),
                        m_state->fallbackOffset());
    });
    m_state->continueTimer.setSingleShot(true);
    connect(&m_state->continueTimer, &QTimer::timeout, this, [this] { m_state->startBody(); });
}

BlobTransfer::~BlobTransfer()
{
    if (m_state->socket) {
        m_state->socket->disconnect(this);
        m_state->socket->abort();
        // The owner may delete us from a slot of finished(), inside one of the socket's signals.
        m_state->socket.release()->deleteLater();
    }
}

void BlobTransfer::upload(const QByteArray &blob, const QByteArray &ticket,
                          media::EncryptingReader &source, quint64 offset)
{
    State &s = *m_state;
    if (!s.begin(State::Mode::Upload, blob, ticket))
        return;
    s.source = &source;
    s.start = offset;
    if (offset > source.size()) {
        s.finishLater(Kind::LocalError,
                      QStringLiteral("offset %1 is past the blob's end").arg(offset), 0);
        return;
    }
    if (media::Status seek = source.seek(offset); !seek) {
        s.finishLater(Kind::LocalError, seek.error().reason, offset);
        return;
    }
    s.connectToServer();
}

void BlobTransfer::download(const QByteArray &blob, const QByteArray &ticket,
                            const QString &partPath, quint64 size)
{
    State &s = *m_state;
    auto own = std::make_unique<PartFileSink>(partPath);
    const media::Status opened = own->open();
    s.ownSink = std::move(own);
    if (!opened) {
        if (s.begin(State::Mode::Download, blob, ticket))
            s.finishLater(Kind::LocalError, opened.error().reason, 0);
        return;
    }
    download(blob, ticket, *s.ownSink, size);
}

void BlobTransfer::download(const QByteArray &blob, const QByteArray &ticket, media::BlobSink &sink,
                            quint64 size)
{
    State &s = *m_state;
    if (!s.begin(State::Mode::Download, blob, ticket))
        return;
    s.total = size;
    s.sink = &sink;
    const quint64 have = sink.position();
    if (have > size) {
        s.finishLater(Kind::LocalError,
                      QStringLiteral("the part file is larger than the blob (%1 > %2 bytes)")
                          .arg(have)
                          .arg(size),
                      have);
        return;
    }
    if (have == size) {
        s.finishLater(Kind::Done, {}, have);
        return;
    }
    s.connectToServer();
}

void BlobTransfer::cancel()
{
    State &s = *m_state;
    if (s.finished || s.mode == State::Mode::None)
        return;
    s.finish(Kind::Cancelled, QStringLiteral("cancelled"), s.fallbackOffset());
}

void BlobTransfer::setProgressInterval(int ms)
{
    m_state->progressIntervalMs = qMax(0, ms);
}

void BlobTransfer::setServerPin(const QByteArray &pin)
{
    m_state->pin = pin;
}

void BlobTransfer::setStallTimeout(int seconds)
{
    m_state->stallTimer.setInterval(qMax(1, seconds) * 1000);
}

} // namespace linnet::client
