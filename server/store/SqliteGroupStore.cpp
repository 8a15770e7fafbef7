// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteGroupStore.h"

#include "SqlErrorText.h"

#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QVariant>

namespace linnet::server {

Q_LOGGING_CATEGORY(lcGroupStore, "linnet.server.store.groups")

namespace {
using protocol::ErrorCode;
using protocol::GroupEvent;
using protocol::GroupOp;
using protocol::makeError;

/** Kind of a group row in conversations (0 is one-to-one). */
constexpr int kConversationGroup = 1;
} // namespace

SqliteGroupStore::SqliteGroupStore(const QSqlDatabase &db, IdSequence &conversationIds)
    : m_conversationIds(conversationIds), m_db(db), m_inbox(db), m_isMember(db), m_members(db),
      m_memberDevices(db), m_devicesOfAccount(db), m_insertMember(db)
{
}

bool SqliteGroupStore::exec(QSqlQuery &q, const char *what)
{
    if (q.exec())
        return true;
    m_error = sqlErrorText(q.lastError());
    qCWarning(lcGroupStore, "%s failed: %s", what, qUtf8Printable(m_error));
    return false;
}

bool SqliteGroupStore::ensurePrepared()
{
    if (m_prepared)
        return true;
    m_prepared =
        m_inbox.prepare() && m_isMember.prepare(QStringLiteral(R"(SELECT 1 FROM group_members
                                             WHERE conversation = :c AND account_id = :a)")) &&
        m_members.prepare(QStringLiteral(R"(SELECT account_id FROM group_members
                                            WHERE conversation = :c ORDER BY joined, account_id)")) &&
        m_memberDevices.prepare(QStringLiteral(
            R"(SELECT d.id FROM group_members m JOIN devices d ON d.account_id = m.account_id
               WHERE m.conversation = :c ORDER BY d.id)")) &&
        m_devicesOfAccount.prepare(
            QStringLiteral(R"(SELECT id FROM devices WHERE account_id = :a ORDER BY id)")) &&
        m_insertMember.prepare(QStringLiteral(
            R"(INSERT INTO group_members (conversation, account_id, admin, joined, read_seq)
               VALUES (:c, :a, :admin, :joined, 0))"));
    if (!m_prepared) {
        m_error = m_inbox.error().isEmpty() ? sqlErrorText(m_db.lastError()) : m_inbox.error();
        qCWarning(lcGroupStore, "cannot prepare statements: %s", qUtf8Printable(m_error));
    }
    return m_prepared;
}

bool SqliteGroupStore::begin()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return true;
    m_error = sqlErrorText(q.lastError());
    return false;
}

protocol::Error SqliteGroupStore::rollback(const QString &what)
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK")); // SQLite may already have rolled back (disk full)
    qCWarning(lcGroupStore, "%s: %s", qUtf8Printable(what), qUtf8Printable(m_error));
    return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, m_error));
}

bool SqliteGroupStore::commit()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("COMMIT")))
        return true;
    m_error = sqlErrorText(q.lastError());
    return false;
}

bool SqliteGroupStore::addMember(qint64 conversation, qint64 accountId, bool admin, qint64 joined)
{
    m_insertMember.bindValue(QStringLiteral(":c"), conversation);
    m_insertMember.bindValue(QStringLiteral(":a"), accountId);
    m_insertMember.bindValue(QStringLiteral(":admin"), admin ? 1 : 0);
    m_insertMember.bindValue(QStringLiteral(":joined"), joined);
    return exec(m_insertMember, "insert group member");
}

std::optional<QList<qint64>> SqliteGroupStore::devicesOfAccounts(const QList<qint64> &accounts)
{
    QList<qint64> out;
    for (qint64 account : accounts) {
        m_devicesOfAccount.bindValue(QStringLiteral(":a"), account);
        if (!exec(m_devicesOfAccount, "list devices"))
            return std::nullopt;
        while (m_devicesOfAccount.next())
            out.append(m_devicesOfAccount.value(0).toLongLong());
        m_devicesOfAccount.finish();
    }
    return out;
}

std::optional<QList<qint64>> SqliteGroupStore::memberDevices(qint64 conversation)
{
    m_memberDevices.bindValue(QStringLiteral(":c"), conversation);
    if (!exec(m_memberDevices, "list member devices"))
        return std::nullopt;
    QList<qint64> out;
    while (m_memberDevices.next())
        out.append(m_memberDevices.value(0).toLongLong());
    m_memberDevices.finish();
    return out;
}

bool SqliteGroupStore::writeEvent(const GroupEvent &event, const QList<qint64> &devices,
                                  std::vector<InboxEntry> &out)
{
    for (qint64 device : devices) {
        if (!m_inbox.insert(device, event, out)) {
            m_error = m_inbox.error();
            return false;
        }
    }
    return true;
}

protocol::Result<GroupCommit> SqliteGroupStore::createGroup(const GroupCreateWrite &write)
{
    if (!ensurePrepared() || !begin())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot create group: %1").arg(m_error));
    const QString what = QStringLiteral("cannot create group");
    QSqlQuery conv(m_db);
    conv.prepare(QStringLiteral(
        R"(INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at)
           VALUES (:id, :kind, NULL, NULL, 1, :now))"));
    const qint64 id = m_conversationIds.next();
    conv.bindValue(QStringLiteral(":id"), id);
    conv.bindValue(QStringLiteral(":kind"), kConversationGroup);
    conv.bindValue(QStringLiteral(":now"), write.timestamp);
    if (!exec(conv, "insert group conversation"))
        return rollback(what);
    GroupCommit result;
    result.conversation = id;
    result.lastSeq = 1;

    QSqlQuery group(m_db);
    group.prepare(QStringLiteral(R"(INSERT INTO chat_groups (conversation, name, created_at,
                                                             created_by)
                                    VALUES (:c, :name, :now, :by))"));
    group.bindValue(QStringLiteral(":c"), result.conversation);
    group.bindValue(QStringLiteral(":name"), write.name);
    group.bindValue(QStringLiteral(":now"), write.timestamp);
    group.bindValue(QStringLiteral(":by"), write.creator);
    if (!exec(group, "insert group") || !addMember(result.conversation, write.creator, true, 0))
        return rollback(what);
    for (qsizetype i = 0; i < write.members.size(); ++i)
        if (!addMember(result.conversation, write.members[i], false, i + 1))
            return rollback(what);

    const auto devices = memberDevices(result.conversation);
    const GroupEvent event{
        0,          result.conversation, 1, write.creatorName, GroupOp::Create, {},
        write.name, write.timestamp};
    if (!devices || !writeEvent(event, *devices, result.newEntries) || !commit())
        return rollback(what);
    qCInfo(lcGroupStore, "group %lld created with %lld members", result.conversation,
           qint64(write.members.size() + 1));
    return result;
}

protocol::Result<GroupCommit> SqliteGroupStore::changeGroup(const GroupChangeWrite &write)
{
    if (!ensurePrepared() || !begin())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot change group: %1").arg(m_error));
    const QString what = QStringLiteral("cannot change group %1").arg(write.conversation);
    QSqlQuery find(m_db);
    find.prepare(
        QStringLiteral(R"(SELECT last_seq FROM conversations WHERE id = :c AND kind = :kind)"));
    find.bindValue(QStringLiteral(":c"), write.conversation);
    find.bindValue(QStringLiteral(":kind"), kConversationGroup);
    if (!exec(find, "find group"))
        return rollback(what);
    if (!find.next()) {
        find.finish();
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK")); // nothing was written
        return makeError(ErrorCode::UnknownGroup, QStringLiteral("there is no such group"));
    }
    GroupCommit result;
    result.conversation = write.conversation;
    result.lastSeq = quint64(find.value(0).toLongLong());
    find.finish();

    QSqlQuery rename(m_db);
    rename.prepare(
        QStringLiteral(R"(UPDATE chat_groups SET name = :name WHERE conversation = :c)"));
    rename.bindValue(QStringLiteral(":name"), write.name);
    rename.bindValue(QStringLiteral(":c"), write.conversation);
    if (!exec(rename, "rename group"))
        return rollback(what);

    if (!write.add.isEmpty()) {
        QSqlQuery last(m_db);
        last.prepare(QStringLiteral(
            R"(SELECT COALESCE(MAX(joined), 0) FROM group_members WHERE conversation = :c)"));
        last.bindValue(QStringLiteral(":c"), write.conversation);
        if (!exec(last, "find last joined") || !last.next())
            return rollback(what);
        qint64 joined = last.value(0).toLongLong();
        last.finish();
        for (qint64 account : write.add)
            if (!addMember(write.conversation, account, false, ++joined))
                return rollback(what);
    }
    QSqlQuery remove(m_db);
    remove.prepare(
        QStringLiteral(R"(DELETE FROM group_members WHERE conversation = :c AND account_id = :a)"));
    for (qint64 account : write.remove) {
        remove.bindValue(QStringLiteral(":c"), write.conversation);
        remove.bindValue(QStringLiteral(":a"), account);
        if (!exec(remove, "remove group member"))
            return rollback(what);
    }
    QSqlQuery admin(m_db);
    admin.prepare(QStringLiteral(R"(UPDATE group_members SET admin = :admin
                                    WHERE conversation = :c AND account_id = :a)"));
    for (const auto &[account, isAdmin] : write.setAdmin) {
        admin.bindValue(QStringLiteral(":admin"), isAdmin ? 1 : 0);
        admin.bindValue(QStringLiteral(":c"), write.conversation);
        admin.bindValue(QStringLiteral(":a"), account);
        if (!exec(admin, "set group admin"))
            return rollback(what);
    }

    const auto devices = devicesOfAccounts(write.notify);
    const auto departed = devicesOfAccounts(write.departed);
    if (!devices || !departed)
        return rollback(what);
    for (size_t i = 0; i < write.events.size(); ++i) {
        const GroupEventWrite &e = write.events[i];
        const GroupEvent event{0,      write.conversation, ++result.lastSeq, e.by, e.op,
                               e.user, write.name,         write.timestamp};
        // Device order within one event does not matter; entry order per device does.
        if (!writeEvent(event, *devices, result.newEntries) ||
            (i == 0 && !writeEvent(event, *departed, result.newEntries)))
            return rollback(what);
    }
    QSqlQuery seq(m_db);
    seq.prepare(QStringLiteral(R"(UPDATE conversations SET last_seq = :seq WHERE id = :c)"));
    seq.bindValue(QStringLiteral(":seq"), qint64(result.lastSeq));
    seq.bindValue(QStringLiteral(":c"), write.conversation);
    if (!exec(seq, "advance group seq") || !commit())
        return rollback(what);
    return result;
}

std::optional<GroupRecord> SqliteGroupStore::group(qint64 conversation)
{
    if (!ensurePrepared())
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        R"(SELECT g.name, g.created_at, g.created_by, c.last_seq
           FROM chat_groups g JOIN conversations c ON c.id = g.conversation
           WHERE g.conversation = :c)"));
    q.bindValue(QStringLiteral(":c"), conversation);
    if (!exec(q, "find group") || !q.next())
        return std::nullopt;
    GroupRecord record{conversation,
                       q.value(0).toString(),
                       q.value(1).toLongLong(),
                       q.value(2).toLongLong(),
                       quint64(q.value(3).toLongLong()),
                       {}};
    q.finish();
    QSqlQuery m(m_db);
    m.prepare(QStringLiteral(
        R"(SELECT m.account_id, a.username, m.admin, m.joined
           FROM group_members m JOIN accounts a ON a.id = m.account_id
           WHERE m.conversation = :c ORDER BY m.joined, m.account_id)"));
    m.bindValue(QStringLiteral(":c"), conversation);
    if (!exec(m, "list group members"))
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
    m_isMember.bindValue(QStringLiteral(":c"), conversation);
    m_isMember.bindValue(QStringLiteral(":a"), accountId);
    const bool member = exec(m_isMember, "check group member") && m_isMember.next();
    m_isMember.finish();
    return member;
}

QList<qint64> SqliteGroupStore::memberAccounts(qint64 conversation)
{
    QList<qint64> out;
    if (!ensurePrepared())
        return out;
    m_members.bindValue(QStringLiteral(":c"), conversation);
    if (exec(m_members, "list group members"))
        while (m_members.next())
            out.append(m_members.value(0).toLongLong());
    m_members.finish();
    return out;
}

protocol::Result<std::vector<InboxEntry>>
SqliteGroupStore::storeSenderKeys(const SenderKeysWrite &write)
{
    if (!ensurePrepared() || !begin())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot store sender keys: %1").arg(m_error));
    const QString what = QStringLiteral("cannot store sender keys");
    const auto devices = memberDevices(write.conversation);
    if (!devices)
        return rollback(what);
    const QSet<qint64> members(devices->cbegin(), devices->cend());
    std::vector<InboxEntry> out;
    for (const protocol::DeviceCopy &copy : write.copies) {
        if (copy.device == write.fromDevice || !members.contains(copy.device))
            continue; // never hand a key to a device outside the group
        const protocol::SenderKeyCopy entry{0, write.conversation, write.fromName, write.fromDevice,
                                            copy.body};
        if (!m_inbox.insert(copy.device, entry, write.timestamp, out)) {
            m_error = m_inbox.error();
            return rollback(what);
        }
    }
    if (!commit())
        return rollback(what);
    return out;
}

} // namespace linnet::server
