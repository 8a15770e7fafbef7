// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/MediaController.h"
#include "media/HttpRequestHead.h"
#include "transport/ConnectionAdmission.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <unordered_map>

namespace linnet::server {

class BlobStore;
class ByteStream;
class MediaTransfer;
class MediaTickets;
struct ServerConfig;

/**
 * The HTTP side of media (docs/protocol.md 10) on the WebSocket's port: takes
 * the connections whose request is for /v1/media/ (WebSocketGateway hands them
 * over), runs one MediaTransfer on each, and keeps what spans transfers: the
 * transfers each device runs (media_transfers_per_device) and the blobs being
 * transferred (which collect() must not delete).
 */
class MediaHttp : public QObject {
    Q_OBJECT
public:
    MediaHttp(MediaStore &store, BlobStore &blobs, const MediaTickets &tickets,
              const ServerConfig &config, QObject *parent = nullptr, MediaClock clock = {});
    ~MediaHttp() override;

    /** The gateway's filter: a request head for a media path. */
    static bool isMediaRequest(QByteArrayView head) { return http::isMediaRequest(head); }
    /**
     * Serves the request in @p received (its head complete, perhaps some body after
     * it) on @p stream, or tells it why not (@p verdict: 429 or 503).
     */
    void accept(std::unique_ptr<ByteStream> stream, const QByteArray &received,
                ConnectionAdmission::HandOver verdict);
    /** A transfer of @p blob is under way. */
    bool isBusy(const QByteArray &blob) const { return m_busy.contains(blob); }
    qsizetype transferCount() const { return qsizetype(m_transfers.size()); }

    // For MediaTransfer.
    MediaStore &store() { return m_store; }
    BlobStore &blobs() { return m_blobs; }
    const MediaTickets &tickets() const { return m_tickets; }
    const ServerConfig &config() const { return m_config; }
    qint64 now() const { return m_clock(); }
    /** Takes one of @p device's transfer slots; false when all are taken. */
    bool acquireSlot(qint64 device);
    void releaseSlot(qint64 device);
    void markBusy(const QByteArray &blob) { ++m_busy[blob]; }
    void unmarkBusy(const QByteArray &blob);
    /** @p transfer is over: it is deleted once control is back in the event loop. */
    void finished(MediaTransfer *transfer);

private:
    MediaStore &m_store;
    BlobStore &m_blobs;
    const MediaTickets &m_tickets;
    const ServerConfig &m_config;
    MediaClock m_clock;
    std::unordered_map<MediaTransfer *, std::unique_ptr<MediaTransfer>> m_transfers;
    QHash<qint64, int> m_slots;    ///< transfers per device
    QHash<QByteArray, int> m_busy; ///< transfers per blob
};

} // namespace linnet::server
