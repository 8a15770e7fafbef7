// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/HistoryImport.h"

#include "ClientLog.h"
#include "groups/GroupTypes.h"
#include "media/AttachmentStore.h"
#include "protocol/Limits.h"
#include "protocol/MessageContent.h"
#include "storage/SqlQuery.h"
#include "store/LocalStore.h"

#include <QCborArray>
#include <QCborValue>
#include <QIODevice>
#include <QSet>

namespace linnet::client {

namespace {

using protocol::ErrorCode;
using protocol::makeError;
using protocol::MessageId;
using storage::nonNull;
using storage::Query;

/** Names, keys and texts in a history are at most this long (a message: kMaxTextLength). */
constexpr qsizetype kMaxNameLength = 1024;

/** One import: the records applied inside the caller's transaction, in stream order. */
class Importer {
public:
    Importer(QSqlDatabase db, HistoryReader &reader) : m_db(std::move(db)), m_reader(reader) {}

    /** Applies @p r; an error names what is wrong with it. */
    protocol::Status apply(const QCborMap &r);
    /** After "end": the counts agree, and the touched chats' cursors and previews. */
    protocol::Status finish();

    HistoryCounts seen;
    HistoryCounts added;

private:
    protocol::Error bad(const QString &why) const
    {
        return makeError(ErrorCode::MalformedFrame,
                         QStringLiteral("the history is damaged at record %1: %2")
                             .arg(m_reader.recordNumber())
                             .arg(why));
    }
    protocol::Error failed(const char *what) const
    {
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot store the history (%1): %2")
                             .arg(QLatin1String(what), m_db.lastError().text()));
    }
    /** The text under @p key, 0..@p max characters (1.. if @p required). */
    std::optional<QString> text(const QCborMap &r, const char *key, bool required = true,
                                qsizetype max = kMaxNameLength) const
    {
        const QCborValue v = r.value(QLatin1String(key));
        if (!v.isString() || v.toString().size() > max || (required && v.toString().isEmpty()))
            return std::nullopt;
        return v.toString();
    }
    std::optional<qint64> integer(const QCborMap &r, const char *key, qint64 min = 0,
                                  qint64 max = std::numeric_limits<qint64>::max()) const
    {
        const QCborValue v = r.value(QLatin1String(key));
        if (!v.isInteger() || v.toInteger() < min || v.toInteger() > max)
            return std::nullopt;
        return v.toInteger();
    }

    protocol::Status contact(const QCborMap &r);
    protocol::Status verified(const QCborMap &r);
    protocol::Status conversation(const QCborMap &r);
    protocol::Status group(const QCborMap &r);
    protocol::Status message(const QCborMap &r);

    QSqlDatabase m_db;
    HistoryReader &m_reader;
    QSet<QString> m_declared; ///< conversations the stream named so far
    QSet<QString> m_touched;  ///< conversations that got messages
};

protocol::Status Importer::apply(const QCborMap &r)
{
    const QString type = r.value(QStringLiteral("t")).toString();
    if (type == QLatin1String("contact"))
        return contact(r);
    if (type == QLatin1String("verified"))
        return verified(r);
    if (type == QLatin1String("conv"))
        return conversation(r);
    if (type == QLatin1String("group"))
        return group(r);
    if (type == QLatin1String("msg"))
        return message(r);
    return {}; // a newer exporter's record: unknown kinds are skipped, as in content maps
}

protocol::Status Importer::contact(const QCborMap &r)
{
    const auto user = text(r, "user");
    const auto name = text(r, "name", false);
    const auto at = integer(r, "at");
    if (!user || !name || !at)
        return bad(QStringLiteral("a contact without user, name or time"));
    ++seen.contacts;
    Query q(m_db, lcLocalStore, R"(INSERT OR IGNORE INTO contacts (username, display_name,
                                        created_at) VALUES (:user, :name, :at))");
    if (!q.bind(":user", *user).bind(":name", nonNull(*name)).bind(":at", *at).exec())
        return failed("contact");
    added.contacts += q.affected();
    return {};
}

protocol::Status Importer::verified(const QCborMap &r)
{
    const auto peer = text(r, "peer");
    const auto number = text(r, "number");
    const auto at = integer(r, "at");
    if (!peer || !number || !at)
        return bad(QStringLiteral("a verification without peer, safety number or time"));
    ++seen.verified;
    // Worth something only while the number is still the peer's: isVerified() compares.
    Query q(m_db, lcLocalStore, R"(INSERT OR IGNORE INTO verified (peer, safety_number,
                                        verified_at) VALUES (:peer, :number, :at))");
    if (!q.bind(":peer", *peer).bind(":number", *number).bind(":at", *at).exec())
        return failed("verified");
    added.verified += q.affected();
    return {};
}

protocol::Status Importer::conversation(const QCborMap &r)
{
    const auto key = text(r, "key");
    const auto peer = text(r, "peer", false);
    const auto sid = integer(r, "sid");
    const auto read = integer(r, "read");
    const auto muted = integer(r, "muted", -1);
    const QCborValue isGroup = r.value(QStringLiteral("group"));
    if (!key || !peer || !sid || !read || !muted || !isGroup.isBool() ||
        isGroup.toBool() != isGroupKey(*key))
        return bad(QStringLiteral("a conversation without a valid key, peer, id or state"));
    ++seen.conversations;
    m_declared.insert(*key);
    Query insert(m_db, lcLocalStore, R"(INSERT OR IGNORE INTO conversations
                         (key, kind, peer, pinned, archived, muted_until)
                         VALUES (:key, :kind, :peer, :pinned, :archived, :muted))");
    if (!insert.bind(":key", *key)
             .bind(":kind", isGroup.toBool() ? 1 : 0)
             .bind(":peer", nonNull(*peer))
             .bind(":pinned", r.value(QStringLiteral("pinned")).toBool() ? 1 : 0)
             .bind(":archived", r.value(QStringLiteral("archived")).toBool() ? 1 : 0)
             .bind(":muted", *muted)
             .exec())
        return failed("conversation");
    added.conversations += insert.affected();
    const bool ok =
        Query(m_db, lcLocalStore, R"(UPDATE conversations SET read_up_to = MAX(read_up_to, :read)
                                     WHERE key = :key)")
            .bind(":read", *read)
            .bind(":key", *key)
            .exec() &&
        (*sid == 0 || Query(m_db, lcLocalStore, R"(UPDATE conversations SET server_id = :sid
                  WHERE key = :key AND server_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM conversations WHERE server_id = :taken))")
                          .bind(":sid", *sid)
                          .bind(":key", *key)
                          .bind(":taken", *sid)
                          .exec());
    return ok ? protocol::Status() : failed("conversation");
}

protocol::Status Importer::group(const QCborMap &r)
{
    const auto key = text(r, "key");
    const auto sid = integer(r, "sid", 1);
    const auto name = text(r, "name", false);
    const QCborValue members = r.value(QStringLiteral("members"));
    if (!key || !sid || !name || *key != groupKey(*sid) || !m_declared.contains(*key) ||
        !members.isArray())
        return bad(QStringLiteral("a group without a valid key, id, name or members, or "
                                  "before its conversation"));
    ++seen.groups;
    Query insert(m_db, lcLocalStore, R"(INSERT OR IGNORE INTO groups
                         (conversation, server_id, name, member, created_at)
                         VALUES (:key, :sid, :name, :member, 0))");
    if (!insert.bind(":key", *key)
             .bind(":sid", *sid)
             .bind(":name", nonNull(*name))
             .bind(":member", r.value(QStringLiteral("member")).toBool() ? 1 : 0)
             .exec())
        return failed("group");
    if (insert.affected() == 0)
        return {}; // known here already: what this device learnt itself is as new
    ++added.groups;
    for (const QCborValue &m : members.toArray()) {
        const auto user = text(m.toMap(), "user");
        if (!user)
            return bad(QStringLiteral("a group member without a name"));
        if (!Query(m_db, lcLocalStore, R"(INSERT OR IGNORE INTO group_members
                       (conversation, user, admin) VALUES (:key, :user, :admin))")
                 .bind(":key", *key)
                 .bind(":user", *user)
                 .bind(":admin", m.toMap().value(QStringLiteral("admin")).toBool() ? 1 : 0)
                 .exec())
            return failed("group member");
    }
    return {};
}

protocol::Status Importer::message(const QCborMap &r)
{
    const auto id = MessageId::fromBytes(r.value(QStringLiteral("id")).toByteArray());
    const auto conv = text(r, "conv");
    const auto sender = text(r, "sender", false);
    const auto body = text(r, "text", false, 4 * protocol::kMaxTextLength);
    const auto seq = integer(r, "seq");
    const auto at = integer(r, "at");
    const auto stime = integer(r, "stime");
    const auto state = integer(r, "state", 0, int(DeliveryState::Failed));
    const auto kind = integer(r, "kind", 0, int(MessageKind::File));
    if (!id || id->isNull() || !conv || !sender || !body || !seq || !at || !stime || !state ||
        !kind)
        return bad(QStringLiteral("a message without a valid id, chat, text, time or state"));
    if (!m_declared.contains(*conv))
        return bad(QStringLiteral("a message before its conversation"));
    std::optional<protocol::FileRef> file;
    if (MessageKind(*kind) == MessageKind::File) {
        auto ref = protocol::decodeFileRef(r.value(QStringLiteral("file")));
        if (!ref)
            return bad(ref.error().reason);
        file = std::move(ref.value());
    }
    ++seen.messages;
    Query insert(m_db, lcLocalStore, R"(INSERT OR IGNORE INTO messages
                      (id, conversation, seq, sender, outgoing, text, sent_at, state, kind,
                       sender_time)
                    VALUES (:id, :conv, :seq, :sender, :out, :text, :at, :state, :kind, :stime))");
    if (!insert.bind(":id", id->toBytes())
             .bind(":conv", *conv)
             .bind(":seq", *seq)
             .bind(":sender", nonNull(*sender))
             .bind(":out", r.value(QStringLiteral("out")).toBool() ? 1 : 0)
             .bind(":text", nonNull(*body))
             .bind(":at", *at)
             .bind(":state", *state)
             .bind(":kind", *kind)
             .bind(":stime", *stime)
             .exec())
        return failed("message");
    if (insert.affected() == 0)
        return {}; // here already (it came live, or an earlier import)
    ++added.messages;
    m_touched.insert(*conv);
    if (file && !AttachmentStore::incoming(*id, *file)(m_db))
        return failed("attachment");
    const QCborMap event = r.value(QStringLiteral("event")).toMap();
    if (MessageKind(*kind) == MessageKind::GroupEvent && !event.isEmpty()) {
        const auto op = integer(event, "op", 0, int(protocol::GroupOp::RevokeAdmin));
        const auto by = text(event, "by", false);
        const auto user = text(event, "user", false);
        const auto name = text(event, "name", false);
        if (!op || !by || !user || !name)
            return bad(QStringLiteral("a group event without operation, actor or name"));
        if (!Query(m_db, lcLocalStore, R"(INSERT OR IGNORE INTO group_events
                       (message_id, op, actor, subject, name) VALUES (:id, :op, :by, :user, :name))")
                 .bind(":id", id->toBytes())
                 .bind(":op", *op)
                 .bind(":by", nonNull(*by))
                 .bind(":user", nonNull(*user))
                 .bind(":name", nonNull(*name))
                 .exec())
            return failed("group event");
    }
    return {};
}

protocol::Status Importer::finish()
{
    const HistoryCounts promised = m_reader.endCounts();
    if (promised != seen)
        return bad(QStringLiteral("the \"end\" record counts %1 messages in %2 chats, the "
                                  "stream held %3 in %4")
                       .arg(promised.messages)
                       .arg(promised.conversations)
                       .arg(seen.messages)
                       .arg(seen.conversations));
    for (const QString &key : std::as_const(m_touched)) {
        // max_seq over real messages (notices borrow the seq before them); contiguous_seq
        // runs on from where it stood while the next seq is here; the preview is the newest.
        const bool ok = Query(m_db, lcLocalStore, R"(UPDATE conversations SET max_seq = MAX(max_seq,
                      (SELECT COALESCE(MAX(seq), 0) FROM messages
                        WHERE conversation = :inner AND kind <> :notice))
                      WHERE key = :key)")
                            .bind(":inner", key)
                            .bind(":key", key)
                            .bind(":notice", int(MessageKind::Notice))
                            .exec() &&
                        Query(m_db, lcLocalStore, R"(WITH RECURSIVE run(s) AS (
                      SELECT contiguous_seq FROM conversations WHERE key = :start
                      UNION ALL SELECT s + 1 FROM run WHERE EXISTS
                        (SELECT 1 FROM messages WHERE conversation = :inner AND seq = s + 1))
                    UPDATE conversations SET contiguous_seq = (SELECT MAX(s) FROM run)
                      WHERE key = :key)")
                            .bind(":start", key)
                            .bind(":inner", key)
                            .bind(":key", key)
                            .exec() &&
                        Query(m_db, lcLocalStore, R"(UPDATE conversations SET
                      last_message = n.text, last_activity = n.sent_at
                    FROM (SELECT text, sent_at FROM messages WHERE conversation = :inner
                          ORDER BY (seq IS NULL) DESC, seq DESC, pos DESC LIMIT 1) AS n
                    WHERE key = :key AND n.sent_at > last_activity)")
                            .bind(":inner", key)
                            .bind(":key", key)
                            .exec();
        if (!ok)
            return failed("conversation cursors");
    }
    return {};
}

} // namespace

protocol::Result<HistoryImport::Outcome>
HistoryImport::read(QIODevice &in, const std::function<void(int)> &progress)
{
    HistoryReader reader(in);
    if (const auto started = reader.begin(); !started)
        return started.error();
    const QSqlDatabase db = m_store.database();
    storage::Transaction tx(db, lcLocalStore, storage::Transaction::Lock::Immediate);
    if (!tx.active())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot begin the import: %1").arg(tx.errorText()));
    Importer importer(db, reader);
    for (;;) {
        auto record = reader.next();
        if (!record)
            return record.error();
        if (!record.value())
            break;
        const int before = importer.seen.messages;
        if (const auto applied = importer.apply(*record.value()); !applied)
            return applied.error(); // the transaction rolls back: nothing of it stays
        if (progress && importer.seen.messages != before && importer.seen.messages % 100 == 0)
            progress(importer.seen.messages);
    }
    if (const auto finished = importer.finish(); !finished)
        return finished.error();
    if (!tx.commit())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot commit the import: %1").arg(tx.errorText()));
    if (progress)
        progress(importer.seen.messages);
    return Outcome{importer.seen, importer.added};
}

} // namespace linnet::client
