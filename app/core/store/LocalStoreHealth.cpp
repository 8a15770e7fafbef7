// SPDX-License-Identifier: GPL-3.0-or-later
// What LocalStore says when its file fails it: SQLite's own reason for a failed write,
// and a damaged database or write-ahead log refused at start instead of used.
#include "store/LocalStore.h"

#include "ClientLog.h"
#include "store/WalCheck.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

namespace linnet::client {

namespace {

/** The error a damaged file of the profile gives (@p what says which and what to do). */
protocol::Error damaged(const QString &what)
{
    return protocol::makeError(protocol::ErrorCode::InternalError, what);
}

QString advice(const QString &file)
{
    return QCoreApplication::translate(
               "LocalStore",
               "Linnet has not changed it. Quit Linnet and keep a copy of the folder %1. Then "
               "restore the file from a backup, or move it out of the folder to start this "
               "profile afresh: what the server still holds for this device comes again, what "
               "was only on this computer stays in your copy.")
        .arg(QFileInfo(file).absolutePath());
}

} // namespace

QString LocalStore::lastError() const
{
    const QSqlDatabase db = database();
    if (!db.isOpen() || !db.driver())
        return {};
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return {};
    auto *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection || sqlite3_errcode(connection) == SQLITE_OK)
        return {};
    return QString::fromUtf8(sqlite3_errmsg(connection));
}

protocol::Status LocalStore::checkFiles() const
{
    if (m_path == QLatin1String(":memory:") || !QFileInfo::exists(m_path))
        return {};
    const QString wal = m_path + QStringLiteral("-wal");
    if (const auto damage = walDamage(wal)) {
        qCCritical(lcLocalStore) << "the write-ahead log" << wal << "is damaged:" << *damage;
        return damaged(QCoreApplication::translate(
                           "LocalStore", "The database log %1 is damaged (%2); opening it would "
                                         "silently drop the messages it holds. %3")
                           .arg(wal, *damage, advice(wal)));
    }
    QStringList findings;
    {
        // Read-only: closing it checkpoints nothing into a file that may be damaged.
        const QString name = m_connectionName + QStringLiteral(".check");
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            findings << db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA quick_check(10)")))
                findings << q.lastError().text();
            while (q.next())
                findings << q.value(0).toString();
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
    if (findings == QStringList{QStringLiteral("ok")})
        return {};
    const QString found = findings.join(QStringLiteral("; "));
    qCCritical(lcLocalStore) << m_path << "is damaged (PRAGMA quick_check):" << found;
    return damaged(QCoreApplication::translate("LocalStore",
                                               "The database %1 is damaged (SQLite found: %2). %3")
                       .arg(m_path, found, advice(m_path)));
}

} // namespace linnet::client
