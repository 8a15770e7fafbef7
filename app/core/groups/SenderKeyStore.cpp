// SPDX-License-Identifier: GPL-3.0-or-later
#include "groups/SenderKeyStore.h"

#include "e2e/CryptoStore.h"
#include "store/LocalStore.h"
#include "ClientLog.h"
#include "storage/SqlQuery.h"
#include "crypto/Sodium.h"

namespace linnet::client {

using storage::Query;
using storage::Transaction;

namespace {
QString ownWhere(qint64 group)
{
    return QStringLiteral("own_sender_key/%1").arg(group);
}

QString receivedWhere(qint64 group, const QString &sender, qint64 device)
{
    return QStringLiteral("sender_key/%1/%2/%3").arg(group).arg(sender).arg(device);
}
} // namespace

std::optional<crypto::OwnSenderKey> SenderKeyStore::ownKey(qint64 group)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT record FROM own_sender_keys WHERE conversation = :g)");
    if (!q.bind(":g", group).first())
        return std::nullopt;
    auto plain = m_crypto.open(q.value(0).toByteArray(), ownWhere(group));
    if (!plain)
        return std::nullopt;
    auto key = crypto::OwnSenderKey::deserialize(*plain);
    crypto::wipe(*plain); // chain key and signing secret
    return key;
}

bool SenderKeyStore::saveOwnKey(qint64 group, const crypto::OwnSenderKey &key, qint64 now)
{
    QByteArray plain = key.serialize();
    const QByteArray sealed = m_crypto.seal(plain, ownWhere(group));
    crypto::wipe(plain);
    if (sealed.isEmpty())
        return false; // no state key: never store key material in the clear
    return Query(m_store.database(), lcLocalStore,
                 R"(INSERT INTO own_sender_keys (conversation, key_id, record, created_at)
                    VALUES (:g, :kid, :record, :now)
                    ON CONFLICT (conversation) DO UPDATE SET
                      key_id = excluded.key_id, record = excluded.record,
                      created_at = CASE WHEN own_sender_keys.key_id = excluded.key_id
                                        THEN own_sender_keys.created_at
                                        ELSE excluded.created_at END)")
        .bind(":g", group)
        .bind(":kid", qint64(key.keyId()))
        .bind(":record", sealed)
        .bind(":now", now)
        .exec();
}

bool SenderKeyStore::dropOwnKey(qint64 group)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    return tx.active() &&
           Query(db, lcLocalStore, R"(DELETE FROM own_sender_keys WHERE conversation = :g)")
               .bind(":g", group)
               .exec() &&
           Query(db, lcLocalStore, R"(DELETE FROM sender_key_holders WHERE conversation = :g)")
               .bind(":g", group)
               .exec() &&
           tx.commit();
}

QSet<QPair<QString, qint64>> SenderKeyStore::holders(qint64 group, quint32 keyId)
{
    QSet<QPair<QString, qint64>> out;
    Query q(m_store.database(), lcLocalStore, R"(SELECT peer, device FROM sender_key_holders
                                   WHERE conversation = :g AND key_id = :kid)");
    if (q.bind(":g", group).bind(":kid", qint64(keyId)).exec())
        while (q.next())
            out.insert({q.value(0).toString(), q.value(1).toLongLong()});
    return out;
}

bool SenderKeyStore::addHolders(qint64 group, quint32 keyId,
                                const QList<QPair<QString, qint64>> &devices)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    for (const auto &[peer, device] : devices)
        if (!Query(db, lcLocalStore, R"(INSERT OR IGNORE INTO sender_key_holders
                            (conversation, key_id, peer, device)
                          VALUES (:g, :kid, :peer, :device))")
                 .bind(":g", group)
                 .bind(":kid", qint64(keyId))
                 .bind(":peer", peer)
                 .bind(":device", device)
                 .exec())
            return false;
    return tx.commit();
}

crypto::ReceivedSenderKeys SenderKeyStore::received(qint64 group, const QString &sender,
                                                    qint64 device)
{
    Query q(m_store.database(), lcLocalStore, R"(SELECT record FROM received_sender_keys
                                   WHERE conversation = :g AND sender = :s AND device = :d)");
    if (!q.bind(":g", group).bind(":s", sender).bind(":d", device).first())
        return {};
    auto plain = m_crypto.open(q.value(0).toByteArray(), receivedWhere(group, sender, device));
    if (!plain)
        return {};
    auto keys =
        crypto::ReceivedSenderKeys::deserialize(*plain).value_or(crypto::ReceivedSenderKeys{});
    crypto::wipe(*plain); // chain keys and stored message keys
    return keys;
}

bool SenderKeyStore::saveReceived(qint64 group, const QString &sender, qint64 device,
                                  const crypto::ReceivedSenderKeys &keys, qint64 now)
{
    QByteArray plain = keys.serialize();
    const QByteArray sealed = m_crypto.seal(plain, receivedWhere(group, sender, device));
    crypto::wipe(plain);
    if (sealed.isEmpty())
        return false;
    return Query(
               m_store.database(), lcLocalStore,
               R"(INSERT INTO received_sender_keys (conversation, sender, device, record, updated_at)
                    VALUES (:g, :s, :d, :record, :now)
                    ON CONFLICT (conversation, sender, device) DO UPDATE SET
                      record = excluded.record, updated_at = excluded.updated_at)")
        .bind(":g", group)
        .bind(":s", sender)
        .bind(":d", device)
        .bind(":record", sealed)
        .bind(":now", now)
        .exec();
}

QString SenderKeyStore::saveReceivedWith(qint64 group, const QString &sender, qint64 device,
                                         const crypto::ReceivedSenderKeys &keys, qint64 now,
                                         const std::function<bool()> &also)
{
    storage::Transaction tx(m_store.database(), lcLocalStore);
    if (tx.active() && also() && saveReceived(group, sender, device, keys, now) && tx.commit())
        return {};
    // Read before the rollback, which clears it.
    const QString why = m_store.lastError();
    return why.isEmpty() ? QStringLiteral("cannot store the sender key") : why;
}

} // namespace linnet::client
