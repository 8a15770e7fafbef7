// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteConnection / SqliteStatement: the batch writer's C API wrapper, against a
// real file that a QtSql connection (the rest of the store's) shares.
#include "store/SqliteConnection.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using linnet::server::SqliteConnection;
using linnet::server::SqliteStatement;
using Step = SqliteStatement::Step;

class TestSqliteConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void openNeverCreatesAFile();
    void valuesRoundTrip();
    void constraintFailureNamesTheConstraint();
    void resetStatementSeesOtherConnectionsCommits();

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_dir;
    QSqlDatabase m_qt;
};

void TestSqliteConnection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("t.db"));
    m_qt = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("qt"));
    m_qt.setDatabaseName(m_path);
    QVERIFY(m_qt.open());
    QSqlQuery q(m_qt);
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
    QVERIFY(q.exec(QStringLiteral(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT, b BLOB, s TEXT, UNIQUE (n))")));
}

void TestSqliteConnection::cleanup()
{
    m_qt.close();
    m_qt = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("qt"));
    m_dir.reset();
}

void TestSqliteConnection::openNeverCreatesAFile()
{
    SqliteConnection c;
    const QString missing = m_dir->filePath(QStringLiteral("missing.db"));
    QVERIFY(!c.open(missing, 100));
    QVERIFY2(c.error().contains(QStringLiteral("unable to open")), qPrintable(c.error()));
    QVERIFY(!QFile::exists(missing));
}

void TestSqliteConnection::valuesRoundTrip()
{
    SqliteConnection c;
    QVERIFY(c.open(m_path, 100));
    SqliteStatement insert, select;
    QVERIFY(insert.prepare(c, "INSERT INTO t (n, b, s) VALUES (?1, ?2, ?3)"));
    QVERIFY(select.prepare(c, "SELECT n, b, s FROM t WHERE id = ?1"));

    const QByteArray blob("\x00\x01\xff", 3);
    insert.bind(1, qint64(1) << 40);
    insert.bind(2, blob);
    insert.bind(3, QStringLiteral("Zoë ✓✓"));
    QVERIFY(insert.run());
    const qint64 first = c.lastInsertRowId();
    QCOMPARE(c.changes(), 1);

    insert.bind(1, std::optional<qint64>{}); // NULL
    insert.bindNull(2);
    insert.bind(3, std::optional<QString>{});
    QVERIFY(insert.run());
    QCOMPARE(c.lastInsertRowId(), first + 1);

    select.bind(1, first);
    QCOMPARE(select.step(), Step::Row);
    QCOMPARE(select.int64At(0), qint64(1) << 40);
    QCOMPARE(select.blobAt(1), blob);
    QVERIFY(!select.isNullAt(2));
    select.reset();

    select.bind(1, first + 1);
    QCOMPARE(select.step(), Step::Row);
    QVERIFY(select.isNullAt(0));
    QVERIFY(select.isNullAt(1));
    QVERIFY(select.isNullAt(2));
    QCOMPARE(select.step(), Step::Done);

    // QtSql reads what the C API wrote, text included (stored as UTF-8)
    QSqlQuery q(m_qt);
    QVERIFY(q.exec(QStringLiteral("SELECT s FROM t WHERE id = %1").arg(first)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Zoë ✓✓"));
}

void TestSqliteConnection::constraintFailureNamesTheConstraint()
{
    SqliteConnection c;
    QVERIFY(c.open(m_path, 100));
    SqliteStatement insert;
    QVERIFY(insert.prepare(c, "INSERT INTO t (n) VALUES (?1)"));
    insert.bind(1, qint64(7));
    QVERIFY(insert.run());
    insert.bind(1, qint64(7));
    QVERIFY(!insert.run());
    QVERIFY2(c.error().contains(QStringLiteral("UNIQUE")), qPrintable(c.error()));
    // the statement was reset by the failure and runs again
    insert.bind(1, qint64(8));
    QVERIFY(insert.run());
    QVERIFY(!c.exec("INSERT INTO nowhere VALUES (1)"));
    QVERIFY2(c.error().contains(QStringLiteral("no such table")), qPrintable(c.error()));
}

void TestSqliteConnection::resetStatementSeesOtherConnectionsCommits()
{
    SqliteConnection c;
    QVERIFY(c.open(m_path, 100));
    SqliteStatement insert, select;
    QVERIFY(insert.prepare(c, "INSERT INTO t (n) VALUES (?1)"));
    QVERIFY(select.prepare(c, "SELECT n FROM t ORDER BY n"));
    for (qint64 n : {1, 2, 3}) {
        insert.bind(1, n);
        QVERIFY(insert.run());
    }
    // read one row of three and stop: reset() ends the read snapshot
    QCOMPARE(select.step(), Step::Row);
    select.reset();

    QSqlQuery q(m_qt);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t (n) VALUES (4)")));

    // a write transaction on the C API connection sees the other connection's commit
    QVERIFY2(c.exec("BEGIN IMMEDIATE"), qPrintable(c.error()));
    QList<qint64> seen;
    while (select.step() == Step::Row)
        seen.append(select.int64At(0));
    QCOMPARE(seen, (QList<qint64>{1, 2, 3, 4}));
    insert.bind(1, qint64(5));
    QVERIFY(insert.run());
    QVERIFY(c.exec("COMMIT"));

    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM t")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 5);
}

QTEST_GUILESS_MAIN(TestSqliteConnection)
#include "tst_sqliteconnection.moc"
