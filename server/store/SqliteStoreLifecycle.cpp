// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore's checks and repairs around a server's run: the file's soundness
// before anything is written, the seqs a crash left only in messages, and the
// mark that says whether the last run stopped cleanly (see ConversationSeqs).
#include "SqliteStore.h"

#include <QLoggingCategory>
#include <QStringList>
#include <QVariant>

namespace linnet::server {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

using protocol::ErrorCode;
using protocol::makeError;
using storage::Query;
using storage::Transaction;

protocol::Status SqliteStore::repairSeqs()
{
    qint64 since = 0;
    {
        Query mark(m_db, lcStore,
                   "SELECT value FROM server_state WHERE name = 'seqs_unflushed_since'",
                   Query::Rows::ForwardOnly);
        if (!mark.exec("read server_state"))
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot read server_state of %1: %2")
                                 .arg(m_filePath, mark.errorText()));
        since = mark.next() ? mark.value(0).toLongLong() : 0;
    }
    if (since <= 0)
        return {};
    const QString what = QStringLiteral("cannot repair seqs of %1").arg(m_filePath);
    // One transaction: the seqs and the mark that says they are in.
    Transaction tx(m_db, lcStore);
    if (!begin(tx))
        return lastError(what);
    Query repair(m_db, lcStore,
                 R"(UPDATE conversations SET last_seq = recent.seq
                    FROM (SELECT conversation, MAX(seq) AS seq FROM messages
                          WHERE created_at >= :since AND recipient_account != 0
                          GROUP BY conversation) AS recent
                    WHERE conversations.id = recent.conversation AND conversations.kind = 0
                      AND conversations.last_seq < recent.seq)");
    Query clear(m_db, lcStore,
                "UPDATE server_state SET value = 0 WHERE name = 'seqs_unflushed_since'");
    if (!exec(repair.bind(":since", since), "repair seqs") || !exec(clear, "clear seqs mark"))
        return lastError(what); // rolled back
    const int repaired = repair.affected();
    if (!commit(tx))
        return lastError(what);
    qCInfo(lcStore) << "took the seqs of" << repaired
                    << "conversations from their messages (the server had stopped before "
                       "writing them)";
    return {};
}

protocol::Status SqliteStore::quickCheck()
{
    assertUsable();
    Query q(m_db, lcStore, "PRAGMA quick_check(20)", Query::Rows::ForwardOnly);
    if (!q.exec("quick check"))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot check %1: %2").arg(m_filePath, q.errorText()));
    QStringList findings;
    while (q.next())
        findings.append(q.value(0).toString());
    if (q.error().isValid()) // damage can stop the check itself
        findings.append(q.errorText());
    if (findings == QStringList{QStringLiteral("ok")})
        return {};
    return makeError(ErrorCode::InternalError,
                     QStringLiteral("%1 is damaged (PRAGMA quick_check: %2)")
                         .arg(m_filePath, findings.join(QStringLiteral("; "))));
}

protocol::Status SqliteStore::beginServing(quint64 pushAhead)
{
    assertUsable();
    const QString what = QStringLiteral("cannot start serving %1").arg(m_filePath);
    Transaction tx(m_db, lcStore, Transaction::Lock::Immediate);
    if (!begin(tx))
        return lastError(what);
    bool unclean = false;
    {
        Query mark(m_db, lcStore, R"(SELECT value FROM server_state WHERE name = 'pushed_ahead')",
                   Query::Rows::ForwardOnly);
        if (!exec(mark, "read pushed_ahead"))
            return lastError(what); // rolled back
        unclean = mark.next() && mark.value(0).toLongLong() != 0;
    }
    int moved = 0;
    if (unclean) {
        Query bump(m_db, lcStore,
                   R"(UPDATE conversations SET last_seq = last_seq + :ahead WHERE kind = 0)");
        if (!exec(bump.bind(":ahead", qint64(pushAhead)), "move seqs on"))
            return lastError(what);
        moved = bump.affected();
    }
    Query set(m_db, lcStore, R"(INSERT INTO server_state (name, value) VALUES ('pushed_ahead', 1)
                                ON CONFLICT (name) DO UPDATE SET value = excluded.value)");
    if (!exec(set, "set pushed_ahead") || !commit(tx))
        return lastError(what);
    if (unclean)
        qCInfo(lcStore).nospace()
            << "the server had not stopped cleanly: " << moved << " conversations go on "
            << pushAhead << " seqs further, so that no seq it pushed before a commit it lost "
            << "is given again (a gap)";
    return {};
}

protocol::Status SqliteStore::endServing()
{
    assertUsable();
    if (!execSql(QStringLiteral("UPDATE server_state SET value = 0 WHERE name = 'pushed_ahead'"),
                 "clear pushed_ahead"))
        return lastError(QStringLiteral("cannot record the clean stop in %1").arg(m_filePath));
    return {};
}

} // namespace linnet::server
