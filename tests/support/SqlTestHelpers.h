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

} // namespace linnet::test
