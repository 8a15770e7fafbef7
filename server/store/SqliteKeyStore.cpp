// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteKeyStore.h"

#include "ServerLog.h"
#include "protocol/Limits.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {
/** How long the id of a claimed prekey is remembered against resends of it. */
constexpr qint64 kClaimedPreKeysKeptMs = 30LL * 24 * 3600 * 1000;
} // namespace

SqliteKeyStore::SqliteKeyStore(const QSqlDatabase &db) : m_db(db) {}

protocol::Error SqliteKeyStore::failure(const QString &what, const QSqlQuery &q) const
{
    const QString text = q.lastError().text();
    qCWarning(lcKeys, "%s failed: %s", qUtf8Printable(what), qUtf8Printable(text));
    return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, text));
}

protocol::Result<quint64> SqliteKeyStore::storeKeys(qint64 accountId, qint64 deviceId,
                                                    const protocol::KeysUpload &keys, qint64 now)
{
    QSqlQuery begin(m_db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failure(QStringLiteral("cannot begin storing keys"), begin);
    auto result = storeInTransaction(accountId, deviceId, keys, now);
    QSqlQuery end(m_db);
    if (result && end.exec(QStringLiteral("COMMIT")))
        return result;
    if (result)
        result = failure(QStringLiteral("cannot commit keys"), end);
    end.exec(QStringLiteral("ROLLBACK"));
    return result;
}

protocol::Result<quint64> SqliteKeyStore::storeInTransaction(qint64 accountId, qint64 deviceId,
                                                             const protocol::KeysUpload &keys,
                                                             qint64 now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT identity_key FROM device_keys WHERE device_id = :device"));
    q.bindValue(QStringLiteral(":device"), deviceId);
    if (!q.exec())
        return failure(QStringLiteral("cannot read device keys"), q);
    const bool newIdentity = !q.next() || q.value(0).toByteArray() != keys.identity;
    q.finish();
    if (newIdentity) {
        // Prekeys of an identity that is gone can never be used again, and the new
        // identity's prekey ids may repeat the old ones'.
        for (const char *table : {"one_time_prekeys", "claimed_prekeys"}) {
            q.prepare(QStringLiteral("DELETE FROM %1 WHERE device_id = :device")
                          .arg(QLatin1StringView(table)));
            q.bindValue(QStringLiteral(":device"), deviceId);
            if (!q.exec())
                return failure(QStringLiteral("cannot drop old prekeys"), q);
        }
    } else {
        q.prepare(QStringLiteral(
            "DELETE FROM claimed_prekeys WHERE device_id = :device AND claimed_at < :before"));
        q.bindValue(QStringLiteral(":device"), deviceId);
        q.bindValue(QStringLiteral(":before"), now - kClaimedPreKeysKeptMs);
        if (!q.exec())
            return failure(QStringLiteral("cannot forget old claimed prekeys"), q);
    }
    q.prepare(QStringLiteral(R"(INSERT OR REPLACE INTO device_keys
        (device_id, account_id, identity_key, registration_id, signed_prekey_id, signed_prekey,
         signed_prekey_signature, updated_at)
        VALUES (:device, :account, :identity, :reg, :spkId, :spk, :sig, :now))"));
    q.bindValue(QStringLiteral(":device"), deviceId);
    q.bindValue(QStringLiteral(":account"), accountId);
    q.bindValue(QStringLiteral(":identity"), keys.identity);
    q.bindValue(QStringLiteral(":reg"), qint64(keys.registrationId));
    q.bindValue(QStringLiteral(":spkId"), qint64(keys.signedPreKeyId));
    q.bindValue(QStringLiteral(":spk"), keys.signedPreKey);
    q.bindValue(QStringLiteral(":sig"), keys.signature);
    q.bindValue(QStringLiteral(":now"), now);
    if (!q.exec())
        return failure(QStringLiteral("cannot store device keys"), q);

    // An id the pool has is ignored, and so is one handed out already (a resend after a
    // lost confirmation): it must never be handed out a second time.
    q.prepare(
        QStringLiteral(R"(INSERT OR IGNORE INTO one_time_prekeys (device_id, key_id, public_key)
        SELECT :device, :id, :key WHERE NOT EXISTS
            (SELECT 1 FROM claimed_prekeys WHERE device_id = :device2 AND key_id = :id2))"));
    for (const auto &preKey : keys.preKeys) {
        q.bindValue(QStringLiteral(":device"), deviceId);
        q.bindValue(QStringLiteral(":id"), qint64(preKey.id));
        q.bindValue(QStringLiteral(":key"), preKey.key);
        q.bindValue(QStringLiteral(":device2"), deviceId);
        q.bindValue(QStringLiteral(":id2"), qint64(preKey.id));
        if (!q.exec())
            return failure(QStringLiteral("cannot store a prekey"), q);
    }
    const quint64 count = preKeyCount(deviceId);
    if (count > quint64(protocol::kMaxPreKeysStored))
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("field \"prekeys\" would grow the pool to %1 one-time "
                                        "prekeys; the server keeps at most %2")
                             .arg(count)
                             .arg(protocol::kMaxPreKeysStored));
    return count;
}

QList<DeviceKeysRecord> SqliteKeyStore::keysOfAccount(qint64 accountId)
{
    QList<DeviceKeysRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(R"(SELECT device_id, registration_id, identity_key, signed_prekey_id,
                                       signed_prekey, signed_prekey_signature
                                FROM device_keys WHERE account_id = :account ORDER BY device_id)"));
    q.bindValue(QStringLiteral(":account"), accountId);
    if (!q.exec()) {
        failure(QStringLiteral("cannot list device keys"), q);
        return out;
    }
    while (q.next())
        out.append(DeviceKeysRecord{q.value(0).toLongLong(), accountId,
                                    quint32(q.value(1).toLongLong()), q.value(2).toByteArray(),
                                    quint32(q.value(3).toLongLong()), q.value(4).toByteArray(),
                                    q.value(5).toByteArray()});
    return out;
}

protocol::Result<std::optional<protocol::PreKeyPublic>> SqliteKeyStore::claimPreKey(qint64 deviceId,
                                                                                    qint64 now)
{
    QSqlQuery begin(m_db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failure(QStringLiteral("cannot begin claiming a prekey"), begin);
    auto result = claimInTransaction(deviceId, now);
    QSqlQuery end(m_db);
    if (result && end.exec(QStringLiteral("COMMIT")))
        return result;
    if (result)
        result = failure(QStringLiteral("cannot commit a prekey claim"), end);
    end.exec(QStringLiteral("ROLLBACK"));
    return result;
}

protocol::Result<std::optional<protocol::PreKeyPublic>>
SqliteKeyStore::claimInTransaction(qint64 deviceId, qint64 now)
{
    // The row is gone in the same statement that reads it (SQLite 3.35+ for
    // RETURNING; Debian 12 has 3.40), and its id is remembered in the same
    // transaction, so a key is never handed out twice, not even after a resend.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(R"(DELETE FROM one_time_prekeys WHERE rowid =
                                  (SELECT rowid FROM one_time_prekeys WHERE device_id = :device
                                   ORDER BY key_id LIMIT 1)
                                RETURNING key_id, public_key)"));
    q.bindValue(QStringLiteral(":device"), deviceId);
    if (!q.exec())
        return failure(QStringLiteral("cannot claim a prekey"), q);
    if (!q.next())
        return std::optional<protocol::PreKeyPublic>();
    protocol::PreKeyPublic key{quint32(q.value(0).toLongLong()), q.value(1).toByteArray()};
    q.finish();
    QSqlQuery remember(m_db);
    remember.prepare(QStringLiteral(R"(INSERT OR REPLACE INTO claimed_prekeys
                                         (device_id, key_id, claimed_at)
                                       VALUES (:device, :id, :now))"));
    remember.bindValue(QStringLiteral(":device"), deviceId);
    remember.bindValue(QStringLiteral(":id"), qint64(key.id));
    remember.bindValue(QStringLiteral(":now"), now);
    if (!remember.exec())
        return failure(QStringLiteral("cannot remember a claimed prekey"), remember);
    return std::optional<protocol::PreKeyPublic>(std::move(key));
}

quint64 SqliteKeyStore::preKeyCount(qint64 deviceId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM one_time_prekeys WHERE device_id = :device"));
    q.bindValue(QStringLiteral(":device"), deviceId);
    if (!q.exec() || !q.next())
        return 0;
    return quint64(q.value(0).toLongLong());
}

} // namespace linnet::server
