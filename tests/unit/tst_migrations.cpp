// SPDX-License-Identifier: GPL-3.0-or-later
#include "MigrationFixture.h"

using namespace linnet;
using namespace linnet::test;
using namespace linnet::server;

/** The server schema history: fresh creation, no-op reopen, refusal, rollback. */
class TestMigrations : public MigrationFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init() { makeDir(); }
    void cleanup() { m_dir.reset(); }

    void listIsContiguous()
    {
        const auto &list = schemaMigrations();
        QVERIFY(!list.empty());
        for (size_t i = 0; i < list.size(); ++i) {
            QCOMPARE(list[i].version, int(i) + 1);
            QVERIFY(list[i].step);
        }
        QCOMPARE(latestSchemaVersion(), list.back().version);
    }

    void freshDatabaseMigratesToLatest()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QVERIFY(db.isOpen());
        QCOMPARE(userVersion(db), 0);

        const auto result = migrate(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestSchemaVersion());
        QCOMPARE(userVersion(db), latestSchemaVersion());
        QCOMPARE(schemaVersion(db).value(), latestSchemaVersion());

        const QStringList expected{
            QStringLiteral("accounts"),         QStringLiteral("chat_groups"),
            QStringLiteral("claimed_prekeys"),  QStringLiteral("conversations"),
            QStringLiteral("device_keys"),      QStringLiteral("devices"),
            QStringLiteral("group_members"),    QStringLiteral("inbox"),
            QStringLiteral("invites"),          QStringLiteral("media_blobs"),
            QStringLiteral("media_grants"),     QStringLiteral("messages"),
            QStringLiteral("one_time_prekeys"), QStringLiteral("read_positions"),
            QStringLiteral("server_state")};
        QCOMPARE(tables(db), expected);
        // the indexes the hot paths rely on
        const QStringList schema = schemaDump(db);
        QVERIFY(schema.filter(QStringLiteral("index inbox_by_device")).size() == 1);
        QVERIFY(schema.filter(QStringLiteral("index inbox_by_created")).size() == 1);
        QVERIFY(schema.filter(QStringLiteral("index conversations_by_member_b")).isEmpty());
        QVERIFY(schema.filter(QStringLiteral("index messages_by_conversation")).size() == 1);
        QVERIFY(schema.filter(QStringLiteral("index group_members_by_account")).size() == 1);
        QVERIFY(schema.filter(QStringLiteral("AUTOINCREMENT")).size() == 1);
    }

    void groupStepRefusesToRunWithForeignKeysOn()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QCOMPARE(migrate(db, stepsTo(2)).value(), 2);
        const QStringList before = schemaDump(db);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        const auto result = migrate(db);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().reason.contains(QStringLiteral("foreign_keys")),
                 qPrintable(result.error().reason));
        QCOMPARE(userVersion(db), 2);
        QCOMPARE(schemaDump(db), before);
    }

    void migratingTwiceIsANoOp()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QVERIFY(migrate(db).ok());
        QSqlQuery insert(db);
        QVERIFY(insert.exec(QStringLiteral(
            R"(INSERT INTO accounts (username, password_hash, created_at) VALUES ('ana', x'00', 1))")));
        const QStringList before = schemaDump(db);

        const auto again = migrate(db);
        QVERIFY(again.ok());
        QCOMPARE(again.value(), latestSchemaVersion());
        QCOMPARE(schemaDump(db), before);
        QSqlQuery count(db);
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM accounts")) && count.next());
        QCOMPARE(count.value(0).toInt(), 1);
    }

    void reopenedDatabaseEqualsFreshOne()
    {
        {
            SqlConnection c(m_file);
            QSqlDatabase db = c.db();
            QVERIFY(migrate(db).ok());
        }
        SqlConnection reopened(m_file);
        QSqlDatabase db = reopened.db();
        QVERIFY(migrate(db).ok());
        SqlConnection fresh(m_dir->filePath(QStringLiteral("other.db")));
        QSqlDatabase other = fresh.db();
        QVERIFY(migrate(other).ok());
        QCOMPARE(schemaDump(db), schemaDump(other));
    }

    void newerDatabaseIsRefused()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const int newer = latestSchemaVersion() + 1;
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)));

        const auto result = migrate(db);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, protocol::ErrorCode::InternalError);
        QCOMPARE(result.error().reason,
                 QStringLiteral("database schema version %1 is newer than this server (%2)")
                     .arg(newer)
                     .arg(latestSchemaVersion()));
        QCOMPARE(userVersion(db), newer);
        QVERIFY(tables(db).isEmpty());
    }

    void failingStepRollsBackEverything()
    {
        // The real steps plus one whose SQL fails (a table that already exists).
        std::vector<Migration> steps = schemaMigrations();
        const int broken = int(steps.size()) + 1;
        steps.push_back({broken, "broken step", [](QSqlDatabase &db) {
                             return execStatements(
                                 db, {"CREATE TABLE extra (x INTEGER)",
                                      "CREATE TABLE accounts (id INTEGER PRIMARY KEY)"});
                         }});

        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const auto result = migrate(db, steps);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, protocol::ErrorCode::InternalError);
        QVERIFY2(result.error().reason.contains(QStringLiteral("schema step %1").arg(broken)),
                 qPrintable(result.error().reason));
        QVERIFY2(result.error().reason.contains(QStringLiteral("already exists")),
                 qPrintable(result.error().reason));
        // not even step 1 remains: the whole upgrade was one transaction
        QCOMPARE(userVersion(db), 0);
        QVERIFY(tables(db).isEmpty());

        // and the database is still usable: the real list migrates it afterwards
        QVERIFY(migrate(db).ok());
        QCOMPARE(userVersion(db), latestSchemaVersion());
    }

    void failingLaterStepKeepsOldVersion()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QVERIFY(migrate(db).ok());
        const QStringList before = schemaDump(db);

        std::vector<Migration> steps = schemaMigrations();
        steps.push_back({int(steps.size()) + 1, "add column then fail", [](QSqlDatabase &d) {
                             return execStatements(d,
                                                   {"ALTER TABLE accounts ADD COLUMN avatar BLOB",
                                                    "INSERT INTO no_such_table VALUES (1)"});
                         }});
        QVERIFY(!migrate(db, steps).ok());
        QCOMPARE(userVersion(db), latestSchemaVersion());
        QCOMPARE(schemaDump(db), before);
    }

    void readOnlyDatabaseFailsCleanly()
    {
        {
            SqlConnection c(m_file); // create the (empty) file
            QVERIFY(c.db().isOpen());
            QSqlQuery q(c.db());
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE placeholder (x INTEGER)")));
        }
        SqlConnection readOnly(m_file, QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlDatabase db = readOnly.db();
        QVERIFY(db.isOpen());
        const auto result = migrate(db);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, protocol::ErrorCode::InternalError);
        QVERIFY(!result.error().reason.isEmpty());
        QCOMPARE(userVersion(db), 0);
        QCOMPARE(tables(db), QStringList{QStringLiteral("placeholder")});
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
