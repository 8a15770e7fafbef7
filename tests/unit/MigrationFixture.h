// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by tst_migrations (the migration machinery) and tst_migration_steps (what each
// step of the server schema does to a database at the version before it).

#include "SqlTestHelpers.h"
#include "TestBase.h"
#include "store/Migrations.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace linnet::test {

using server::migrate;
using server::Migration;
using server::schemaMigrations;

/** Every column of every message, one line per row in @p order; empty on an error. */
inline QStringList messageRows(const QSqlDatabase &db, const char *order)
{
    QSqlQuery q(db);
    QStringList rows;
    if (!q.exec(QStringLiteral("SELECT sender_device, hex(message_id), conversation, seq, "
                               "sender_account, recipient_account, created_at, "
                               "coalesce(delivered_at, -1) FROM messages ORDER BY %1")
                    .arg(QLatin1String(order))))
        return rows;
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < 8; ++i)
            row.append(q.value(i).toString());
        rows.append(row.join(u' '));
    }
    return rows;
}

/** A temporary database file per test function, and the steps of the real list up to a version. */
class MigrationFixture : public QObject {
protected:
    /** The first @p version steps of the real list. */
    static std::vector<Migration> stepsTo(int version)
    {
        const auto &all = schemaMigrations();
        return {all.begin(), all.begin() + version};
    }

    /** @p db at schema version @p version, holding @p rows. Check currentTestFailed() after. */
    static void seedAtVersion(QSqlDatabase &db, int version,
                              std::initializer_list<const char *> rows)
    {
        QCOMPARE(migrate(db, stepsTo(version)).value(), version);
        QSqlQuery q(db);
        for (const char *sql : rows)
            QVERIFY2(q.exec(QString::fromUtf8(sql)), qPrintable(q.lastError().text()));
    }

    /**
     * Migrates @p db on to @p version; with @p likeANewDatabase, its schema must then be the
     * one a new database gets from the same steps. Check currentTestFailed() after.
     */
    void upgradeTo(QSqlDatabase &db, int version, bool likeANewDatabase = false)
    {
        const auto result = migrate(db, stepsTo(version));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), version);
        if (!likeANewDatabase)
            return;
        SqlConnection fresh(m_dir->filePath(QStringLiteral("fresh.db")));
        QSqlDatabase other = fresh.db();
        QVERIFY(migrate(other, stepsTo(version)).ok());
        QCOMPARE(schemaDump(db), schemaDump(other));
    }

    void makeDir()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("linnet.db"));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

} // namespace linnet::test
