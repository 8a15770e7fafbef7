// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteKeyStore.h"

#include "ServerLog.h"
#include "protocol/Limits.h"

#include <QVariant>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;
using storage::Query;
using storage::Transaction;

namespace {
/** How long the id of a claimed prekey is remembered against resends of it. */
constexpr qint64 kClaimedPreKeysKeptMs = 30LL * 24 * 3600 * 1000;
} // namespace

SqliteKeyStore::SqliteKeyStore(const QSqlDatabase &db) : m_db(db) {}

protocol::Error SqliteKeyStore::failure(const char *what, const QSqlError &error)
{
    return makeError(ErrorCode::InternalError,
                     QStringLiteral("%1: %2").arg(QString::fromUtf8(what), error.text()));
}

bool SqliteKeyStore::run(Query &q, const char *what, protocol::Error &error)
{
    if (q.exec(what)) // logs a failure
        return true;
    error = failure(what, q.error());
    return false;
}

template <typename T>
protocol::Result<T> SqliteKeyStore::inTransaction(const char *beginFailed, const char *commitFailed,
                                                  const std::function<protocol::Result<T>()> &body)
{
    Transaction tx(m_db, lcKeys, Transaction::Lock::Immediate); // logs a failed begin or commit
    if (!tx.active())
        return failure(beginFailed, tx.error());
    auto result = body();
    if (result && !tx.commit())
        result = failure(commitFailed, tx.error());
    return result; // rolled back unless committed
}

protocol::Result<quint64> SqliteKeyStore::storeKeys(qint64 accountId, qint64 deviceId,
                                                    const protocol::KeysUpload &keys, qint64 now)
{
    return inTransaction<quint64>("cannot begin storing keys", "cannot commit keys", [&] {
        return storeInTransaction(accountId, deviceId, keys, now);
    });
}

protocol::Result<quint64> SqliteKeyStore::storeInTransaction(qint64 accountId, qint64 deviceId,
                                                             const protocol::KeysUpload &keys,
                                                             qint64 now)
{
    protocol::Error error;
    bool newIdentity = true;
    QByteArray certificate = keys.deviceSignature;
    {
        Query q(m_db, lcKeys,
                "SELECT identity_key, device_signature FROM device_keys WHERE device_id = :device");
        if (!run(q.bind(":device", deviceId), "cannot read device keys", error))
            return error;
        newIdentity = !q.next() || q.value(0).toByteArray() != keys.identity;
        if (!newIdentity && certificate.isEmpty())
            certificate = q.value(1).toByteArray(); // still certifies the same identity
    }
    if (!keys.accountKey.isEmpty()) {
        const QByteArray current = accountKey(accountId);
        if (!current.isEmpty() && current != keys.accountKey)
            return makeError(
                ErrorCode::InvalidField,
                QStringLiteral("field \"account\" is not this account's identity key"));
        if (current.isEmpty()) {
            Query set(m_db, lcKeys,
                      "UPDATE accounts SET account_key = :key WHERE id = :account "
                      "AND account_key IS NULL");
            set.bind(":key", keys.accountKey).bind(":account", accountId);
            if (!run(set, "cannot store the account key", error))
                return error;
        }
    }
    if (newIdentity) {
        // Prekeys of an identity that is gone can never be used again, and the new
        // identity's prekey ids may repeat the old ones'.
        for (const char *table : {"one_time_prekeys", "claimed_prekeys"}) {
            Query drop(m_db, lcKeys,
                       QStringLiteral("DELETE FROM %1 WHERE device_id = :device")
                           .arg(QLatin1StringView(table)));
            if (!run(drop.bind(":device", deviceId), "cannot drop old prekeys", error))
                return error;
        }
    } else {
        Query forget(
            m_db, lcKeys,
            "DELETE FROM claimed_prekeys WHERE device_id = :device AND claimed_at < :before");
        forget.bind(":device", deviceId).bind(":before", now - kClaimedPreKeysKeptMs);
        if (!run(forget, "cannot forget old claimed prekeys", error))
            return error;
    }
    Query store(m_db, lcKeys, R"(INSERT OR REPLACE INTO device_keys
        (device_id, account_id, identity_key, registration_id, signed_prekey_id, signed_prekey,
         signed_prekey_signature, updated_at, device_signature)
        VALUES (:device, :account, :identity, :reg, :spkId, :spk, :sig, :now, :cert))");
    store.bind(":device", deviceId).bind(":account", accountId).bind(":identity", keys.identity);
    store.bind(":reg", qint64(keys.registrationId)).bind(":spkId", qint64(keys.signedPreKeyId));
    store.bind(":spk", keys.signedPreKey).bind(":sig", keys.signature).bind(":now", now);
    store.bind(":cert", certificate.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                              : QVariant(certificate));
    if (!run(store, "cannot store device keys", error))
        return error;

    // An id the pool has is ignored, and so is one handed out already (a resend after a
    // lost confirmation): it must never be handed out a second time.
    Query add(m_db, lcKeys,
              R"(INSERT OR IGNORE INTO one_time_prekeys (device_id, key_id, public_key)
        SELECT :device, :id, :key WHERE NOT EXISTS
            (SELECT 1 FROM claimed_prekeys WHERE device_id = :device2 AND key_id = :id2))");
    for (const auto &preKey : keys.preKeys) {
        add.bind(":device", deviceId).bind(":id", qint64(preKey.id)).bind(":key", preKey.key);
        add.bind(":device2", deviceId).bind(":id2", qint64(preKey.id));
        if (!run(add, "cannot store a prekey", error))
            return error;
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
    const bool accountHasKey = !accountKey(accountId).isEmpty();
    Query q(m_db, lcKeys, R"(SELECT device_id, registration_id, identity_key, signed_prekey_id,
                                    signed_prekey, signed_prekey_signature, device_signature
                             FROM device_keys WHERE account_id = :account ORDER BY device_id)");
    if (!q.bind(":account", accountId).exec("cannot list device keys"))
        return out;
    while (q.next())
        out.append(DeviceKeysRecord{
            q.value(0).toLongLong(), accountId, quint32(q.value(1).toLongLong()),
            q.value(2).toByteArray(), quint32(q.value(3).toLongLong()), q.value(4).toByteArray(),
            q.value(5).toByteArray(), q.value(6).toByteArray(), accountHasKey});
    return out;
}

protocol::Result<std::optional<protocol::PreKeyPublic>> SqliteKeyStore::claimPreKey(qint64 deviceId,
                                                                                    qint64 now)
{
    return inTransaction<std::optional<protocol::PreKeyPublic>>(
        "cannot begin claiming a prekey", "cannot commit a prekey claim",
        [&] { return claimInTransaction(deviceId, now); });
}

protocol::Result<std::optional<protocol::PreKeyPublic>>
SqliteKeyStore::claimInTransaction(qint64 deviceId, qint64 now)
{
    // The row is gone in the same statement that reads it (SQLite 3.35+ for
    // RETURNING; Debian 12 has 3.40), and its id is remembered in the same
    // transaction, so a key is never handed out twice, not even after a resend.
    protocol::Error error;
    std::optional<protocol::PreKeyPublic> key;
    {
        Query q(m_db, lcKeys, R"(DELETE FROM one_time_prekeys WHERE rowid =
                                   (SELECT rowid FROM one_time_prekeys WHERE device_id = :device
                                    ORDER BY key_id LIMIT 1)
                                 RETURNING key_id, public_key)");
        if (!run(q.bind(":device", deviceId), "cannot claim a prekey", error))
            return error;
        if (!q.next())
            return std::optional<protocol::PreKeyPublic>();
        key = protocol::PreKeyPublic{quint32(q.value(0).toLongLong()), q.value(1).toByteArray()};
    }
    Query remember(m_db, lcKeys, R"(INSERT OR REPLACE INTO claimed_prekeys
                                      (device_id, key_id, claimed_at)
                                    VALUES (:device, :id, :now))");
    remember.bind(":device", deviceId).bind(":id", qint64(key->id)).bind(":now", now);
    if (!run(remember, "cannot remember a claimed prekey", error))
        return error;
    return key;
}

quint64 SqliteKeyStore::preKeyCount(qint64 deviceId)
{
    Query q(m_db, lcKeys, "SELECT COUNT(*) FROM one_time_prekeys WHERE device_id = :device");
    if (!q.bind(":device", deviceId).first("count prekeys"))
        return 0;
    return quint64(q.value(0).toLongLong());
}

QByteArray SqliteKeyStore::accountKey(qint64 accountId)
{
    Query q(m_db, lcKeys, "SELECT account_key FROM accounts WHERE id = :account");
    if (!q.bind(":account", accountId).first("read the account key"))
        return {};
    return q.value(0).toByteArray();
}

protocol::Status SqliteKeyStore::clearAccountKey(qint64 accountId)
{
    Query q(m_db, lcKeys, "UPDATE accounts SET account_key = NULL WHERE id = :account");
    protocol::Error error;
    if (!run(q.bind(":account", accountId), "cannot forget the account key", error))
        return error;
    return {};
}

} // namespace linnet::server
