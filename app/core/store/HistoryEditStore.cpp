// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/HistoryEditStore.h"

#include "groups/GroupTypes.h"
#include "store/LocalStore.h"
#include "ClientLog.h"
#include "storage/SqlQuery.h"

#include <QVariant>

namespace linnet::client {

using storage::nonNull;
using storage::Query;
using storage::Transaction;

bool HistoryEditStore::requeue(const protocol::MessageId &id, const QByteArray &wireBody,
                               qint64 now)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    Query find(db, lcLocalStore, R"(SELECT conversation FROM messages
                      WHERE id = :id AND outgoing = 1 AND state = :failed)");
    if (!find.bind(":id", id.toBytes()).bind(":failed", int(DeliveryState::Failed)).first())
        return false;
    const QString conversation = find.value(0).toString();
    // attempts = 1: the server may have seen this id before, so it goes out as `again`.
    return Query(db, lcLocalStore, R"(UPDATE messages SET state = :queued WHERE id = :id)")
               .bind(":queued", int(DeliveryState::Queued))
               .bind(":id", id.toBytes())
               .exec() &&
           Query(db, lcLocalStore,
                 R"(INSERT OR REPLACE INTO outbox (id, recipient, body, created_at, attempts)
                        VALUES (:id, :recipient, :body, :createdAt, 1))")
               .bind(":id", id.toBytes())
               .bind(":recipient", conversation)
               .bind(":body", nonNull(wireBody))
               .bind(":createdAt", now)
               .exec() &&
           tx.commit();
}

bool HistoryEditStore::removeMessage(const protocol::MessageId &id)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    const auto conversation = m_store.conversationOf(id);
    if (!conversation)
        return false;
    if (!m_store.removeFromOutbox(id) ||
        !Query(db, lcLocalStore, R"(DELETE FROM messages WHERE id = :id)")
             .bind(":id", id.toBytes())
             .exec())
        return false;
    // The list's preview names the newest message that is left (or nothing).
    // The chat keeps its place in the list (last_activity stays).
    Query newest(db, lcLocalStore,
                 R"(SELECT text FROM messages WHERE conversation = :key AND kind < 100
                        ORDER BY (seq IS NULL) DESC, seq DESC, pos DESC LIMIT 1)");
    const bool any = newest.bind(":key", *conversation).first();
    return Query(db, lcLocalStore,
                 R"(UPDATE conversations SET last_message = :text WHERE key = :key)")
               .bind(":text", any ? nonNull(newest.value(0).toString()) : QStringLiteral(""))
               .bind(":key", *conversation)
               .exec() &&
           tx.commit();
}

bool HistoryEditStore::removeConversation(const QString &key)
{
    if (isGroupKey(key))
        return false;
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    Query del(db, lcLocalStore, R"(DELETE FROM conversations WHERE key = :key)");
    return Query(db, lcLocalStore, R"(DELETE FROM outbox WHERE id IN
                          (SELECT id FROM messages WHERE conversation = :key))")
               .bind(":key", key)
               .exec() &&
           Query(db, lcLocalStore, R"(DELETE FROM messages WHERE conversation = :key)")
               .bind(":key", key)
               .exec() &&
           del.bind(":key", key).exec() && del.affected() > 0 && tx.commit();
}

} // namespace linnet::client
