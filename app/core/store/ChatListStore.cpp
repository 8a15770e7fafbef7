// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ChatListStore.h"

#include "ClientLog.h"
#include "ClientTypes.h"
#include "store/LocalStore.h"
#include "storage/SqlQuery.h"

#include <QVariant>

namespace linnet::client {

using storage::Query;
using storage::Transaction;

bool ChatListStore::setColumn(const char *sql, const QString &conversation, qint64 value)
{
    Query q(m_store.database(), lcLocalStore, sql);
    return q.bind(":value", value).bind(":key", conversation).exec() && q.affected() > 0;
}

bool ChatListStore::setPinned(const QString &conversation, bool pinned)
{
    return setColumn(R"(UPDATE conversations SET pinned = :value WHERE key = :key)", conversation,
                     pinned ? 1 : 0);
}

bool ChatListStore::setMutedUntil(const QString &conversation, qint64 untilMs)
{
    return setColumn(R"(UPDATE conversations SET muted_until = :value WHERE key = :key)",
                     conversation, untilMs < 0 ? kMutedForever : untilMs);
}

bool ChatListStore::setArchived(const QString &conversation, bool archived)
{
    return setColumn(R"(UPDATE conversations SET archived = :value WHERE key = :key)", conversation,
                     archived ? 1 : 0);
}

bool ChatListStore::setMarkedUnread(const QString &conversation, bool marked)
{
    return setColumn(R"(UPDATE conversations SET marked_unread = :value WHERE key = :key)",
                     conversation, marked ? 1 : 0);
}

bool ChatListStore::isMuted(const QString &conversation, qint64 nowMs)
{
    const auto c = m_store.conversation(conversation);
    return c && c->isMuted(nowMs);
}

std::optional<QList<protocol::MessageId>> ChatListStore::clearHistory(const QString &conversation)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active() || !m_store.conversation(conversation))
        return std::nullopt;
    constexpr auto kCleared =
        R"(conversation = :key AND NOT (outgoing = 1 AND state = :queued AND seq IS NULL))";
    Query ids(db, lcLocalStore,
              QStringLiteral("SELECT id FROM messages WHERE kind = :file AND %1")
                  .arg(QLatin1String(kCleared)));
    ids.bind(":key", conversation)
        .bind(":queued", int(DeliveryState::Queued))
        .bind(":file", int(MessageKind::File));
    QList<protocol::MessageId> files;
    if (!ids.exec())
        return std::nullopt;
    while (ids.next())
        files << protocol::MessageId::fromBytes(ids.value(0).toByteArray())
                     .value_or(protocol::MessageId{});
    ids.finish();
    // Receipts, group events and attachments' rows go with their message (ON DELETE CASCADE).
    const bool ok =
        Query(db, lcLocalStore,
              QStringLiteral("DELETE FROM outbox WHERE id IN (SELECT id FROM messages WHERE %1)")
                  .arg(QLatin1String(kCleared)))
            .bind(":key", conversation)
            .bind(":queued", int(DeliveryState::Queued))
            .exec() &&
        Query(db, lcLocalStore,
              QStringLiteral("DELETE FROM messages WHERE %1").arg(QLatin1String(kCleared)))
            .bind(":key", conversation)
            .bind(":queued", int(DeliveryState::Queued))
            .exec() &&
        Query(db, lcLocalStore, R"(UPDATE conversations SET last_message = '', unread = 0,
                                   marked_unread = 0 WHERE key = :key)")
            .bind(":key", conversation)
            .exec();
    if (!ok || !tx.commit())
        return std::nullopt;
    return files;
}

} // namespace linnet::client
