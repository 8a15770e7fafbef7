// SPDX-License-Identifier: GPL-3.0-or-later
#include "MediaHttp.h"

#include "ServerConfig.h"
#include "media/MediaTransfer.h"
#include "transport/ByteStream.h"

#include <QDateTime>
#include <QMetaObject>

namespace linnet::server {

MediaHttp::MediaHttp(MediaStore &store, BlobStore &blobs, const MediaTickets &tickets,
                     const ServerConfig &config, QObject *parent, MediaClock clock)
    : QObject(parent), m_store(store), m_blobs(blobs), m_tickets(tickets), m_config(config),
      m_clock(clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

MediaHttp::~MediaHttp()
{
    // Each transfer releases its slot and busy mark here; both tables die with us.
    m_transfers.clear();
}

void MediaHttp::accept(std::unique_ptr<ByteStream> stream, const QByteArray &received,
                       ConnectionAdmission::HandOver verdict)
{
    auto transfer = std::make_unique<MediaTransfer>(std::move(stream), *this);
    MediaTransfer *raw = transfer.get();
    m_transfers.emplace(raw, std::move(transfer));
    raw->start(received, verdict);
}

bool MediaHttp::acquireSlot(qint64 device)
{
    int &used = m_slots[device];
    if (used >= m_config.mediaTransfersPerDevice) {
        if (used == 0)
            m_slots.remove(device);
        return false;
    }
    ++used;
    return true;
}

void MediaHttp::releaseSlot(qint64 device)
{
    if (auto it = m_slots.find(device); it != m_slots.end() && --*it <= 0)
        m_slots.erase(it);
}

void MediaHttp::unmarkBusy(const QByteArray &blob)
{
    if (auto it = m_busy.find(blob); it != m_busy.end() && --*it <= 0)
        m_busy.erase(it);
}

void MediaHttp::finished(MediaTransfer *transfer)
{
    // Not now: we are inside one of its calls.
    QMetaObject::invokeMethod(
        this, [this, transfer] { m_transfers.erase(transfer); }, Qt::QueuedConnection);
}

} // namespace linnet::server
