// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace linnet::test {

/** A named QSQLITE connection to @p file that closes and removes itself when it goes. */
class SqlConnection {
public:
    /** Opens @p file; @p options are QSqlDatabase::setConnectOptions(), e.g. read-only. */
    explicit SqlConnection(const QString &file, const QString &options = {});
    ~SqlConnection();
    SqlConnection(const SqlConnection &) = delete;
    SqlConnection &operator=(const SqlConnection &) = delete;

    QSqlDatabase db() const;

private:
    QString m_name;
};

/** The database's tables, sorted, without SQLite's own sqlite_sequence. */
QStringList tables(const QSqlDatabase &db);

/** The schema as SQLite stores it ("type name sql" per object), to compare two databases. */
QStringList schemaDump(const QSqlDatabase &db);

/** PRAGMA user_version, or -1 if it cannot be read. */
int userVersion(const QSqlDatabase &db);

/** Runs @p sql on @p db; false (and a warning with SQLite's reason) if it fails. */
bool execSql(const QSqlDatabase &db, const QString &sql);

/** Makes @p table of @p db refuse every new or changed row, as a full disk would (temporary
 *  triggers: only this connection sees them), until allowWrites(). */
bool refuseWrites(const QSqlDatabase &db, const QString &table);
bool allowWrites(const QSqlDatabase &db, const QString &table);

} // namespace linnet::test
