// SPDX-License-Identifier: GPL-3.0-or-later
// MediaController, part one: the MediaClient API, sending (copy, preview, upload) and the
// job queue. Part two, MediaControllerTransfers.cpp, has tickets, transfers and downloads.
#include "media/MediaController.h"

#include "ClientLog.h"
#include "Clock.h"
#include "groups/GroupTypes.h"
#include "media/AttachmentCipher.h"
#include "media/BlobTransfer.h"
#include "media/DecryptingWriter.h"
#include "media/MediaControllerJob.h"
#include "media/MediaFiles.h"
#include "protocol/Limits.h"
#include "store/LocalStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

MediaController::MediaController(LocalStore &store, Options options, Hooks hooks, QObject *parent)
    : MediaClient(parent), m_store(store), m_attachments(store), m_options(std::move(options)),
      m_hooks(std::move(hooks))
{
    if (m_options.downloadDirectory.isEmpty())
        m_options.downloadDirectory =
            QDir(m_options.mediaDirectory).filePath(QStringLiteral("../files"));
    m_options.downloadDirectory = QDir::cleanPath(m_options.downloadDirectory);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &MediaController::pump);
}

MediaController::~MediaController()
{
    const auto ids = m_order;
    for (const MessageId &id : ids)
        finishJob(id);
}

void MediaController::setDownloadDirectory(const QString &dir)
{
    m_options.downloadDirectory = QDir::cleanPath(dir);
}

std::optional<Attachment> MediaController::attachment(const MessageId &message)
{
    auto a = m_attachments.attachment(message);
    if (a) {
        if (const Job *j = job(message); j && j->transferred > a->transferred)
            a->transferred = j->transferred; // the store is written at most once a second
    }
    return a;
}

// --- sending -----------------------------------------------------------------------------

MessageId MediaController::sendFile(const QString &peer, const QString &path,
                                    const QString &caption)
{
    return send(peer, path, caption, nullptr);
}

MessageId MediaController::sendVoiceNote(const QString &peer, const QString &path,
                                         quint64 durationMs, const QByteArray &waveform)
{
    protocol::FileRef voice;
    voice.kind = protocol::FileKind::Voice;
    voice.durationMs = durationMs;
    voice.waveform = waveform.first(std::min(waveform.size(), protocol::kMaxWaveformBytes));
    return send(peer, path, {}, &voice);
}

MessageId MediaController::sendHistory(const QString &self, const QString &path)
{
    protocol::FileRef history;
    history.mime = protocol::kHistoryMime;
    return send(self, path, {}, &history);
}

MessageId MediaController::send(const QString &peer, const QString &path, const QString &caption,
                                const protocol::FileRef *voice)
{
    const auto refuse = [this](const QString &reason) {
        qCInfo(lcClient) << "file not sent:" << reason;
        Q_EMIT errorOccurred(reason, {});
        return MessageId{};
    };
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return refuse(tr("there is no file %1").arg(QDir::toNativeSeparators(path)));
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly))
        return refuse(
            tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), probe.errorString()));
    probe.close();
    const QLocale locale;
    if (quint64(info.size()) > maxFileSize())
        return refuse(tr("%1 is %2; at most %3 can be sent")
                          .arg(info.fileName(), locale.formattedDataSize(info.size()),
                               locale.formattedDataSize(qint64(maxFileSize()))));
    if (caption.size() > protocol::kMaxTextLength)
        return refuse(tr("the caption is %L1 characters long; at most %L2 can be sent")
                          .arg(caption.size())
                          .arg(protocol::kMaxTextLength));
    if (const QString why = m_hooks.cannotSendTo(peer); !why.isEmpty())
        return refuse(why);

    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = peer;
    m.sender = QString(); // set by the hook's owner below if known
    m.outgoing = true;
    m.text = caption;
    m.sentAt = nowMs();
    m.senderTime = m.sentAt;
    m.state = DeliveryState::Queued;
    m.kind = MessageKind::File;

    // The profile keeps its own copy (the original may change or go before the upload
    // ends), made with the preview on a worker thread: see prepare().
    const QString name = mediafiles::safeFileName(info.fileName());
    Attachment a;
    a.message = m.id;
    a.state = TransferState::Uploading;
    a.localPath = QDir(m_options.mediaDirectory)
                      .filePath(QStringLiteral("sent/%1/%2").arg(m.id.toHex(), name));
    protocol::FileRef &f = a.file;
    f.key = media::newKey();
    f.size = quint64(info.size());
    f.cipherSize = media::cipherSize(f.size);
    f.mime = QStringLiteral("application/octet-stream"); // until the copy says
    f.name = name;
    f.kind = protocol::FileKind::File;
    if (voice) {
        f.kind = voice->kind;
        f.durationMs = voice->durationMs;
        f.waveform = voice->waveform;
        if (!voice->mime.isEmpty())
            f.mime = voice->mime;
    }
    const QByteArray header = media::EncryptingReader::newHeader();
    m.sender = m_hooks.self ? m_hooks.self() : QString();
    const QString source = info.absoluteFilePath();
    const auto stored = m_store.addOutgoingHeld(
        m, [&](const QSqlDatabase &db) { return AttachmentStore::insert(db, a, header, source); });
    if (!stored)
        return refuse(tr("cannot save the message: %1").arg(stored.error().reason));
    m_hooks.added(m);
    prepare(enqueue(m.id, true), a); // the upload starts when the copy is complete
    return m.id;
}

QByteArray MediaController::contentFor(const ChatMessage &m, const Attachment &a) const
{
    // What sendText would say, plus the attachment: the chat and time go inside too.
    protocol::MessageContent content;
    content.text = m.text;
    content.to = isGroupKey(m.conversation) ? QString() : m.conversation;
    content.sentAt = m.senderTime != 0 ? m.senderTime : m.sentAt;
    content.file = a.file;
    if (m_hooks.complete)
        m_hooks.complete(m, content);
    return protocol::encodeContent(content);
}

std::optional<QByteArray> MediaController::contentOf(const ChatMessage &message)
{
    const auto a = m_attachments.attachment(message.id);
    if (!a || a->file.sha256.isEmpty() || a->file.blob.isEmpty())
        return std::nullopt;
    return contentFor(message, *a);
}

bool MediaController::isOwnUpload(const MessageId &message)
{
    return !m_attachments.streamHeader(message).isEmpty();
}

// --- the user's hand -----------------------------------------------------------------------

bool MediaController::download(const MessageId &message)
{
    const auto a = m_attachments.attachment(message);
    if (!a || a->file.blob.isEmpty() || isOwnUpload(message))
        return false;
    if (job(message))
        return true;
    if (a->state == TransferState::Done && QFileInfo::exists(a->localPath))
        return false; // it is here
    m_attachments.setState(message, TransferState::Downloading);
    enqueue(message, false);
    changed(message);
    pump();
    return true;
}

bool MediaController::downloadTo(const MessageId &message, const QString &outPath)
{
    if (outPath.isEmpty() || QFileInfo::exists(outPath))
        return false;
    if (!download(message))
        return false;
    if (Job *j = job(message))
        j->outPath = outPath;
    return true;
}

void MediaController::cancel(const MessageId &message)
{
    const auto a = m_attachments.attachment(message);
    if (!a || (a->state != TransferState::Uploading && a->state != TransferState::Downloading))
        return;
    const bool upload = a->state == TransferState::Uploading;
    finishJob(message);
    m_attachments.setState(message, TransferState::Cancelled);
    if (upload)
        m_hooks.failMessage(message, ErrorCode::InternalError, tr("the upload was cancelled"));
    changed(message);
}

bool MediaController::retry(const MessageId &message)
{
    const auto a = m_attachments.attachment(message);
    if (!a || job(message))
        return false;
    if (isOwnUpload(message)) {
        const auto m = m_store.message(message);
        if (!m || !m->outgoing)
            return false;
        if (a->state == TransferState::Uploaded) {
            // On the server already; the message itself failed on its way.
            if (m->state != DeliveryState::Failed)
                return false;
            const bool queued = m_hooks.queue(OutboxItem{
                message, m->conversation, contentFor(*m, *a), nowMs(), 1, {a->file.blob}});
            return queued;
        }
        if (a->state != TransferState::Failed && a->state != TransferState::Cancelled)
            return false;
        if (m->state == DeliveryState::Failed && !m_hooks.requeueHeld(message))
            return false;
        m_attachments.setState(message, TransferState::Uploading);
        enqueue(message, true);
    } else {
        if (a->state != TransferState::Failed && a->state != TransferState::Cancelled)
            return false;
        m_attachments.setState(message, TransferState::Downloading);
        enqueue(message, false);
    }
    changed(message);
    pump();
    return true;
}

void MediaController::forget(const MessageId &message)
{
    finishJob(message);
    media::DecryptingWriter::removePart(partPath(message));
    QDir(QDir(m_options.mediaDirectory).filePath(QStringLiteral("sent/") + message.toHex()))
        .removeRecursively();
}

void MediaController::onMessageAdded(const ChatMessage &message)
{
    if (message.kind != MessageKind::File)
        return;
    const auto a = m_attachments.attachment(message.id);
    if (!a || a->state != TransferState::Remote)
        return;
    const bool small = m_autoLimit > 0 && a->file.size <= quint64(m_autoLimit);
    if (small &&
        (a->file.kind == protocol::FileKind::Image || a->file.kind == protocol::FileKind::Voice))
        download(message.id);
}

// --- jobs ----------------------------------------------------------------------------------

MediaController::Job *MediaController::job(const MessageId &message) const
{
    return m_jobs.value(message);
}

MediaController::Job &MediaController::enqueue(const MessageId &message, bool upload)
{
    if (Job *existing = job(message))
        return *existing;
    auto *j = new Job;
    j->message = message;
    j->upload = upload;
    m_jobs.insert(message, j);
    m_order.append(message);
    return *j;
}

void MediaController::pump()
{
    if (!m_online)
        return;
    int active = 0;
    for (const Job *j : std::as_const(m_jobs))
        active += j->busy() ? 1 : 0;
    const qint64 now = nowMs();
    qint64 nextDue = 0;
    const auto order = m_order;
    for (const MessageId &id : order) {
        Job *j = job(id);
        if (!j || j->busy())
            continue;
        if (active >= m_options.maxTransfers)
            break;
        if (j->notBefore > now) {
            nextDue = nextDue == 0 ? j->notBefore : std::min(nextDue, j->notBefore);
            continue;
        }
        request(*j);
        if (!m_online)
            return;
        ++active;
    }
    if (nextDue != 0)
        m_retryTimer.start(int(std::max<qint64>(1, nextDue - now)));
}

void MediaController::request(Job &j)
{
    const auto a = m_attachments.attachment(j.message);
    if (!a) {
        finishJob(j.message);
        return;
    }
    if (j.upload && needsPreparing(*a)) {
        prepare(j, *a);
        return;
    }
    const quint32 rid = m_hooks.nextRequestId();
    protocol::Frame frame;
    if (j.upload) {
        protocol::MediaUploadRequest r;
        r.requestId = rid;
        r.size = a->file.cipherSize;
        r.blob = a->file.blob; // empty: a new reservation
        frame = r;
    } else {
        frame = protocol::MediaDownloadRequest{rid, a->file.blob};
    }
    if (!m_hooks.send(frame)) {
        m_online = false; // the connection is gone: connected() starts again
        return;
    }
    j.requestId = rid;
    m_requests.insert(rid, j.message);
}

bool MediaController::needsPreparing(const Attachment &a)
{
    if (a.state != TransferState::Uploading)
        return false;
    const auto p = m_attachments.preparation(a.message);
    if (!p)
        return false;
    const QFileInfo copy(a.localPath);
    return !p->prepared || !copy.isFile() || quint64(copy.size()) != a.file.size;
}

void MediaController::prepare(Job &j, const Attachment &a)
{
    if (j.preparing)
        return;
    const auto p = m_attachments.preparation(a.message);
    const QString source = p ? p->sourcePath : QString();
    const QString copy = a.localPath;
    const quint64 size = a.file.size;
    QThreadPool *pool = workers();
    j.preparing = new QFutureWatcher<mediafiles::PreparedCopy>(this);
    const MessageId id = j.message;
    connect(j.preparing, &QFutureWatcherBase::finished, this, [this, id] { onPrepared(id); });
    // The worker gets paths and a size; it hands back a value (no state is shared).
    j.preparing->setFuture(
        QtConcurrent::run(pool, [source, copy, size](QPromise<mediafiles::PreparedCopy> &promise) {
            promise.addResult(mediafiles::prepareCopy(source, copy, size,
                                                      [&promise] { return promise.isCanceled(); }));
        }));
    qCInfo(lcClient) << "copying the file of" << id.toHex() << "into the profile";
}

void MediaController::onPrepared(const MessageId &message)
{
    Job *j = job(message);
    if (!j || !j->preparing)
        return;
    const auto future = j->preparing->future();
    j->preparing->deleteLater();
    j->preparing = nullptr;
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const mediafiles::PreparedCopy made = future.result();
    using Status = mediafiles::PreparedCopy::Status;
    const auto a = jobAttachment(message);
    if (!a || made.status == Status::Cancelled)
        return;
    if (made.status == Status::SourceGone) {
        giveUp(message, tr("the file to send is gone"));
        return;
    }
    protocol::FileRef described = a->file;
    if (a->file.mime != protocol::kHistoryMime) // a history is a stream of records
        described.mime = made.mime;
    if (a->file.kind != protocol::FileKind::Voice) // a voice note stays one
        described.kind = made.kind;
    described.thumbnail = made.preview.jpeg;
    described.width = made.preview.width;
    described.height = made.preview.height;
    if (made.preview.durationMs > 0) // a video's; a voice note keeps the recorder's
        described.durationMs = made.preview.durationMs;
    if (made.status == Status::CopyFailed || !m_attachments.setPrepared(message, described)) {
        QFile::remove(a->localPath); // a failed copy's temporary file is gone already
        giveUp(message,
               tr("cannot copy %1 into the profile (is the disk full?)").arg(a->file.name));
        return;
    }
    changed(message); // the preview and the type are known now
    pump();
}

void MediaController::finishJob(const MessageId &message)
{
    Job *j = m_jobs.take(message);
    m_order.removeAll(message);
    if (!j)
        return;
    if (j->requestId != 0)
        m_requests.remove(j->requestId);
    if (j->transfer) {
        j->transfer->disconnect(this);
        j->transfer->cancel();
        j->transfer->deleteLater();
    }
    if (j->preparing) {
        // The worker stops at its next chunk and drops its temporary file.
        j->preparing->disconnect(this);
        j->preparing->cancel();
        j->preparing->deleteLater();
    }
    if (j->opening) {
        // The worker finishes with its own reference to the writer, which then goes.
        j->opening->disconnect(this);
        j->opening->deleteLater();
    }
    delete j;
    QTimer::singleShot(0, this, &MediaController::pump); // a slot is free
}

void MediaController::connected()
{
    m_online = true;
    for (const auto &a : m_attachments.inState(TransferState::Uploading))
        enqueue(a.message, true);
    for (const auto &a : m_attachments.inState(TransferState::Downloading))
        enqueue(a.message, false);
    for (const auto &a : m_attachments.doneNotAnnounced())
        announceDone(a);
    pump();
}

void MediaController::disconnected()
{
    m_online = false;
    // Requests in flight get no answer now; transfers over HTTP go on by themselves.
    for (Job *j : std::as_const(m_jobs))
        j->requestId = 0;
    m_requests.clear();
    m_doneRequests.clear();
}

void MediaController::changed(const MessageId &message)
{
    Q_EMIT attachmentChanged(message, conversationOf(message));
}

QString MediaController::conversationOf(const MessageId &message)
{
    if (const Job *j = job(message); j && !j->conversation.isEmpty())
        return j->conversation;
    const QString conversation = m_store.conversationOf(message).value_or(QString());
    if (Job *j = job(message))
        j->conversation = conversation;
    return conversation;
}

QThreadPool *MediaController::workers() const
{
    return m_options.workers ? m_options.workers : QThreadPool::globalInstance();
}

QString MediaController::partPath(const MessageId &message) const
{
    return QDir(m_options.mediaDirectory)
        .filePath(QStringLiteral("partial/%1.part").arg(message.toHex()));
}

} // namespace linnet::client
