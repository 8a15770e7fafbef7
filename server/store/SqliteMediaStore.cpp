// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteMediaStore.h"

#include "ServerLog.h"
#include "storage/SqlQuery.h"

#include <QVariant>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;
using storage::Query;
using storage::Transaction;

namespace {

protocol::Error failure(const char *what, const QString &reason)
{
    return makeError(ErrorCode::InternalError,
                     QStringLiteral("%1: %2").arg(QString::fromUtf8(what), reason));
}

} // namespace

SqliteMediaStore::SqliteMediaStore(const QSqlDatabase &db) : m_db(db) {}

protocol::Status SqliteMediaStore::createBlob(const BlobRecord &blob)
{
    Query q(m_db, lcMedia, R"(INSERT INTO media_blobs
        (id, account_id, device_id, size, complete, referenced, created_at, last_write_at)
        VALUES (:id, :account, :device, :size, :complete, 0, :created, :written))");
    q.bind(":id", blob.id).bind(":account", blob.accountId).bind(":device", blob.deviceId);
    q.bind(":size", blob.size).bind(":complete", blob.complete ? 1 : 0);
    q.bind(":created", blob.createdAt).bind(":written", blob.lastWriteAt);
    if (!q.exec("create blob"))
        return failure("cannot record the blob", q.errorText());
    return {};
}

std::optional<BlobRecord> SqliteMediaStore::blob(const QByteArray &id)
{
    Query q(m_db, lcMedia, R"(SELECT account_id, device_id, size, complete, referenced,
                                     created_at, last_write_at FROM media_blobs WHERE id = :id)");
    if (!q.bind(":id", id).first("read blob"))
        return std::nullopt;
    return BlobRecord{id,
                      q.value(0).toLongLong(),
                      q.value(1).toLongLong(),
                      q.value(2).toLongLong(),
                      q.value(3).toBool(),
                      q.value(4).toBool(),
                      q.value(5).toLongLong(),
                      q.value(6).toLongLong()};
}

protocol::Result<qint64> SqliteMediaStore::bytesOfAccount(qint64 accountId)
{
    Query q(m_db, lcMedia,
            "SELECT COALESCE(SUM(size), 0) FROM media_blobs WHERE account_id = :account");
    if (!q.bind(":account", accountId).first("sum blob sizes"))
        return failure("cannot sum the account's blobs", q.errorText());
    return q.value(0).toLongLong();
}

protocol::Status SqliteMediaStore::noteWritten(const QByteArray &id, qint64 now, bool complete)
{
    Query q(m_db, lcMedia, R"(UPDATE media_blobs SET last_write_at = :now,
                                     complete = MAX(complete, :complete) WHERE id = :id)");
    q.bind(":now", now).bind(":complete", complete ? 1 : 0).bind(":id", id);
    if (!q.exec("note blob written"))
        return failure("cannot record the blob's progress", q.errorText());
    return {};
}

bool SqliteMediaStore::hasGrant(const QByteArray &id, qint64 deviceId)
{
    Query q(m_db, lcMedia,
            "SELECT 1 FROM media_grants WHERE blob_id = :id AND device_id = :device");
    return q.bind(":id", id).bind(":device", deviceId).first("read grant");
}

protocol::Result<bool> SqliteMediaStore::dropGrant(const QByteArray &id, qint64 deviceId)
{
    Query drop(m_db, lcMedia,
               "DELETE FROM media_grants WHERE blob_id = :id AND device_id = :device");
    if (!drop.bind(":id", id).bind(":device", deviceId).exec("drop grant"))
        return failure("cannot drop the grant", drop.errorText());
    Query left(m_db, lcMedia, R"(SELECT referenced AND NOT EXISTS
        (SELECT 1 FROM media_grants WHERE blob_id = :id2) FROM media_blobs WHERE id = :id)");
    if (!left.bind(":id", id).bind(":id2", id).exec("count grants"))
        return failure("cannot count the blob's grants", left.errorText());
    return left.next() && left.value(0).toBool();
}

protocol::Status SqliteMediaStore::removeBlob(const QByteArray &id)
{
    Transaction tx(m_db, lcMedia, Transaction::Lock::Immediate);
    if (!tx.active())
        return failure("cannot begin removing a blob", tx.errorText());
    Query grants(m_db, lcMedia, "DELETE FROM media_grants WHERE blob_id = :id");
    Query blob(m_db, lcMedia, "DELETE FROM media_blobs WHERE id = :id");
    if (!grants.bind(":id", id).exec("remove grants"))
        return failure("cannot remove the blob's grants", grants.errorText());
    if (!blob.bind(":id", id).exec("remove blob"))
        return failure("cannot remove the blob", blob.errorText());
    if (!tx.commit())
        return failure("cannot commit the blob's removal", tx.errorText());
    return {};
}

QList<QByteArray> SqliteMediaStore::expired(qint64 now, const BlobLifetime &lifetime, int limit)
{
    Query q(m_db, lcMedia, R"(SELECT id FROM media_blobs b WHERE
            (referenced AND NOT EXISTS (SELECT 1 FROM media_grants g WHERE g.blob_id = b.id))
         OR (referenced AND created_at < :retained)
         OR (NOT referenced AND last_write_at < :orphaned)
        LIMIT :limit)");
    q.bind(":retained", now - lifetime.retentionMs).bind(":orphaned", now - lifetime.orphanMs);
    return q.bind(":limit", limit).column<QByteArray>("find expired blobs");
}

} // namespace linnet::server
