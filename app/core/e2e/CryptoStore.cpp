// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2e/CryptoStore.h"

#include "store/LocalStore.h"
#include "ClientLog.h"
#include "storage/SqlQuery.h"
#include "crypto/AtRest.h"
#include "crypto/Sodium.h"

namespace linnet::client {

using storage::Query;
using storage::Transaction;

namespace {
QString sessionWhere(const QString &peer, qint64 device)
{
    return QStringLiteral("session/%1/%2").arg(peer).arg(device);
}

QString signedWhere(quint32 id)
{
    return QStringLiteral("signed_prekey/%1").arg(id);
}

QString oneTimeWhere(quint32 id)
{
    return QStringLiteral("one_time_prekey/%1").arg(id);
}

PeerDevice readDevice(const Query &q)
{
    return PeerDevice{
        q.value(0).toString(),    q.value(1).toLongLong(), quint32(q.value(2).toLongLong()),
        q.value(3).toByteArray(), q.value(4).toLongLong(), q.value(5).toBool()};
}
} // namespace

QByteArray CryptoStore::seal(const QByteArray &plain, const QString &where) const
{
    return crypto::sealAtRest(m_stateKey, plain, where.toUtf8());
}

std::optional<QByteArray> CryptoStore::open(const QByteArray &sealed, const QString &where) const
{
    if (m_stateKey.isEmpty())
        return std::nullopt;
    const auto plain = crypto::openAtRest(m_stateKey, sealed, where.toUtf8());
    if (!plain)
        qCWarning(lcLocalStore) << "cannot open sealed" << where << "(wrong state key?)";
    return plain;
}

// --- device lists ---------------------------------------------------------------

QList<PeerDevice> CryptoStore::devices(const QString &peer)
{
    QList<PeerDevice> out;
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT peer, device, registration_id, identity, first_seen, approved
                                   FROM peer_devices WHERE peer = :peer ORDER BY device)");
    if (!q.bind(":peer", peer).exec())
        return out;
    while (q.next())
        out.append(readDevice(q));
    return out;
}

QList<PeerDevice> CryptoStore::allDevices()
{
    QList<PeerDevice> out;
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT peer, device, registration_id, identity, first_seen, approved
                                   FROM peer_devices ORDER BY peer, device)");
    if (!q.exec())
        return out;
    while (q.next())
        out.append(readDevice(q));
    return out;
}

std::optional<PeerDevice> CryptoStore::device(const QString &peer, qint64 device)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT peer, device, registration_id, identity, first_seen, approved
                                   FROM peer_devices WHERE peer = :peer AND device = :device)");
    if (!q.bind(":peer", peer).bind(":device", device).first())
        return std::nullopt;
    return readDevice(q);
}

bool CryptoStore::upsertDevice(const PeerDevice &d)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(INSERT INTO peer_devices
                      (peer, device, registration_id, identity, first_seen, approved)
                    VALUES (:peer, :device, :reg, :identity, :first, :approved)
                    ON CONFLICT (peer, device) DO UPDATE SET
                      registration_id = excluded.registration_id, identity = excluded.identity,
                      approved = excluded.approved)")
        .bind(":peer", d.peer)
        .bind(":device", d.device)
        .bind(":reg", qint64(d.registrationId))
        .bind(":identity", d.identity)
        .bind(":first", d.firstSeen)
        .bind(":approved", d.approved ? 1 : 0)
        .exec();
}

QByteArray CryptoStore::accountKey(const QString &peer)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT account_key FROM account_keys WHERE peer = :peer)");
    if (!q.bind(":peer", peer).first())
        return {};
    return q.value(0).toByteArray();
}

bool CryptoStore::pinAccountKey(const QString &peer, const QByteArray &key, qint64 now)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(INSERT OR REPLACE INTO account_keys (peer, account_key, pinned_at)
                    VALUES (:peer, :key, :now))")
        .bind(":peer", peer)
        .bind(":key", key)
        .bind(":now", now)
        .exec();
}

bool CryptoStore::replaceDevices(const QString &peer, const QList<PeerDevice> &devices)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    for (const PeerDevice &old : this->devices(peer)) {
        const bool kept = std::any_of(devices.cbegin(), devices.cend(),
                                      [&](const PeerDevice &d) { return d.device == old.device; });
        if (kept)
            continue;
        if (!Query(db, lcLocalStore,
                   R"(DELETE FROM peer_devices WHERE peer = :peer AND device = :device)")
                 .bind(":peer", peer)
                 .bind(":device", old.device)
                 .exec() ||
            !deleteSession(peer, old.device))
            return false;
    }
    for (const PeerDevice &d : devices)
        if (!upsertDevice(d))
            return false;
    return tx.commit();
}

// --- sessions ----------------------------------------------------------------------

std::optional<crypto::SessionRecord> CryptoStore::session(const QString &peer, qint64 device)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT record FROM sessions WHERE peer = :peer AND device = :device)");
    if (!q.bind(":peer", peer).bind(":device", device).first())
        return std::nullopt;
    auto plain = open(q.value(0).toByteArray(), sessionWhere(peer, device));
    if (!plain)
        return std::nullopt;
    auto record = crypto::SessionRecord::deserialize(*plain);
    crypto::wipe(*plain); // the serialized ratchet holds every key of the session
    return record;
}

bool CryptoStore::saveSession(const QString &peer, qint64 device,
                              const crypto::SessionRecord &record, qint64 now)
{
    QByteArray plain = record.serialize();
    const QByteArray sealed = seal(plain, sessionWhere(peer, device));
    crypto::wipe(plain);
    return Query(m_store.database(), lcLocalStore,
                 R"(INSERT INTO sessions (peer, device, record, updated_at)
                    VALUES (:peer, :device, :record, :now)
                    ON CONFLICT (peer, device) DO UPDATE SET
                      record = excluded.record, updated_at = excluded.updated_at)")
        .bind(":peer", peer)
        .bind(":device", device)
        .bind(":record", sealed)
        .bind(":now", now)
        .exec();
}

QString CryptoStore::lastError() const
{
    return m_store.lastError();
}

bool CryptoStore::deleteSession(const QString &peer, qint64 device)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(DELETE FROM sessions WHERE peer = :peer AND device = :device)")
        .bind(":peer", peer)
        .bind(":device", device)
        .exec();
}

// --- prekeys -------------------------------------------------------------------------

bool CryptoStore::saveSignedPreKey(const crypto::SignedPreKey &key)
{
    return Query(
               m_store.database(), lcLocalStore,
               R"(INSERT OR REPLACE INTO signed_prekeys (id, public_key, secret, signature, created_at)
                    VALUES (:id, :public, :secret, :signature, :created))")
        .bind(":id", qint64(key.id))
        .bind(":public", key.pair.publicKey)
        .bind(":secret", seal(key.pair.secretKey, signedWhere(key.id)))
        .bind(":signature", key.signature)
        .bind(":created", key.createdAt)
        .exec();
}

std::optional<crypto::SignedPreKey> CryptoStore::latestSignedPreKey()
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT id, public_key, secret, signature, created_at
                                   FROM signed_prekeys ORDER BY created_at DESC, id DESC LIMIT 1)");
    if (!q.first())
        return std::nullopt;
    const quint32 id = quint32(q.value(0).toLongLong());
    const auto secret = open(q.value(2).toByteArray(), signedWhere(id));
    if (!secret)
        return std::nullopt;
    crypto::SignedPreKey key;
    key.id = id;
    key.pair = crypto::KeyPair{q.value(1).toByteArray(), *secret};
    key.signature = q.value(3).toByteArray();
    key.createdAt = q.value(4).toLongLong();
    return key;
}

bool CryptoStore::hasSignedPreKeys()
{
    return Query(m_store.database(), lcLocalStore, R"(SELECT 1 FROM signed_prekeys LIMIT 1)")
        .first();
}

std::optional<crypto::KeyPair> CryptoStore::signedPreKey(quint32 id)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT public_key, secret FROM signed_prekeys WHERE id = :id)");
    if (!q.bind(":id", qint64(id)).first())
        return std::nullopt;
    const auto secret = open(q.value(1).toByteArray(), signedWhere(id));
    if (!secret)
        return std::nullopt;
    return crypto::KeyPair{q.value(0).toByteArray(), *secret};
}

void CryptoStore::pruneSignedPreKeys(qint64 cutoff)
{
    Query(m_store.database(), lcLocalStore,
          R"(DELETE FROM signed_prekeys WHERE created_at < :cutoff
             AND id <> (SELECT id FROM signed_prekeys ORDER BY created_at DESC, id DESC LIMIT 1))")
        .bind(":cutoff", cutoff)
        .exec();
}

bool CryptoStore::saveOneTimePreKeys(const QList<crypto::OneTimePreKey> &keys)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    for (const auto &key : keys) {
        if (!Query(db, lcLocalStore,
                   R"(INSERT INTO one_time_prekeys (id, public_key, secret, uploaded)
                          VALUES (:id, :public, :secret, 0))")
                 .bind(":id", qint64(key.id))
                 .bind(":public", key.pair.publicKey)
                 .bind(":secret", seal(key.pair.secretKey, oneTimeWhere(key.id)))
                 .exec())
            return false;
    }
    quint32 highest = highestPreKeyId();
    for (const auto &key : keys)
        highest = std::max(highest, key.id);
    m_store.setSetting(QStringLiteral("e2e/highest_prekey_id"), QString::number(highest));
    return tx.commit();
}

std::optional<crypto::KeyPair> CryptoStore::oneTimePreKey(quint32 id)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT public_key, secret FROM one_time_prekeys WHERE id = :id)");
    if (!q.bind(":id", qint64(id)).first())
        return std::nullopt;
    const auto secret = open(q.value(1).toByteArray(), oneTimeWhere(id));
    if (!secret)
        return std::nullopt;
    return crypto::KeyPair{q.value(0).toByteArray(), *secret};
}

bool CryptoStore::deleteOneTimePreKey(quint32 id)
{
    return Query(m_store.database(), lcLocalStore, R"(DELETE FROM one_time_prekeys WHERE id = :id)")
        .bind(":id", qint64(id))
        .exec();
}

QList<protocol::PreKeyPublic> CryptoStore::unuploadedPreKeys()
{
    QList<protocol::PreKeyPublic> out;
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT id, public_key FROM one_time_prekeys WHERE uploaded = 0 ORDER BY id)");
    if (!q.exec())
        return out;
    while (q.next())
        out.append(
            protocol::PreKeyPublic{quint32(q.value(0).toLongLong()), q.value(1).toByteArray()});
    return out;
}

void CryptoStore::markUploaded(const QList<protocol::PreKeyPublic> &keys)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    for (const auto &key : keys)
        Query(db, lcLocalStore, R"(UPDATE one_time_prekeys SET uploaded = 1 WHERE id = :id)")
            .bind(":id", qint64(key.id))
            .exec();
    tx.commit();
}

quint32 CryptoStore::highestPreKeyId()
{
    // Ids are never reused, also after their keys are gone: the counter lives in settings.
    return quint32(m_store.setting(QStringLiteral("e2e/highest_prekey_id")).toULongLong());
}

bool CryptoStore::clearAll()
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    for (const char *sql : {"DELETE FROM sessions", "DELETE FROM signed_prekeys",
                            "DELETE FROM one_time_prekeys", "DELETE FROM peer_devices"})
        if (!Query(db, lcLocalStore, sql).exec())
            return false;
    return tx.commit();
}

// --- verification ------------------------------------------------------------------------

std::optional<QString> CryptoStore::verifiedSafetyNumber(const QString &peer)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT safety_number FROM verified WHERE peer = :peer)");
    if (!q.bind(":peer", peer).first())
        return std::nullopt;
    return q.value(0).toString();
}

bool CryptoStore::setVerified(const QString &peer, const QString &safetyNumber, qint64 now)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(INSERT OR REPLACE INTO verified (peer, safety_number, verified_at)
                    VALUES (:peer, :number, :now))")
        .bind(":peer", peer)
        .bind(":number", safetyNumber)
        .bind(":now", now)
        .exec();
}

bool CryptoStore::clearVerified(const QString &peer)
{
    return Query(m_store.database(), lcLocalStore, R"(DELETE FROM verified WHERE peer = :peer)")
        .bind(":peer", peer)
        .exec();
}

bool CryptoStore::isHeld(const QString &peer)
{
    return !m_store.setting(QStringLiteral("e2e/held/%1").arg(peer)).isEmpty();
}

void CryptoStore::setHeld(const QString &peer, bool held)
{
    m_store.setSetting(QStringLiteral("e2e/held/%1").arg(peer),
                       held ? QStringLiteral("1") : QString());
}

} // namespace linnet::client
