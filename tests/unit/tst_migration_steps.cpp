// SPDX-License-Identifier: GPL-3.0-or-later
#include "MigrationFixture.h"

using namespace linnet;
using namespace linnet::test;
using namespace linnet::server;

/** Each step of the server schema, applied to a database at the version before it. */
class TestMigrationSteps : public MigrationFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init() { makeDir(); }
    void cleanup() { m_dir.reset(); }

    void version1DatabaseGainsKeyTables()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        QCOMPARE(migrate(db, {schemaMigrations().front()}).value(), 1);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO accounts (id, username, password_hash, "
                                      "created_at) VALUES (1, 'ana', x'00', 5)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO devices (id, account_id, name, token_hash, "
                                      "created_at) VALUES (3, 1, 'laptop', x'00', 5)")));
        upgradeTo(db, 2);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO device_keys (device_id, account_id, identity_key, registration_id, "
            "signed_prekey_id, signed_prekey, signed_prekey_signature, updated_at) "
            "VALUES (3, 1, x'01', 9, 1, x'02', x'03', 6)")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO one_time_prekeys (device_id, key_id, public_key) VALUES (3, 1, x'04')")));
        // A prekey id is unique per device.
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO one_time_prekeys (device_id, key_id, public_key) VALUES (3, 1, x'05')")));
        QVERIFY(q.exec(QStringLiteral("SELECT username FROM accounts")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ana"));
    }

    void version2DatabaseGainsGroups()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(
            db, 2,
            {
                "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                "(1, 'ana', x'00', 5), (2, 'bob', x'00', 5), (3, 'cid', x'00', 5)",
                "INSERT INTO devices (id, account_id, name, token_hash, created_at) VALUES "
                "(7, 1, 'a', x'00', 5), (8, 2, 'b', x'00', 5)",
                "INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at) "
                "VALUES (4, 0, 1, 2, 9, 6)",
                "INSERT INTO messages (sender_device, message_id, conversation, seq, "
                "sender_account, recipient_account, created_at) VALUES (7, x'01', 4, 9, 1, 2, 6)",
                "INSERT INTO inbox (device_id, kind, conversation, seq, message_id, from_name, "
                "from_device, to_name, ts, body, created_at) "
                "VALUES (8, 0, 4, 9, x'01', 'ana', 7, 'bob', 6, x'02', 6)",
            });
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);

        // Upgraded in two runs, the schema is the one a new database gets.
        upgradeTo(db, latestSchemaVersion(), true);
        if (QTest::currentTestFailed())
            return;
        // The rebuilt conversations kept every row, and every reference still holds.
        QVERIFY(
            q.exec(QStringLiteral(
                "SELECT id, kind, member_a, member_b, last_seq, created_at FROM conversations")) &&
            q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        QCOMPARE(q.value(1).toInt(), 0);
        QCOMPARE(q.value(2).toInt(), 1);
        QCOMPARE(q.value(3).toInt(), 2);
        QCOMPARE(q.value(4).toInt(), 9);
        QCOMPARE(q.value(5).toInt(), 6);
        QVERIFY(!q.next());
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY(!q.next());
        QVERIFY(q.exec(QStringLiteral("SELECT in_group, group_op, subject_name, group_name "
                                      "FROM inbox")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.value(1).isNull() && q.value(2).isNull() && q.value(3).isNull());

        // Groups: kind 1 without members; one-to-one rows still need both, once, in order.
        QVERIFY(q.exec(QStringLiteral("INSERT INTO conversations (id, kind, created_at) "
                                      "VALUES (5, 1, 7), (6, 1, 7)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO conversations (kind, member_a, created_at) "
                                       "VALUES (0, 1, 7)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO conversations (kind, member_a, member_b, "
                                       "created_at) VALUES (1, 1, 2, 7)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO conversations (kind, member_a, member_b, "
                                       "created_at) VALUES (0, 1, 2, 7)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO conversations (kind, member_a, member_b, "
                                       "created_at) VALUES (0, 3, 1, 7)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO chat_groups (conversation, name, created_at, "
                                      "created_by) VALUES (5, 'team', 7, 1)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO group_members (conversation, account_id, admin, "
                                      "joined) VALUES (5, 1, 1, 0), (5, 2, 0, 1)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO group_members (conversation, account_id, "
                                       "joined) VALUES (5, 2, 2)")));
        QVERIFY(q.exec(QStringLiteral("SELECT read_seq FROM group_members WHERE account_id = 2")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void version3DatabaseKeysMessagesByIdFirst()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(
            db, 3,
            {
                "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                "(1, 'ana', x'00', 5), (2, 'bob', x'00', 5)",
                "INSERT INTO devices (id, account_id, name, token_hash, created_at) VALUES "
                "(7, 1, 'a', x'00', 5), (8, 2, 'b', x'00', 5)",
                "INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at) "
                "VALUES (4, 0, 1, 2, 3, 6)",
                // The same id from two devices is two messages; one was delivered.
                "INSERT INTO messages (sender_device, message_id, conversation, seq, "
                "sender_account, recipient_account, created_at, delivered_at) VALUES "
                "(7, x'02', 4, 1, 1, 2, 6, 9), (8, x'02', 4, 2, 2, 1, 7, NULL), "
                "(7, x'01', 4, 3, 1, 2, 8, NULL)",
            });
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);

        upgradeTo(db, 4, true);
        if (QTest::currentTestFailed())
            return;
        // Every row kept, every column.
        QCOMPARE(messageRows(db, "seq"), (QStringList{QStringLiteral("7 02 4 1 1 2 6 9"),
                                                      QStringLiteral("8 02 4 2 2 1 7 -1"),
                                                      QStringLiteral("7 01 4 3 1 2 8 -1")}));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY(!q.next());

        // The key: message_id first, then sender_device, and still unique.
        QString pk;
        QVERIFY(q.exec(QStringLiteral("PRAGMA index_list(messages)")));
        while (q.next())
            if (q.value(3).toString() == QLatin1String("pk"))
                pk = q.value(1).toString();
        QVERIFY(!pk.isEmpty());
        QVERIFY(q.exec(QStringLiteral("PRAGMA index_info(%1)").arg(pk)));
        QStringList columns;
        while (q.next())
            columns.append(q.value(2).toString());
        QCOMPARE(columns,
                 (QStringList{QStringLiteral("message_id"), QStringLiteral("sender_device")}));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO messages (sender_device, message_id, conversation, seq, sender_account, "
            "recipient_account, created_at) VALUES (8, x'02', 4, 4, 2, 1, 9)")));
        // The lookups of the relay name both columns and search the key.
        QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT 1 FROM messages "
                                      "WHERE sender_device = 7 AND message_id = x'02'")) &&
                q.next());
        QVERIFY2(q.value(3).toString().contains(
                     QStringLiteral("INDEX %1 (message_id=? AND sender_device=?)").arg(pk)),
                 qPrintable(q.value(3).toString()));
    }

    void version4DatabaseGetsMessagesWithoutRowid()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(
            db, 4,
            {
                "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                "(1, 'ana', x'00', 5), (2, 'bob', x'00', 5)",
                "INSERT INTO devices (id, account_id, name, token_hash, created_at) VALUES "
                "(7, 1, 'a', x'00', 5), (8, 2, 'b', x'00', 5)",
                "INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at) "
                "VALUES (4, 0, 1, 2, 2, 6), (5, 1, NULL, NULL, 1, 6)",
                // Two one-to-one messages (one delivered) and a group message.
                "INSERT INTO messages (sender_device, message_id, conversation, seq, "
                "sender_account, recipient_account, created_at, delivered_at) VALUES "
                "(7, x'02', 4, 1, 1, 2, 6, 9), (8, x'03', 4, 2, 2, 1, 7, NULL), "
                "(7, x'01', 5, 1, 1, 0, 8, NULL)",
            });
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);

        upgradeTo(db, latestSchemaVersion(), true);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(messageRows(db, "message_id"), (QStringList{QStringLiteral("7 01 5 1 1 0 8 -1"),
                                                             QStringLiteral("7 02 4 1 1 2 6 9"),
                                                             QStringLiteral("8 03 4 2 2 1 7 -1")}));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY(!q.next());

        // No rowid: the key is the table, and it is still unique.
        QVERIFY(!q.exec(QStringLiteral("SELECT rowid FROM messages")));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO messages (sender_device, message_id, conversation, seq, sender_account, "
            "recipient_account, created_at) VALUES (8, x'03', 4, 3, 2, 1, 9)")));
        auto plan = [&q](const QString &sql) {
            QStringList steps;
            if (q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
                while (q.next())
                    steps.append(q.value(3).toString());
            return steps.join(QStringLiteral("; "));
        };
        const QString lookup =
            plan(QStringLiteral("SELECT 1 FROM messages WHERE sender_device = 7 AND "
                                "message_id = x'02'"));
        QVERIFY2(lookup.contains(QStringLiteral("PRIMARY KEY (message_id=? AND sender_device=?)")),
                 qPrintable(lookup));
        // The group read's query (SqliteBatchWriter) uses the index, which holds the
        // group message only.
        const QString groupRead =
            plan(QStringLiteral("SELECT DISTINCT sender_account FROM messages WHERE "
                                "conversation = 5 AND seq > 0 AND seq <= 1 AND "
                                "recipient_account = 0"));
        QVERIFY2(groupRead.contains(QStringLiteral("INDEX messages_by_conversation")),
                 qPrintable(groupRead));
        // A one-to-one conversation's messages are not in it: such a query cannot use it.
        const QString oneToOne =
            plan(QStringLiteral("SELECT seq FROM messages WHERE conversation = 4 AND seq > 0"));
        QVERIFY2(!oneToOne.contains(QStringLiteral("messages_by_conversation")),
                 qPrintable(oneToOne));
    }

    void version5DatabaseGetsServerStateAndLosesTheMemberBIndex()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(
            db, 5,
            {
                "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                "(1, 'ana', x'00', 5), (2, 'bob', x'00', 5)",
                "INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at) "
                "VALUES (4, 0, 1, 2, 7, 6)",
            });
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);
        QVERIFY(schemaDump(db).filter(QStringLiteral("conversations_by_member_b")).size() == 1);

        upgradeTo(db, 6);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(schemaDump(db).filter(QStringLiteral("conversations_by_member_b")).isEmpty());
        QVERIFY(q.exec(QStringLiteral("SELECT id, last_seq FROM conversations "
                                      "WHERE member_a = 1 AND member_b = 2")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 4);
        QCOMPARE(q.value(1).toLongLong(), 7);
        // server_state starts empty (no seq held: nothing to repair) and takes one
        // value per name.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM server_state")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO server_state (name, value) VALUES ('seqs_unflushed_since', 1)")));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO server_state (name, value) VALUES ('seqs_unflushed_since', 2)")));
    }

    void version6DatabaseGainsClaimedPreKeys()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(
            db, 6,
            {
                "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                "(1, 'ana', x'00', 5)",
                "INSERT INTO devices (id, account_id, name, token_hash, created_at) "
                "VALUES (3, 1, 'laptop', x'00', 5)",
                "INSERT INTO one_time_prekeys (device_id, key_id, public_key) VALUES (3, 1, "
                "x'04')",
            });
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);

        upgradeTo(db, 7);
        if (QTest::currentTestFailed())
            return;
        // The pool is untouched; nothing counts as handed out yet.
        QVERIFY(q.exec(QStringLiteral("SELECT key_id FROM one_time_prekeys WHERE device_id = 3")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 1);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM claimed_prekeys")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // One row per (device, key id).
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO claimed_prekeys (device_id, key_id, claimed_at) VALUES (3, 1, 9)")));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO claimed_prekeys (device_id, key_id, claimed_at) VALUES (3, 1, 10)")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO claimed_prekeys (device_id, key_id, claimed_at) VALUES (3, 2, 10)")));
    }

    void version7DatabaseGetsOneToOneReadPositions()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(
            db, 7,
            {
                "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                "(1, 'ana', x'00', 5), (2, 'bob', x'00', 5)",
                "INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at) "
                "VALUES (4, 0, 1, 2, 7, 6)",
            });
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);

        upgradeTo(db, 8);
        if (QTest::currentTestFailed())
            return;
        // Nothing read yet: no rows. One position per member and conversation.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM read_positions")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO read_positions (conversation, account_id, read_seq) VALUES (4, 1, 3)")));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO read_positions (conversation, account_id, read_seq) VALUES (4, 1, 5)")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO read_positions (conversation, account_id, read_seq) VALUES (9, 1, 1)")));
    }

    void version8DatabaseGainsMediaBlobsAndGrants()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(db, 8,
                      {
                          "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                          "(1, 'ana', x'00', 5), (2, 'bob', x'00', 5)",
                          "INSERT INTO devices (id, account_id, name, token_hash, created_at) "
                          "VALUES (7, 1, 'a', x'00', 5), (8, 2, 'b', x'00', 5)",
                      });
        if (QTest::currentTestFailed())
            return;
        upgradeTo(db, 9, true);
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM media_blobs")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY2(
            q.exec(QStringLiteral(
                "INSERT INTO media_blobs (id, account_id, device_id, size, created_at, "
                "last_write_at) VALUES (x'00112233445566778899aabbccddeeff', 1, 7, 10, 6, 6)")),
            qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT complete, referenced FROM media_blobs")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0); // a new blob is neither complete nor referenced
        QCOMPARE(q.value(1).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO media_grants (blob_id, device_id) VALUES "
                                      "(x'00112233445566778899aabbccddeeff', 8)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO media_grants (blob_id, device_id) VALUES "
                                       "(x'00112233445566778899aabbccddeeff', 8)")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO media_grants (blob_id, device_id) VALUES "
                                       "(x'ff112233445566778899aabbccddeeff', 8)")));
        QVERIFY(!q.exec(
            QStringLiteral("INSERT INTO media_blobs (id, account_id, device_id, size, created_at, "
                           "last_write_at) VALUES (x'01', 9, 7, 10, 6, 6)")));
    }

    void version9DatabaseGainsAccountKeysAndDeviceCertificates()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(db, 9,
                      {
                          "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                          "(1, 'ana', x'00', 5)",
                          "INSERT INTO devices (id, account_id, name, token_hash, created_at) "
                          "VALUES (7, 1, 'a', x'00', 5)",
                          "INSERT INTO device_keys (device_id, account_id, identity_key, "
                          "registration_id, signed_prekey_id, signed_prekey, "
                          "signed_prekey_signature, updated_at) VALUES (7, 1, x'01', 2, 3, x'04', "
                          "x'05', 6)",
                      });
        if (QTest::currentTestFailed())
            return;
        upgradeTo(db, 10, true);
        if (QTest::currentTestFailed())
            return;
        // Accounts and devices from before have neither: the first certified upload sets them.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT account_key IS NULL FROM accounts")) && q.next());
        QVERIFY(q.value(0).toBool());
        QVERIFY(q.exec(QStringLiteral("SELECT device_signature IS NULL, identity_key "
                                      "FROM device_keys")) &&
                q.next());
        QVERIFY(q.value(0).toBool());
        QCOMPARE(q.value(1).toByteArray(), QByteArray("\x01"));
    }

    void version10DatabaseGainsDeviceLastSeenAndRevocation()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(db, 10,
                      {
                          "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                          "(1, 'ana', x'00', 5)",
                          "INSERT INTO devices (id, account_id, name, token_hash, created_at) "
                          "VALUES (7, 1, 'a', x'0a', 5)",
                      });
        if (QTest::currentTestFailed())
            return;
        upgradeTo(db, 11, true);
        if (QTest::currentTestFailed())
            return;
        // Devices from before: never seen by this version, not revoked, token kept.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT last_seen, revoked_at IS NULL, token_hash "
                                      "FROM devices WHERE id = 7")) &&
                q.next());
        QCOMPARE(q.value(0).toLongLong(), 0);
        QVERIFY(q.value(1).toBool());
        QCOMPARE(q.value(2).toByteArray(), QByteArray("\x0a"));
    }

    void version11DatabaseGainsServerAdminsAndNobodyIsOne()
    {
        SqlConnection c(m_file);
        QSqlDatabase db = c.db();
        seedAtVersion(db, 11,
                      {
                          "INSERT INTO accounts (id, username, password_hash, created_at) VALUES "
                          "(1, 'ana', x'00', 5)",
                      });
        if (QTest::currentTestFailed())
            return;
        upgradeTo(db, 12, true);
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(db);
        QVERIFY(
            q.exec(QStringLiteral("SELECT server_admin, username FROM accounts WHERE id = 1")) &&
            q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toString(), QStringLiteral("ana"));
    }
};

QTEST_GUILESS_MAIN(TestMigrationSteps)
#include "tst_migration_steps.moc"
