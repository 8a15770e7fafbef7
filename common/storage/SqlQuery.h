// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The QtSql plumbing every store shares, on the client (app/core/store, e2e, groups)
// and on the server (server/store): a prepared statement that logs its failures, a
// transaction that rolls back unless committed, and the text of a QtSql error. The
// server's hot path (SqliteConnection, SqliteBatchWriter) uses SQLite's C API instead.

#include <QList>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace linnet::storage {

/** A store's logging category, as Q_LOGGING_CATEGORY defines it (e.g. lcLocalStore). */
using Log = QMessageLogger::CategoryFunction;

/**
 * The reason a QtSql call failed, for the stores' error strings and logs:
 * SQLite's own message (QSqlError::databaseText, e.g. "database or disk is
 * full"), the driver's (QSqlError::driverText, e.g. "Unable to commit
 * transaction") and SQLite's result code. Never empty: a failure with no text
 * at all says so, so that "cannot repair seqs of linnet.db: " cannot be
 * printed with nothing after the colon again (issue 23.10).
 */
QString sqlErrorText(const QSqlError &error);

/** SQLite INTEGER is signed 64-bit; seq 0 ("not yet known") is stored as NULL. */
inline QVariant seqValue(quint64 seq)
{
    return seq == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(qint64(seq));
}

/** Qt binds a null QString/QByteArray as SQL NULL; for NOT NULL columns. */
inline QString nonNull(const QString &s)
{
    return s.isNull() ? QString::fromLatin1("") : s;
}

inline QByteArray nonNull(const QByteArray &b)
{
    return b.isNull() ? QByteArray("") : b;
}

/**
 * A prepared statement with named bind values that logs its failures on the
 * store's logging category ("<what> failed: <sqlErrorText>"). It can be bound and
 * executed again, so a statement used often is prepared once.
 */
class Query {
public:
    /** Whether rows are read once, in order (no row cache; for hot-path statements). */
    enum class Rows { Cached, ForwardOnly };

    /** Prepares @p sql on @p db; a closed database or a failed prepare is logged on @p log. */
    Query(const QSqlDatabase &db, Log log, const QString &sql, Rows rows = Rows::Cached);
    Query(const QSqlDatabase &db, Log log, const char *sql, Rows rows = Rows::Cached);

    Query &bind(const char *name, const QVariant &value);
    /** Runs the statement; false (logged as "@p what failed") if it was not prepared or failed. */
    bool exec(const char *what = "query");
    /** exec() and step to the first row; false on failure or no row. */
    bool first(const char *what = "query") { return exec(what) && m_q.next(); }
    bool next() { return m_q.next(); }
    /** exec() and the first column of every row, in order; empty if it failed. */
    template <typename T> QList<T> column(const char *what = "query")
    {
        QList<T> out;
        if (exec(what))
            while (m_q.next())
                out.append(m_q.value(0).value<T>());
        return out;
    }
    QVariant value(int i) const { return m_q.value(i); }
    /** Rows the last exec() changed; read it before the connection runs anything else. */
    int affected() const { return m_q.numRowsAffected(); }
    QVariant lastInsertId() const { return m_q.lastInsertId(); }
    /** Frees the result (and SQLite's read of it) before the statement runs again. */
    void finish() { m_q.finish(); }
    bool prepared() const { return m_prepared; }
    /** The failure of the prepare or of the last exec(). */
    QSqlError error() const { return m_q.lastError(); }
    QString errorText() const { return sqlErrorText(error()); }

private:
    QSqlQuery m_q;
    Log m_log;
    bool m_prepared = false;
};

/**
 * BEGIN (or BEGIN IMMEDIATE) on construction, ROLLBACK on destruction unless
 * commit() succeeded. A failed begin or commit is logged on the store's category
 * and kept in error(). A deferred transaction goes through QSqlDatabase's
 * transaction API; an immediate one, which that API cannot start, runs the
 * statements itself (their errors then carry SQLite's result code).
 */
class Transaction {
public:
    /** Immediate takes the write lock at once: no other writer can come between a read
     *  inside and the commit, and two processes cannot both start the same change. */
    enum class Lock { Deferred, Immediate };

    Transaction(const QSqlDatabase &db, Log log, Lock lock = Lock::Deferred);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool active() const { return m_active; }
    /** COMMIT; on failure the transaction stays active and the destructor rolls it back. */
    bool commit();
    /** ROLLBACK now (SQLite may have rolled back already, e.g. on a full disk). */
    void rollback();
    /** Why begin or commit failed. */
    QSqlError error() const { return m_error; }
    QString errorText() const { return sqlErrorText(m_error); }

private:
    bool run(const char *sql);

    QSqlDatabase m_db;
    Log m_log;
    Lock m_lock;
    QSqlError m_error;
    bool m_active = false;
};

} // namespace linnet::storage
