// SPDX-License-Identifier: GPL-3.0-or-later
// LocalStore's receipts: own messages moving forward to delivered and read, and this
// user's read position. The rest of the class is in LocalStore.cpp.
#include "store/LocalStore.h"

#include "ClientLog.h"
#include "storage/SqlQuery.h"

#include <QVariant>

#include <algorithm>

namespace linnet::client {

using protocol::MessageId;
using storage::Query;
using storage::Transaction;

// --- receipts -------------------------------------------------------------------------

QList<MessageId> LocalStore::advanceState(const QList<MessageId> &ids, DeliveryState state)
{
    QList<MessageId> changed;
    if (state == DeliveryState::Queued || state == DeliveryState::Failed || ids.isEmpty())
        return changed; // receipts only move forward, and never to or from Failed
    const QSqlDatabase db = database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return changed;
    for (const MessageId &id : ids) {
        if (changed.contains(id))
            continue;
        Query q(db, lcLocalStore, R"(UPDATE messages SET state = :target
                       WHERE id = :id AND outgoing = 1 AND state < :target2)");
        if (!q.bind(":target", int(state))
                 .bind(":id", id.toBytes())
                 .bind(":target2", int(state))
                 .exec())
            return {};
        if (q.affected() > 0)
            changed.append(id);
    }
    return tx.commit() ? changed : QList<MessageId>{};
}

QList<MessageId> LocalStore::markPeerReadUpTo(const QString &conversation, quint64 seq)
{
    QList<MessageId> changed;
    if (seq == 0)
        return changed;
    const QSqlDatabase db = database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return changed;
    // Failed (4) is above Read numerically, so "state < Read" also leaves it alone.
    {
        Query q(db, lcLocalStore, R"(SELECT id FROM messages
                       WHERE conversation = :key AND outgoing = 1 AND seq IS NOT NULL
                         AND seq <= :seq AND state < :read ORDER BY seq)");
        if (!q.bind(":key", conversation)
                 .bind(":seq", qint64(seq))
                 .bind(":read", int(DeliveryState::Read))
                 .exec())
            return {};
        while (q.next())
            changed.append(MessageId::fromBytes(q.value(0).toByteArray()).value_or(MessageId{}));
    }
    if (changed.isEmpty())
        return changed;
    if (!Query(db, lcLocalStore, R"(UPDATE messages SET state = :read
                      WHERE conversation = :key AND outgoing = 1 AND seq IS NOT NULL
                        AND seq <= :seq AND state < :read2)")
             .bind(":read", int(DeliveryState::Read))
             .bind(":key", conversation)
             .bind(":seq", qint64(seq))
             .bind(":read2", int(DeliveryState::Read))
             .exec())
        return {};
    return tx.commit() ? changed : QList<MessageId>{};
}

std::optional<quint64> LocalStore::markViewed(const QString &conversation)
{
    const QSqlDatabase db = database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return std::nullopt;
    Query cur(db, lcLocalStore, R"(SELECT read_up_to,
                            (SELECT COALESCE(MAX(seq), 0) FROM messages
                             WHERE conversation = :key AND outgoing = 0)
                     FROM conversations WHERE key = :key2)");
    if (!cur.bind(":key", conversation).bind(":key2", conversation).first())
        return std::nullopt;
    const quint64 before = cur.value(0).toULongLong();
    const quint64 newest = cur.value(1).toULongLong();
    const quint64 after = std::max(before, newest);
    if (!Query(db, lcLocalStore,
               R"(UPDATE conversations SET unread = 0, read_up_to = :upTo WHERE key = :key)")
             .bind(":upTo", qint64(after))
             .bind(":key", conversation)
             .exec() ||
        !tx.commit())
        return std::nullopt;
    if (after > before)
        return after;
    return std::nullopt;
}

} // namespace linnet::client
