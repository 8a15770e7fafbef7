// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTestClient.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"

#include <QDir>
#include <QFile>

/** What the media tests share: blob bytes, and PUT and GET with a ticket. */
namespace linnet::test::media {

/** @p size bytes that differ with @p seed and along the blob (so an offset error shows). */
inline QByteArray blobBytes(qint64 size, int seed = 1)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 x = 2463534242u ^ quint32(seed);
    for (qint64 i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes[i] = char(x);
    }
    return bytes;
}

using Headers = QList<std::pair<QByteArray, QByteArray>>;

inline Headers withTicket(const protocol::MediaTicket &ticket, Headers more = {})
{
    more.prepend({"Authorization", HttpTestClient::bearer(ticket.ticket)});
    return more;
}

/** PUT @p body to the ticket's blob, with @p more headers (Content-Length is added). */
inline HttpResponse put(const ServerProcess &server, const protocol::MediaTicket &ticket,
                        const QByteArray &body, Headers more = {})
{
    more.append({"Content-Length", QByteArray::number(body.size())});
    return HttpTestClient(server.url())
        .request("PUT", HttpTestClient::pathOf(ticket.blob), withTicket(ticket, more), body);
}

inline HttpResponse get(const ServerProcess &server, const protocol::MediaTicket &ticket,
                        Headers more = {}, const QByteArray &method = "GET")
{
    return HttpTestClient(server.url())
        .request(method, HttpTestClient::pathOf(ticket.blob), withTicket(ticket, more));
}

/** Reserves and uploads @p bytes as @p device: the blob id, or empty on failure. */
inline QByteArray upload(const ServerProcess &server, Device &device, const QByteArray &bytes)
{
    const auto ticket = device->reserveUpload(quint64(bytes.size()));
    if (!ticket)
        return {};
    const HttpResponse response = put(server, *ticket, bytes);
    if (response.status != 201) {
        qWarning("upload answered %d: %s", response.status, response.body.constData());
        return {};
    }
    return ticket->blob;
}

/** Where the server keeps @p blob's bytes. */
inline QString blobFile(const ServerProcess &server, const QByteArray &blob)
{
    return QDir(server.dataDir())
        .filePath(QStringLiteral("media/") + QString::fromLatin1(blob.toHex()));
}

} // namespace linnet::test::media
