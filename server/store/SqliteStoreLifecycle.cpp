// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore's checks and repairs around a server's run: the file's soundness
// before anything is written, the seqs a crash left only in messages, and the
// mark that says whether the last run stopped cleanly (see ConversationSeqs).
#include "SqliteStore.h"

#include "SqlErrorText.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace linnet::server {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

using protocol::ErrorCode;
using protocol::makeError;

protocol::Result<bool> SqliteStore::repairSeqs()
{
    QSqlQuery mark(m_db);
    mark.setForwardOnly(true);
    if (!mark.exec(
            QStringLiteral("SELECT value FROM server_state WHERE name = 'seqs_unflushed_since'")))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot read server_state of %1: %2")
                             .arg(m_filePath, sqlErrorText(mark.lastError())));
    const qint64 since = mark.next() ? mark.value(0).toLongLong() : 0;
    mark.finish();
    if (since <= 0)
        return true;
    // One transaction: the seqs and the mark that says they are in.
    if (!m_db.transaction())
        return connectionError(QStringLiteral("cannot repair seqs of %1").arg(m_filePath));
    QSqlQuery repair(m_db);
    repair.prepare(QStringLiteral(
        R"(UPDATE conversations SET last_seq = recent.seq
           FROM (SELECT conversation, MAX(seq) AS seq FROM messages
                 WHERE created_at >= :since AND recipient_account != 0
                 GROUP BY conversation) AS recent
           WHERE conversations.id = recent.conversation AND conversations.kind = 0
             AND conversations.last_seq < recent.seq)"));
    repair.bindValue(QStringLiteral(":since"), since);
    QSqlQuery clear(m_db);
    clear.prepare(
        QStringLiteral("UPDATE server_state SET value = 0 WHERE name = 'seqs_unflushed_since'"));
    if (!exec(repair, "repair seqs") || !exec(clear, "clear seqs mark")) {
        m_db.rollback();
        return lastError(QStringLiteral("cannot repair seqs of %1").arg(m_filePath));
    }
    const int repaired = repair.numRowsAffected();
    if (!m_db.commit()) {
        const protocol::Error error =
            connectionError(QStringLiteral("cannot repair seqs of %1").arg(m_filePath));
        m_db.rollback();
        return error;
    }
    qCInfo(lcStore) << "took the seqs of" << repaired
                    << "conversations from their messages (the server had stopped before "
                       "writing them)";
    return true;
}

protocol::Result<bool> SqliteStore::quickCheck()
{
    assertUsable();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA quick_check(20)")))
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot check %1: %2").arg(m_filePath, sqlErrorText(q.lastError())));
    QStringList findings;
    while (q.next())
        findings.append(q.value(0).toString());
    if (q.lastError().isValid()) // damage can stop the check itself
        findings.append(sqlErrorText(q.lastError()));
    if (findings == QStringList{QStringLiteral("ok")})
        return true;
    return makeError(ErrorCode::InternalError,
                     QStringLiteral("%1 is damaged (PRAGMA quick_check: %2)")
                         .arg(m_filePath, findings.join(QStringLiteral("; "))));
}

protocol::Result<bool> SqliteStore::beginServing(quint64 pushAhead)
{
    assertUsable();
    const QString what = QStringLiteral("cannot start serving %1").arg(m_filePath);
    if (!execSql(QStringLiteral("BEGIN IMMEDIATE"), "begin serving"))
        return lastError(what);
    auto fail = [this, &what] {
        const protocol::Error error = lastError(what);
        execSql(QStringLiteral("ROLLBACK"), "rollback serving");
        return error;
    };
    QSqlQuery mark(m_db);
    mark.setForwardOnly(true);
    mark.prepare(QStringLiteral(R"(SELECT value FROM server_state WHERE name = 'pushed_ahead')"));
    if (!exec(mark, "read pushed_ahead"))
        return fail();
    const bool unclean = mark.next() && mark.value(0).toLongLong() != 0;
    mark.finish();
    int moved = 0;
    if (unclean) {
        QSqlQuery bump(m_db);
        bump.prepare(QStringLiteral(
            R"(UPDATE conversations SET last_seq = last_seq + :ahead WHERE kind = 0)"));
        bump.bindValue(QStringLiteral(":ahead"), qint64(pushAhead));
        if (!exec(bump, "move seqs on"))
            return fail();
        moved = bump.numRowsAffected();
    }
    QSqlQuery set(m_db);
    set.prepare(QStringLiteral(R"(INSERT INTO server_state (name, value) VALUES ('pushed_ahead', 1)
                                  ON CONFLICT (name) DO UPDATE SET value = excluded.value)"));
    if (!exec(set, "set pushed_ahead") || !execSql(QStringLiteral("COMMIT"), "commit serving"))
        return fail();
    if (unclean)
        qCInfo(lcStore).nospace()
            << "the server had not stopped cleanly: " << moved << " conversations go on "
            << pushAhead << " seqs further, so that no seq it pushed before a commit it lost "
            << "is given again (a gap)";
    return true;
}

protocol::Result<bool> SqliteStore::endServing()
{
    assertUsable();
    if (!execSql(QStringLiteral("UPDATE server_state SET value = 0 WHERE name = 'pushed_ahead'"),
                 "clear pushed_ahead"))
        return lastError(QStringLiteral("cannot record the clean stop in %1").arg(m_filePath));
    return true;
}

} // namespace linnet::server
