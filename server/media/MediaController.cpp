// SPDX-License-Identifier: GPL-3.0-or-later
#include "MediaController.h"

#include "ServerConfig.h"
#include "ServerLog.h"
#include "gateway/Session.h"
#include "media/BlobStore.h"
#include "protocol/Limits.h"

#include <QDateTime>

#include <sodium.h>

namespace linnet::server {

using protocol::ErrorCode;

namespace {

/** One answer for every blob a device may not use, so that ids cannot be probed. */
const QString kUnknownMedia = QStringLiteral("no such media for this device");

/** Blobs deleted per pass of collect(); the next pass takes the rest. */
constexpr int kCollectBatch = 1000;

QByteArray newBlobId()
{
    QByteArray id(protocol::kBlobIdBytes, Qt::Uninitialized);
    randombytes_buf(id.data(), size_t(id.size()));
    return id;
}

QString gib(qint64 bytes)
{
    return bytes % (1LL << 30) == 0 ? QStringLiteral("%1 GiB").arg(bytes >> 30)
                                    : QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace

MediaController::MediaController(MediaStore &store, BlobStore &blobs, const MediaTickets &tickets,
                                 const ServerConfig &config, MediaClock clock)
    : m_store(store), m_blobs(blobs), m_tickets(tickets), m_config(config),
      m_clock(clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

bool MediaController::allowed(Session *session, quint32 requestId)
{
    if (session->mediaBucket().take(kRequestBurst, kRequestsPerSecond, m_clock()))
        return true;
    session->sendError(requestId, ErrorCode::RateLimited,
                       QStringLiteral("too many media requests; try again in a moment"));
    return false;
}

void MediaController::sendTicket(Session *session, quint32 requestId, TicketDirection direction,
                                 const BlobRecord &blob, qint64 offset)
{
    const qint64 expires = m_clock() + qint64(m_config.mediaTicketSeconds) * 1000;
    const QByteArray ticket = m_tickets.issue({direction, blob.id, session->deviceId(), expires});
    session->send(protocol::MediaTicket{requestId, blob.id, ticket, quint64(blob.size),
                                        quint64(offset), expires});
}

void MediaController::handleUpload(Session *session, const protocol::MediaUploadRequest &request)
{
    if (!allowed(session, request.requestId))
        return;
    if (!request.blob.isEmpty()) {
        resumeUpload(session, request);
        return;
    }
    const qint64 size = qint64(request.size);
    if (size > m_config.mediaMaxBytes) {
        session->sendError(request.requestId, ErrorCode::MediaTooLarge,
                           QStringLiteral("attachments may have at most %1 on this server")
                               .arg(gib(m_config.mediaMaxBytes)));
        return;
    }
    const auto used = m_store.bytesOfAccount(session->accountId());
    if (!used) {
        session->sendError(request.requestId, ErrorCode::InternalError, used.error().reason);
        return;
    }
    if (used.value() + size > m_config.mediaQuotaBytes) {
        session->sendError(request.requestId, ErrorCode::QuotaExceeded,
                           QStringLiteral("your attachments would pass the %1 this server keeps "
                                          "per account (%2 bytes in use)")
                               .arg(gib(m_config.mediaQuotaBytes))
                               .arg(used.value()));
        return;
    }
    const qint64 free = m_blobs.bytesAvailable();
    if (free >= 0 && free < size) {
        qCWarning(lcMedia) << "refusing an upload of" << size << "bytes:" << free
                           << "bytes free for media";
        session->sendError(request.requestId, ErrorCode::StorageFull,
                           QStringLiteral("the server's disk is full; try again later"));
        return;
    }
    const qint64 now = m_clock();
    const BlobRecord blob{
        newBlobId(), session->accountId(), session->deviceId(), size, false, false, now, now};
    if (const auto created = m_store.createBlob(blob); !created) {
        session->sendError(request.requestId, ErrorCode::InternalError, created.error().reason);
        return;
    }
    sendTicket(session, request.requestId, TicketDirection::Upload, blob, 0);
}

void MediaController::resumeUpload(Session *session, const protocol::MediaUploadRequest &request)
{
    const auto blob = m_store.blob(request.blob);
    if (!blob || blob->deviceId != session->deviceId() || blob->complete) {
        session->sendError(request.requestId, ErrorCode::UnknownMedia, kUnknownMedia);
        return;
    }
    sendTicket(session, request.requestId, TicketDirection::Upload, *blob,
               std::min(m_blobs.size(blob->id), blob->size));
}

void MediaController::handleDownload(Session *session,
                                     const protocol::MediaDownloadRequest &request)
{
    if (!allowed(session, request.requestId))
        return;
    const auto blob = m_store.blob(request.blob);
    if (!blob || !blob->complete || !m_store.hasGrant(blob->id, session->deviceId())) {
        session->sendError(request.requestId, ErrorCode::UnknownMedia, kUnknownMedia);
        return;
    }
    sendTicket(session, request.requestId, TicketDirection::Download, *blob, 0);
}

void MediaController::handleDone(Session *session, const protocol::MediaDone &request)
{
    const auto last = m_store.dropGrant(request.blob, session->deviceId());
    if (!last) {
        session->sendError(request.requestId, ErrorCode::InternalError, last.error().reason);
        return;
    }
    if (last.value())
        removeBlob(request.blob); // every device it was sent to has it
    session->send(protocol::Ok{request.requestId});
}

bool MediaController::mayReference(MediaStore &store, qint64 accountId,
                                   const QList<QByteArray> &media)
{
    for (const QByteArray &id : media) {
        const auto blob = store.blob(id);
        if (!blob || !blob->complete || blob->accountId != accountId)
            return false;
    }
    return true;
}

void MediaController::removeBlob(const QByteArray &id)
{
    // The bytes first: a row without a file is harmless, a file without a row is lost space.
    if (!m_blobs.remove(id))
        return;
    if (const auto removed = m_store.removeBlob(id); !removed)
        qCWarning(lcMedia) << removed.error().reason;
}

int MediaController::collect(const std::function<bool(const QByteArray &)> &busy)
{
    const BlobLifetime lifetime{qint64(m_config.retentionDays) * 24 * 3600 * 1000,
                                qint64(m_config.mediaOrphanHours) * 3600 * 1000};
    int removed = 0;
    for (const QByteArray &id : m_store.expired(m_clock(), lifetime, kCollectBatch)) {
        if (busy && busy(id))
            continue; // an upload under way: its last byte is now
        removeBlob(id);
        ++removed;
    }
    if (removed > 0)
        qCInfo(lcMedia) << "deleted" << removed << "media blobs whose time was up";
    return removed;
}

} // namespace linnet::server
