// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlTestHelpers.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace linnet::test {

namespace {
int s_counter = 0;
} // namespace

SqlConnection::SqlConnection(const QString &file, const QString &options)
    : m_name(QStringLiteral("linnet_test_sql_%1").arg(++s_counter))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(file);
    db.setConnectOptions(options);
    db.open();
}

SqlConnection::~SqlConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase SqlConnection::db() const
{
    return QSqlDatabase::database(m_name, false);
}

QStringList tables(const QSqlDatabase &db)
{
    QStringList out = db.tables(QSql::Tables);
    out.removeAll(QStringLiteral("sqlite_sequence"));
    out.sort();
    return out;
}

QStringList schemaDump(const QSqlDatabase &db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(QStringLiteral(R"(SELECT type, name, sql FROM sqlite_schema ORDER BY type, name)"));
    while (q.next())
        out.append(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString() +
                   QLatin1Char(' ') + q.value(2).toString());
    return out;
}

int userVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA user_version"));
    return q.next() ? q.value(0).toInt() : -1;
}

bool execSql(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return false;
}

bool refuseWrites(const QSqlDatabase &db, const QString &table)
{
    for (const char *op : {"INSERT", "UPDATE"})
        if (!execSql(db, QStringLiteral("CREATE TEMP TRIGGER refuse_%1_%2 BEFORE %2 ON main.%1 "
                                        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
                             .arg(table, QLatin1String(op))))
            return false;
    return true;
}

bool allowWrites(const QSqlDatabase &db, const QString &table)
{
    for (const char *op : {"INSERT", "UPDATE"})
        if (!execSql(
                db, QStringLiteral("DROP TRIGGER temp.refuse_%1_%2").arg(table, QLatin1String(op))))
            return false;
    return true;
}

} // namespace linnet::test
