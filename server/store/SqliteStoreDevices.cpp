// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore: devices (the device list, rename, revoke) and invites (accounts and the rest are
// in SqliteStore.cpp).
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

DeviceRecord SqliteStore::deviceRecord(const Query &q)
{
    return DeviceRecord{q.value(0).toLongLong(),  q.value(1).toLongLong(), q.value(2).toString(),
                        q.value(3).toByteArray(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                        q.value(6).toLongLong()};
}

std::optional<DeviceRecord> SqliteStore::deviceById(qint64 id)
{
    assertUsable();
    Query &q = *m_deviceById;
    if (!exec(q.bind(":id", id), "find device") || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    const DeviceRecord record = deviceRecord(q);
    q.finish();
    return record;
}

QList<qint64> SqliteStore::deviceIdsOfAccount(qint64 accountId)
{
    assertUsable();
    return Query(m_db, lcStore, R"(SELECT id FROM devices
                                   WHERE account_id = :account AND revoked_at IS NULL
                                   ORDER BY id)")
        .bind(":account", accountId)
        .column<qint64>("list devices");
}

QList<DeviceRecord> SqliteStore::devicesOfAccount(qint64 accountId)
{
    assertUsable();
    Query q(m_db, lcStore,
            R"(SELECT id, account_id, name, token_hash, created_at, last_seen, revoked_at
               FROM devices WHERE account_id = :account AND revoked_at IS NULL ORDER BY id)");
    QList<DeviceRecord> out;
    if (exec(q.bind(":account", accountId), "list devices"))
        while (q.next())
            out.append(deviceRecord(q));
    return out;
}

namespace {
protocol::Error unknownDevice(qint64 deviceId)
{
    return protocol::makeError(
        protocol::ErrorCode::UnknownDevice,
        QStringLiteral("device %1 is not a device of this account").arg(deviceId));
}
} // namespace

protocol::Status SqliteStore::renameDevice(qint64 accountId, qint64 deviceId, const QString &name)
{
    assertUsable();
    Query q(m_db, lcStore, R"(UPDATE devices SET name = :name
                              WHERE id = :id AND account_id = :account AND revoked_at IS NULL)");
    if (!exec(q.bind(":name", name).bind(":id", deviceId).bind(":account", accountId),
              "rename device"))
        return lastError(QStringLiteral("cannot rename the device"));
    if (q.affected() != 1)
        return unknownDevice(deviceId);
    return {};
}

protocol::Status SqliteStore::revokeDevice(qint64 accountId, qint64 deviceId, qint64 now)
{
    assertUsable();
    storage::Transaction tx(m_db, lcStore, storage::Transaction::Lock::Immediate);
    if (!begin(tx))
        return lastError(QStringLiteral("cannot revoke the device"));
    // The token hash stays: its holder is told DeviceRevoked (AuthController), others learn
    // nothing about the device.
    Query revoke(m_db, lcStore, R"(UPDATE devices SET revoked_at = :now
                                   WHERE id = :id AND account_id = :account
                                     AND revoked_at IS NULL)");
    if (!exec(revoke.bind(":now", now).bind(":id", deviceId).bind(":account", accountId),
              "revoke device"))
        return lastError(QStringLiteral("cannot revoke the device"));
    if (revoke.affected() != 1)
        return unknownDevice(deviceId); // rolled back: nothing changed
    for (const char *table : {"one_time_prekeys", "device_keys", "inbox", "media_grants"}) {
        Query q(m_db, lcStore,
                QStringLiteral("DELETE FROM %1 WHERE device_id = :id").arg(QLatin1String(table)));
        if (!exec(q.bind(":id", deviceId), "delete what a revoked device had"))
            return lastError(QStringLiteral("cannot revoke the device"));
    }
    if (!commit(tx))
        return lastError(QStringLiteral("cannot revoke the device"));
    return {};
}

void SqliteStore::setDeviceLastSeen(qint64 deviceId, qint64 when)
{
    assertUsable();
    Query q(m_db, lcStore, R"(UPDATE devices SET last_seen = :when WHERE id = :id)");
    exec(q.bind(":when", when).bind(":id", deviceId), "set device last seen");
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

protocol::Result<QList<InviteRecord>> SqliteStore::listInvites(int limit)
{
    assertUsable();
    Query q(m_db, lcStore, R"(SELECT i.created_at, i.expires_at, a.username, i.used_at
                              FROM invites i LEFT JOIN accounts a ON a.id = i.used_by
                              ORDER BY i.created_at DESC LIMIT :limit)");
    q.bind(":limit", limit);
    if (!exec(q, "list invites"))
        return lastError(QStringLiteral("cannot list invites"));
    QList<InviteRecord> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                    q.value(3).toLongLong()});
    return out;
}

} // namespace linnet::server
