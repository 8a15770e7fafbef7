// SPDX-License-Identifier: GPL-3.0-or-later
// The real linnet-server on storage that fails: a full disk, a damaged inbox,
// a damaged database file. Each failure is said (with SQLite's reason) and
// loses nothing; none passes for success.
#include "RawClient.h"
#include "ServerProcess.h"
#include "SmallDisk.h"
#include "SqlTestHelpers.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

/**
 * Deletes the inbox row @p entry from the table but not from the index the drain
 * reads by (inbox_by_device): SQLite's own structure stays sound (quick_check
 * passes), and a read of that device's inbox that reaches the entry fails with
 * "database disk image is malformed", as damage to an index page would.
 */
bool orphanInboxIndexEntry(const QString &file, quint64 entry)
{
    QString sql;
    qint64 rootPage = 0;
    {
        SqlConnection c(file);
        QSqlQuery q(c.db());
        if (!q.exec(QStringLiteral(
                "SELECT rootpage, sql FROM sqlite_schema WHERE name = 'inbox_by_device'")) ||
            !q.next()) {
            qWarning("no inbox_by_device in %s: %s", qPrintable(file),
                     qPrintable(q.lastError().text()));
            return false;
        }
        rootPage = q.value(0).toLongLong();
        sql = q.value(1).toString();
    }
    // Each step on a connection of its own, so that each reads the schema afresh.
    {
        SqlConnection c(file);
        if (!execSql(c.db(), QStringLiteral("PRAGMA writable_schema = ON")) ||
            !execSql(c.db(),
                     QStringLiteral("DELETE FROM sqlite_schema WHERE name = 'inbox_by_device'")))
            return false;
    }
    {
        SqlConnection c(file);
        if (!execSql(c.db(), QStringLiteral("DELETE FROM inbox WHERE entry = %1").arg(entry)))
            return false;
    }
    SqlConnection c(file);
    if (!execSql(c.db(), QStringLiteral("PRAGMA writable_schema = ON")))
        return false;
    QSqlQuery restore(c.db());
    restore.prepare(
        QStringLiteral("INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) "
                       "VALUES ('index', 'inbox_by_device', 'inbox', :root, :sql)"));
    restore.bindValue(QStringLiteral(":root"), rootPage);
    restore.bindValue(QStringLiteral(":sql"), sql);
    if (restore.exec())
        return true;
    qWarning("cannot restore the index: %s", qPrintable(restore.lastError().text()));
    return false;
}

/** Inbox rows of @p device as the table holds them (not through the index). */
int inboxRows(const QString &file, qint64 device)
{
    SqlConnection c(file);
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM inbox NOT INDEXED WHERE device_id = %1")
                    .arg(device)) ||
        !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

class TestServerStorageFaults : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    QString dbFile() const
    {
        return QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db"));
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void init() { m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration()); }

    void cleanup() { m_server.reset(); }

    void aStartOnAFullDiskSaysWhyItFails()
    {
        if (!SmallDisk::possible())
            QSKIP(SmallDisk::kSkipReason);
        const SmallDisk disk(*m_server, 8);
        QVERIFY(disk.mounted());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        {
            auto a = connectAs(*m_server, alice);
            QVERIFY(a);
            for (const char *text : {"one", "two", "three"})
                QVERIFY(a->sendMessage(bob.name, QByteArray(text)));
        }
        // Killed with seqs held in memory: the next start has to write them.
        m_server->kill();
        QVERIFY(disk.fill());

        QVERIFY(!m_server->start());
        const QString output = QString::fromUtf8(m_server->output());
        const auto line = QRegularExpression(QStringLiteral("error: ([^\n]*)")).match(output);
        QVERIFY2(line.hasMatch(), qPrintable(output));
        qInfo("the server said: %s", qPrintable(line.captured(0)));
        // The reason SQLite gave is said, not an empty string after a colon.
        QVERIFY2(!line.captured(1).trimmed().endsWith(QLatin1Char(':')), qPrintable(output));
        QVERIFY2(line.captured(1).contains(QStringLiteral("full"), Qt::CaseInsensitive) ||
                     line.captured(1).contains(QStringLiteral("SQLite code")),
                 qPrintable(output));
    }

    void aDamagedDatabaseIsNotServed()
    {
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        {
            auto a = connectAs(*m_server, alice);
            QVERIFY(a);
            QVERIFY(a->sendMessage(bob.name, QByteArrayLiteral("one")));
        }
        QCOMPARE(m_server->stop(), 0);
        qint64 page = 0, pageSize = 0;
        {
            SqlConnection c(dbFile());
            QSqlQuery q(c.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA page_size")) && q.next());
            pageSize = q.value(0).toLongLong();
            QVERIFY(q.exec(QStringLiteral(
                        "SELECT rootpage FROM sqlite_schema WHERE name = 'messages'")) &&
                    q.next());
            page = q.value(0).toLongLong();
            // Everything in the one file: the damage must not hide behind the WAL.
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        {
            QFile file(dbFile());
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek((page - 1) * pageSize + 8));
            file.write(QByteArray(int(pageSize) - 8, '\x5a'));
        }

        QVERIFY(!m_server->start());
        QVERIFY(m_server->exitCode() > 0);
        const QString output = QString::fromUtf8(m_server->output());
        QVERIFY2(output.contains(dbFile() + QStringLiteral(" is damaged")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral(".recover")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("backup")), qPrintable(output));
        QVERIFY2(!output.contains(QStringLiteral("listening")), qPrintable(output));
    }

    void anUnreadableInboxIsNeverReportedSynced()
    {
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        {
            auto a = connectAs(*m_server, alice);
            QVERIFY(a);
            for (const char *text : {"one", "two", "three"})
                QVERIFY(a->sendMessage(bob.name, QByteArray(text)));
        }
        QCOMPARE(m_server->stop(), 0);
        QCOMPARE(inboxRows(dbFile(), bob.deviceId), 3);
        quint64 second = 0;
        {
            SqlConnection c(dbFile());
            QSqlQuery q(c.db());
            QVERIFY(q.exec(QStringLiteral("SELECT entry FROM inbox WHERE device_id = %1 "
                                          "ORDER BY entry LIMIT 1 OFFSET 1")
                               .arg(bob.deviceId)));
            QVERIFY(q.next());
            second = q.value(0).toULongLong();
        }
        QVERIFY(orphanInboxIndexEntry(dbFile(), second));

        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        std::optional<AuthOk> ok;
        auto b = connectAs(*m_server, bob, &ok);
        QVERIFY(b);
        QCOMPARE(ok->pending, 3u); // counted through the damaged index
        // The page with the damaged entry cannot be read: the device is told so, and
        // is never told "synced" (it would take what it has for all there is).
        const auto error = b->waitFor<ErrorFrame>();
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::InboxUnavailable);
        QVERIFY(!error->reason.isEmpty());
        b->settle(300);
        QVERIFY(!b->has<Synced>());
        QVERIFY2(m_server->output().contains("not readable"), m_server->output().constData());
        // The connection serves on, and a sync asks again: the same answer, no "synced".
        const SyncRequest sync{b->nextRequestId()};
        b->send(sync);
        const auto again = b->waitFor<ErrorFrame>();
        QVERIFY(again);
        QCOMPARE(again->code, ErrorCode::InboxUnavailable);
        QCOMPARE(again->requestId, sync.requestId);
        b->settle(300);
        QVERIFY(!b->has<Synced>());
        b.reset();
        QCOMPARE(m_server->stop(), 0);
        // Nothing was dropped for it: the rows the table still has are all there.
        QCOMPARE(inboxRows(dbFile(), bob.deviceId), 2);
    }
};

QTEST_GUILESS_MAIN(TestServerStorageFaults)
#include "tst_server_storage_faults.moc"
