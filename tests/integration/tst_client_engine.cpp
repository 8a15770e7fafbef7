// SPDX-License-Identifier: GPL-3.0-or-later
// The client engine (ChatClient + LocalStore) against the real server process:
// chat both ways, long offline periods, connections cut mid-burst, restarts
// with a full outbox. Every message must end delivered exactly once, in order.
#include "ChatClient.h"
#include "store/ContactStore.h"
#include "store/LocalStore.h"
#include "e2e/PassphraseSecretStore.h"
#include "ServerProcess.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"

#include <QDir>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QByteArray kPassphrase = QByteArrayLiteral("client engine test passphrase");

/** One profile: its own directory, database, secrets and engine. */
struct Profile {
    explicit Profile(const QString &dirPath) : path(dirPath) {}

    void open()
    {
        store = std::make_unique<LocalStore>(path + QStringLiteral("/linnet.db"));
        opened = bool(store->open());
        auto secretStore =
            PassphraseSecretStore::open(path + QStringLiteral("/secrets.bin"), kPassphrase);
        if (!secretStore) {
            qWarning("cannot open the secrets: %s", qPrintable(secretStore.error().reason));
            opened = false;
            return;
        }
        secrets = std::move(secretStore).value();
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        o.deviceName = QStringLiteral("test");
        client = std::make_unique<ChatClient>(*store, *secrets, o);
    }
    /** Simulates quitting the app: the engine and the database go away. */
    void close()
    {
        client.reset();
        secrets.reset();
        store.reset();
    }

    QString path;
    bool opened = false;
    std::unique_ptr<LocalStore> store;
    std::unique_ptr<PassphraseSecretStore> secrets;
    std::unique_ptr<ChatClient> client;
};

QStringList texts(const QList<ChatMessage> &messages)
{
    QStringList out;
    for (const auto &m : messages)
        out << m.text;
    return out;
}

QStringList numbered(int count, const QString &prefix = {})
{
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << prefix + QString::number(i);
    return out;
}

} // namespace

class TestClientEngine : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    /** Messages from @p sender the server has committed (its database, read beside it). */
    int storedMessages(const QString &sender) const
    {
        SqlConnection db(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")),
                         QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db.db());
        q.prepare(QStringLiteral("SELECT count(*) FROM messages JOIN accounts "
                                 "ON accounts.id = messages.sender_account WHERE username = ?"));
        q.addBindValue(sender);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }
    QTemporaryDir m_root;
    int m_counter = 0;

    /** A new account on @p server (the suite's server by default). */
    std::unique_ptr<Profile> newUser(const QString &prefix, QString *name,
                                     const ServerProcess *server = nullptr)
    {
        if (!server)
            server = m_server.get();
        *name = QStringLiteral("%1%2").arg(prefix).arg(++m_counter);
        auto p = std::make_unique<Profile>(m_root.filePath(*name));
        QDir().mkpath(p->path);
        p->open();
        if (!p->opened)
            return nullptr;
        QSignalSpy ready(p->client.get(), &ChatClient::accountReady);
        p->client->registerAccount(server->url(), *name, QStringLiteral("correct horse"));
        if (!ready.wait(30000))
            return nullptr;
        return p;
    }

    static QList<ChatMessage> all(Profile &p, const QString &conversation)
    {
        return p.store->messages(conversation, 100000, 0);
    }

    /**
     * True if the messages hold seqs 1..count, each once: a resend the server took
     * as a new message (not marked `again`) would have left a hole.
     */
    static bool seqsWithoutHoles(Profile &p, const QString &conversation)
    {
        const auto messages = all(p, conversation);
        for (qsizetype i = 0; i < messages.size(); ++i)
            if (messages[i].seq != quint64(i + 1))
                return false;
        return true;
    }

    static bool allOwnDelivered(Profile &p, const QString &conversation, int expected)
    {
        const auto messages = all(p, conversation);
        int delivered = 0;
        for (const auto &m : messages)
            if (m.outgoing &&
                (m.state == DeliveryState::Delivered || m.state == DeliveryState::Read))
                ++delivered;
        return delivered == expected;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void chatBothWaysWithReceipts()
    {
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        QVERIFY(a && b);
        QTRY_COMPARE(a->client->state(), ConnectionState::Online);
        QTRY_COMPARE(b->client->state(), ConnectionState::Online);

        QSignalSpy bobGot(b->client.get(), &ChatClient::messageAdded);
        const MessageId id = a->client->sendText(bob, QStringLiteral("hello bob"));
        QVERIFY(!id.isNull());
        QTRY_VERIFY(!bobGot.isEmpty());
        const auto received = bobGot.last().at(0).value<ChatMessage>();
        QCOMPARE(received.id, id);
        QCOMPARE(received.text, QStringLiteral("hello bob"));
        QCOMPARE(received.sender, alice);
        QCOMPARE(received.conversation, alice);
        QVERIFY(!received.outgoing);
        QCOMPARE(received.seq, 1u);
        QCOMPARE(b->store->conversation(alice)->unread, 1);
        QVERIFY(ContactStore(*b->store).contact(alice)); // a new correspondent is a contact
        QVERIFY(ContactStore(*a->store).contact(bob));

        // ✓✓ once bob's device stored it; read once bob looked at it.
        QTRY_COMPARE(a->store->message(id)->state, DeliveryState::Delivered);
        b->client->markRead(alice);
        QCOMPARE(b->store->conversation(alice)->unread, 0);
        QTRY_COMPARE(a->store->message(id)->state, DeliveryState::Read);

        const MessageId reply = b->client->sendText(alice, QStringLiteral("hi alice"));
        QTRY_VERIFY(a->store->message(reply).has_value());
        QCOMPARE(a->store->message(reply)->text, QStringLiteral("hi alice"));
        QCOMPARE(a->store->message(reply)->seq, 2u);
        QTRY_COMPARE(b->store->message(reply)->state, DeliveryState::Delivered);
    }

    void anAckThatSaysDeliveredIsTwoTicks()
    {
        // This server gathers commits for a second, so bob's device stores and acks
        // the message before its commit: alice's ack says delivered, and no receipt
        // for it follows to her device. Her client must take ✓✓ from the ack. (A
        // conversation's first message waits for its commit, issue 23.6: the second
        // is the one pushed early.)
        ServerProcess slow(ServerProcess::openRegistration(),
                           QByteArrayLiteral("commit_gather_ms = 1000\n"));
        QVERIFY2(slow.start(), qPrintable(slow.errorString()));
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice, &slow);
        auto b = newUser(QStringLiteral("bob"), &bob, &slow);
        QVERIFY(a && b);
        QTRY_COMPARE(a->client->state(), ConnectionState::Online);
        QTRY_COMPARE(b->client->state(), ConnectionState::Online);

        const MessageId opening = a->client->sendText(bob, QStringLiteral("hello"));
        QTRY_COMPARE_WITH_TIMEOUT(a->store->message(opening)->state, DeliveryState::Delivered,
                                  20000);
        QSignalSpy sent(a->client.get(), &ChatClient::messageSent);
        const MessageId id = a->client->sendText(bob, QStringLiteral("two ticks at once"));
        QVERIFY(!id.isNull());
        QTRY_COMPARE(sent.size(), 1);
        QCOMPARE(a->store->message(id)->state, DeliveryState::Delivered);
        a.reset();
        b.reset();
        QCOMPARE(slow.stop(), 0);
    }

    void readReceiptsCanBeTurnedOff()
    {
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        QVERIFY(a && b);
        b->client->setSendReadReceipts(false);
        const MessageId id = a->client->sendText(bob, QStringLiteral("private"));
        QTRY_COMPARE(a->store->message(id)->state, DeliveryState::Delivered);
        b->client->markRead(alice);
        // A later message proves the server has processed everything bob sent.
        const MessageId later = b->client->sendText(alice, QStringLiteral("later"));
        QTRY_VERIFY(a->store->message(later).has_value());
        QCOMPARE(a->store->message(id)->state, DeliveryState::Delivered);
    }

    void typingAndPresence()
    {
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        QVERIFY(a && b);
        QSignalSpy presence(b->client.get(), &ChatClient::presenceChanged);
        b->client->watchPresence({alice});
        QTRY_VERIFY(!presence.isEmpty());
        QCOMPARE(presence.last().at(0).toString(), alice);
        QCOMPARE(presence.last().at(1).toBool(), true);

        QSignalSpy typing(b->client.get(), &ChatClient::typingChanged);
        a->client->setTyping(bob, true);
        a->client->setTyping(bob, true); // throttled: one frame
        QTRY_COMPARE(typing.size(), 1);
        QCOMPARE(typing.at(0).at(0).toString(), alice);
        QCOMPARE(typing.at(0).at(1).toBool(), true);
        a->client->setTyping(bob, false);
        QTRY_COMPARE(typing.size(), 2);
        QCOMPARE(typing.at(1).at(1).toBool(), false);

        a->client->stop();
        QTRY_VERIFY(presence.size() >= 2 && !presence.last().at(1).toBool());
        QVERIFY(presence.last().at(2).toLongLong() > 0); // last seen
        ContactStore(*b->store).add(alice, 1);
        b->client->watchPresence({alice}); // presence is remembered for contacts
        QTRY_VERIFY(ContactStore(*b->store).contact(alice)->lastSeen > 0);
    }

    void fiveHundredWhileOfflineArriveInOrderOnce()
    {
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        QVERIFY(a && b);
        b->client->stop();
        constexpr int kCount = 500;
        QSignalSpy sent(a->client.get(), &ChatClient::messageSent);
        for (int i = 0; i < kCount; ++i)
            QVERIFY(!a->client->sendText(bob, QString::number(i)).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(sent.size(), kCount, 60000);

        QSignalSpy synced(b->client.get(), &ChatClient::synced);
        b->client->start();
        QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 60000);
        const auto got = all(*b, alice);
        QCOMPARE(got.size(), kCount);
        QCOMPARE(texts(got), numbered(kCount));
        for (int i = 0; i < kCount; ++i)
            QCOMPARE(got[i].seq, quint64(i + 1));
        QCOMPARE(b->store->conversation(alice)->unread, kCount);
        QTRY_VERIFY_WITH_TIMEOUT(allOwnDelivered(*a, bob, kCount), 60000);

        // A reconnect brings nothing new: the inbox was emptied by the acks.
        QSignalSpy more(b->client.get(), &ChatClient::messageAdded);
        b->client->stop();
        QSignalSpy synced2(b->client.get(), &ChatClient::synced);
        b->client->start();
        QTRY_VERIFY(!synced2.isEmpty());
        QCOMPARE(more.size(), 0);
        QCOMPARE(b->store->messageCount(alice), kCount);
    }

    void socketAbortedMidBurst()
    {
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        QVERIFY(a && b);
        constexpr int kCount = 300;
        QSignalSpy sent(a->client.get(), &ChatClient::messageSent);
        for (int i = 0; i < kCount; ++i)
            a->client->sendText(bob, QString::number(i));
        QTRY_VERIFY(sent.size() > 0);
        a->client->abortConnection(); // mid-burst: some acked, some in flight
        b->client->abortConnection();
        QTRY_VERIFY_WITH_TIMEOUT(b->store->messageCount(alice) == kCount, 60000);
        QCOMPARE(texts(all(*b, alice)), numbered(kCount));
        QVERIFY(seqsWithoutHoles(*b, alice));
        QTRY_VERIFY_WITH_TIMEOUT(allOwnDelivered(*a, bob, kCount), 60000);
    }

    void serverKilledMidBurst()
    {
        QString alice, bob, carol;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        auto c = newUser(QStringLiteral("carol"), &carol);
        QVERIFY(a && b && c);
        constexpr int kCount = 300;
        QSignalSpy sent(a->client.get(), &ChatClient::messageSent);
        for (int i = 0; i < kCount; ++i) {
            a->client->sendText(bob, QString::number(i));
            c->client->sendText(bob, QStringLiteral("c") + QString::number(i));
        }
        QTRY_VERIFY(sent.size() > 0);
        m_server->kill();
        QTRY_VERIFY(a->client->state() != ConnectionState::Online);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        QTRY_VERIFY_WITH_TIMEOUT(b->store->messageCount(alice) == kCount &&
                                     b->store->messageCount(carol) == kCount,
                                 90000);
        QCOMPARE(texts(all(*b, alice)), numbered(kCount));
        QCOMPARE(texts(all(*b, carol)), numbered(kCount, QStringLiteral("c")));
        QVERIFY(seqsWithoutHoles(*b, alice));
        QVERIFY(seqsWithoutHoles(*b, carol));
        QTRY_VERIFY_WITH_TIMEOUT(allOwnDelivered(*a, bob, kCount), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(allOwnDelivered(*c, bob, kCount), 60000);
    }

    void aStoredMessageWhoseAckWasLostIsResentAsAResend()
    {
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        QVERIFY(a && b);
        a->client->sendText(bob, QStringLiteral("hello")); // sessions and keys first
        QTRY_VERIFY_WITH_TIMEOUT(b->store->messageCount(alice) == 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(a->store->outbox().isEmpty(), 30000);

        // The send reaches the server (stop() writes it before closing), but the
        // engine is gone before it can read the ack.
        a->client->sendText(bob, QStringLiteral("lost ack"));
        a->client->stop();
        QTRY_VERIFY_WITH_TIMEOUT(b->store->messageCount(alice) == 2, 30000);
        QCOMPARE(a->store->outbox().size(), 1);
        // Bob had it before its commit (pushed live); the resend must meet the stored
        // original, so wait until the server's database holds both messages.
        QTRY_COMPARE_WITH_TIMEOUT(storedMessages(alice), 2, 30000);

        // Resent on reconnect, marked `again`: the server answers with the original
        // ack instead of taking it as a new message with a new seq.
        a->client->start();
        QTRY_VERIFY_WITH_TIMEOUT(a->store->outbox().isEmpty(), 30000);
        a->client->sendText(bob, QStringLiteral("after"));
        QTRY_VERIFY_WITH_TIMEOUT(b->store->messageCount(alice) == 3, 30000);
        QCOMPARE(texts(all(*b, alice)),
                 (QStringList{QStringLiteral("hello"), QStringLiteral("lost ack"),
                              QStringLiteral("after")}));
        QVERIFY2(seqsWithoutHoles(*b, alice), "the resend was taken as a new message");
    }

    void outboxSurvivesAppRestart()
    {
        QString alice, bob;
        auto a = newUser(QStringLiteral("alice"), &alice);
        auto b = newUser(QStringLiteral("bob"), &bob);
        QVERIFY(a && b);
        // Offline: the messages are stored and queued, with a clock.
        a->client->stop();
        QList<MessageId> ids;
        for (int i = 0; i < 5; ++i)
            ids << a->client->sendText(bob, QStringLiteral("queued %1").arg(i));
        for (const auto &id : ids)
            QCOMPARE(a->store->message(id)->state, DeliveryState::Queued);
        QCOMPARE(a->store->outbox().size(), 5);

        a->close(); // the app quits
        a->open();  // and starts again
        QVERIFY(a->opened);
        QVERIFY(a->client->hasAccount());
        a->client->start();
        QTRY_VERIFY_WITH_TIMEOUT(b->store->messageCount(alice) == 5, 30000);
        QCOMPARE(texts(all(*b, alice)),
                 (QStringList{QStringLiteral("queued 0"), QStringLiteral("queued 1"),
                              QStringLiteral("queued 2"), QStringLiteral("queued 3"),
                              QStringLiteral("queued 4")}));
        QTRY_VERIFY(allOwnDelivered(*a, bob, 5));
        QCOMPARE(a->store->outbox().size(), 0);
    }

    void unknownRecipientFails()
    {
        QString alice;
        auto a = newUser(QStringLiteral("alice"), &alice);
        QVERIFY(a);
        QSignalSpy errors(a->client.get(), &ChatClient::errorOccurred);
        const MessageId id =
            a->client->sendText(QStringLiteral("nobody-here"), QStringLiteral("?"));
        QTRY_COMPARE(a->store->message(id)->state, DeliveryState::Failed);
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.last().at(0).value<ErrorCode>(), ErrorCode::UnknownUser);
        QCOMPARE(a->store->outbox().size(), 0);
    }

    void badCredentialsStopReconnecting()
    {
        QString alice;
        auto a = newUser(QStringLiteral("alice"), &alice);
        QVERIFY(a);
        a->client->stop();
        QVERIFY(a->secrets->write(QStringLiteral("device_token"), QByteArray(32, 'x')));
        a->close();
        a->open();
        a->client->start();
        QTRY_COMPARE(a->client->state(), ConnectionState::AuthFailed);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestClientEngine)
#include "tst_client_engine.moc"
