// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ClientMigrations.h"
#include "store/LocalStore.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet;
using namespace linnet::test;
using namespace linnet::client;

namespace {

QString newerReason(int newer)
{
    return QStringLiteral("database schema version %1 is newer than this client supports (%2); "
                          "update Linnet to open this profile")
        .arg(newer)
        .arg(latestClientSchemaVersion());
}

} // namespace

/** The client's schema history: fresh creation, no-op reopen, refusal, rollback. */
class TestClientMigrations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(QStringLiteral("linnet.db"));
    }
    void cleanup() { m_dir.reset(); }

    void listIsContiguous()
    {
        const auto &list = clientMigrations();
        QVERIFY(!list.empty());
        for (size_t i = 0; i < list.size(); ++i) {
            QCOMPARE(list[i].version, int(i) + 1);
            QVERIFY(list[i].step);
        }
        QCOMPARE(latestClientSchemaVersion(), list.back().version);
    }

    void version1DatabaseGainsContactsFromItsConversations()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        // A profile created by the first release: only step 1.
        const std::vector<ClientMigration> v1{clientMigrations().front()};
        QCOMPARE(migrateClientDatabase(db, v1).value(), 1);
        QSqlQuery insert(db);
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO conversations (key, kind, peer, last_activity) VALUES "
                           "('ana', 0, 'ana', 1234), ('ben', 0, 'ben', 99)")));
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO settings (key, value) VALUES ('account/username', 'me')")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT username, created_at, last_seen FROM contacts "
                                      "ORDER BY username")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ana"));
        QCOMPARE(q.value(1).toLongLong(), 1234);
        QCOMPARE(q.value(2).toLongLong(), 0);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ben"));
        QVERIFY(!q.next());
        // Nothing of version 1 was lost.
        QVERIFY(
            q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'account/username'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("me"));
    }

    void version2DatabaseGainsEncryptionState()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> v2(clientMigrations().begin(),
                                              clientMigrations().begin() + 2);
        QCOMPARE(migrateClientDatabase(db, v2).value(), 2);
        QSqlQuery insert(db);
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO conversations (key, kind, peer) VALUES ('ana', 0, 'ana')")));
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO messages (id, conversation, seq, sender, outgoing, text, sent_at, state) "
            "VALUES (x'00112233445566778899aabbccddeeff', 'ana', 1, 'ana', 0, 'old', 5, 2)")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        // The message of version 2 is a text message now; the new tables take rows.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT kind, text FROM messages")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toString(), QStringLiteral("old"));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO peer_devices (peer, device, registration_id, "
                                      "identity, first_seen) VALUES ('ana', 7, 9, x'01', 1)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO sessions (peer, device, record, updated_at) "
                                      "VALUES ('ana', 7, x'02', 1)")));
        // One session per device: a second row for the same device is refused.
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO sessions (peer, device, record, updated_at) "
                                       "VALUES ('ana', 7, x'03', 2)")));
        for (const char *table : {"signed_prekeys", "one_time_prekeys", "verified"})
            QVERIFY2(db.tables().contains(QLatin1String(table)), table);
    }

    void version3DatabaseGainsGroups()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> v3(clientMigrations().begin(),
                                              clientMigrations().begin() + 3);
        QCOMPARE(migrateClientDatabase(db, v3).value(), 3);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON"))); // as LocalStore opens it
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO conversations (key, kind, peer) VALUES ('ana', 0, 'ana')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (id, conversation, seq, sender, outgoing, text, sent_at, state) "
            "VALUES (x'00112233445566778899aabbccddeeff', 'ana', 1, 'me', 1, 'old', 5, 1)")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        // A group needs its conversation; members, events and receipts need theirs.
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO groups (conversation, server_id, name, "
                                       "created_at) VALUES ('group:9', 9, 'x', 1)")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO conversations (key, kind, peer) VALUES ('group:9', 1, 'team')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO groups (conversation, server_id, name, "
                                      "created_at) VALUES ('group:9', 9, 'team', 1)")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO group_members (conversation, user, admin) VALUES ('group:9', 'ana', 1)")));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO group_members (conversation, user) VALUES ('group:9', 'ana')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO group_receipts (message_id, member, recipient) "
                                      "VALUES (x'00112233445566778899aabbccddeeff', 'ben', 1)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO group_receipts (message_id, member) "
                                       "VALUES (x'ffffffffffffffffffffffffffffffff', 'ben')")));
        for (const char *table :
             {"group_events", "own_sender_keys", "sender_key_holders", "received_sender_keys"})
            QVERIFY2(db.tables().contains(QLatin1String(table)), table);
        // The one-to-one message of version 3 is untouched.
        QVERIFY(q.exec(QStringLiteral("SELECT text, state FROM messages")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("old"));
        QCOMPARE(q.value(1).toInt(), 1);
    }

    void version4DatabaseGainsSenderTime()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> v4(clientMigrations().begin(),
                                              clientMigrations().begin() + 4);
        QCOMPARE(migrateClientDatabase(db, v4).value(), 4);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO conversations (key, kind, peer) VALUES ('ana', 0, 'ana')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (id, conversation, seq, sender, outgoing, text, sent_at, state) "
            "VALUES (x'00112233445566778899aabbccddeeff', 'ana', 1, 'ana', 0, 'old', 5, 2)")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        // The old row has no sender's time (0: the UI falls back to the server's).
        QVERIFY(q.exec(QStringLiteral("SELECT text, sent_at, sender_time FROM messages")) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("old"));
        QCOMPARE(q.value(1).toLongLong(), 5);
        QCOMPARE(q.value(2).toLongLong(), 0);
    }

    void version5DatabaseGainsAttachmentsAndOutboxMedia()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> v5(clientMigrations().begin(),
                                              clientMigrations().begin() + 5);
        QCOMPARE(migrateClientDatabase(db, v5).value(), 5);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO conversations (key, kind, peer) VALUES ('ana', 0, 'ana')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (id, conversation, seq, sender, outgoing, text, sent_at, state) "
            "VALUES (x'00112233445566778899aabbccddeeff', 'ana', NULL, 'me', 1, 'queued', 5, 0)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO outbox (id, recipient, body, created_at) "
                                      "VALUES (x'00112233445566778899aabbccddeeff', 'ana', "
                                      "x'01', 5)")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        // The queued message of version 5 references no blob.
        QVERIFY(q.exec(QStringLiteral("SELECT length(media) FROM outbox")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // An attachment belongs to a stored message and goes with it.
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO attachments (message_id, file_key, size, cipher_size, mime, name, state) "
            "VALUES (x'ffffffffffffffffffffffffffffffff', x'01', 1, 42, 'text/plain', 'a', 2)")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO attachments (message_id, file_key, size, cipher_size, mime, name, state) "
            "VALUES (x'00112233445566778899aabbccddeeff', x'01', 1, 42, 'text/plain', 'a', 0)")));
        QVERIFY(q.exec(QStringLiteral("SELECT blob IS NULL, transferred, done_sent, error "
                                      "FROM attachments")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toInt(), 0);
        QCOMPARE(q.value(2).toInt(), 0);
        QCOMPARE(q.value(3).toString(), QString());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM messages")));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM attachments")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void version6AttachmentsGainTheirOriginalAndCountAsCopied()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> v6(clientMigrations().begin(),
                                              clientMigrations().begin() + 6);
        QCOMPARE(migrateClientDatabase(db, v6).value(), 6);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO conversations (key, kind, peer) VALUES ('ana', 0, 'ana')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (id, conversation, seq, sender, outgoing, text, sent_at, state) "
            "VALUES (x'00112233445566778899aabbccddeeff', 'ana', NULL, 'me', 1, '', 5, 0)")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO attachments (message_id, file_key, size, cipher_size, mime, name, "
            "state, local_path) VALUES (x'00112233445566778899aabbccddeeff', x'01', 1, 42, "
            "'text/plain', 'a', 1, '/profile/media/sent/a')")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        // A row of version 6 was copied when it was stored; its original is not known.
        QVERIFY(
            q.exec(QStringLiteral("SELECT source_path, prepared, local_path FROM attachments")) &&
            q.next());
        QCOMPARE(q.value(0).toString(), QString());
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toString(), QStringLiteral("/profile/media/sent/a"));
    }

    void version7ConversationsGainAnEmptyDraft()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> v7(clientMigrations().begin(),
                                              clientMigrations().begin() + 7);
        QCOMPARE(migrateClientDatabase(db, v7).value(), 7);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO conversations (key, kind, peer, last_message) "
                                      "VALUES ('ana', 0, 'ana', 'hola')")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        QVERIFY(q.exec(QStringLiteral("SELECT draft, last_message FROM conversations")) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QString());
        QCOMPARE(q.value(1).toString(), QStringLiteral("hola"));
    }

    void version10DatabaseGainsPinnedAccountKeysAndUnapprovedDevices()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> v10(clientMigrations().begin(),
                                               clientMigrations().begin() + 10);
        QCOMPARE(migrateClientDatabase(db, v10).value(), 10);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO peer_devices (peer, device, registration_id, identity, first_seen) "
            "VALUES ('ana', 4, 9, x'01', 5)")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        // A device listed before account keys is not approved until its list is fetched
        // again with a certificate; no account key is pinned yet.
        QVERIFY(q.exec(QStringLiteral("SELECT approved FROM peer_devices")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM account_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO account_keys (peer, account_key, pinned_at) "
                                      "VALUES ('ana', x'02', 6)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO account_keys (peer, account_key, pinned_at) "
                                       "VALUES ('ana', x'03', 7)")));
    }

    void messagesFromBeforeActionsAnswerAndTargetNothing_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("columns");
        QTest::newRow("11: no reply yet") << 11
                                          << QStringLiteral("reply_to IS NULL, reply_from IS NULL, "
                                                            "reply_text IS NULL, reply_kind IS "
                                                            "NULL, target IS NULL, edited_at = 0");
        QTest::newRow("12: no target yet") << 12 << QStringLiteral("target IS NULL");
        QTest::newRow("13: neither edited nor deleted")
            << 13 << QStringLiteral("edited_at = 0, deleted = 0, text = 'hi'");
        QTest::newRow("14: not forwarded") << 14 << QStringLiteral("forwarded = 0");
    }

    void messagesFromBeforeActionsAnswerAndTargetNothing()
    {
        QFETCH(int, version);
        QFETCH(QString, columns);
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const std::vector<ClientMigration> before(clientMigrations().begin(),
                                                  clientMigrations().begin() + version);
        QCOMPARE(migrateClientDatabase(db, before).value(), version);
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO conversations (key, peer) VALUES ('ana', 'ana')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (id, conversation, sender, outgoing, text, sent_at, state) "
            "VALUES (x'0102030405060708090a0b0c0d0e0f10', 'ana', 'ana', 0, 'hi', 1, 2)")));

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        // A message from before replies and reactions answers and acts on nothing; one from
        // before edits is neither edited nor deleted.
        for (const QString &column : columns.split(QStringLiteral(", "))) {
            QVERIFY(q.exec(QStringLiteral("SELECT %1 FROM messages").arg(column)) && q.next());
            QVERIFY2(q.value(0).toBool(), qPrintable(column));
        }
    }

    void freshDatabaseMigratesToLatest()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QVERIFY(db.isOpen());
        QCOMPARE(userVersion(db), 0);

        const auto result = migrateClientDatabase(db);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().reason));
        QCOMPARE(result.value(), latestClientSchemaVersion());
        QCOMPARE(userVersion(db), latestClientSchemaVersion());
        QCOMPARE(clientSchemaVersion(db).value(), latestClientSchemaVersion());

        const QStringList expected{QStringLiteral("account_keys"),
                                   QStringLiteral("attachments"),
                                   QStringLiteral("contacts"),
                                   QStringLiteral("conversations"),
                                   QStringLiteral("group_events"),
                                   QStringLiteral("group_members"),
                                   QStringLiteral("group_receipts"),
                                   QStringLiteral("groups"),
                                   QStringLiteral("message_search"),
                                   QStringLiteral("message_search_config"),
                                   QStringLiteral("message_search_data"),
                                   QStringLiteral("message_search_docsize"),
                                   QStringLiteral("message_search_idx"),
                                   QStringLiteral("messages"),
                                   QStringLiteral("one_time_prekeys"),
                                   QStringLiteral("outbox"),
                                   QStringLiteral("own_sender_keys"),
                                   QStringLiteral("peer_devices"),
                                   QStringLiteral("received_sender_keys"),
                                   QStringLiteral("sender_key_holders"),
                                   QStringLiteral("sessions"),
                                   QStringLiteral("settings"),
                                   QStringLiteral("signed_prekeys"),
                                   QStringLiteral("verified")};
        QCOMPARE(tables(db), expected);
        const QStringList schema = schemaDump(db);
        QCOMPARE(schema.filter(QStringLiteral("index messages_by_conversation_seq")).size(), 1);
        QCOMPARE(schema.filter(QStringLiteral("AUTOINCREMENT")).size(), 1);
        QCOMPARE(schema.filter(QStringLiteral("server_id INTEGER NULL UNIQUE")).size(), 1);
    }

    void migratingTwiceIsANoOp()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QVERIFY(migrateClientDatabase(db).ok());
        QSqlQuery insert(db);
        QVERIFY(
            insert.exec(QStringLiteral(R"(INSERT INTO settings (key, value) VALUES ('k', 'v'))")));
        const QStringList before = schemaDump(db);

        const auto again = migrateClientDatabase(db);
        QVERIFY(again.ok());
        QCOMPARE(again.value(), latestClientSchemaVersion());
        QCOMPARE(schemaDump(db), before);
        QSqlQuery count(db);
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM settings")) && count.next());
        QCOMPARE(count.value(0).toInt(), 1);
    }

    void storeSchemaEqualsFreshMigration()
    {
        {
            LocalStore store(m_file);
            const auto opened = store.open();
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().reason));
        }
        { // a second open is a no-op too
            LocalStore store(m_file);
            QVERIFY(store.open().ok());
        }
        SqlConnection reopened(m_file);
        SqlConnection fresh(m_dir->filePath(QStringLiteral("other.db")));
        QSqlDatabase other = fresh.db();
        QVERIFY(migrateClientDatabase(other).ok());
        QCOMPARE(userVersion(reopened.db()), latestClientSchemaVersion());
        QCOMPARE(schemaDump(reopened.db()), schemaDump(other));
    }

    void newerDatabaseIsRefused()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const int newer = latestClientSchemaVersion() + 1;
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)));

        const auto result = migrateClientDatabase(db);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, protocol::ErrorCode::InternalError);
        QCOMPARE(result.error().reason, newerReason(newer));
        QCOMPARE(userVersion(db), newer);
        QVERIFY(tables(db).isEmpty());
    }

    void storeRefusesNewerDatabase()
    {
        const int newer = latestClientSchemaVersion() + 7;
        {
            SqlConnection c(m_file);
            QSqlQuery q(c.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)));
        }
        LocalStore store(m_file);
        const auto opened = store.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().reason, newerReason(newer));
        QVERIFY(!store.database().isOpen());
        // and nothing crashes on a store that failed to open
        QVERIFY(store.conversations().isEmpty());
        QCOMPARE(store.setting(QStringLiteral("x"), QStringLiteral("fallback")),
                 QStringLiteral("fallback"));
    }

    void failingStepRollsBackEverything()
    {
        std::vector<ClientMigration> steps = clientMigrations();
        const int broken = int(steps.size()) + 1;
        steps.push_back({broken, "broken step", [](QSqlDatabase &db) {
                             return execClientStatements(
                                 db, {"CREATE TABLE extra (x INTEGER)",
                                      "CREATE TABLE settings (key TEXT PRIMARY KEY)"});
                         }});

        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        const auto result = migrateClientDatabase(db, steps);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, protocol::ErrorCode::InternalError);
        QVERIFY2(result.error().reason.contains(QStringLiteral("schema step %1").arg(broken)),
                 qPrintable(result.error().reason));
        QVERIFY2(result.error().reason.contains(QStringLiteral("already exists")),
                 qPrintable(result.error().reason));
        // not even step 1 remains: the whole upgrade was one transaction
        QCOMPARE(userVersion(db), 0);
        QVERIFY(tables(db).isEmpty());

        QVERIFY(migrateClientDatabase(db).ok());
        QCOMPARE(userVersion(db), latestClientSchemaVersion());
    }

    void failingLaterStepKeepsOldVersion()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QVERIFY(migrateClientDatabase(db).ok());
        const QStringList before = schemaDump(db);

        std::vector<ClientMigration> steps = clientMigrations();
        steps.push_back({int(steps.size()) + 1, "add column then fail", [](QSqlDatabase &d) {
                             return execClientStatements(
                                 d, {"ALTER TABLE messages ADD COLUMN edited INTEGER",
                                     "INSERT INTO no_such_table VALUES (1)"});
                         }});
        QVERIFY(!migrateClientDatabase(db, steps).ok());
        QCOMPARE(userVersion(db), latestClientSchemaVersion());
        QCOMPARE(schemaDump(db), before);
    }

    void malformedListIsRefused()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QVERIFY(!migrateClientDatabase(db, {}).ok());
        std::vector<ClientMigration> gap = clientMigrations();
        gap.push_back({int(gap.size()) + 2, "skips a version",
                       [](QSqlDatabase &) { return protocol::Status(); }});
        const auto result = migrateClientDatabase(db, gap);
        QVERIFY(!result.ok());
        QVERIFY(result.error().reason.contains(QStringLiteral("malformed")));
        QCOMPARE(userVersion(db), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestClientMigrations)
#include "tst_clientmigrations.moc"
