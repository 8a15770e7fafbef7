// SPDX-License-Identifier: GPL-3.0-or-later
// MediaController, part two: the server's answers (tickets, errors, media_done's ok), the
// HTTP transfers, finishing an upload (the message goes out) and a download (checked,
// decrypted, saved), and what happens on failure. Part one is MediaController.cpp.
#include "media/MediaController.h"

#include "ClientLog.h"
#include "Clock.h"
#include "media/MediaControllerJob.h"
#include "media/MediaFiles.h"
#include "protocol/Overloaded.h"
#include "store/LocalStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QSslConfiguration>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

namespace {
/** Progress is written to the store at most this often (the bytes on disk are the truth). */
constexpr qint64 kSaveProgressMs = 1000;
/** Tickets refused in a row (expired, the offset moved) before a transfer gives up. */
constexpr int kMaxRefusals = 3;
} // namespace

bool MediaController::handle(const protocol::Frame &frame)
{
    using namespace protocol;
    return std::visit(Overloaded{
                          [this](const MediaTicket &t) {
                              onTicket(t);
                              return true;
                          },
                          [this](const ErrorFrame &e) {
                              if (m_requests.contains(e.requestId)) {
                                  onRequestError(e);
                                  return true;
                              }
                              if (const auto id = m_doneRequests.take(e.requestId); !id.isNull()) {
                                  qCWarning(lcClient) << "media_done for" << id.toHex()
                                                      << "refused:" << int(e.code) << e.reason;
                                  return true;
                              }
                              return false;
                          },
                          [this](const Ok &ok) {
                              const auto id = m_doneRequests.take(ok.requestId);
                              if (id.isNull())
                                  return false;
                              m_attachments.setAnnounced(id);
                              return true;
                          },
                          [](const auto &) { return false; },
                      },
                      frame);
}

void MediaController::onTicket(const protocol::MediaTicket &t)
{
    const MessageId id = m_requests.take(t.requestId);
    Job *j = job(id);
    if (!j || j->requestId != t.requestId)
        return; // cancelled meanwhile
    j->requestId = 0;
    if (j->upload)
        startUpload(*j, t);
    else
        startDownload(*j, t);
    pump();
}

void MediaController::onRequestError(const protocol::ErrorFrame &e)
{
    const MessageId id = m_requests.take(e.requestId);
    Job *j = job(id);
    if (!j)
        return;
    j->requestId = 0;
    if (e.code == ErrorCode::RateLimited || e.code == ErrorCode::InternalError ||
        e.code == ErrorCode::ShuttingDown) {
        retryLater(*j, e.reason);
        return;
    }
    if (j->upload) {
        switch (e.code) {
        case ErrorCode::MediaTooLarge:
            giveUp(id, tr("the file is too large for the server (%1)").arg(e.reason), e.code);
            return;
        case ErrorCode::QuotaExceeded:
            giveUp(id, tr("your storage on the server is full (%1)").arg(e.reason), e.code);
            return;
        case ErrorCode::StorageFull:
            giveUp(id, tr("the server's disk is full (%1)").arg(e.reason), e.code);
            return;
        case ErrorCode::UnknownMedia:
            if (++j->refusals <= kMaxRefusals) {
                // The reservation expired (or the server lost it): upload again from 0.
                qCInfo(lcClient) << "upload of" << id.toHex() << "starts over:" << e.reason;
                m_attachments.setBlob(id, {});
                pump();
                return;
            }
            break;
        default:
            break;
        }
        giveUp(id, tr("the server refused the upload (%1)").arg(e.reason), e.code);
        return;
    }
    if (e.code == ErrorCode::UnknownMedia)
        giveUp(id, tr("the file is no longer on the server"), e.code);
    else
        giveUp(id, tr("the server refused the download (%1)").arg(e.reason), e.code);
}

BlobTransfer *MediaController::newTransfer(const MessageId &id)
{
    auto *transfer =
        new BlobTransfer(m_hooks.serverUrl(), QSslConfiguration::defaultConfiguration(), this);
    transfer->setServerPin(m_serverPin);
    connect(transfer, &BlobTransfer::progress, this,
            [this, id](quint64 done, quint64 total) { onProgress(id, done, total); });
    connect(transfer, &BlobTransfer::finished, this,
            [this, id](const TransferOutcome &outcome) { onTransferFinished(id, outcome); });
    return transfer;
}

std::optional<Attachment> MediaController::jobAttachment(const MessageId &id)
{
    auto a = m_attachments.attachment(id);
    if (!a)
        finishJob(id); // the message is gone
    return a;
}

void MediaController::startUpload(Job &j, const protocol::MediaTicket &t)
{
    const MessageId id = j.message;
    const auto a = jobAttachment(id);
    if (!a)
        return;
    if (a->file.blob != t.blob && !m_attachments.setBlob(id, t.blob)) {
        retryLater(j, QStringLiteral("cannot record the blob id"));
        return;
    }
    if (t.size != a->file.cipherSize) {
        giveUp(id, tr("the server reserved %1 bytes for a file of %2")
                       .arg(t.size)
                       .arg(a->file.cipherSize));
        return;
    }
    j.reader = std::make_unique<media::EncryptingReader>(a->localPath, a->file.key,
                                                         m_attachments.streamHeader(id));
    if (const auto opened = j.reader->open(a->file.size); !opened) {
        giveUp(id, tr("cannot read the file to send: %1").arg(opened.error().reason));
        return;
    }
    if (t.offset >= t.size) {
        // The server has every byte (the answer was lost): only the hash is missing.
        if (const auto seeked = j.reader->seek(t.size); !seeked) {
            giveUp(id, tr("cannot read the file to send: %1").arg(seeked.error().reason));
            return;
        }
        uploaded(j);
        return;
    }
    j.transferred = t.offset;
    j.transfer = newTransfer(id);
    qCInfo(lcClient) << "uploading" << id.toHex() << "from" << t.offset << "of" << t.size;
    j.transfer->upload(t.blob, t.ticket, *j.reader, t.offset);
}

void MediaController::startDownload(Job &j, const protocol::MediaTicket &t)
{
    const MessageId id = j.message;
    const auto a = jobAttachment(id);
    if (!a)
        return;
    if (!j.writer) {
        openWriter(j, *a, t);
        return;
    }
    if (j.writer->complete()) {
        downloaded(j); // fetched before, not yet saved (the app stopped, or the disk was full)
        return;
    }
    j.transferred = j.writer->position();
    j.transfer = newTransfer(id);
    qCInfo(lcClient) << "downloading" << id.toHex() << "from" << j.transferred << "of"
                     << a->file.cipherSize;
    j.transfer->download(t.blob, t.ticket, *j.writer, a->file.cipherSize);
}

void MediaController::openWriter(Job &j, const Attachment &a, const protocol::MediaTicket &t)
{
    // The part file holds the plaintext of what came so far (decrypted as it came); the
    // writer goes on from it, or from the start if it is not this blob's. Going on
    // re-encrypts that plaintext to rebuild the stream's state, which takes seconds for
    // a large file: a worker does it, never the thread that paints the app.
    const QString part = partPath(j.message);
    QDir().mkpath(QFileInfo(part).absolutePath());
    auto writer = std::make_shared<media::DecryptingWriter>(part, a.file.key, a.file.sha256,
                                                            a.file.cipherSize);
    const MessageId id = j.message;
    j.opening = new QFutureWatcher<media::Status>(this);
    connect(j.opening, &QFutureWatcherBase::finished, this,
            [this, id, writer, t] { onWriterOpened(id, writer, t); });
    j.opening->setFuture(QtConcurrent::run(
        workers(), [writer] { return writer->open(media::DecryptingWriter::Mode::Resume); }));
}

void MediaController::onWriterOpened(const MessageId &message,
                                     const std::shared_ptr<media::DecryptingWriter> &writer,
                                     const protocol::MediaTicket &t)
{
    Job *j = job(message);
    if (!j || !j->opening)
        return;
    const QFuture<media::Status> future = j->opening->future();
    j->opening->deleteLater();
    j->opening = nullptr;
    if (future.resultCount() == 0)
        return;
    if (const media::Status opened = future.result(); !opened) {
        giveUp(message, tr("cannot save the file: %1").arg(opened.error().reason));
        return;
    }
    j->writer = writer;
    startDownload(*j, t); // the ticket may have expired meanwhile: then a new one is asked
    pump();
}

void MediaController::onProgress(const MessageId &message, quint64 done, quint64 total)
{
    Job *j = job(message);
    if (!j)
        return;
    j->transferred = done;
    const qint64 now = nowMs();
    if (now - j->savedAt >= kSaveProgressMs) {
        j->savedAt = now;
        m_attachments.setTransferred(message, done);
    }
    Q_EMIT transferProgress(message, conversationOf(message), done, total);
}

void MediaController::onTransferFinished(const MessageId &message, const TransferOutcome &outcome)
{
    Job *j = job(message);
    if (!j)
        return;
    if (j->transfer) {
        j->transfer->deleteLater();
        j->transfer = nullptr;
    }
    using Kind = TransferOutcome::Kind;
    switch (outcome.kind) {
    case Kind::Done:
        j->refusals = 0;
        if (j->upload)
            uploaded(*j);
        else
            downloaded(*j);
        break;
    case Kind::Cancelled:
        break;
    case Kind::Retry:
        j->reader.reset();
        retryLater(*j, outcome.reason);
        break;
    case Kind::Refused:
        j->reader.reset();
        // An expired ticket, an offset the server sees otherwise, a part file that does
        // not fit: a new ticket (and the server's offset) settles it.
        if ((outcome.httpStatus == 401 || outcome.httpStatus == 409 || outcome.httpStatus == 416) &&
            ++j->refusals <= kMaxRefusals) {
            if (outcome.httpStatus == 416 && !j->upload) {
                j->writer.reset();
                media::DecryptingWriter::removePart(partPath(message));
            }
            j->notBefore = 0;
            break;
        }
        if (!j->upload && outcome.httpStatus == 404)
            giveUp(message, tr("the file is no longer on the server"), ErrorCode::UnknownMedia);
        else if (j->upload && outcome.httpStatus == 507)
            giveUp(message, tr("the server's disk is full (%1)").arg(outcome.reason),
                   ErrorCode::StorageFull);
        else
            giveUp(message, j->upload
                                ? tr("the server refused the upload (%1)").arg(outcome.reason)
                                : tr("the server refused the download (%1)").arg(outcome.reason));
        break;
    case Kind::LocalError:
        giveUp(message, outcome.reason);
        break;
    case Kind::Damaged:
        refuseDamaged(message, outcome.reason);
        break;
    }
    pump();
}

void MediaController::uploaded(Job &j)
{
    const MessageId id = j.message;
    const QByteArray sha256 = j.reader ? j.reader->hash() : QByteArray();
    j.reader.reset();
    if (sha256.size() != media::kSha256Bytes) {
        retryLater(j, QStringLiteral("the blob's hash is not known"));
        return;
    }
    if (!m_attachments.setUploaded(id, sha256)) {
        retryLater(j, QStringLiteral("cannot record the finished upload"));
        return;
    }
    finishJob(id);
    qCInfo(lcClient) << "uploaded" << id.toHex();
    const auto m = m_store.message(id);
    const auto a = m_attachments.attachment(id);
    changed(id);
    if (!m || !a)
        return;
    // Now the message can go: the outbox sends it like text, naming the blob.
    if (!m_hooks.queue(
            OutboxItem{id, m->conversation, contentFor(*m, *a), nowMs(), 0, {a->file.blob}}))
        giveUp(id, tr("cannot queue the message"));
}

void MediaController::downloaded(Job &j)
{
    const MessageId id = j.message;
    const auto a = m_attachments.attachment(id);
    if (!a || !j.writer) {
        finishJob(id);
        media::DecryptingWriter::removePart(partPath(id));
        return;
    }
    const QString dir =
        j.outPath.isEmpty() ? m_options.downloadDirectory : QFileInfo(j.outPath).absolutePath();
    if (!QDir().mkpath(dir)) {
        giveUp(id, tr("cannot create the folder %1").arg(QDir::toNativeSeparators(dir)));
        return;
    }
    const QString out =
        j.outPath.isEmpty()
            ? mediafiles::uniqueFilePath(dir, mediafiles::safeFileName(a->file.name))
            : j.outPath;
    // Decrypted already, as it came: what is left is the hash check and the move.
    const auto saved = j.writer->finish(out);
    j.writer.reset();
    if (!saved) {
        const auto &failure = saved.error();
        if (failure.code == media::MediaError::Io) {
            // The download is good; the disk is not: the part file stays for a retry.
            giveUp(id, tr("cannot save the file: %1").arg(failure.reason));
            return;
        }
        refuseDamaged(id, failure.reason);
        return;
    }
    m_attachments.setDone(id, out);
    finishJob(id);
    qCInfo(lcClient) << "downloaded" << id.toHex() << "to" << out;
    if (auto done = m_attachments.attachment(id))
        announceDone(*done);
    changed(id);
}

void MediaController::refuseDamaged(const MessageId &message, const QString &reason)
{
    // Not the file the message describes: nothing of it is kept or shown.
    if (Job *j = job(message))
        j->writer.reset();
    media::DecryptingWriter::removePart(partPath(message));
    qCWarning(lcClient) << "attachment of" << message.toHex() << "refused:" << reason;
    giveUp(message, tr("the file was damaged or tampered with and was not saved (%1)").arg(reason));
}

void MediaController::announceDone(const Attachment &a)
{
    if (!m_online || a.file.blob.isEmpty())
        return; // told on the next connection
    const quint32 rid = m_hooks.nextRequestId();
    if (m_hooks.send(protocol::MediaDone{rid, a.file.blob}))
        m_doneRequests.insert(rid, a.message);
}

void MediaController::retryLater(Job &j, const QString &why)
{
    j.reader.reset();
    j.retryMs =
        j.retryMs == 0 ? m_options.initialRetryMs : std::min(2 * j.retryMs, m_options.maxRetryMs);
    j.notBefore = nowMs() + j.retryMs;
    m_attachments.setTransferred(j.message, j.transferred);
    qCInfo(lcClient) << (j.upload ? "upload" : "download") << "of" << j.message.toHex()
                     << "interrupted (" << why << "); trying again in" << j.retryMs << "ms";
    m_retryTimer.start(
        std::min(m_retryTimer.isActive() ? m_retryTimer.remainingTime() : j.retryMs, j.retryMs));
}

void MediaController::giveUp(const MessageId &message, const QString &reason, ErrorCode code)
{
    const bool upload = isOwnUpload(message);
    finishJob(message);
    qCWarning(lcClient) << "attachment of" << message.toHex() << "failed:" << reason;
    m_attachments.setState(message, TransferState::Failed, reason);
    if (upload) {
        const auto a = m_attachments.attachment(message);
        if (a && a->file.sha256.isEmpty())
            m_hooks.failMessage(message, code, reason);
    }
    changed(message);
    Q_EMIT errorOccurred(reason, message);
}

} // namespace linnet::client
