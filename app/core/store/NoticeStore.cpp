// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/NoticeStore.h"

#include "store/LocalStore.h"
#include "ClientLog.h"
#include "storage/SqlQuery.h"

namespace linnet::client {

using storage::Query;

std::optional<ChatMessage> NoticeStore::add(const QString &conversation, const QString &text,
                                            qint64 now)
{
    m_store.ensureConversation(conversation, conversation);
    const QSqlDatabase db = m_store.database();
    Query cur(db, lcLocalStore, R"(SELECT max_seq FROM conversations WHERE key = :key)");
    if (!cur.bind(":key", conversation).first())
        return std::nullopt;
    ChatMessage m;
    m.id = protocol::MessageId::generate();
    m.conversation = conversation;
    m.text = text;
    m.sentAt = now;
    m.kind = MessageKind::Notice;
    m.state = DeliveryState::Delivered;
    // The seq of the newest message so far (0 sorts before everything): display
    // order puts the notice right after it, and the seq cursors ignore notices.
    m.seq = cur.value(0).toULongLong();
    const bool stored = Query(db, lcLocalStore, R"(INSERT INTO messages
                       (id, conversation, seq, sender, outgoing, text, sent_at, state, kind)
                     VALUES (:id, :conversation, :seq, '', 0, :text, :at, :state, :kind))")
                            .bind(":id", m.id.toBytes())
                            .bind(":conversation", conversation)
                            .bind(":seq", qint64(m.seq))
                            .bind(":text", text)
                            .bind(":at", now)
                            .bind(":state", int(m.state))
                            .bind(":kind", int(m.kind))
                            .exec();
    if (!stored)
        return std::nullopt;
    return m;
}

} // namespace linnet::client
