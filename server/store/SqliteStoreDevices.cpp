// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore: devices and invites (accounts and the rest are in SqliteStore.cpp).
#include "SqliteStore.h"

#include <QLoggingCategory>
#include <QVariant>

namespace linnet::server {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

using storage::Query;

// --- devices and invites ------------------------------------------------------------

protocol::Result<qint64> SqliteStore::createDevice(qint64 accountId, const QString &name,
                                                   const QByteArray &tokenHash, qint64 now)
{
    assertUsable();
    return insertDevice(accountId, name, tokenHash, now);
}

protocol::Result<qint64> SqliteStore::insertDevice(qint64 accountId, const QString &name,
                                                   const QByteArray &tokenHash, qint64 now)
{
    Query q(m_db, lcStore, R"(INSERT INTO devices (account_id, name, token_hash, created_at)
                              VALUES (:account, :name, :hash, :now))");
    q.bind(":account", accountId).bind(":name", name).bind(":hash", tokenHash).bind(":now", now);
    if (!exec(q, "insert device")) // includes a foreign-key failure for an unknown account
        return lastError(QStringLiteral("cannot create device"));
    return q.lastInsertId().toLongLong();
}

std::optional<DeviceRecord> SqliteStore::deviceById(qint64 id)
{
    assertUsable();
    Query &q = *m_deviceById;
    if (!exec(q.bind(":id", id), "find device") || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    DeviceRecord record{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                        q.value(3).toByteArray(), q.value(4).toLongLong()};
    q.finish();
    return record;
}

QList<qint64> SqliteStore::deviceIdsOfAccount(qint64 accountId)
{
    assertUsable();
    return Query(m_db, lcStore, R"(SELECT id FROM devices WHERE account_id = :account ORDER BY id)")
        .bind(":account", accountId)
        .column<qint64>("list devices");
}

protocol::Status SqliteStore::createInvite(const QByteArray &codeHash, qint64 now, qint64 expiresAt)
{
    assertUsable();
    Query q(m_db, lcStore, R"(INSERT INTO invites (code_hash, created_at, expires_at)
                              VALUES (:hash, :now, :expires))");
    q.bind(":hash", codeHash).bind(":now", now).bind(":expires", expiresAt);
    if (!exec(q, "insert invite"))
        return lastError(QStringLiteral("cannot create invite"));
    return {};
}

} // namespace linnet::server
