// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace linnet::server {

/**
 * One connection to a SQLite file through SQLite's C API, for the store's hot
 * path (SqliteBatchWriter). QtSql binds by name through a QVariant per column
 * and builds a QSqlRecord per row: about 40 % of a relay commit's time went
 * there (docs/benchmarks.md). Everything else stays on QtSql. The connection is
 * its own: a QSqlDatabase's handle may belong to a copy of SQLite compiled into
 * Qt's plugin (Qt's own builds for Windows and macOS), which must not be mixed
 * with the library linked here. One thread only, like the store that owns it.
 */
class SqliteConnection {
public:
    SqliteConnection() = default;
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    /**
     * Process-wide settings, before anything in the process uses SQLite (first thing
     * in main): no allocation statistics, which take a global mutex on every malloc
     * and free of SQLite's. False if SQLite was already in use (nothing changes).
     */
    static bool configureProcess();

    /**
     * Opens an existing database file (never creates one); false: see error(). The
     * connection takes no mutex of its own: it is used by one thread at a time.
     */
    bool open(const QString &filePath, int busyTimeoutMs);
    /** Runs statements without results (PRAGMAs, BEGIN/COMMIT); false: see error(). */
    bool exec(const char *sql);

    sqlite3 *handle() const { return m_db; }
    /** SQLite's message and extended result code for the last failure on this connection. */
    QString error() const;
    qint64 lastInsertRowId() const;
    /** Rows changed by the last INSERT, UPDATE or DELETE. */
    int changes() const;

private:
    sqlite3 *m_db = nullptr;
    QString m_openError;
};

/**
 * A statement prepared once and run many times with positional parameters
 * (? or ?NNN; bind() indices start at 1). After a run() or once the rows of a
 * step() loop are read, the statement is reset: a statement left mid-way would
 * hold a read snapshot that keeps the next BEGIN IMMEDIATE from seeing other
 * connections' commits.
 */
class SqliteStatement {
public:
    enum class Step { Row, Done, Error };

    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool prepare(SqliteConnection &connection, const char *sql);

    void bind(int index, qint64 value);
    void bind(int index, QByteArrayView blob);
    void bind(int index, const QByteArray &blob) { bind(index, QByteArrayView(blob)); }
    void bind(int index, const QString &text);
    void bindNull(int index);
    template <typename T> void bind(int index, const std::optional<T> &value)
    {
        if (value)
            bind(index, *value);
        else
            bindNull(index);
    }

    /** The next row, the end, or an error (then reset already). */
    Step step();
    /** Steps to the end and resets; false on an error. */
    bool run();
    /** Ends a step() loop early. */
    void reset();

    qint64 int64At(int column) const;
    bool isNullAt(int column) const;
    QByteArray blobAt(int column) const;
    QString textAt(int column) const;

private:
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace linnet::server
