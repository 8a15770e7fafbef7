// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to LocalStore.cpp (header-only, not installed): the SQL plumbing the
// store's queries share, so that LocalStore.cpp holds only what the store does.

#include "ClientLog.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <utility>

namespace linnet::client::sql {

/** SQLite INTEGER is signed 64-bit; seq 0 ("not yet known") is stored as NULL. */
inline QVariant seqValue(quint64 seq)
{
    return seq == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(qint64(seq));
}

/** Qt binds a null QString/QByteArray as SQL NULL; the columns are NOT NULL. */
inline QString nonNull(const QString &s)
{
    return s.isNull() ? QString::fromLatin1("") : s;
}

inline QByteArray nonNull(const QByteArray &b)
{
    return b.isNull() ? QByteArray("") : b;
}

/** A prepared statement that logs its failures; bind with named values. */
class Query {
public:
    Query(const QSqlDatabase &db, const char *sql) : m_q(db)
    {
        if (!db.isOpen()) {
            qCWarning(lcLocalStore, "the local store is not open; query skipped");
            return;
        }
        m_prepared = m_q.prepare(QString::fromUtf8(sql));
        if (!m_prepared)
            qCWarning(lcLocalStore).noquote()
                << "cannot prepare:" << m_q.lastError().text() << "in" << sql;
    }
    Query &bind(const char *name, const QVariant &value)
    {
        m_q.bindValue(QString::fromLatin1(name), value);
        return *this;
    }
    bool exec()
    {
        if (!m_prepared)
            return false;
        if (m_q.exec())
            return true;
        qCWarning(lcLocalStore).noquote() << "query failed:" << m_q.lastError().text();
        return false;
    }
    /** exec() and step to the first row; false on failure or no row. */
    bool first() { return exec() && m_q.next(); }
    bool next() { return m_q.next(); }
    QVariant value(int i) const { return m_q.value(i); }
    int affected() const { return m_q.numRowsAffected(); }

private:
    QSqlQuery m_q;
    bool m_prepared = false;
};

/** BEGIN on construction, ROLLBACK on destruction unless commit() succeeded. */
class Transaction {
public:
    explicit Transaction(QSqlDatabase db) : m_db(std::move(db))
    {
        m_active = m_db.isOpen() && m_db.transaction();
        if (!m_active)
            qCWarning(lcLocalStore).noquote()
                << "cannot begin transaction:" << m_db.lastError().text();
    }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool active() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        if (m_db.commit()) {
            m_active = false;
            return true;
        }
        qCWarning(lcLocalStore).noquote() << "cannot commit:" << m_db.lastError().text();
        return false; // the destructor rolls back
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace linnet::client::sql
