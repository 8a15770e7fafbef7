// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlTestHelpers.h"
#include "TestBase.h"
#include "storage/SqlQuery.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::test;
using storage::Query;
using storage::Transaction;

Q_LOGGING_CATEGORY(lcTestStore, "linnet.test.store")

/**
 * The SQL helper every store uses (common/storage/SqlQuery): statements that bind by
 * name and report the driver's reason, transactions that keep only what is committed.
 */
class TestSqlQuery : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<SqlConnection> m_connection;

    QSqlDatabase db() const { return m_connection->db(); }

    /** Rows in items, read on a connection of its own (sees only what is committed). */
    int committedRows() const
    {
        SqlConnection other(m_file);
        QSqlQuery q(other.db());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM items")) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    bool insert(int id, const char *name)
    {
        return Query(db(), lcTestStore, R"(INSERT INTO items (id, name) VALUES (:id, :name))")
            .bind(":id", id)
            .bind(":name", QString::fromLatin1(name))
            .exec();
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        // A file per test and data row: each starts empty.
        m_file = m_dir.filePath(
            QStringLiteral("%1-%2.db")
                .arg(QLatin1StringView(QTest::currentTestFunction()),
                     QLatin1StringView(QTest::currentDataTag() ? QTest::currentDataTag() : "")));
        m_connection = std::make_unique<SqlConnection>(m_file);
        QVERIFY(db().isOpen());
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout = 0")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE tags (item INTEGER REFERENCES items (id) "
                                      "DEFERRABLE INITIALLY DEFERRED)")));
    }

    void cleanup() { m_connection.reset(); }

    void aQueryBindsByNameAndReadsItsRowsAgainAfterARebind()
    {
        QVERIFY(insert(1, "one"));
        QVERIFY(insert(2, "two"));
        Query q(db(), lcTestStore, R"(SELECT name FROM items WHERE id = :id)");
        QVERIFY(q.prepared());
        QVERIFY(q.bind(":id", 2).first());
        QCOMPARE(q.value(0).toString(), QStringLiteral("two"));
        q.finish();
        QVERIFY(q.bind(":id", 1).first());
        QCOMPARE(q.value(0).toString(), QStringLiteral("one"));
        q.finish();
        QVERIFY2(!q.bind(":id", 3).first(), "no row is not a row");
        QVERIFY(!q.error().isValid());
    }

    void aWriteSaysHowManyRowsItChangedAndTheNewRowid()
    {
        Query add(db(), lcTestStore, R"(INSERT INTO items (name) VALUES (:name))");
        QVERIFY(add.bind(":name", QStringLiteral("x")).exec());
        QCOMPARE(add.lastInsertId().toLongLong(), 1);
        QVERIFY(add.bind(":name", QStringLiteral("y")).exec());
        QCOMPARE(add.lastInsertId().toLongLong(), 2);
        Query rename(db(), lcTestStore, R"(UPDATE items SET name = 'z')");
        QVERIFY(rename.exec());
        QCOMPARE(rename.affected(), 2);
    }

    void aColumnIsTheFirstValueOfEveryRowInOrder()
    {
        QVERIFY(insert(3, "c"));
        QVERIFY(insert(1, "a"));
        QVERIFY(insert(2, "b"));
        QCOMPARE(
            Query(db(), lcTestStore, "SELECT name, id FROM items ORDER BY id").column<QString>(),
            (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(Query(db(), lcTestStore, "SELECT id FROM items WHERE id > :min ORDER BY id DESC")
                     .bind(":min", 1)
                     .column<qint64>(),
                 (QList<qint64>{3, 2}));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^list failed: ")));
        QVERIFY(Query(db(), lcTestStore, "SELECT abs(-9223372036854775807 - 1)")
                    .column<qint64>("list")
                    .isEmpty());
    }

    void aFailedStatementLogsWhatFailedWithTheDriversReason()
    {
        QVERIFY(insert(1, "one"));
        Query again(db(), lcTestStore, R"(INSERT INTO items (id, name) VALUES (1, 'again'))");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "^add item failed: UNIQUE constraint failed: "
                                               "items\\.id.*; SQLite code 1555$")));
        QVERIFY(!again.exec("add item"));
        QVERIFY(again.errorText().contains(QStringLiteral("UNIQUE constraint failed")));
        QCOMPARE(again.error().nativeErrorCode(), QStringLiteral("1555"));
        QCOMPARE(committedRows(), 1);
    }

    void aStatementThatCannotBePreparedNeverRuns()
    {
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("^cannot prepare: .*no such table: "
                                                            "nowhere.* in DELETE FROM nowhere$")));
        Query q(db(), lcTestStore, "DELETE FROM nowhere");
        QVERIFY(!q.prepared());
        QVERIFY(q.errorText().contains(QStringLiteral("no such table: nowhere")));
        QVERIFY(!q.exec());
        QVERIFY(!q.first());
    }

    void aClosedDatabaseRunsNothing()
    {
        QSqlDatabase closed = db();
        closed.close();
        QTest::ignoreMessage(QtWarningMsg, "the database is not open; query skipped");
        Query q(closed, lcTestStore, "SELECT 1");
        QVERIFY(!q.prepared());
        QVERIFY(!q.first());
        QTest::ignoreMessage(QtWarningMsg, "cannot begin transaction: the database is not open");
        Transaction tx(closed, lcTestStore);
        QVERIFY(!tx.active());
        QVERIFY(!tx.commit());
        QVERIFY(tx.errorText().contains(QStringLiteral("not open")));
    }

    void aCommittedTransactionKeepsItsRows()
    {
        for (const auto lock : {Transaction::Lock::Deferred, Transaction::Lock::Immediate}) {
            Transaction tx(db(), lcTestStore, lock);
            QVERIFY(tx.active());
            QVERIFY(insert(int(lock) * 10 + 1, "a"));
            QVERIFY(insert(int(lock) * 10 + 2, "b"));
            QCOMPARE(committedRows(), int(lock) * 2); // not yet visible to others
            QVERIFY(tx.commit());
            QVERIFY(!tx.active());
            QCOMPARE(committedRows(), int(lock) * 2 + 2);
        }
        QCOMPARE(committedRows(), 4);
    }

    void aTransactionLeftWithoutCommitRollsBack()
    {
        QVERIFY(insert(1, "kept"));
        for (const auto lock : {Transaction::Lock::Deferred, Transaction::Lock::Immediate}) {
            {
                Transaction tx(db(), lcTestStore, lock);
                QVERIFY(tx.active());
                QVERIFY(insert(2, "dropped"));
            }
            QCOMPARE(committedRows(), 1);
            QVERIFY2(Transaction(db(), lcTestStore).active(), "no transaction is left open");
        }
    }

    void anExplicitRollbackDropsTheRowsAndEndsTheTransaction()
    {
        Transaction tx(db(), lcTestStore);
        QVERIFY(insert(1, "dropped"));
        tx.rollback();
        QVERIFY(!tx.active());
        QVERIFY(!tx.commit());
        QCOMPARE(committedRows(), 0);
        QVERIFY(insert(2, "outside"));
        QCOMPARE(committedRows(), 1);
    }

    void aFailedCommitKeepsTheDriversReasonAndRollsBack_data()
    {
        QTest::addColumn<bool>("immediate");
        QTest::newRow("deferred") << false;
        QTest::newRow("immediate") << true;
    }

    void aFailedCommitKeepsTheDriversReasonAndRollsBack()
    {
        QFETCH(bool, immediate);
        const auto lock = immediate ? Transaction::Lock::Immediate : Transaction::Lock::Deferred;
        {
            Transaction tx(db(), lcTestStore, lock);
            QVERIFY(insert(1, "one"));
            // A deferred foreign key is checked at COMMIT: the commit itself fails.
            QVERIFY(Query(db(), lcTestStore, "INSERT INTO tags (item) VALUES (99)").exec());
            QTest::ignoreMessage(
                QtWarningMsg, QRegularExpression(
                                  QStringLiteral("^cannot commit: FOREIGN KEY constraint failed")));
            QVERIFY(!tx.commit());
            QVERIFY2(tx.active(), "still to be rolled back");
            QVERIFY2(tx.errorText().contains(QStringLiteral("FOREIGN KEY constraint failed")),
                     qPrintable(tx.errorText()));
        }
        QCOMPARE(committedRows(), 0);
        QVERIFY(Transaction(db(), lcTestStore).active());
    }

    void anImmediateTransactionHoldsTheWriteLockFromTheStart()
    {
        Transaction tx(db(), lcTestStore, Transaction::Lock::Immediate);
        QVERIFY(tx.active());
        SqlConnection other(m_file);
        QSqlQuery timeout(other.db());
        QVERIFY(timeout.exec(QStringLiteral("PRAGMA busy_timeout = 0")));
        {
            QTest::ignoreMessage(
                QtWarningMsg, QRegularExpression(QStringLiteral(
                                  "^cannot begin transaction: database is locked.*SQLite code")));
            Transaction second(other.db(), lcTestStore, Transaction::Lock::Immediate);
            QVERIFY(!second.active());
            QCOMPARE(second.error().nativeErrorCode(), QStringLiteral("5"));
            QVERIFY(!second.commit());
        }
        {
            Transaction deferred(other.db(), lcTestStore); // reads do not need the lock
            QVERIFY(deferred.active());
        }
        QVERIFY(tx.commit());
    }

    void anErrorTextIsNeverEmpty()
    {
        QCOMPARE(storage::sqlErrorText(QSqlError()),
                 QStringLiteral("SQLite reported no error for a call that failed"));
        QCOMPARE(storage::sqlErrorText(QSqlError(QString(), QString(), QSqlError::UnknownError)),
                 QStringLiteral("no message from SQLite (error type 4)"));
        QCOMPARE(
            storage::sqlErrorText(QSqlError(QStringLiteral("Unable to commit transaction"),
                                            QStringLiteral("database or disk is full"),
                                            QSqlError::TransactionError, QStringLiteral("13"))),
            QStringLiteral(
                "database or disk is full; Unable to commit transaction; SQLite code 13"));
        QCOMPARE(storage::sqlErrorText(QSqlError(QStringLiteral("same"), QStringLiteral("same"))),
                 QStringLiteral("same"));
    }

    void boundValuesKeepNotNullColumnsAndUnknownSeqsApart()
    {
        QVERIFY(storage::seqValue(0).isNull());
        QCOMPARE(storage::seqValue(7).toLongLong(), 7);
        QVERIFY(!storage::nonNull(QString()).isNull());
        QVERIFY(storage::nonNull(QString()).isEmpty());
        QVERIFY(!storage::nonNull(QByteArray()).isNull());
        QCOMPARE(storage::nonNull(QStringLiteral("x")), QStringLiteral("x"));
    }
};

QTEST_GUILESS_MAIN(TestSqlQuery)
#include "tst_sqlquery.moc"
