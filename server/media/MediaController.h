// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/MediaTickets.h"
#include "protocol/Frames.h"
#include "store/MediaStore.h"

#include <QSet>

#include <functional>

namespace linnet::server {

class BlobStore;
class Session;
struct ServerConfig;

/** The wall clock in ms UTC; tests pass one of their own. */
using MediaClock = std::function<qint64()>;

/**
 * The media frames (docs/protocol.md 4.30-4.33): reserves blobs and hands out
 * upload tickets (size limit, quota, free space), download tickets to devices
 * with a grant, and drops grants at media_done. It also decides what a `send`
 * may reference and deletes blobs whose time is up (collect()).
 */
class MediaController {
public:
    MediaController(MediaStore &store, BlobStore &blobs, const MediaTickets &tickets,
                    const ServerConfig &config, MediaClock clock = {});

    void handleUpload(Session *session, const protocol::MediaUploadRequest &request);
    void handleDownload(Session *session, const protocol::MediaDownloadRequest &request);
    void handleDone(Session *session, const protocol::MediaDone &request);

    /**
     * Whether a message of @p accountId may name @p media: each blob exists, is
     * complete and was uploaded by that account.
     */
    static bool mayReference(MediaStore &store, qint64 accountId, const QList<QByteArray> &media);

    /**
     * Deletes the blobs whose time is up (every grant done, past retention_days, or
     * orphaned media_orphan_hours after their last byte), except those @p busy says
     * are being transferred. Returns how many went.
     */
    int collect(const std::function<bool(const QByteArray &)> &busy = {});
    /** Deletes one blob's bytes and records. */
    void removeBlob(const QByteArray &id);

    /** media_upload / media_download per connection: a burst, then this many per second. */
    static constexpr double kRequestBurst = 100;
    static constexpr double kRequestsPerSecond = 10;

private:
    bool allowed(Session *session, quint32 requestId);
    void sendTicket(Session *session, quint32 requestId, TicketDirection direction,
                    const BlobRecord &blob, qint64 offset);
    void resumeUpload(Session *session, const protocol::MediaUploadRequest &request);

    MediaStore &m_store;
    BlobStore &m_blobs;
    const MediaTickets &m_tickets;
    const ServerConfig &m_config;
    MediaClock m_clock;
};

} // namespace linnet::server
