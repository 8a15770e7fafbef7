// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteGroupStore.h"

#include <QLoggingCategory>
#include <QSet>
#include <QVariant>

namespace linnet::server {

Q_LOGGING_CATEGORY(lcGroupStore, "linnet.server.store.groups")

namespace {
using protocol::ErrorCode;
using protocol::GroupEvent;
using protocol::GroupOp;
using protocol::makeError;
using storage::Query;
using storage::sqlErrorText;
using storage::Transaction;

/** Kind of a group row in conversations (0 is one-to-one). */
constexpr int kConversationGroup = 1;
} // namespace

SqliteGroupStore::SqliteGroupStore(const QSqlDatabase &db, IdSequence &conversationIds)
    : m_conversationIds(conversationIds), m_db(db), m_inbox(db)
{
}

bool SqliteGroupStore::failed(const QString &reason)
{
    m_error = reason;
    return false;
}

bool SqliteGroupStore::exec(Query &q, const char *what)
{
    return q.exec(what) || failed(q.errorText());
}

bool SqliteGroupStore::ensurePrepared()
{
    if (m_prepared)
        return true;
    if (!m_inbox.prepare()) {
        m_error = m_inbox.error().isEmpty() ? sqlErrorText(m_db.lastError()) : m_inbox.error();
        qCWarning(lcGroupStore, "cannot prepare statements: %s", qUtf8Printable(m_error));
        return false;
    }
    m_isMember = std::make_unique<Query>(m_db, lcGroupStore, R"(SELECT 1 FROM group_members
                                             WHERE conversation = :c AND account_id = :a)");
    m_members = std::make_unique<Query>(m_db, lcGroupStore, R"(SELECT account_id FROM group_members
                                            WHERE conversation = :c ORDER BY joined, account_id)");
    m_memberDevices = std::make_unique<Query>(
        m_db, lcGroupStore,
        R"(SELECT d.id FROM group_members m JOIN devices d ON d.account_id = m.account_id
           AND d.revoked_at IS NULL WHERE m.conversation = :c ORDER BY d.id)");
    m_devicesOfAccount = std::make_unique<Query>(
        m_db, lcGroupStore, R"(SELECT id FROM devices WHERE account_id = :a AND revoked_at IS NULL
                             ORDER BY id)");
    m_insertMember = std::make_unique<Query>(
        m_db, lcGroupStore,
        R"(INSERT INTO group_members (conversation, account_id, admin, joined, read_seq)
           VALUES (:c, :a, :admin, :joined, 0))");
    for (const Query *q : {m_isMember.get(), m_members.get(), m_memberDevices.get(),
                           m_devicesOfAccount.get(), m_insertMember.get()})
        if (!q->prepared())
            return failed(q->errorText()); // Query logged why
    m_prepared = true;
    return true;
}

bool SqliteGroupStore::begin(const Transaction &tx)
{
    return tx.active() || failed(tx.errorText());
}

bool SqliteGroupStore::commit(Transaction &tx)
{
    return tx.commit() || failed(tx.errorText());
}

protocol::Error SqliteGroupStore::failure(const QString &what) const
{
    // The caller's Transaction rolls back as it goes out of scope.
    qCWarning(lcGroupStore, "%s: %s", qUtf8Printable(what), qUtf8Printable(m_error));
    return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, m_error));
}

bool SqliteGroupStore::addMember(qint64 conversation, qint64 accountId, bool admin, qint64 joined)
{
    m_insertMember->bind(":c", conversation).bind(":a", accountId);
    m_insertMember->bind(":admin", admin ? 1 : 0).bind(":joined", joined);
    return exec(*m_insertMember, "insert group member");
}

std::optional<QList<qint64>> SqliteGroupStore::devicesOfAccounts(const QList<qint64> &accounts)
{
    QList<qint64> out;
    for (qint64 account : accounts) {
        if (!exec(m_devicesOfAccount->bind(":a", account), "list devices"))
            return std::nullopt;
        while (m_devicesOfAccount->next())
            out.append(m_devicesOfAccount->value(0).toLongLong());
        m_devicesOfAccount->finish();
    }
    return out;
}

std::optional<QList<qint64>> SqliteGroupStore::memberDevices(qint64 conversation)
{
    if (!exec(m_memberDevices->bind(":c", conversation), "list member devices"))
        return std::nullopt;
    QList<qint64> out;
    while (m_memberDevices->next())
        out.append(m_memberDevices->value(0).toLongLong());
    m_memberDevices->finish();
    return out;
}

bool SqliteGroupStore::writeEvent(const GroupEvent &event, const QList<qint64> &devices,
                                  std::vector<InboxEntry> &out)
{
    for (qint64 device : devices)
        if (!m_inbox.insert(device, event, out))
            return failed(m_inbox.error());
    return true;
}

protocol::Result<GroupCommit> SqliteGroupStore::createGroup(const GroupCreateWrite &write)
{
    const QString what = QStringLiteral("cannot create group");
    if (!ensurePrepared())
        return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, m_error));
    Transaction tx(m_db, lcGroupStore, Transaction::Lock::Immediate);
    if (!begin(tx))
        return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, m_error));
    Query conv(m_db, lcGroupStore,
               R"(INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at)
                  VALUES (:id, :kind, NULL, NULL, 1, :now))");
    const qint64 id = m_conversationIds.next();
    conv.bind(":id", id).bind(":kind", kConversationGroup).bind(":now", write.timestamp);
    if (!exec(conv, "insert group conversation"))
        return failure(what);
    GroupCommit result;
    result.conversation = id;
    result.lastSeq = 1;

    Query group(m_db, lcGroupStore, R"(INSERT INTO chat_groups (conversation, name, created_at,
                                                                created_by)
                                       VALUES (:c, :name, :now, :by))");
    group.bind(":c", result.conversation).bind(":name", write.name);
    group.bind(":now", write.timestamp).bind(":by", write.creator);
    if (!exec(group, "insert group") || !addMember(result.conversation, write.creator, true, 0))
        return failure(what);
    for (qsizetype i = 0; i < write.members.size(); ++i)
        if (!addMember(result.conversation, write.members[i], false, i + 1))
            return failure(what);

    const auto devices = memberDevices(result.conversation);
    const GroupEvent event{
        0,          result.conversation, 1, write.creatorName, GroupOp::Create, {},
        write.name, write.timestamp};
    if (!devices || !writeEvent(event, *devices, result.newEntries) || !commit(tx))
        return failure(what);
    qCInfo(lcGroupStore, "group %lld created with %lld members", result.conversation,
           qint64(write.members.size() + 1));
    return result;
}

protocol::Result<GroupCommit> SqliteGroupStore::changeGroup(const GroupChangeWrite &write)
{
    if (!ensurePrepared())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot change group: %1").arg(m_error));
    Transaction tx(m_db, lcGroupStore, Transaction::Lock::Immediate);
    if (!begin(tx))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot change group: %1").arg(m_error));
    const QString what = QStringLiteral("cannot change group %1").arg(write.conversation);
    GroupCommit result;
    result.conversation = write.conversation;
    {
        Query find(m_db, lcGroupStore,
                   R"(SELECT last_seq FROM conversations WHERE id = :c AND kind = :kind)");
        if (!exec(find.bind(":c", write.conversation).bind(":kind", kConversationGroup),
                  "find group"))
            return failure(what);
        if (!find.next()) // nothing was written: tx rolls back
            return makeError(ErrorCode::UnknownGroup, QStringLiteral("there is no such group"));
        result.lastSeq = quint64(find.value(0).toLongLong());
    }

    Query rename(m_db, lcGroupStore,
                 R"(UPDATE chat_groups SET name = :name WHERE conversation = :c)");
    if (!exec(rename.bind(":name", write.name).bind(":c", write.conversation), "rename group"))
        return failure(what);

    if (!write.add.isEmpty()) {
        qint64 joined = 0;
        {
            Query last(
                m_db, lcGroupStore,
                R"(SELECT COALESCE(MAX(joined), 0) FROM group_members WHERE conversation = :c)");
            if (!exec(last.bind(":c", write.conversation), "find last joined") || !last.next())
                return failure(what);
            joined = last.value(0).toLongLong();
        }
        for (qint64 account : write.add)
            if (!addMember(write.conversation, account, false, ++joined))
                return failure(what);
    }
    Query remove(m_db, lcGroupStore,
                 R"(DELETE FROM group_members WHERE conversation = :c AND account_id = :a)");
    for (qint64 account : write.remove)
        if (!exec(remove.bind(":c", write.conversation).bind(":a", account), "remove group member"))
            return failure(what);
    Query admin(m_db, lcGroupStore, R"(UPDATE group_members SET admin = :admin
                                       WHERE conversation = :c AND account_id = :a)");
    for (const auto &[account, isAdmin] : write.setAdmin) {
        admin.bind(":admin", isAdmin ? 1 : 0).bind(":c", write.conversation).bind(":a", account);
        if (!exec(admin, "set group admin"))
            return failure(what);
    }

    const auto devices = devicesOfAccounts(write.notify);
    const auto departed = devicesOfAccounts(write.departed);
    if (!devices || !departed)
        return failure(what);
    for (size_t i = 0; i < write.events.size(); ++i) {
        const GroupEventWrite &e = write.events[i];
        const GroupEvent event{0,      write.conversation, ++result.lastSeq, e.by, e.op,
                               e.user, write.name,         write.timestamp};
        // Device order within one event does not matter; entry order per device does.
        if (!writeEvent(event, *devices, result.newEntries) ||
            (i == 0 && !writeEvent(event, *departed, result.newEntries)))
            return failure(what);
    }
    Query seq(m_db, lcGroupStore, R"(UPDATE conversations SET last_seq = :seq WHERE id = :c)");
    seq.bind(":seq", qint64(result.lastSeq)).bind(":c", write.conversation);
    if (!exec(seq, "advance group seq") || !commit(tx))
        return failure(what);
    return result;
}

std::optional<GroupRecord> SqliteGroupStore::group(qint64 conversation)
{
    if (!ensurePrepared())
        return std::nullopt;
    Query q(m_db, lcGroupStore,
            R"(SELECT g.name, g.created_at, g.created_by, c.last_seq
               FROM chat_groups g JOIN conversations c ON c.id = g.conversation
               WHERE g.conversation = :c)");
    if (!exec(q.bind(":c", conversation), "find group") || !q.next())
        return std::nullopt;
    GroupRecord record{conversation,
                       q.value(0).toString(),
                       q.value(1).toLongLong(),
                       q.value(2).toLongLong(),
                       quint64(q.value(3).toLongLong()),
                       {}};
    q.finish();
    Query m(m_db, lcGroupStore,
            R"(SELECT m.account_id, a.username, m.admin, m.joined
               FROM group_members m JOIN accounts a ON a.id = m.account_id
               WHERE m.conversation = :c ORDER BY m.joined, m.account_id)");
    if (!exec(m.bind(":c", conversation), "list group members"))
        return std::nullopt;
    while (m.next())
        record.members.append(GroupMemberRecord{m.value(0).toLongLong(), m.value(1).toString(),
                                                m.value(2).toInt() != 0, m.value(3).toLongLong()});
    return record;
}

bool SqliteGroupStore::isMember(qint64 conversation, qint64 accountId)
{
    if (!ensurePrepared())
        return false;
    m_isMember->bind(":c", conversation).bind(":a", accountId);
    const bool member = exec(*m_isMember, "check group member") && m_isMember->next();
    m_isMember->finish();
    return member;
}

QList<qint64> SqliteGroupStore::memberAccounts(qint64 conversation)
{
    if (!ensurePrepared())
        return {};
    const QList<qint64> out =
        m_members->bind(":c", conversation).column<qint64>("list group members");
    m_members->finish();
    return out;
}

protocol::Result<std::vector<InboxEntry>>
SqliteGroupStore::storeSenderKeys(const SenderKeysWrite &write)
{
    const QString what = QStringLiteral("cannot store sender keys");
    if (!ensurePrepared())
        return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, m_error));
    Transaction tx(m_db, lcGroupStore, Transaction::Lock::Immediate);
    if (!begin(tx))
        return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, m_error));
    const auto devices = memberDevices(write.conversation);
    if (!devices)
        return failure(what);
    const QSet<qint64> members(devices->cbegin(), devices->cend());
    std::vector<InboxEntry> out;
    for (const protocol::DeviceCopy &copy : write.copies) {
        if (copy.device == write.fromDevice || !members.contains(copy.device))
            continue; // never hand a key to a device outside the group
        const protocol::SenderKeyCopy entry{0, write.conversation, write.fromName, write.fromDevice,
                                            copy.body};
        if (!m_inbox.insert(copy.device, entry, write.timestamp, out)) {
            m_error = m_inbox.error();
            return failure(what);
        }
    }
    if (!commit(tx))
        return failure(what);
    return out;
}

} // namespace linnet::server
