// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/LocalStore.h"

#include "ClientLog.h"
#include "store/ClientMigrations.h"
#include "store/EditStore.h"
#include "protocol/Limits.h"
#include "storage/SqlQuery.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

namespace linnet::client {

namespace {

using protocol::ErrorCode;
using protocol::makeError;
using protocol::MessageId;
using storage::nonNull;
using storage::Query;
using storage::seqValue;
using storage::Transaction;

std::atomic<quint64> g_connectionCounter{0};

bool insertConversationIfMissing(const QSqlDatabase &db, const QString &key, const QString &peer)
{
    return Query(db, lcLocalStore, R"(INSERT OR IGNORE INTO conversations (key, kind, peer)
                        VALUES (:key, 0, :peer))")
        .bind(":key", key)
        .bind(":peer", nonNull(peer))
        .exec();
}

bool messageExists(const QSqlDatabase &db, const MessageId &id)
{
    return Query(db, lcLocalStore, R"(SELECT 1 FROM messages WHERE id = :id)")
        .bind(":id", id.toBytes())
        .first();
}

/** Records the server's id for @p key unless known, or already taken by another key. */
bool setServerId(const QSqlDatabase &db, const QString &key, qint64 serverId)
{
    if (serverId <= 0)
        return true;
    return Query(db, lcLocalStore, R"(UPDATE conversations SET server_id = :sid
                        WHERE key = :key AND server_id IS NULL
                          AND NOT EXISTS (SELECT 1 FROM conversations WHERE server_id = :taken))")
        .bind(":sid", serverId)
        .bind(":key", key)
        .bind(":taken", serverId)
        .exec();
}

/** After @p seq was stored in @p key: raise max_seq and walk contiguous_seq forward. */
bool updateSeqCursors(const QSqlDatabase &db, const QString &key, quint64 seq)
{
    if (seq == 0)
        return true;
    if (!Query(db, lcLocalStore,
               R"(UPDATE conversations SET max_seq = MAX(max_seq, :seq) WHERE key = :key)")
             .bind(":seq", qint64(seq))
             .bind(":key", key)
             .exec())
        return false;
    Query cur(db, lcLocalStore, R"(SELECT contiguous_seq FROM conversations WHERE key = :key)");
    if (!cur.bind(":key", key).first())
        return false;
    qint64 contiguous = cur.value(0).toLongLong();
    const qint64 start = contiguous;
    // Incremental: only the run right after the old cursor can have been completed.
    while (Query(db, lcLocalStore,
                 R"(SELECT 1 FROM messages WHERE conversation = :key AND seq = :next)")
               .bind(":key", key)
               .bind(":next", contiguous + 1)
               .first())
        ++contiguous;
    if (contiguous == start)
        return true;
    return Query(db, lcLocalStore,
                 R"(UPDATE conversations SET contiguous_seq = :c WHERE key = :key)")
        .bind(":c", contiguous)
        .bind(":key", key)
        .exec();
}

bool touchConversation(const QSqlDatabase &db, const QString &key, const ChatMessage &m)
{
    return Query(db, lcLocalStore,
                 R"(UPDATE conversations SET last_message = :text, last_activity = :at
                        WHERE key = :key)")
        .bind(":text", nonNull(m.text))
        .bind(":at", m.sentAt)
        .bind(":key", key)
        .exec();
}

bool insertMessage(const QSqlDatabase &db, const ChatMessage &m)
{
    return Query(db, lcLocalStore, R"(INSERT INTO messages
                          (id, conversation, seq, sender, outgoing, text, sent_at, state, kind,
                           sender_time, reply_to, reply_from, reply_text, reply_kind, target,
                           forwarded)
                        VALUES (:id, :conversation, :seq, :sender, :outgoing, :text, :sentAt,
                                :state, :kind, :senderTime, :replyTo, :replyFrom, :replyText,
                                :replyKind, :target, :forwarded))")
        .bind(":id", m.id.toBytes())
        .bind(":conversation", m.conversation)
        .bind(":seq", seqValue(m.seq))
        .bind(":sender", nonNull(m.sender))
        .bind(":outgoing", m.outgoing ? 1 : 0)
        .bind(":text", nonNull(m.text))
        .bind(":sentAt", m.sentAt)
        .bind(":state", int(m.state))
        .bind(":kind", int(m.kind))
        .bind(":senderTime", m.senderTime)
        .bind(":replyTo", m.replyTo ? QVariant(m.replyTo->id.toBytes()) : QVariant())
        .bind(":replyFrom", m.replyTo ? QVariant(m.replyTo->from) : QVariant())
        .bind(":replyText", m.replyTo ? QVariant(m.replyTo->text) : QVariant())
        .bind(":replyKind", m.replyTo && m.replyTo->fileKind
                                ? QVariant(int(*m.replyTo->fileKind) + 1)
                                : QVariant())
        .bind(":target", m.target.isNull() ? QVariant() : QVariant(m.target.toBytes()))
        .bind(":forwarded", m.forwarded ? 1 : 0)
        .exec();
}

std::optional<protocol::Error> validate(const ChatMessage &m)
{
    if (m.id.isNull())
        return makeError(ErrorCode::InvalidField, QStringLiteral("message id is missing"));
    if (m.conversation.isEmpty())
        return makeError(ErrorCode::InvalidField, QStringLiteral("message has no conversation"));
    return std::nullopt;
}

protocol::Error internal(const QString &what)
{
    return makeError(ErrorCode::InternalError, what);
}

/**
 * How every write of one message starts: @p message is checked, and only a valid one
 * begins @p tx on @p db. The error to return if either fails.
 */
std::optional<protocol::Error> beginMessageWrite(const QSqlDatabase &db, const ChatMessage &message,
                                                 std::optional<Transaction> &tx)
{
    if (auto invalid = validate(message))
        return invalid;
    tx.emplace(db, lcLocalStore);
    if (!tx->active())
        return internal(QStringLiteral("cannot begin transaction: %1").arg(db.lastError().text()));
    return std::nullopt;
}

} // namespace

LocalStore::LocalStore(QString path)
    : m_path(std::move(path)),
      m_connectionName(QStringLiteral("linnet.localstore.%1").arg(++g_connectionCounter))
{
    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
}

LocalStore::~LocalStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase LocalStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

protocol::Status LocalStore::open()
{
    QSqlDatabase db = database();
    if (!db.isValid())
        return internal(QStringLiteral("the SQLite driver (QSQLITE) is not available"));
    if (db.isOpen())
        return {};
    if (const auto checked = checkFiles(); !checked)
        return checked;
    db.setDatabaseName(m_path);
    if (!db.open())
        return internal(QStringLiteral("cannot open %1: %2").arg(m_path, db.lastError().text()));

    // journal_mode answers with the resulting mode; ":memory:" cannot use WAL.
    std::vector<std::pair<const char *, const char *>> pragmas{
        {"PRAGMA foreign_keys = ON", nullptr},
        {"PRAGMA busy_timeout = 5000", nullptr},
        {"PRAGMA synchronous = FULL", nullptr},
        // Deleted rows (used prekeys, dropped sessions, messages) are overwritten with
        // zeros instead of lingering in free pages of the file.
        {"PRAGMA secure_delete = ON", "1"}};
    if (m_path != QLatin1String(":memory:"))
        pragmas.emplace_back("PRAGMA journal_mode = WAL", "wal");
    for (const auto &[pragma, expected] : pragmas) {
        QString reason;
        {
            QSqlQuery q(db);
            if (!q.exec(QString::fromUtf8(pragma)))
                reason = q.lastError().text();
            else if (expected && (!q.next() || q.value(0).toString() != QLatin1String(expected)))
                reason = QStringLiteral("unexpected result %1").arg(q.value(0).toString());
        }
        if (!reason.isEmpty()) {
            db.close();
            return internal(QStringLiteral("%1 on %2 failed: %3")
                                .arg(QString::fromUtf8(pragma), m_path, reason));
        }
    }
    const auto migrated = migrateClientDatabase(db);
    if (!migrated) {
        db.close();
        return migrated.error();
    }
    return {};
}

// --- outgoing -------------------------------------------------------------------------

protocol::Status LocalStore::addOutgoing(const ChatMessage &message, const QByteArray &wireBody)
{
    return addOutgoingHeld(message, [&](const QSqlDatabase &db) {
        return Query(db, lcLocalStore,
                     R"(INSERT INTO outbox (id, recipient, body, created_at, attempts)
                      VALUES (:id, :recipient, :body, :createdAt, 0))")
            .bind(":id", message.id.toBytes())
            .bind(":recipient", message.conversation)
            .bind(":body", nonNull(wireBody))
            .bind(":createdAt", message.sentAt)
            .exec();
    });
}

protocol::Status LocalStore::addOutgoingHeld(const ChatMessage &message,
                                             const std::function<bool(const QSqlDatabase &)> &also)
{
    const QSqlDatabase db = database();
    std::optional<Transaction> tx;
    if (const auto failed = beginMessageWrite(db, message, tx))
        return *failed;
    if (messageExists(db, message.id))
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("message %1 is already stored").arg(message.id.toHex()));
    ChatMessage m = message;
    m.outgoing = true;
    if (!insertConversationIfMissing(db, m.conversation, m.conversation) || !insertMessage(db, m) ||
        (also && !also(db)) || !updateSeqCursors(db, m.conversation, m.seq) ||
        (!isAction(m.kind) && !touchConversation(db, m.conversation, m)) ||
        !EditStore::applyStored(db, m))
        return internal(
            QStringLiteral("cannot store outgoing message %1: %2").arg(m.id.toHex(), lastError()));
    if (!tx->commit())
        return internal(
            QStringLiteral("cannot commit outgoing message %1: %2").arg(m.id.toHex(), lastError()));
    return {};
}

bool LocalStore::queueOutgoing(const OutboxItem &item)
{
    QByteArray media;
    for (const QByteArray &blob : item.media)
        media += blob;
    const QSqlDatabase db = database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    Query upd(db, lcLocalStore, R"(UPDATE messages SET state = :queued
                      WHERE id = :id AND outgoing = 1 AND state IN (:queued, :failed))");
    if (!upd.bind(":queued", int(DeliveryState::Queued))
             .bind(":failed", int(DeliveryState::Failed))
             .bind(":id", item.id.toBytes())
             .exec() ||
        upd.affected() == 0)
        return false;
    return Query(db, lcLocalStore,
                 R"(INSERT OR REPLACE INTO outbox (id, recipient, body, created_at, attempts, media)
                        VALUES (:id, :recipient, :body, :createdAt, :attempts, :media))")
               .bind(":id", item.id.toBytes())
               .bind(":recipient", item.recipient)
               .bind(":body", nonNull(item.body))
               .bind(":createdAt", item.createdAt)
               .bind(":attempts", item.attempts)
               .bind(":media", nonNull(media))
               .exec() &&
           tx.commit();
}

bool LocalStore::setQueued(const MessageId &id)
{
    Query q(database(), lcLocalStore, R"(UPDATE messages SET state = :queued
                      WHERE id = :id AND outgoing = 1 AND state = :failed)");
    return q.bind(":queued", int(DeliveryState::Queued))
               .bind(":failed", int(DeliveryState::Failed))
               .bind(":id", id.toBytes())
               .exec() &&
           q.affected() > 0;
}

QList<OutboxItem> LocalStore::outbox()
{
    QList<OutboxItem> items;
    Query q(database(), lcLocalStore,
            R"(SELECT id, recipient, body, created_at, attempts, media FROM outbox
                           ORDER BY created_at, rowid)");
    if (!q.exec())
        return items;
    while (q.next()) {
        OutboxItem item;
        item.id = MessageId::fromBytes(q.value(0).toByteArray()).value_or(MessageId{});
        item.recipient = q.value(1).toString();
        item.body = q.value(2).toByteArray();
        item.createdAt = q.value(3).toLongLong();
        item.attempts = q.value(4).toInt();
        const QByteArray media = q.value(5).toByteArray();
        for (qsizetype at = 0; at + protocol::kBlobIdBytes <= media.size();
             at += protocol::kBlobIdBytes)
            item.media.append(media.mid(at, protocol::kBlobIdBytes));
        items.append(item);
    }
    return items;
}

void LocalStore::countAttempt(const MessageId &id)
{
    Query(database(), lcLocalStore, R"(UPDATE outbox SET attempts = attempts + 1 WHERE id = :id)")
        .bind(":id", id.toBytes())
        .exec();
}

bool LocalStore::markSent(const MessageId &id, qint64 serverConversation, quint64 seq,
                          qint64 serverTime)
{
    const QSqlDatabase db = database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    const auto key = conversationOf(id);
    if (!key)
        return false;
    // A receipt may have overtaken the ack: only Queued (or a premature Failed —
    // the ack proves the server took it) become Sent.
    const bool ok = removeFromOutbox(id) &&
                    Query(db, lcLocalStore, R"(UPDATE messages
                     SET seq = COALESCE(:seq, seq), sent_at = :at,
                         state = CASE WHEN state IN (:queued, :failed) THEN :sent ELSE state END
                     WHERE id = :id)")
                        .bind(":seq", seqValue(seq))
                        .bind(":at", serverTime)
                        .bind(":queued", int(DeliveryState::Queued))
                        .bind(":failed", int(DeliveryState::Failed))
                        .bind(":sent", int(DeliveryState::Sent))
                        .bind(":id", id.toBytes())
                        .exec() &&
                    setServerId(db, *key, serverConversation) && updateSeqCursors(db, *key, seq);
    return ok && tx.commit();
}

std::optional<QString> LocalStore::conversationOf(const MessageId &id)
{
    Query find(database(), lcLocalStore, R"(SELECT conversation FROM messages WHERE id = :id)");
    if (!find.bind(":id", id.toBytes()).first())
        return std::nullopt;
    return find.value(0).toString();
}

bool LocalStore::removeFromOutbox(const MessageId &id)
{
    return Query(database(), lcLocalStore, R"(DELETE FROM outbox WHERE id = :id)")
        .bind(":id", id.toBytes())
        .exec();
}

bool LocalStore::moveToSeq(const MessageId &id, quint64 seq)
{
    const auto m = message(id);
    if (!m || seq == 0 || m->seq == seq)
        return false;
    const QSqlDatabase db = database();
    Transaction tx(db, lcLocalStore);
    return tx.active() &&
           Query(db, lcLocalStore, R"(UPDATE messages SET seq = :seq WHERE id = :id)")
               .bind(":seq", qint64(seq))
               .bind(":id", id.toBytes())
               .exec() &&
           updateSeqCursors(db, m->conversation, seq) && tx.commit();
}

bool LocalStore::markFailed(const MessageId &id)
{
    const QSqlDatabase db = database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    Query del(db, lcLocalStore, R"(DELETE FROM outbox WHERE id = :id)");
    if (!del.bind(":id", id.toBytes()).exec())
        return false;
    const bool hadOutbox = del.affected() > 0;
    // Only a message the server never acked can fail.
    Query upd(db, lcLocalStore,
              R"(UPDATE messages SET state = :failed WHERE id = :id AND state = :queued)");
    if (!upd.bind(":failed", int(DeliveryState::Failed))
             .bind(":id", id.toBytes())
             .bind(":queued", int(DeliveryState::Queued))
             .exec())
        return false;
    const bool changed = upd.affected() > 0;
    return tx.commit() && (changed || hadOutbox);
}

// --- incoming -------------------------------------------------------------------------

protocol::Result<bool>
LocalStore::addIncoming(const ChatMessage &message, qint64 serverConversation,
                        const std::function<bool(const QSqlDatabase &)> &also)
{
    const QSqlDatabase db = database();
    std::optional<Transaction> tx;
    if (const auto failed = beginMessageWrite(db, message, tx))
        return *failed;
    if (messageExists(db, message.id))
        return false;
    const QString &key = message.conversation;
    if (!insertConversationIfMissing(db, key, key))
        return internal(QStringLiteral("cannot create conversation %1").arg(key));
    Query cur(db, lcLocalStore, R"(SELECT max_seq FROM conversations WHERE key = :key)");
    if (!cur.bind(":key", key).first())
        return internal(QStringLiteral("cannot read conversation %1").arg(key));
    const quint64 maxSeq = cur.value(0).toULongLong();
    const bool newest = message.seq == 0 || message.seq > maxSeq;

    bool ok = insertMessage(db, message) && (!also || also(db)) &&
              setServerId(db, key, serverConversation) && updateSeqCursors(db, key, message.seq);
    // An action (a reaction) is no new message: neither unread nor the chat's preview.
    if (ok && !message.outgoing && message.kind != MessageKind::GroupEvent &&
        !isAction(message.kind))
        ok = Query(db, lcLocalStore,
                   R"(UPDATE conversations SET unread = unread + 1 WHERE key = :key)")
                 .bind(":key", key)
                 .exec();
    if (ok && newest && !isAction(message.kind))
        ok = touchConversation(db, key, message);
    ok = ok && EditStore::applyStored(db, message);
    if (!ok || !tx->commit())
        return internal(
            QStringLiteral("cannot store message %1: %2").arg(message.id.toHex(), lastError()));
    return true;
}

// --- conversations ------------------------------------------------------------------

void LocalStore::ensureConversation(const QString &key, const QString &peer)
{
    if (key.isEmpty())
        return;
    insertConversationIfMissing(database(), key, peer);
}

// --- settings -------------------------------------------------------------------------

QString LocalStore::setting(const QString &key, const QString &fallback)
{
    Query q(database(), lcLocalStore, R"(SELECT value FROM settings WHERE key = :key)");
    if (!q.bind(":key", key).first())
        return fallback;
    return q.value(0).toString();
}

void LocalStore::setSetting(const QString &key, const QString &value)
{
    Query(database(), lcLocalStore, R"(INSERT INTO settings (key, value) VALUES (:key, :value)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value)")
        .bind(":key", key)
        .bind(":value", nonNull(value))
        .exec();
}

} // namespace linnet::client
