// SPDX-License-Identifier: GPL-3.0-or-later
// LocalStore's reads: one message, a page of a chat in display order, the chats.
#include "store/LocalStore.h"

#include "ClientLog.h"
#include "storage/SqlQuery.h"

#include <QVariant>

#include <algorithm>

namespace linnet::client {

namespace {

using protocol::MessageId;
using storage::Query;

/*
 * Paging positions. A message's position is its 1-based rank in the
 * conversation's display order, whose sort key is (seq IS NULL, seq, pos):
 * sequenced messages by seq, then still-queued ones by local insertion order.
 * Ranks compare like display order, and messages(conv, n, rank) is simply
 * "the n rows at ranks [rank-n, rank-1]", so consecutive pages neither overlap
 * nor skip. A rank is a snapshot: an out-of-order arrival earlier in the
 * conversation shifts later ranks, so take messagePosition() right before
 * calling messages() (the store is single-threaded, so that pair is
 * consistent). Unknown ids have position -1, which yields an empty page.
 */
constexpr auto kDisplayOrder = R"(ORDER BY (seq IS NULL), seq, pos)";
/* Rows shown in a chat: actions on another message (kinds 100 and up) are not. */
constexpr auto kShown = R"(kind < 100)";

constexpr auto kMessageColumns =
    R"(id, conversation, sender, outgoing, text, seq, sent_at, state, kind, sender_time,
        reply_to, reply_from, reply_text, reply_kind, target, edited_at, deleted, forwarded)";

ChatMessage readMessage(const Query &q)
{
    ChatMessage m;
    m.id = MessageId::fromBytes(q.value(0).toByteArray()).value_or(MessageId{});
    m.conversation = q.value(1).toString();
    m.sender = q.value(2).toString();
    m.outgoing = q.value(3).toInt() != 0;
    m.text = q.value(4).toString();
    m.seq = q.value(5).toULongLong();
    m.sentAt = q.value(6).toLongLong();
    m.state = DeliveryState(q.value(7).toInt());
    m.kind = MessageKind(q.value(8).toInt());
    m.senderTime = q.value(9).toLongLong();
    if (const auto replyTo = MessageId::fromBytes(q.value(10).toByteArray())) {
        protocol::ReplyRef reply{*replyTo, q.value(11).toString(), q.value(12).toString()};
        if (!q.value(13).isNull())
            reply.fileKind = protocol::FileKind(q.value(13).toInt() - 1);
        m.replyTo = reply;
    }
    m.target = MessageId::fromBytes(q.value(14).toByteArray()).value_or(MessageId{});
    m.editedAt = q.value(15).toLongLong();
    m.deleted = q.value(16).toInt() != 0;
    m.forwarded = q.value(17).toInt() != 0;
    return m;
}

Conversation readConversation(const Query &q)
{
    Conversation c;
    c.key = q.value(0).toString();
    c.peer = q.value(1).toString();
    c.serverId = q.value(2).toLongLong();
    c.lastMessage = q.value(3).toString();
    c.lastActivity = q.value(4).toLongLong();
    c.unread = q.value(5).toInt();
    c.readUpToSeq = q.value(6).toULongLong();
    c.contiguousSeq = q.value(7).toULongLong();
    c.maxSeq = q.value(8).toULongLong();
    c.isGroup = q.value(9).toInt() == 1;
    c.draft = q.value(10).toString();
    c.pinned = q.value(11).toInt() != 0;
    c.mutedUntil = q.value(12).toLongLong();
    c.archived = q.value(13).toInt() != 0;
    c.markedUnread = q.value(14).toInt() != 0;
    return c;
}

} // namespace

// --- queries --------------------------------------------------------------------------

std::optional<ChatMessage> LocalStore::message(const MessageId &id)
{
    Query q(
        database(), lcLocalStore,
        (QByteArray("SELECT ") + kMessageColumns + " FROM messages WHERE id = :id").constData());
    if (!q.bind(":id", id.toBytes()).first())
        return std::nullopt;
    return readMessage(q);
}

namespace {
constexpr auto kConversationColumns =
    R"(key, peer, server_id, last_message, last_activity, unread, read_up_to, contiguous_seq, max_seq,
        kind, draft, pinned, muted_until, archived, marked_unread)";
}

QList<Conversation> LocalStore::conversations()
{
    QList<Conversation> list;
    Query q(database(), lcLocalStore,
            (QByteArray("SELECT ") + kConversationColumns +
             " FROM conversations ORDER BY pinned DESC, last_activity DESC, key")
                .constData());
    if (!q.exec())
        return list;
    while (q.next())
        list.append(readConversation(q));
    return list;
}

std::optional<Conversation> LocalStore::conversation(const QString &key)
{
    Query q(database(), lcLocalStore,
            (QByteArray("SELECT ") + kConversationColumns + " FROM conversations WHERE key = :key")
                .constData());
    if (!q.bind(":key", key).first())
        return std::nullopt;
    return readConversation(q);
}

std::optional<QString> LocalStore::conversationForServerId(qint64 serverId)
{
    if (serverId <= 0)
        return std::nullopt;
    Query q(database(), lcLocalStore, R"(SELECT key FROM conversations WHERE server_id = :sid)");
    if (!q.bind(":sid", serverId).first())
        return std::nullopt;
    return q.value(0).toString();
}

QList<ChatMessage> LocalStore::messages(const QString &conversation, int limit, qint64 before)
{
    QList<ChatMessage> page;
    if (limit <= 0 || before < 0)
        return page;
    const qint64 total = messageCount(conversation);
    // Rows strictly before rank `before` are ranks 1..before-1 (see kDisplayOrder).
    const qint64 end = before == 0 ? total : std::min(total, before - 1);
    const qint64 offset = std::max<qint64>(0, end - limit);
    const qint64 count = end - offset;
    if (count <= 0)
        return page;
    Query q(database(), lcLocalStore,
            (QByteArray("SELECT ") + kMessageColumns +
             " FROM messages WHERE conversation = :key AND " + kShown + " " + kDisplayOrder +
             " LIMIT :limit OFFSET :offset")
                .constData());
    if (!q.bind(":key", conversation).bind(":limit", count).bind(":offset", offset).exec())
        return page;
    while (q.next())
        page.append(readMessage(q));
    return page;
}

qint64 LocalStore::messagePosition(const MessageId &id)
{
    // The anchor's rank: how many rows of its conversation sort at or before it.
    Query q(database(), lcLocalStore, R"(SELECT COUNT(m.pos) FROM messages AS a
                           JOIN messages AS m ON m.conversation = a.conversation
                           WHERE a.id = :id AND a.kind < 100 AND m.kind < 100
                             AND ((m.seq IS NULL), COALESCE(m.seq, 0), m.pos)
                                 <= ((a.seq IS NULL), COALESCE(a.seq, 0), a.pos))");
    if (!q.bind(":id", id.toBytes()).first())
        return -1;
    const qint64 rank = q.value(0).toLongLong();
    return rank > 0 ? rank : -1;
}

int LocalStore::messageCount(const QString &conversation)
{
    Query q(database(), lcLocalStore,
            R"(SELECT COUNT(*) FROM messages WHERE conversation = :key AND kind < 100)");
    if (!q.bind(":key", conversation).first())
        return 0;
    return q.value(0).toInt();
}

} // namespace linnet::client
