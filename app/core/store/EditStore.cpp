// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/EditStore.h"

#include "ClientLog.h"
#include "store/HistoryEditStore.h"
#include "store/LocalStore.h"
#include "storage/SqlQuery.h"

#include <QVariant>

namespace linnet::client {

using storage::Query;

namespace {

/* The actions of kind :kind on message t (the outer row) that count: same chat, same
 * sender, within :window of the message by the sender's clock (sent_at where an older
 * client gave no time of its own). */
constexpr auto kValidAction = R"(a.target = t.id AND a.kind = :kind
        AND a.conversation = t.conversation AND a.sender = t.sender
        AND (CASE WHEN a.sender_time <> 0 THEN a.sender_time ELSE a.sent_at END)
          - (CASE WHEN t.sender_time <> 0 THEN t.sender_time ELSE t.sent_at END) <= :window)";

bool applyTo(const QSqlDatabase &db, const protocol::MessageId &target)
{
    const QByteArray id = target.toBytes();
    Query del(db, lcLocalStore,
              QStringLiteral(R"(UPDATE messages AS t SET deleted = 1, text = '', reply_to = NULL,
                   reply_from = NULL, reply_text = NULL, reply_kind = NULL
                 WHERE t.id = :id AND t.kind < 100 AND t.deleted = 0
                   AND EXISTS (SELECT 1 FROM messages AS a WHERE %1))")
                  .arg(QLatin1String(kValidAction)));
    if (!del.bind(":id", id)
             .bind(":kind", int(MessageKind::Delete))
             .bind(":window", protocol::kDeleteWindowMs)
             .exec())
        return false;
    if (del.affected() > 0) {
        // Nothing of what it said is kept: not the texts its edits gave it either.
        return Query(db, lcLocalStore,
                     R"(UPDATE messages SET text = '' WHERE target = :id AND kind = :edit)")
                   .bind(":id", id)
                   .bind(":edit", int(MessageKind::Edit))
                   .exec() &&
               Query(db, lcLocalStore, R"(UPDATE conversations SET last_message = ''
                     WHERE key = (SELECT conversation FROM messages WHERE id = :id)
                       AND NOT EXISTS (SELECT 1 FROM messages AS n, messages AS t
                           WHERE t.id = :id AND n.conversation = t.conversation
                             AND n.kind < 100 AND n.pos > t.pos))")
                   .bind(":id", id)
                   .exec();
    }
    // The newest edit that counts (by the author's clock, then arrival) gives the text.
    Query edit(db, lcLocalStore,
               QStringLiteral(R"(SELECT a.text, a.sender_time, t.pos, t.conversation
                   FROM messages AS a, messages AS t
                   WHERE t.id = :id AND t.kind < 100 AND t.deleted = 0 AND %1
                   ORDER BY a.sender_time DESC, a.pos DESC LIMIT 1)")
                   .arg(QLatin1String(kValidAction)));
    if (!edit.bind(":id", id)
             .bind(":kind", int(MessageKind::Edit))
             .bind(":window", protocol::kEditWindowMs)
             .exec())
        return false;
    if (!edit.next())
        return true;
    const QString text = edit.value(0).toString();
    const qint64 editedAt = qMax<qint64>(edit.value(1).toLongLong(), 1);
    Query apply(db, lcLocalStore, R"(UPDATE messages SET text = :text, edited_at = :at
                  WHERE id = :id AND edited_at <> :at)");
    if (!apply.bind(":text", text).bind(":at", editedAt).bind(":id", id).exec())
        return false;
    if (apply.affected() == 0)
        return true;
    // The chat's preview follows when it was the newest message.
    return Query(db, lcLocalStore, R"(UPDATE conversations SET last_message = :text
                     WHERE key = :key AND NOT EXISTS (SELECT 1 FROM messages AS n
                         WHERE n.conversation = :key AND n.kind < 100 AND n.pos > :pos))")
        .bind(":text", text)
        .bind(":key", edit.value(3).toString())
        .bind(":pos", edit.value(2).toLongLong())
        .exec();
}

} // namespace

bool EditStore::applyStored(const QSqlDatabase &db, const ChatMessage &stored)
{
    if (stored.kind == MessageKind::Edit || stored.kind == MessageKind::Delete)
        return applyTo(db, stored.target);
    if (isAction(stored.kind))
        return true;
    return applyTo(db, stored.id);
}

bool EditStore::deleteForMe(const protocol::MessageId &id)
{
    const auto m = m_store.message(id);
    if (!m || isAction(m->kind))
        return false;
    // The message first: actions left behind by a failure after it show nothing.
    return HistoryEditStore(m_store).removeMessage(id) &&
           Query(m_store.database(), lcLocalStore, R"(DELETE FROM messages WHERE target = :id)")
               .bind(":id", id.toBytes())
               .exec();
}

} // namespace linnet::client
