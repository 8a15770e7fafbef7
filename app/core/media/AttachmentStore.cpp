// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/AttachmentStore.h"

#include "ClientLog.h"
#include "store/LocalStore.h"
#include "storage/SqlQuery.h"

namespace linnet::client {

namespace {

using protocol::MessageId;
using storage::nonNull;
using storage::Query;

constexpr auto kColumns =
    R"(message_id, blob, file_key, sha256, size, cipher_size, mime, name, kind, thumbnail,
       width, height, duration_ms, state, transferred, local_path, error)";

Attachment readAttachment(const Query &q)
{
    Attachment a;
    a.message = MessageId::fromBytes(q.value(0).toByteArray()).value_or(MessageId{});
    protocol::FileRef &f = a.file;
    f.blob = q.value(1).toByteArray();
    f.key = q.value(2).toByteArray();
    f.sha256 = q.value(3).toByteArray();
    f.size = q.value(4).toULongLong();
    f.cipherSize = q.value(5).toULongLong();
    f.mime = q.value(6).toString();
    f.name = q.value(7).toString();
    f.kind = protocol::FileKind(q.value(8).toInt());
    // A voice note has no thumbnail: its column holds the waveform (see the header).
    (f.kind == protocol::FileKind::Voice ? f.waveform : f.thumbnail) = q.value(9).toByteArray();
    f.width = q.value(10).toUInt();
    f.height = q.value(11).toUInt();
    f.durationMs = q.value(12).toULongLong();
    a.state = TransferState(q.value(13).toInt());
    a.transferred = q.value(14).toULongLong();
    a.localPath = q.value(15).toString();
    a.error = q.value(16).toString();
    return a;
}

/** What the thumbnail column holds: the thumbnail, or a voice note's waveform. */
QByteArray thumbnailColumn(const protocol::FileRef &f)
{
    return f.kind == protocol::FileKind::Voice ? f.waveform : f.thumbnail;
}

QByteArray select(const char *where)
{
    return QByteArray("SELECT ") + kColumns + " FROM attachments " + where;
}

} // namespace

bool AttachmentStore::insert(const QSqlDatabase &db, const Attachment &a,
                             const QByteArray &streamHeader, const QString &sourcePath)
{
    const protocol::FileRef &f = a.file;
    return Query(db, lcLocalStore, R"(INSERT INTO attachments
                 (message_id, blob, file_key, sha256, size, cipher_size, mime, name, kind,
                  thumbnail, width, height, duration_ms, state, transferred, local_path,
                  stream_header, error, source_path, prepared)
               VALUES (:id, :blob, :key, :sha, :size, :cipherSize, :mime, :name, :kind, :thumb,
                       :w, :h, :ms, :state, :transferred, :path, :header, :error, :source,
                       :prepared))")
        .bind(":id", a.message.toBytes())
        .bind(":blob", f.blob.isEmpty() ? QVariant() : QVariant(f.blob))
        .bind(":key", nonNull(f.key))
        .bind(":sha", nonNull(f.sha256))
        .bind(":size", qint64(f.size))
        .bind(":cipherSize", qint64(f.cipherSize))
        .bind(":mime", nonNull(f.mime))
        .bind(":name", nonNull(f.name))
        .bind(":kind", int(f.kind))
        .bind(":thumb", nonNull(thumbnailColumn(f)))
        .bind(":w", f.width)
        .bind(":h", f.height)
        .bind(":ms", qint64(f.durationMs))
        .bind(":state", int(a.state))
        .bind(":transferred", qint64(a.transferred))
        .bind(":path", nonNull(a.localPath))
        .bind(":header", nonNull(streamHeader))
        .bind(":error", nonNull(a.error))
        .bind(":source", nonNull(sourcePath))
        .bind(":prepared", sourcePath.isEmpty() ? 1 : 0)
        .exec();
}

std::function<bool(const QSqlDatabase &)> AttachmentStore::incoming(const MessageId &message,
                                                                    const protocol::FileRef &file)
{
    Attachment a;
    a.message = message;
    a.file = file;
    a.state = TransferState::Remote;
    return [a](const QSqlDatabase &db) { return insert(db, a); };
}

std::optional<Attachment> AttachmentStore::attachment(const MessageId &message)
{
    Query q(m_store.database(), lcLocalStore, select("WHERE message_id = :id").constData());
    if (!q.bind(":id", message.toBytes()).first())
        return std::nullopt;
    return readAttachment(q);
}

QByteArray AttachmentStore::streamHeader(const MessageId &message)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT stream_header FROM attachments WHERE message_id = :id)");
    if (!q.bind(":id", message.toBytes()).first())
        return {};
    return q.value(0).toByteArray();
}

std::optional<AttachmentStore::Preparation> AttachmentStore::preparation(const MessageId &message)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT source_path, prepared FROM attachments WHERE message_id = :id)");
    if (!q.bind(":id", message.toBytes()).first())
        return std::nullopt;
    return Preparation{q.value(0).toString(), q.value(1).toInt() != 0};
}

bool AttachmentStore::setPrepared(const MessageId &message, const protocol::FileRef &f)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(UPDATE attachments SET mime = :mime, kind = :kind, thumbnail = :thumb,
                        width = :w, height = :h, duration_ms = :ms, prepared = 1
                    WHERE message_id = :id)")
        .bind(":mime", nonNull(f.mime))
        .bind(":kind", int(f.kind))
        .bind(":thumb", nonNull(thumbnailColumn(f)))
        .bind(":w", f.width)
        .bind(":h", f.height)
        .bind(":ms", qint64(f.durationMs))
        .bind(":id", message.toBytes())
        .exec();
}

QList<Attachment> AttachmentStore::inState(TransferState state)
{
    QList<Attachment> out;
    Query q(m_store.database(), lcLocalStore,
            select("WHERE state = :state ORDER BY rowid").constData());
    if (!q.bind(":state", int(state)).exec())
        return out;
    while (q.next())
        out.append(readAttachment(q));
    return out;
}

QList<Attachment> AttachmentStore::doneNotAnnounced()
{
    QList<Attachment> out;
    Query q(m_store.database(), lcLocalStore,
            select("WHERE state = :done AND done_sent = 0 AND blob IS NOT NULL ORDER BY rowid")
                .constData());
    if (!q.bind(":done", int(TransferState::Done)).exec())
        return out;
    while (q.next())
        out.append(readAttachment(q));
    return out;
}

bool AttachmentStore::setState(const MessageId &message, TransferState state, const QString &error)
{
    Query q(m_store.database(), lcLocalStore,
            R"(UPDATE attachments SET state = :state, error = :error WHERE message_id = :id)");
    return q.bind(":state", int(state))
               .bind(":error", nonNull(error))
               .bind(":id", message.toBytes())
               .exec() &&
           q.affected() > 0;
}

bool AttachmentStore::setTransferred(const MessageId &message, quint64 bytes)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(UPDATE attachments SET transferred = :bytes WHERE message_id = :id)")
        .bind(":bytes", qint64(bytes))
        .bind(":id", message.toBytes())
        .exec();
}

bool AttachmentStore::setBlob(const MessageId &message, const QByteArray &blob)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(UPDATE attachments SET blob = :blob WHERE message_id = :id)")
        .bind(":blob", blob.isEmpty() ? QVariant() : QVariant(blob))
        .bind(":id", message.toBytes())
        .exec();
}

bool AttachmentStore::setUploaded(const MessageId &message, const QByteArray &sha256)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(UPDATE attachments SET sha256 = :sha, state = :state, error = '',
                        transferred = cipher_size WHERE message_id = :id)")
        .bind(":sha", nonNull(sha256))
        .bind(":state", int(TransferState::Uploaded))
        .bind(":id", message.toBytes())
        .exec();
}

bool AttachmentStore::setDone(const MessageId &message, const QString &localPath)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(UPDATE attachments SET local_path = :path, state = :state, error = '',
                        transferred = cipher_size WHERE message_id = :id)")
        .bind(":path", nonNull(localPath))
        .bind(":state", int(TransferState::Done))
        .bind(":id", message.toBytes())
        .exec();
}

bool AttachmentStore::setAnnounced(const MessageId &message)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(UPDATE attachments SET done_sent = 1 WHERE message_id = :id)")
        .bind(":id", message.toBytes())
        .exec();
}

} // namespace linnet::client
