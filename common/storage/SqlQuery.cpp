// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlQuery.h"

#include <QStringList>

namespace linnet::storage {

QString sqlErrorText(const QSqlError &error)
{
    QStringList parts;
    if (const QString database = error.databaseText().trimmed(); !database.isEmpty())
        parts.append(database);
    if (const QString driver = error.driverText().trimmed();
        !driver.isEmpty() && !parts.contains(driver))
        parts.append(driver);
    if (const QString code = error.nativeErrorCode(); !code.isEmpty())
        parts.append(QStringLiteral("SQLite code %1").arg(code));
    if (!parts.isEmpty())
        return parts.join(QStringLiteral("; "));
    return error.type() == QSqlError::NoError
               ? QStringLiteral("SQLite reported no error for a call that failed")
               : QStringLiteral("no message from SQLite (error type %1)").arg(int(error.type()));
}

Query::Query(const QSqlDatabase &db, Log log, const QString &sql, Rows rows) : m_q(db), m_log(log)
{
    if (!db.isOpen()) {
        qCWarning(m_log, "the database is not open; query skipped");
        return;
    }
    m_q.setForwardOnly(rows == Rows::ForwardOnly);
    m_prepared = m_q.prepare(sql);
    if (!m_prepared)
        qCWarning(m_log).noquote() << "cannot prepare:" << errorText() << "in" << sql;
}

Query::Query(const QSqlDatabase &db, Log log, const char *sql, Rows rows)
    : Query(db, log, QString::fromUtf8(sql), rows)
{
}

Query &Query::bind(const char *name, const QVariant &value)
{
    m_q.bindValue(QString::fromLatin1(name), value);
    return *this;
}

bool Query::exec(const char *what)
{
    if (!m_prepared)
        return false;
    if (m_q.exec())
        return true;
    qCWarning(m_log, "%s failed: %s", what, qUtf8Printable(errorText()));
    return false;
}

Transaction::Transaction(const QSqlDatabase &db, Log log, Lock lock)
    : m_db(db), m_log(log), m_lock(lock)
{
    if (!m_db.isOpen()) {
        m_error = QSqlError(QStringLiteral("the database is not open"), QString(),
                            QSqlError::ConnectionError);
        qCWarning(m_log, "cannot begin transaction: the database is not open");
        return;
    }
    m_active = lock == Lock::Immediate ? run("BEGIN IMMEDIATE") : m_db.transaction();
    if (!m_active) {
        if (lock == Lock::Deferred)
            m_error = m_db.lastError();
        qCWarning(m_log, "cannot begin transaction: %s", qUtf8Printable(errorText()));
    }
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    const bool committed = m_lock == Lock::Immediate ? run("COMMIT") : m_db.commit();
    if (committed) {
        m_active = false;
        return true;
    }
    if (m_lock == Lock::Deferred)
        m_error = m_db.lastError();
    qCWarning(m_log, "cannot commit: %s", qUtf8Printable(errorText()));
    return false; // still active: the destructor rolls back
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // SQLite may have rolled back already (a full disk): then this fails, harmlessly.
    if (!m_db.rollback())
        qCDebug(m_log, "rollback: %s", qUtf8Printable(sqlErrorText(m_db.lastError())));
}

bool Transaction::run(const char *sql)
{
    QSqlQuery q(m_db);
    if (q.exec(QString::fromLatin1(sql)))
        return true;
    m_error = q.lastError();
    return false;
}

} // namespace linnet::storage
