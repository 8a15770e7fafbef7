// SPDX-License-Identifier: GPL-3.0-or-later
#include "groups/LocalGroupStore.h"

#include "store/LocalStore.h"
#include "ClientLog.h"
#include "storage/SqlQuery.h"

#include <QtEndian>

namespace linnet::client {

using protocol::GroupOp;
using protocol::MessageId;
using storage::nonNull;
using storage::Query;
using storage::Transaction;

namespace {

bool upsertGroupRow(const QSqlDatabase &db, const QString &key, qint64 serverId,
                    const QString &name, bool member, qint64 now)
{
    // The conversation first (groups references it); its peer column is the name.
    return Query(db, lcLocalStore,
                 R"(INSERT INTO conversations (key, kind, peer) VALUES (:key, 1, :name)
                        ON CONFLICT (key) DO UPDATE SET kind = 1, peer = excluded.peer)")
               .bind(":key", key)
               .bind(":name", nonNull(name))
               .exec() &&
           Query(db, lcLocalStore, R"(UPDATE conversations SET server_id = :sid
                        WHERE key = :key AND server_id IS NULL)")
               .bind(":sid", serverId)
               .bind(":key", key)
               .exec() &&
           Query(db, lcLocalStore,
                 R"(INSERT INTO groups (conversation, server_id, name, member, created_at)
                        VALUES (:key, :sid, :name, :member, :now)
                        ON CONFLICT (conversation) DO UPDATE SET
                          name = excluded.name, member = excluded.member)")
               .bind(":key", key)
               .bind(":sid", serverId)
               .bind(":name", nonNull(name))
               .bind(":member", member ? 1 : 0)
               .bind(":now", now)
               .exec();
}

bool setMember(const QSqlDatabase &db, const QString &key, const QString &user,
               std::optional<bool> admin)
{
    if (!Query(db, lcLocalStore, R"(INSERT OR IGNORE INTO group_members (conversation, user, admin)
                      VALUES (:key, :user, 0))")
             .bind(":key", key)
             .bind(":user", user)
             .exec())
        return false;
    if (!admin)
        return true;
    return Query(db, lcLocalStore, R"(UPDATE group_members SET admin = :admin
                        WHERE conversation = :key AND user = :user)")
        .bind(":admin", *admin ? 1 : 0)
        .bind(":key", key)
        .bind(":user", user)
        .exec();
}

bool dropMember(const QSqlDatabase &db, const QString &key, const QString &user)
{
    return Query(db, lcLocalStore,
                 R"(DELETE FROM group_members WHERE conversation = :key AND user = :user)")
        .bind(":key", key)
        .bind(":user", user)
        .exec();
}

bool setName(const QSqlDatabase &db, const QString &key, const QString &name)
{
    return Query(db, lcLocalStore, R"(UPDATE groups SET name = :name WHERE conversation = :key)")
               .bind(":name", nonNull(name))
               .bind(":key", key)
               .exec() &&
           Query(db, lcLocalStore, R"(UPDATE conversations SET peer = :name WHERE key = :key)")
               .bind(":name", nonNull(name))
               .bind(":key", key)
               .exec();
}

bool setMembership(const QSqlDatabase &db, const QString &key, bool member)
{
    return Query(db, lcLocalStore,
                 R"(UPDATE groups SET member = :member WHERE conversation = :key)")
        .bind(":member", member ? 1 : 0)
        .bind(":key", key)
        .exec();
}

/** The event's effect on the stored state, inside addEvent's transaction. */
bool applyEvent(const QSqlDatabase &db, const QString &key, const protocol::GroupEvent &e,
                const QString &self)
{
    if (!e.name.isEmpty() && !setName(db, key, e.name))
        return false;
    switch (e.op) {
    case GroupOp::Create:
        return setMember(db, key, e.by, true) && setMember(db, key, self, std::nullopt);
    case GroupOp::Add:
        if (e.user == self && !setMembership(db, key, true))
            return false;
        return setMember(db, key, e.user, std::nullopt);
    case GroupOp::Remove:
    case GroupOp::Leave: {
        const QString who = e.op == GroupOp::Leave && e.user.isEmpty() ? e.by : e.user;
        if (who == self && !setMembership(db, key, false))
            return false;
        return dropMember(db, key, who);
    }
    case GroupOp::Rename:
        return true;
    case GroupOp::MakeAdmin:
    case GroupOp::RevokeAdmin:
        return setMember(db, key, e.user, e.op == GroupOp::MakeAdmin);
    }
    return true;
}

Group readGroup(const Query &q)
{
    Group g;
    g.key = q.value(0).toString();
    g.serverId = q.value(1).toLongLong();
    g.name = q.value(2).toString();
    g.member = q.value(3).toInt() != 0;
    return g;
}

constexpr auto kGroupColumns = "conversation, server_id, name, member";

} // namespace

// --- groups --------------------------------------------------------------------------

bool LocalGroupStore::saveGroup(const Group &group, qint64 now)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active() ||
        !upsertGroupRow(db, group.key, group.serverId, group.name, group.member, now) ||
        !Query(db, lcLocalStore, R"(DELETE FROM group_members WHERE conversation = :key)")
             .bind(":key", group.key)
             .exec())
        return false;
    for (const auto &m : group.members)
        if (!setMember(db, group.key, m.user, m.admin))
            return false;
    return tx.commit();
}

bool LocalGroupStore::ensureGroup(qint64 serverId, const QString &name, qint64 now)
{
    if (groupById(serverId))
        return false;
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    return tx.active() && upsertGroupRow(db, groupKey(serverId), serverId, name, true, now) &&
           tx.commit();
}

std::optional<Group> LocalGroupStore::group(const QString &key)
{
    Query q(m_store.database(), lcLocalStore,
            (QByteArray("SELECT ") + kGroupColumns + " FROM groups WHERE conversation = :key")
                .constData());
    if (!q.bind(":key", key).first())
        return std::nullopt;
    Group g = readGroup(q);
    Query m(m_store.database(), lcLocalStore, R"(SELECT user, admin FROM group_members
                                   WHERE conversation = :key ORDER BY user)");
    if (m.bind(":key", key).exec())
        while (m.next())
            g.members.append(protocol::GroupMember{m.value(0).toString(), m.value(1).toInt() != 0});
    return g;
}

std::optional<Group> LocalGroupStore::groupById(qint64 serverId)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT conversation FROM groups WHERE server_id = :sid)");
    if (!q.bind(":sid", serverId).first())
        return std::nullopt;
    return group(q.value(0).toString());
}

QList<Group> LocalGroupStore::groups()
{
    const QStringList keys = Query(m_store.database(), lcLocalStore,
                                   R"(SELECT conversation FROM groups ORDER BY name, conversation)")
                                 .column<QString>();
    QList<Group> out;
    for (const QString &key : std::as_const(keys))
        if (auto g = group(key))
            out.append(*g);
    return out;
}

QStringList LocalGroupStore::keysNamed(const QString &name)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(SELECT conversation FROM groups WHERE name = :name ORDER BY server_id)")
        .bind(":name", name)
        .column<QString>();
}

QStringList LocalGroupStore::memberNames(const QString &key)
{
    return Query(m_store.database(), lcLocalStore,
                 R"(SELECT user FROM group_members WHERE conversation = :key ORDER BY user)")
        .bind(":key", key)
        .column<QString>();
}

// --- events ----------------------------------------------------------------------------

MessageId LocalGroupStore::eventMessageId(qint64 serverId, quint64 seq)
{
    // 0xfe 'G' | conversation (u64 BE) | seq (low 48 bits, BE): never a random id's
    // concern in practice, and the same on every delivery of the same event.
    QByteArray bytes(MessageId::kSize, '\0');
    bytes[0] = char(0xfe);
    bytes[1] = 'G';
    qToBigEndian(quint64(serverId), bytes.data() + 2);
    for (int i = 0; i < 6; ++i)
        bytes[10 + i] = char((seq >> (8 * (5 - i))) & 0xff);
    return MessageId::fromBytes(bytes).value_or(MessageId{});
}

protocol::Result<std::optional<ChatMessage>>
LocalGroupStore::addEvent(const protocol::GroupEvent &e, const QString &self,
                          const QString &fallbackText)
{
    const QString key = groupKey(e.conversation);
    if (!groupById(e.conversation)) {
        const QSqlDatabase db = m_store.database();
        Transaction tx(db, lcLocalStore);
        if (!tx.active() || !upsertGroupRow(db, key, e.conversation, e.name, true, e.timestamp) ||
            !tx.commit())
            return protocol::makeError(protocol::ErrorCode::InternalError,
                                       QStringLiteral("cannot create group %1").arg(key));
    }
    ChatMessage m;
    m.id = eventMessageId(e.conversation, e.seq);
    m.conversation = key;
    m.sender = e.by;
    m.outgoing = false;
    m.text = fallbackText;
    m.seq = e.seq;
    m.sentAt = e.timestamp;
    m.state = DeliveryState::Delivered;
    m.kind = MessageKind::GroupEvent;
    const bool joining = e.op == GroupOp::Add && e.user == self;
    const auto added = m_store.addIncoming(m, e.conversation, [&](const QSqlDatabase &db) {
        // Joining (again) at seq n: what came before is not for us, not a gap.
        if (joining || e.op == GroupOp::Create) {
            if (!Query(db, lcLocalStore, R"(UPDATE conversations
                                  SET contiguous_seq = MAX(contiguous_seq, :before)
                                  WHERE key = :key)")
                     .bind(":before", qint64(e.seq) - 1)
                     .bind(":key", key)
                     .exec())
                return false;
        }
        return Query(db, lcLocalStore,
                     R"(INSERT INTO group_events (message_id, op, actor, subject, name)
                                VALUES (:id, :op, :by, :user, :name))")
                   .bind(":id", m.id.toBytes())
                   .bind(":op", int(e.op))
                   .bind(":by", e.by)
                   .bind(":user", nonNull(e.user))
                   .bind(":name", nonNull(e.name))
                   .exec() &&
               applyEvent(db, key, e, self);
    });
    if (!added)
        return added.error();
    if (!added.value())
        return std::optional<ChatMessage>{};
    return std::optional<ChatMessage>{m};
}

std::optional<GroupEventRecord> LocalGroupStore::event(const MessageId &id)
{
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT op, actor, subject, name FROM group_events WHERE message_id = :id)");
    if (!q.bind(":id", id.toBytes()).first())
        return std::nullopt;
    return GroupEventRecord{GroupOp(q.value(0).toInt()), q.value(1).toString(),
                            q.value(2).toString(), q.value(3).toString()};
}

quint64 LocalGroupStore::lastEventSeq(const QString &key)
{
    Query q(m_store.database(), lcLocalStore, R"(SELECT COALESCE(MAX(seq), 0) FROM messages
                                   WHERE conversation = :key AND kind = :kind)");
    if (!q.bind(":key", key).bind(":kind", int(MessageKind::GroupEvent)).first())
        return 0;
    return q.value(0).toULongLong();
}

// --- receipts ----------------------------------------------------------------------------

bool LocalGroupStore::setRecipients(const MessageId &id, const QStringList &members)
{
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return false;
    for (const QString &member : members)
        if (!Query(db, lcLocalStore, R"(INSERT INTO group_receipts (message_id, member, recipient)
                          VALUES (:id, :member, 1)
                          ON CONFLICT (message_id, member) DO UPDATE SET recipient = 1)")
                 .bind(":id", id.toBytes())
                 .bind(":member", member)
                 .exec())
            return false;
    return tx.commit();
}

QList<MessageId> LocalGroupStore::noteDelivered(const QList<MessageId> &ids, const QString &member,
                                                qint64 at)
{
    QList<MessageId> changed;
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return changed;
    for (const MessageId &id : ids) {
        // Idempotent per (message, member): a member with two devices reports twice.
        Query q(db, lcLocalStore,
                R"(INSERT INTO group_receipts (message_id, member, state, updated_at)
                       SELECT id, :member, :delivered, :at FROM messages
                       WHERE id = :id AND outgoing = 1
                       ON CONFLICT (message_id, member) DO UPDATE SET
                         state = excluded.state, updated_at = excluded.updated_at
                       WHERE group_receipts.state < excluded.state)");
        if (!q.bind(":member", member)
                 .bind(":delivered", int(DeliveryState::Delivered))
                 .bind(":at", at)
                 .bind(":id", id.toBytes())
                 .exec())
            return {};
        if (q.affected() > 0 && !changed.contains(id))
            changed.append(id);
    }
    return tx.commit() ? changed : QList<MessageId>{};
}

QList<MessageId> LocalGroupStore::noteReadUpTo(const QString &key, const QString &member,
                                               quint64 seq, qint64 at)
{
    QList<MessageId> candidates;
    {
        Query q(m_store.database(), lcLocalStore, R"(SELECT m.id FROM messages AS m
                                       WHERE m.conversation = :key AND m.outgoing = 1
                                         AND m.seq IS NOT NULL AND m.seq <= :seq
                                         AND NOT EXISTS (SELECT 1 FROM group_receipts AS r
                                           WHERE r.message_id = m.id AND r.member = :member
                                             AND r.state >= :read)
                                       ORDER BY m.seq)");
        if (!q.bind(":key", key)
                 .bind(":seq", qint64(seq))
                 .bind(":member", member)
                 .bind(":read", int(DeliveryState::Read))
                 .exec())
            return {};
        while (q.next())
            candidates.append(MessageId::fromBytes(q.value(0).toByteArray()).value_or(MessageId{}));
    }
    if (candidates.isEmpty())
        return candidates;
    const QSqlDatabase db = m_store.database();
    Transaction tx(db, lcLocalStore);
    if (!tx.active())
        return {};
    for (const MessageId &id : std::as_const(candidates))
        if (!Query(db, lcLocalStore,
                   R"(INSERT INTO group_receipts (message_id, member, state, updated_at)
                          VALUES (:id, :member, :read, :at)
                          ON CONFLICT (message_id, member) DO UPDATE SET
                            state = excluded.state, updated_at = excluded.updated_at)")
                 .bind(":id", id.toBytes())
                 .bind(":member", member)
                 .bind(":read", int(DeliveryState::Read))
                 .bind(":at", at)
                 .exec())
            return {};
    return tx.commit() ? candidates : QList<MessageId>{};
}

std::optional<DeliveryState> LocalGroupStore::combinedState(const MessageId &id)
{
    Query q(m_store.database(), lcLocalStore, R"(SELECT COUNT(*), COALESCE(MIN(state), 0)
                                   FROM group_receipts WHERE message_id = :id AND recipient = 1)");
    if (!q.bind(":id", id.toBytes()).first() || q.value(0).toInt() == 0)
        return std::nullopt;
    const int lowest = q.value(1).toInt();
    if (lowest >= int(DeliveryState::Read))
        return DeliveryState::Read;
    if (lowest >= int(DeliveryState::Delivered))
        return DeliveryState::Delivered;
    return DeliveryState::Sent;
}

QList<MemberReceipt> LocalGroupStore::receipts(const MessageId &id)
{
    QList<MemberReceipt> out;
    Query q(m_store.database(), lcLocalStore,
            R"(SELECT member, state, updated_at FROM group_receipts
                                   WHERE message_id = :id AND recipient = 1 ORDER BY member)");
    if (!q.bind(":id", id.toBytes()).exec())
        return out;
    while (q.next())
        out.append(MemberReceipt{q.value(0).toString(), DeliveryState(q.value(1).toInt()),
                                 q.value(2).toLongLong()});
    return out;
}

} // namespace linnet::client
