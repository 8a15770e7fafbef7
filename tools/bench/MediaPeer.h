// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchConnection.h"

#include <QHash>

#include <functional>
#include <optional>

namespace linnet::bench {

/**
 * One bench device signed in for the media workload: the frames around a transfer
 * (media_upload, send with media, media_download, media_done) as requests whose
 * answer goes to a callback, so that many can be in flight on one connection.
 */
class MediaPeer {
public:
    using Reply = std::function<void(const protocol::Frame &)>;

    explicit MediaPeer(DeviceCredentials device) : m_device(std::move(device)) {}

    /** Connects and authenticates; false (error()) after @p timeoutMs. */
    bool open(const QUrl &url, int timeoutMs);
    const DeviceCredentials &device() const { return m_device; }
    QString error() const { return m_error; }

    void reserve(quint64 size, Reply reply);
    void requestDownload(const QByteArray &blob, Reply reply);
    /** A message to @p to whose `media` names @p blob (which grants it the download). */
    void sendWithMedia(const DeviceCredentials &to, const QByteArray &blob, Reply reply);
    void done(const QByteArray &blob, Reply reply);

private:
    quint32 nextRequest(Reply reply);

    DeviceCredentials m_device;
    BenchConnection m_connection;
    QHash<quint32, Reply> m_pending;
    quint32 m_lastRequest = 1;
    bool m_authed = false;
    QString m_error;
};

/** The ticket in @p reply, or nullopt (an error frame, or another answer). */
std::optional<protocol::MediaTicket> ticketIn(const protocol::Frame &reply);

} // namespace linnet::bench
