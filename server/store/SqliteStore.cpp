// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStore.h"

#include "Migrations.h"
#include "SqliteGroupStore.h"
#include "SqliteKeyStore.h"
#include "SqliteMediaStore.h"
#include "SqliteRelayStore.h"
#include "storage/SqlQuery.h"

#include <QAtomicInteger>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>
#include <QVariant>

namespace linnet::server {

Q_LOGGING_CATEGORY(lcStore, "linnet.server.store")

namespace {

using protocol::ErrorCode;
using protocol::makeError;
using storage::Query;
using storage::sqlErrorText;
using storage::Transaction;

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("linnet-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

protocol::LastSeenVisibility visibilityFromInt(int v)
{
    switch (v) {
    case int(protocol::LastSeenVisibility::Everyone):
        return protocol::LastSeenVisibility::Everyone;
    case int(protocol::LastSeenVisibility::Contacts):
        return protocol::LastSeenVisibility::Contacts;
    default: // unknown: hide rather than leak
        return protocol::LastSeenVisibility::Nobody;
    }
}

constexpr const char *kAccountColumns =
    "id, username, password_hash, disabled, created_at, last_seen, last_seen_visibility, "
    "server_admin";

AccountRecord readAccount(const Query &q)
{
    return AccountRecord{q.value(0).toLongLong(),
                         q.value(1).toString(),
                         q.value(2).toByteArray(),
                         q.value(3).toBool(),
                         q.value(4).toLongLong(),
                         q.value(5).toLongLong(),
                         visibilityFromInt(q.value(6).toInt()),
                         q.value(7).toBool()};
}

QString accountQuery(const char *where)
{
    return QStringLiteral("SELECT %1 FROM accounts %2")
        .arg(QLatin1StringView(kAccountColumns), QLatin1StringView(where));
}

} // namespace

SqliteStore::SqliteStore(const QString &path, int busyTimeoutMs, SeqFlushPolicy seqs)
    : m_filePath(path.endsWith(QStringLiteral(".db"))
                     ? path
                     : QDir(path).filePath(QStringLiteral("linnet.db"))),
      m_connectionName(uniqueConnectionName()), m_busyTimeoutMs(busyTimeoutMs), m_seqPolicy(seqs)
{
}

SqliteStore::~SqliteStore()
{
    // Every query must be gone before the connection can be removed.
    m_relay.reset();
    m_keys.reset();
    m_groups.reset();
    m_media.reset();
    m_setLastSeen.reset();
    m_deviceById.reset();
    m_accountById.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

protocol::Error SqliteStore::lastError(const QString &what) const
{
    return makeError(ErrorCode::InternalError, QStringLiteral("%1: %2").arg(what, m_lastError));
}

bool SqliteStore::failed(const QString &reason)
{
    m_lastError = reason;
    return false;
}

bool SqliteStore::exec(Query &q, const char *what)
{
    return q.exec(what) || failed(q.errorText());
}

bool SqliteStore::execSql(const QString &sql, const char *what)
{
    Query q(m_db, lcStore, sql);
    return exec(q, what);
}

bool SqliteStore::begin(const Transaction &tx)
{
    return tx.active() || failed(tx.errorText());
}

bool SqliteStore::commit(Transaction &tx)
{
    return tx.commit() || failed(tx.errorText());
}

void SqliteStore::assertUsable() const
{
    Q_ASSERT_X(m_open, "SqliteStore", "open() first");
    // A QSqlDatabase connection may only be used from the thread that opened it.
    Q_ASSERT_X(QThread::currentThread() == m_thread, "SqliteStore", "used from a second thread");
}

protocol::Result<std::unique_ptr<SqliteStore>> SqliteStore::openAt(const QString &path, bool check)
{
    auto store = std::make_unique<SqliteStore>(path);
    store->setCheckOnOpen(check);
    if (auto opened = store->open(); !opened)
        return opened.error();
    return store;
}

protocol::Status SqliteStore::open()
{
    Q_ASSERT(!m_open);
    const QFileInfo file(m_filePath);
    if (!QDir().mkpath(file.absolutePath()))
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot create data directory %1").arg(file.absolutePath()));

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_filePath);
    if (!m_db.open())
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot open %1: %2").arg(m_filePath, sqlErrorText(m_db.lastError())));

    // busy_timeout first: the other PRAGMAs may already wait for an admin process.
    // The per-connection settings below are given to both connections:
    // synchronous=FULL: an ack promises the message survives power loss.
    // cache_size: SQLite's default of 2,000 pages (8 MiB) is far smaller than the
    // indexes of a month of messages; a page cache of up to 64 MiB (grown on demand)
    // cut the 5,000 msgs/s p50 by 11-23 % on a 245 MB database (docs/benchmarks.md).
    const QString perConnection[] = {
        QStringLiteral("PRAGMA synchronous = FULL"),
        QStringLiteral("PRAGMA cache_size = -%1").arg(kCacheKib),
    };
    for (const QString &pragma :
         {QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeoutMs),
          QStringLiteral("PRAGMA journal_mode = WAL"), perConnection[0], perConnection[1]})
        if (!execSql(pragma, "pragma"))
            return lastError(QStringLiteral("cannot configure %1 (%2)").arg(m_filePath, pragma));

    // Before anything writes: a damaged file is not written to (repairSeqs, migrations).
    if (m_checkOnOpen) {
        QElapsedTimer took;
        took.start();
        m_thread = QThread::currentThread();
        m_open = true; // for quickCheck()'s assertion only
        const auto checked = quickCheck();
        m_open = false;
        if (!checked)
            return checked.error();
        qCInfo(lcStore, "checked %s (PRAGMA quick_check) in %lld ms", qUtf8Printable(m_filePath),
               took.elapsed());
    }

    // Foreign keys only after migrating: a step may rebuild a referenced table.
    const QString foreignKeys = QStringLiteral("PRAGMA foreign_keys = ON");
    const auto version = migrate(m_db);
    if (!version)
        return version.error();
    if (!execSql(foreignKeys, "pragma"))
        return lastError(QStringLiteral("cannot enable foreign keys on %1").arg(m_filePath));
    if (const auto repaired = repairSeqs(); !repaired)
        return repaired.error();

    // The relay's own connection (SQLite's C API), opened once the schema is
    // current, with the same per-connection settings (busy_timeout through the C API).
    m_relay = std::make_unique<SqliteRelayStore>();
    if (const auto relay =
            m_relay->open(m_filePath, m_busyTimeoutMs,
                          {perConnection[0], perConnection[1], foreignKeys}, m_seqPolicy);
        !relay)
        return relay.error();
    m_keys = std::make_unique<SqliteKeyStore>(m_db);
    m_media = std::make_unique<SqliteMediaStore>(m_db);
    {
        Query last(m_db, lcStore, "SELECT COALESCE(MAX(id), 0) FROM conversations");
        if (!last.first("read conversation ids"))
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot read conversation ids of %1: %2")
                                 .arg(m_filePath, last.errorText()));
        m_conversationIds = IdSequence(last.value(0).toLongLong());
    }
    m_groups = std::make_unique<SqliteGroupStore>(m_db, m_conversationIds);
    // Hot-path statements read their rows once, in order: no row cache (see SqliteBatchWriter).
    constexpr auto forwardOnly = Query::Rows::ForwardOnly;
    m_setLastSeen = std::make_unique<Query>(
        m_db, lcStore, R"(UPDATE accounts SET last_seen = :when WHERE id = :id)", forwardOnly);
    m_deviceById = std::make_unique<Query>(
        m_db, lcStore,
        R"(SELECT id, account_id, name, token_hash, created_at, last_seen, revoked_at
           FROM devices WHERE id = :id)",
        forwardOnly);
    m_accountById =
        std::make_unique<Query>(m_db, lcStore, accountQuery("WHERE id = :id"), forwardOnly);
    // The failed statement holds the reason, not the connection.
    for (const Query *q : {m_setLastSeen.get(), m_deviceById.get(), m_accountById.get()})
        if (!q->prepared())
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot prepare statements on %1: %2")
                                 .arg(m_filePath, q->errorText()));
    m_thread = QThread::currentThread();
    m_open = true;
    qCInfo(lcStore, "opened %s (schema version %d)", qUtf8Printable(m_filePath), version.value());
    return {};
}

KeyStore &SqliteStore::keys()
{
    assertUsable();
    return *m_keys;
}

GroupStore &SqliteStore::groups()
{
    assertUsable();
    return *m_groups;
}

MediaStore &SqliteStore::media()
{
    assertUsable();
    return *m_media;
}

// --- accounts ---------------------------------------------------------------------

template <typename T>
protocol::Result<T> SqliteStore::inTransaction(const QString &what,
                                               const std::function<protocol::Result<T>()> &body)
{
    Transaction tx(m_db, lcStore, Transaction::Lock::Immediate);
    if (!begin(tx))
        return lastError(what);
    auto result = body();
    if (result && !commit(tx))
        result = lastError(what);
    return result; // rolled back unless committed
}

protocol::Result<qint64> SqliteStore::createAccount(const QString &username,
                                                    const QByteArray &passwordHash,
                                                    const std::optional<QByteArray> &inviteHash,
                                                    qint64 now)
{
    assertUsable();
    return inTransaction<qint64>(QStringLiteral("cannot create account"), [&] {
        return insertAccount(username, passwordHash, inviteHash, now);
    });
}

protocol::Result<NewAccount>
SqliteStore::createAccountWithDevice(const QString &username, const QByteArray &passwordHash,
                                     const std::optional<QByteArray> &inviteHash,
                                     const QString &deviceName, const QByteArray &tokenHash,
                                     qint64 now)
{
    assertUsable();
    return inTransaction<NewAccount>(
        QStringLiteral("cannot create account"), [&]() -> protocol::Result<NewAccount> {
            const auto account = insertAccount(username, passwordHash, inviteHash, now);
            if (!account)
                return account.error();
            const auto device = insertDevice(account.value(), deviceName, tokenHash, now);
            if (!device)
                return device.error();
            return NewAccount{account.value(), device.value()};
        });
}

protocol::Result<qint64> SqliteStore::insertAccount(const QString &username,
                                                    const QByteArray &passwordHash,
                                                    const std::optional<QByteArray> &inviteHash,
                                                    qint64 now)
{
    // Inside the caller's transaction: a failure here rolls everything back.
    if (inviteHash) {
        Query q(m_db, lcStore, R"(SELECT 1 FROM invites
                                  WHERE code_hash = :hash AND used_at IS NULL
                                    AND expires_at > :now)");
        if (!exec(q.bind(":hash", *inviteHash).bind(":now", now), "find invite"))
            return lastError(QStringLiteral("cannot check invite"));
        if (!q.next())
            return makeError(ErrorCode::InviteRequired,
                             QStringLiteral("invalid or used invite code"));
    }

    Query exists(m_db, lcStore, R"(SELECT 1 FROM accounts WHERE username = :name)");
    if (!exec(exists.bind(":name", username), "find account"))
        return lastError(QStringLiteral("cannot check username"));
    const bool taken = exists.next();
    exists.finish();
    if (taken)
        return makeError(ErrorCode::UsernameTaken, QStringLiteral("username is taken"));

    Query insert(m_db, lcStore,
                 R"(INSERT INTO accounts (username, password_hash, disabled, created_at, last_seen,
                                          last_seen_visibility)
                    VALUES (:name, :hash, 0, :now, 0, 0))");
    insert.bind(":name", username).bind(":hash", passwordHash).bind(":now", now);
    if (!exec(insert, "insert account"))
        return lastError(QStringLiteral("cannot create account"));
    const qint64 id = insert.lastInsertId().toLongLong();

    if (inviteHash) {
        Query use(m_db, lcStore, R"(UPDATE invites SET used_by = :account, used_at = :now
                                    WHERE code_hash = :hash AND used_at IS NULL)");
        use.bind(":account", id).bind(":now", now).bind(":hash", *inviteHash);
        if (!exec(use, "consume invite"))
            return lastError(QStringLiteral("cannot consume invite"));
        if (use.affected() != 1)
            return makeError(ErrorCode::InviteRequired,
                             QStringLiteral("invalid or used invite code"));
    }
    return id;
}

std::optional<AccountRecord> SqliteStore::accountWhere(Query &q)
{
    if (!exec(q, "find account") || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    AccountRecord record = readAccount(q);
    q.finish();
    return record;
}

std::optional<AccountRecord> SqliteStore::accountByName(const QString &username)
{
    assertUsable();
    Query q(m_db, lcStore, accountQuery("WHERE username = :name"));
    return accountWhere(q.bind(":name", username));
}

std::optional<AccountRecord> SqliteStore::accountById(qint64 id)
{
    assertUsable();
    return accountWhere(m_accountById->bind(":id", id));
}

QList<AccountRecord> SqliteStore::listAccounts()
{
    assertUsable();
    QList<AccountRecord> out;
    Query q(m_db, lcStore, accountQuery("ORDER BY username"));
    if (!exec(q, "list accounts"))
        return out;
    while (q.next())
        out.append(readAccount(q));
    return out;
}

bool SqliteStore::setAccountDisabled(const QString &username, bool disabled)
{
    assertUsable();
    Query q(m_db, lcStore, R"(UPDATE accounts SET disabled = :disabled WHERE username = :name)");
    q.bind(":disabled", disabled ? 1 : 0).bind(":name", username);
    return exec(q, "disable account") && q.affected() > 0;
}

bool SqliteStore::setServerAdmin(const QString &username, bool admin)
{
    assertUsable();
    Query q(m_db, lcStore, R"(UPDATE accounts SET server_admin = :admin WHERE username = :name)");
    q.bind(":admin", admin ? 1 : 0).bind(":name", username);
    return exec(q, "set server admin") && q.affected() > 0;
}

QList<qint64> SqliteStore::disabledAccountIds()
{
    assertUsable();
    return Query(m_db, lcStore, R"(SELECT id FROM accounts WHERE disabled <> 0 ORDER BY id)")
        .column<qint64>("list disabled accounts");
}

void SqliteStore::setLastSeen(qint64 accountId, qint64 when)
{
    assertUsable();
    exec(m_setLastSeen->bind(":when", when).bind(":id", accountId), "set last seen");
}

void SqliteStore::setLastSeenVisibility(qint64 accountId, protocol::LastSeenVisibility v)
{
    assertUsable();
    Query q(m_db, lcStore, R"(UPDATE accounts SET last_seen_visibility = :v WHERE id = :id)");
    exec(q.bind(":v", int(v)).bind(":id", accountId), "set last seen visibility");
}

bool SqliteStore::areContacts(qint64 accountA, qint64 accountB)
{
    assertUsable();
    if (accountA == accountB)
        return true;
    Query q(m_db, lcStore,
            R"(SELECT 1 FROM conversations WHERE member_a = :a AND member_b = :b
               UNION ALL
               SELECT 1 FROM group_members x JOIN group_members y ON y.conversation = x.conversation
               WHERE x.account_id = :a2 AND y.account_id = :b2
               LIMIT 1)");
    q.bind(":a", std::min(accountA, accountB)).bind(":b", std::max(accountA, accountB));
    q.bind(":a2", std::min(accountA, accountB)).bind(":b2", std::max(accountA, accountB));
    return exec(q, "check contacts") && q.next();
}

// --- messages -------------------------------------------------------------------------

protocol::Result<BatchResult> SqliteStore::commitBatch(const WriteBatch &batch)
{
    assertUsable();
    return m_relay->commitBatch(batch);
}

protocol::Result<std::vector<InboxEntry>> SqliteStore::loadInbox(qint64 deviceId,
                                                                 quint64 afterEntry, int limit)
{
    assertUsable();
    return m_relay->loadInbox(deviceId, afterEntry, limit);
}

quint64 SqliteStore::inboxCount(qint64 deviceId)
{
    assertUsable();
    Query q(m_db, lcStore, R"(SELECT COUNT(*) FROM inbox WHERE device_id = :device)");
    if (!exec(q.bind(":device", deviceId), "count inbox") || !q.next())
        return 0;
    return quint64(q.value(0).toLongLong());
}

std::optional<ConversationSeq> SqliteStore::conversationBetween(qint64 accountA, qint64 accountB)
{
    assertUsable();
    return m_relay->conversationBetween(accountA, accountB);
}

std::optional<std::vector<OneToOneConversation>> SqliteStore::oneToOneConversations(qsizetype limit)
{
    assertUsable();
    return m_relay->oneToOneConversations(limit);
}

bool SqliteStore::messageStored(qint64 senderDevice, const protocol::MessageId &id)
{
    assertUsable();
    return m_relay->messageStored(senderDevice, id);
}

qint64 SqliteStore::reserveConversationId()
{
    assertUsable();
    return m_conversationIds.next();
}

QList<qint64> SqliteStore::conversationMembers(qint64 conversation)
{
    assertUsable();
    Query q(m_db, lcStore, R"(SELECT member_a, member_b, kind FROM conversations WHERE id = :id)");
    if (!exec(q.bind(":id", conversation), "conversation members") || !q.next())
        return {};
    if (q.value(2).toInt() != 0) {
        q.finish();
        return m_groups->memberAccounts(conversation);
    }
    const qint64 a = q.value(0).toLongLong();
    const qint64 b = q.value(1).toLongLong();
    return a == b ? QList<qint64>{a} : QList<qint64>{a, b};
}

qint64 SqliteStore::expireBefore(qint64 cutoff)
{
    assertUsable();
    Transaction tx(m_db, lcStore, Transaction::Lock::Immediate);
    if (!begin(tx))
        return 0;
    Query inbox(m_db, lcStore, R"(DELETE FROM inbox WHERE created_at < :cutoff)");
    Query messages(m_db, lcStore, R"(DELETE FROM messages WHERE created_at < :cutoff)");
    // affected() asks the connection for the last statement's count: read it at once.
    if (!exec(inbox.bind(":cutoff", cutoff), "expire inbox"))
        return 0; // rolled back
    const qint64 removed = inbox.affected();
    if (!exec(messages.bind(":cutoff", cutoff), "expire messages"))
        return 0;
    const qint64 records = messages.affected();
    if (!commit(tx))
        return 0;
    if (removed > 0 || records > 0)
        qCInfo(lcStore, "expired %lld inbox entries and %lld message records", removed, records);
    return removed;
}

} // namespace linnet::server
