// SPDX-License-Identifier: GPL-3.0-or-later
// A one-to-one message that reaches the recipient before its commit: the sender's
// ack says delivered, and no delivered receipt follows to the sending device (its
// other devices still get one), also when the ack was lost and the message resent.
// The server gathers commits for a second here, so that the recipient's ack always
// comes before the commit. The same holds for an ack that comes while the batch is
// being written (a server of its own, its commit held up by a lock on the database).
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"

#include <QDir>
#include <QSqlQuery>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

class TestServerDeliveredAck : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

    /** The connection of @p d if it signed in, else null. */
    static std::unique_ptr<RawClient> signedIn(Device d)
    {
        return d.deviceId ? std::move(d.client) : nullptr;
    }

    /** A new account's first device. */
    std::unique_ptr<RawClient> newUser(const QString &prefix)
    {
        return signedIn(registerDevice(*m_server, m_names.next(prefix)));
    }

    /** Another device of @p name. */
    std::unique_ptr<RawClient> secondDevice(const QString &name)
    {
        return signedIn(loginDevice(*m_server, name));
    }

    /**
     * A first message from @p alice to @p bob, delivered and acknowledged everywhere
     * (and on @p alice2, alice's other device, if given): a conversation's first
     * message waits for its commit, the later ones are pushed before theirs.
     */
    static bool openConversation(RawClient &alice, RawClient *alice2, RawClient &bob)
    {
        const auto ack = alice.sendMessage(bob.username(), QByteArrayLiteral("first"));
        if (!ack)
            return false;
        for (RawClient *device : {&bob, alice2}) {
            if (!device)
                continue;
            const auto d = device->waitFor<Deliver>();
            if (!d || d->id != ack->id)
                return false;
            device->ack({d->entry});
        }
        for (RawClient *device : {&alice, alice2}) {
            if (!device)
                continue;
            const auto receipt = device->waitFor<Receipt>();
            if (!receipt || receipt->ids != QList<MessageId>{ack->id})
                return false;
            device->ack({receipt->entry});
        }
        return true;
    }

    /** The recipient acks @p id's deliver at once: before the commit, a second away. */
    static bool receiveAndAck(RawClient &recipient, const MessageId &id)
    {
        const auto d = recipient.waitFor<Deliver>();
        if (!d || d->id != id)
            return false;
        recipient.ack({d->entry});
        return true;
    }

    /**
     * After @p id reached bob before alice's ack left: the ack says delivered,
     * alice's other device gets a receipt, and the sending device none, now or
     * from its inbox later (checked by connecting it again to @p url).
     */
    static void checkToldInTheAckOnly(std::unique_ptr<RawClient> &alice, RawClient &alice2,
                                      const RawClient &bob, const MessageId &id, const QUrl &url)
    {
        const auto ack = alice->waitFor<SendAck>();
        QVERIFY(ack);
        QCOMPARE(ack->id, id);
        QVERIFY(!ack->duplicate);
        QVERIFY2(ack->delivered >= ack->timestamp,
                 qPrintable(QStringLiteral("delivered %1, accepted %2")
                                .arg(ack->delivered)
                                .arg(ack->timestamp)));

        // alice's other device has its copy and hears of the delivery as before.
        const auto own = alice2.waitFor<Deliver>();
        QVERIFY(own);
        alice2.ack({own->entry});
        const auto receipt = alice2.waitFor<Receipt>();
        QVERIFY(receipt);
        QCOMPARE(receipt->kind, ReceiptKind::Delivered);
        QCOMPARE(receipt->ids, QList<MessageId>{id});
        QCOMPARE(receipt->by, bob.username());

        // The sending device gets no receipt, now or from its inbox later.
        alice->settle(1500); // past the next commit
        QVERIFY2(!alice->has<Receipt>(), "a receipt came to the device whose ack said delivered");
        const qint64 device = alice->deviceId();
        const QByteArray token = alice->token();
        alice = std::make_unique<RawClient>();
        QVERIFY(alice->connectTo(url) && alice->auth(device, token));
        const auto synced = alice->waitFor<Synced>();
        QVERIFY(synced);
        QCOMPARE(synced->count, 0u);
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   QByteArrayLiteral("commit_gather_ms = 1000\n"));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void theAckSaysDeliveredAndNoReceiptFollows()
    {
        auto alice = newUser(QStringLiteral("alice"));
        QVERIFY(alice);
        auto alice2 = secondDevice(alice->username());
        auto bob = newUser(QStringLiteral("bob"));
        QVERIFY(alice2 && bob);
        QVERIFY(bob->waitFor<Synced>());
        QVERIFY(alice2->waitFor<Synced>());
        QVERIFY(openConversation(*alice, alice2.get(), *bob));

        const SendRequest send = alice->makeSend(bob->username(), QByteArrayLiteral("hi"));
        alice->send(send);
        QVERIFY(receiveAndAck(*bob, send.id));
        checkToldInTheAckOnly(alice, *alice2, *bob, send.id, m_server->url());
    }

    void anAckWhileTheBatchIsWrittenSaysDeliveredToo()
    {
        // Commits gather for the default 20 ms; a transaction of the test's holds
        // the write lock, so the batch with alice's message waits in the store
        // (busy_timeout 5 s) while bob acks.
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto join = [&server](const QString &name, bool second = false) {
            return signedIn(second ? loginDevice(server, name) : registerDevice(server, name));
        };
        auto alice = join(QStringLiteral("alice"));
        QVERIFY(alice);
        auto alice2 = join(QStringLiteral("alice"), true);
        auto bob = join(QStringLiteral("bob"));
        QVERIFY(alice2 && bob);
        QVERIFY(bob->waitFor<Synced>());
        QVERIFY(alice2->waitFor<Synced>());
        QVERIFY(openConversation(*alice, alice2.get(), *bob));

        SqlConnection other(QDir(server.dataDir()).filePath(QStringLiteral("linnet.db")));
        QSqlQuery lock(other.db());
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const SendRequest send = alice->makeSend(bob->username(), QByteArrayLiteral("held up"));
        alice->send(send);
        const auto d = bob->waitFor<Deliver>();
        QVERIFY(d);
        QCOMPARE(d->id, send.id);
        // Past the 20 ms of gathering, the batch is with the store. (Were it not, the
        // ack would come before the batch left, which says delivered as well: this
        // could pass for that reason, never fail for it.)
        bob->settle(300);
        bob->ack({d->entry});
        // bob's frames are handled in order: once this is answered, so was the ack.
        QVERIFY(bob->fetchKeys(alice->username()));
        QVERIFY(!alice->has<SendAck>()); // still held up
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        checkToldInTheAckOnly(alice, *alice2, *bob, send.id, server.url());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(server.stop(), 0);
    }

    void aResendAfterALostAckSaysDeliveredToo()
    {
        auto alice = newUser(QStringLiteral("alice"));
        auto bob = newUser(QStringLiteral("bob"));
        QVERIFY(alice && bob);
        QVERIFY(bob->waitFor<Synced>());
        QVERIFY(openConversation(*alice, nullptr, *bob));
        const SendRequest send = alice->makeSend(bob->username(), QByteArrayLiteral("lost ack"));
        const qint64 device = alice->deviceId();
        const QByteArray token = alice->token();
        alice->send(send);
        QVERIFY(receiveAndAck(*bob, send.id));
        // Gone before the commit (a second away): its ack is lost with the connection.
        alice->abort();
        alice.reset();

        alice = connectedClient(*m_server);
        QVERIFY(alice && alice->auth(device, token));
        const auto resent =
            alice->sendMessage(bob->username(), QByteArrayLiteral("lost ack"), send.id, true);
        QVERIFY(resent);
        QVERIFY(resent->duplicate);
        QVERIFY(resent->delivered > 0);
        alice->settle(1500);
        // (The first message's receipt may come again: its ack left with the connection.)
        for (const auto &frame : alice->queue())
            if (const auto *receipt = std::get_if<Receipt>(&frame))
                QVERIFY2(!receipt->ids.contains(send.id), "the delivery was told twice");
    }

    void aLaterDeliveryStillComesAsAReceipt()
    {
        auto alice = newUser(QStringLiteral("alice"));
        auto bob = newUser(QStringLiteral("bob"));
        QVERIFY(alice && bob);
        QVERIFY(bob->waitFor<Synced>());
        const auto ack = alice->sendMessage(bob->username(), QByteArrayLiteral("later"));
        QVERIFY(ack);
        QCOMPARE(ack->delivered, 0); // bob has not acked it yet
        const auto d = bob->waitFor<Deliver>();
        QVERIFY(d);
        bob->ack({d->entry});
        const auto receipt = alice->waitFor<Receipt>();
        QVERIFY(receipt);
        QCOMPARE(receipt->ids, QList<MessageId>{ack->id});
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestServerDeliveredAck)
#include "tst_server_delivered_ack.moc"
