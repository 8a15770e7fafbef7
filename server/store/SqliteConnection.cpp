// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteConnection.h"

#include <sqlite3.h>

namespace linnet::server {

SqliteConnection::~SqliteConnection()
{
    // Statements are finalized by their owners first; v2 defers the close otherwise.
    sqlite3_close_v2(m_db);
}

bool SqliteConnection::configureProcess()
{
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

bool SqliteConnection::open(const QString &filePath, int busyTimeoutMs)
{
    Q_ASSERT(!m_db);
    const int rc = sqlite3_open_v2(filePath.toUtf8().constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        m_openError =
            m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    return sqlite3_busy_timeout(m_db, busyTimeoutMs) == SQLITE_OK;
}

bool SqliteConnection::exec(const char *sql)
{
    return m_db && sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

QString SqliteConnection::error() const
{
    if (!m_db)
        return m_openError.isEmpty() ? QStringLiteral("the database is not open") : m_openError;
    // The extended code tells a full disk (13) from an I/O error (10, 266...) from damage (11).
    return QStringLiteral("%1 (SQLite code %2)")
        .arg(QString::fromUtf8(sqlite3_errmsg(m_db)))
        .arg(sqlite3_extended_errcode(m_db));
}

qint64 SqliteConnection::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int SqliteConnection::changes() const
{
    return sqlite3_changes(m_db);
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

bool SqliteStatement::prepare(SqliteConnection &connection, const char *sql)
{
    Q_ASSERT(!m_stmt);
    return sqlite3_prepare_v3(connection.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt,
                              nullptr) == SQLITE_OK;
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, QByteArrayView blob)
{
    // SQLITE_TRANSIENT: SQLite copies, so a temporary may be passed.
    sqlite3_bind_blob64(m_stmt, index, blob.data(), sqlite3_uint64(blob.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

SqliteStatement::Step SqliteStatement::step()
{
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        sqlite3_reset(m_stmt);
        return Step::Done;
    default:
        // The connection keeps the message until its next call; reset() would
        // return the same code and keep it too.
        sqlite3_reset(m_stmt);
        return Step::Error;
    }
}

bool SqliteStatement::run()
{
    Step s;
    while ((s = step()) == Step::Row) {
    }
    return s == Step::Done;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
}

qint64 SqliteStatement::int64At(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool SqliteStatement::isNullAt(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QByteArray SqliteStatement::blobAt(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column));
}

QString SqliteStatement::textAt(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

} // namespace linnet::server
