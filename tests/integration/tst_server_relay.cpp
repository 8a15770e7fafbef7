// SPDX-License-Identifier: GPL-3.0-or-later
// One-to-one relay against the real linnet-server: online and offline
// delivery, ordering, dedup, receipts and multi-device fan-out.
#include "RawClient.h"
#include "ServerProcess.h"
#include "SqlTestHelpers.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QDir>
#include <QSqlQuery>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

class TestServerRelay : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

    Device registerUser(const QString &prefix)
    {
        return registerDevice(*m_server, m_names.next(prefix));
    }

    /** Connects @p d again: true if its inbox drain is empty (synced with count 0). */
    bool drainsNothing(Device &d)
    {
        if (!reconnect(d, *m_server))
            return false;
        const auto synced = d.client->waitFor<Synced>();
        return synced && synced->count == 0;
    }

    static QList<quint64> entriesOf(const QList<Deliver> &delivers)
    {
        QList<quint64> out;
        for (const auto &d : delivers)
            out.append(d.entry);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void onlineDeliveryAndReceipts()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(alice.deviceId > 0 && bob.deviceId > 0);
        QVERIFY(bob.client->waitFor<Synced>());

        const auto ack = alice.client->sendMessage(bob.name, QByteArrayLiteral("hello bob"));
        QVERIFY(ack);
        QCOMPARE(ack->seq, 1u);
        QVERIFY(!ack->duplicate);
        QVERIFY(ack->conversation > 0);

        const auto deliver = bob.client->waitFor<Deliver>();
        QVERIFY(deliver);
        QCOMPARE(deliver->id, ack->id);
        QCOMPARE(deliver->from, alice.name);
        QCOMPARE(deliver->fromDevice, alice.deviceId);
        QCOMPARE(deliver->to, bob.name);
        QCOMPARE(deliver->seq, 1u);
        QCOMPARE(deliver->conversation, ack->conversation);
        QCOMPARE(deliver->body, QByteArrayLiteral("hello bob"));

        // ✓✓: the delivery ack turns into a delivered receipt for the sender.
        bob.client->ack({deliver->entry});
        const auto delivered = alice.client->waitFor<Receipt>();
        QVERIFY(delivered);
        QCOMPARE(delivered->kind, ReceiptKind::Delivered);
        QCOMPARE(delivered->by, bob.name);
        QCOMPARE(delivered->ids, QList<MessageId>{ack->id});
        alice.client->ack({delivered->entry});

        // Read up to seq 1 reaches the sender as a read receipt.
        bob.client->send(ReadRequest{ack->conversation, 1});
        const auto read = alice.client->waitFor<Receipt>();
        QVERIFY(read);
        QCOMPARE(read->kind, ReceiptKind::Read);
        QCOMPARE(read->upToSeq, 1u);
        QCOMPARE(read->conversation, ack->conversation);
        QCOMPARE(read->by, bob.name);

        // And the reply goes the other way in the same conversation with seq 2.
        const auto reply = bob.client->sendMessage(alice.name, QByteArrayLiteral("hi alice"));
        QVERIFY(reply);
        QCOMPARE(reply->conversation, ack->conversation);
        QCOMPARE(reply->seq, 2u);
        const auto back = alice.client->waitFor<Deliver>();
        QVERIFY(back);
        QCOMPARE(back->body, QByteArrayLiteral("hi alice"));
    }

    void offlineDeliveryInOrderThenInboxEmpty()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        bob.client.reset(); // bob goes offline
        constexpr int kCount = 300;
        QList<MessageId> sent;
        for (int i = 0; i < kCount; ++i) {
            const MessageId id = MessageId::generate();
            alice.client->send(alice.client->makeSend(bob.name, QByteArray::number(i), id));
            sent.append(id);
        }
        const auto acks = alice.client->collect<SendAck>(kCount);
        QCOMPARE(acks.size(), kCount);

        QVERIFY(reconnect(bob, *m_server));
        const auto delivers = bob.client->collect<Deliver>(kCount);
        QCOMPARE(delivers.size(), kCount);
        for (int i = 0; i < kCount; ++i) {
            QCOMPARE(delivers[i].id, sent[i]);
            QCOMPARE(delivers[i].seq, quint64(i + 1));
            QCOMPARE(delivers[i].body, QByteArray::number(i));
        }
        const auto synced = bob.client->waitFor<Synced>();
        QVERIFY(synced);
        QCOMPARE(synced->count, quint64(kCount));
        bob.client->ack(entriesOf(delivers));
        // Every message is reported delivered to alice, each exactly once.
        QSet<MessageId> deliveredIds;
        while (deliveredIds.size() < kCount) {
            const auto r = alice.client->waitFor<Receipt>();
            QVERIFY(r);
            QCOMPARE(r->kind, ReceiptKind::Delivered);
            for (const auto &id : r->ids)
                QVERIFY2(!deliveredIds.contains(id), "delivered receipt repeated");
            deliveredIds.unite(QSet<MessageId>(r->ids.begin(), r->ids.end()));
        }

        // Acked entries are deleted: the next connection drains nothing.
        bob.client->settle(200);
        QVERIFY2(drainsNothing(bob), "the inbox was not empty on the next connection");
        QVERIFY(!bob.client->has<Deliver>());
    }

    void unackedEntriesAreRedelivered()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(alice.client->sendMessage(bob.name, QByteArrayLiteral("one")));
        const auto first = bob.client->waitFor<Deliver>();
        QVERIFY(first);
        // No ack: the entry stays in the inbox and comes again on the next connection
        // (its entry id may differ: the first may have been pushed under a live id).
        QVERIFY(reconnect(bob, *m_server));
        const auto again = bob.client->waitFor<Deliver>();
        QVERIFY(again);
        QCOMPARE(again->id, first->id);
        QCOMPARE(again->seq, first->seq);
        QCOMPARE(again->body, first->body);
    }

    void pushedCopyAckedAfterItsCommitIsDeleted()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(bob.client->waitFor<Synced>());
        const auto sent = alice.client->sendMessage(bob.name, QByteArrayLiteral("later"));
        QVERIFY(sent);
        const auto d = bob.client->waitFor<Deliver>();
        QVERIFY(d);
        // Acked long after its commit: the ack reaches the stored copy through the
        // id it was pushed under, and the delivery is reported once.
        bob.client->settle(300);
        bob.client->ack({d->entry});
        const auto delivered = alice.client->waitFor<Receipt>();
        QVERIFY(delivered);
        QCOMPARE(delivered->ids, QList<MessageId>{sent->id});
        alice.client->ack({delivered->entry});
        bob.client->settle(300);
        QVERIFY(!alice.client->has<Receipt>());
        QVERIFY2(drainsNothing(bob), "the inbox was not empty on the next connection");
    }

    void earlierConnectionsAckMatchesNothingOnANewOne()
    {
        // A client may send the acks it could not send before on its next
        // connection; an id a copy was pushed under must not match anything there.
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(bob.client->waitFor<Synced>());
        // A conversation's first message waits for its commit; the next one need not.
        QVERIFY(alice.client->sendMessage(bob.name, QByteArrayLiteral("first")));
        const auto first = bob.client->waitFor<Deliver>();
        QVERIFY(first);
        bob.client->ack({first->entry});
        QVERIFY(alice.client->sendMessage(bob.name, QByteArrayLiteral("keep me")));
        const auto pushed = bob.client->waitFor<Deliver>();
        QVERIFY(pushed);
        QVERIFY(reconnect(bob, *m_server));
        const auto stored = bob.client->waitFor<Deliver>();
        QVERIFY(stored);
        QCOMPARE(stored->id, pushed->id);
        QVERIFY2(stored->entry != pushed->entry, "the first copy was not pushed before its commit");
        bob.client->ack({pushed->entry});
        bob.client->settle(300);
        QVERIFY(reconnect(bob, *m_server));
        const auto again = bob.client->waitFor<Deliver>();
        QVERIFY2(again, "an earlier connection's ack deleted the message");
        QCOMPARE(again->id, pushed->id);
        QCOMPARE(again->entry, stored->entry);
        bob.client->ack({again->entry});
        bob.client->settle(300);
        QVERIFY2(drainsNothing(bob), "the inbox was not empty on the next connection");
    }

    void aFailedCommitFailsTheSendAndTheResendKeepsItsSeq()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(bob.client->waitFor<Synced>());
        const auto first = alice.client->sendMessage(bob.name, QByteArrayLiteral("first"));
        QVERIFY(first);
        const auto d1 = bob.client->waitFor<Deliver>();
        QVERIFY(d1);
        bob.client->ack({d1->entry});
        QVERIFY(alice.client->waitFor<Receipt>());

        // An admin command holds the write lock past the server's busy timeout.
        const MessageId id = MessageId::generate();
        {
            SqlConnection other(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
            QVERIFY(other.db().isOpen());
            QSqlQuery lock(other.db());
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            const SendRequest send = alice.client->makeSend(bob.name, "second", id);
            alice.client->send(send);
            // Pushed before its commit, and acked by bob at once...
            const auto pushed = bob.client->waitFor<Deliver>();
            QVERIFY(pushed);
            QCOMPARE(pushed->id, id);
            QCOMPARE(pushed->seq, first->seq + 1);
            bob.client->ack({pushed->entry});
            // ...but the commit fails: alice gets 500 and no ack.
            const auto error = alice.client->waitFor<ErrorFrame>(20000);
            QVERIFY(error);
            QCOMPARE(error->requestId, send.requestId);
            QCOMPARE(error->code, ErrorCode::InternalError);
            QVERIFY(!alice.client->has<SendAck>());
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));

            // The resend is stored with the seq bob already has, and reaches bob
            // again (it was never stored, so nothing of bob's ack was kept).
            const auto resent = alice.client->sendMessage(bob.name, "second", id, true);
            QVERIFY(resent);
            QVERIFY(!resent->duplicate);
            QCOMPARE(resent->seq, pushed->seq);
            const auto again = bob.client->waitFor<Deliver>();
            QVERIFY(again);
            QCOMPARE(again->id, id);
            QCOMPARE(again->seq, pushed->seq);
            bob.client->ack({again->entry});
        }
        const auto delivered = alice.client->waitFor<Receipt>();
        QVERIFY(delivered);
        QCOMPARE(delivered->ids, QList<MessageId>{id});
        QVERIFY(!alice.client->has<Receipt>()); // once, not for the lost copy too
    }

    void messagesKeepTheirOrderWhileADeviceDrains()
    {
        // A small window keeps bob behind: messages sent meanwhile must come after
        // the ones already in his inbox, each once, in seq order.
        ServerProcess server(ServerProcess::openRegistration(), "drain_window = 4\n");
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RawClient alice, bob;
        QVERIFY(alice.connectTo(server.url()) && bob.connectTo(server.url()));
        QVERIFY(alice.registerUser(QStringLiteral("alice"), QStringLiteral("correct horse")));
        const auto bobOk = bob.registerUser(QStringLiteral("bob"), QStringLiteral("correct horse"));
        QVERIFY(bobOk);
        QVERIFY(bob.waitFor<Synced>());
        bob.abort();
        for (int i = 0; i < 10; ++i)
            QVERIFY(alice.sendMessage(QStringLiteral("bob"), QByteArray::number(i)));
        RawClient bobAgain;
        QVERIFY(bobAgain.connectTo(server.url()) && bobAgain.auth(bobOk->deviceId, bobOk->token));
        QList<Deliver> got = bobAgain.collect<Deliver>(4); // the window is full now
        QCOMPARE(got.size(), 4);
        for (int i = 10; i < 20; ++i) // sent while bob is behind
            QVERIFY(alice.sendMessage(QStringLiteral("bob"), QByteArray::number(i)));
        while (got.size() < 20) {
            bobAgain.ack({got.last().entry});
            const auto next = bobAgain.waitFor<Deliver>();
            QVERIFY2(next, qPrintable(QStringLiteral("stopped after %1").arg(got.size())));
            got.append(*next);
            if (got.size() % 4 == 0) // ack the rest of each window too
                bobAgain.ack(entriesOf(got.mid(got.size() - 4)));
        }
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(got[i].seq, quint64(i + 1));
            QCOMPARE(got[i].body, QByteArray::number(i));
        }
        bobAgain.ack(entriesOf(got));
        bobAgain.settle(300);
        QVERIFY2(!bobAgain.has<Deliver>(), "a message came twice");
    }

    void duplicateSendReturnsOriginalAckAndDeliversOnce()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        const MessageId id = MessageId::generate();
        const auto first = alice.client->sendMessage(bob.name, QByteArrayLiteral("once"), id);
        QVERIFY(first);
        QVERIFY(!first->duplicate);
        const auto second =
            alice.client->sendMessage(bob.name, QByteArrayLiteral("once"), id, true);
        QVERIFY(second);
        QVERIFY(second->duplicate);
        QCOMPARE(second->seq, first->seq);
        QCOMPARE(second->timestamp, first->timestamp);
        QCOMPARE(second->conversation, first->conversation);

        // Also after reconnecting (a client resending after a lost ack).
        QVERIFY(reconnect(alice, *m_server));
        const auto third = alice.client->sendMessage(bob.name, QByteArrayLiteral("once"), id, true);
        QVERIFY(third);
        QVERIFY(third->duplicate);
        QCOMPARE(third->seq, first->seq);

        const auto d = bob.client->waitFor<Deliver>();
        QVERIFY(d);
        QCOMPARE(d->id, id);
        bob.client->settle(300);
        QVERIFY2(!bob.client->has<Deliver>(), "a duplicate was delivered");
    }

    void aResendNotMarkedAgainIsStillStoredOnce()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(bob.client->waitFor<Synced>());
        const MessageId id = MessageId::generate();
        const auto first = alice.client->sendMessage(bob.name, QByteArrayLiteral("once"), id);
        QVERIFY(first);
        const auto d = bob.client->waitFor<Deliver>();
        QVERIFY(d);
        bob.client->ack({d->entry});
        const auto delivered = alice.client->waitFor<Receipt>();
        QVERIFY(delivered);
        alice.client->ack({delivered->entry});

        // Without `again` the server takes it as new and pushes it (protocol.md 6)...
        QVERIFY(reconnect(alice, *m_server));
        const auto resent = alice.client->sendMessage(bob.name, QByteArrayLiteral("once"), id);
        QVERIFY(resent);
        // ...but the commit still knows it: the original ack, nothing stored twice.
        QVERIFY(resent->duplicate);
        QCOMPARE(resent->seq, first->seq);
        QCOMPARE(resent->conversation, first->conversation);
        const auto pushed = bob.client->waitFor<Deliver>();
        QVERIFY(pushed);
        QCOMPARE(pushed->id, id); // bob's client recognises it by id
        bob.client->ack({pushed->entry});
        bob.client->settle(200);
        // Delivered was reported once, for the original: the only receipt alice may
        // see again is that one, if the reconnect came before its ack was committed.
        while (const auto r = alice.client->waitFor<Receipt>(200))
            QCOMPARE(r->entry, delivered->entry);

        // The conversation goes on, and nothing of the resend is left in bob's inbox.
        const auto next = alice.client->sendMessage(bob.name, QByteArrayLiteral("next"));
        QVERIFY(next);
        QVERIFY(next->seq > first->seq);
        const auto nextDeliver = bob.client->waitFor<Deliver>();
        QVERIFY(nextDeliver);
        QCOMPARE(nextDeliver->id, next->id);
        bob.client->ack({nextDeliver->entry});
        bob.client->settle(300);
        QVERIFY2(drainsNothing(bob), "the inbox was not empty on the next connection");
    }

    void multiDeviceFanOutAndSingleDeliveredReceipt()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device alice2 = loginDevice(*m_server, alice.name);
        Device bob = registerUser(QStringLiteral("bob"));
        Device bob2 = loginDevice(*m_server, bob.name);
        QVERIFY(alice2.deviceId > 0 && alice2.deviceId != alice.deviceId);
        QVERIFY(bob2.deviceId > 0 && bob2.deviceId != bob.deviceId);

        const auto ack = alice.client->sendMessage(bob.name, QByteArrayLiteral("to all"));
        QVERIFY(ack);
        const auto d1 = bob.client->waitFor<Deliver>();
        const auto d2 = bob2.client->waitFor<Deliver>();
        const auto own = alice2.client->waitFor<Deliver>();
        QVERIFY(d1 && d2 && own);
        QCOMPARE(d1->id, ack->id);
        QCOMPARE(d2->id, ack->id);
        QCOMPARE(own->id, ack->id);
        QCOMPARE(own->to, bob.name); // the sender's other device learns it was outgoing
        QVERIFY(d1->entry != d2->entry);
        alice.client->settle(200);
        QVERIFY2(!alice.client->has<Deliver>(), "the sending device got its own message");

        bob.client->ack({d1->entry});
        bob2.client->ack({d2->entry});
        const auto r1 = alice.client->waitFor<Receipt>();
        const auto r2 = alice2.client->waitFor<Receipt>();
        QVERIFY(r1 && r2);
        QCOMPARE(r1->ids, QList<MessageId>{ack->id});
        alice.client->settle(300);
        QVERIFY2(!alice.client->has<Receipt>(), "delivered receipt sent twice");

        // A read on one of bob's devices tells his other device too.
        bob.client->send(ReadRequest{ack->conversation, ack->seq});
        const auto otherRead = bob2.client->waitFor<Receipt>();
        QVERIFY(otherRead);
        QCOMPARE(otherRead->kind, ReceiptKind::Read);
        QCOMPARE(otherRead->by, bob.name);
    }

    void receiptsQueueWhileSenderOffline()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        const auto ack = alice.client->sendMessage(bob.name, QByteArrayLiteral("later"));
        QVERIFY(ack);
        alice.client.reset();
        const auto d = bob.client->waitFor<Deliver>();
        QVERIFY(d);
        bob.client->ack({d->entry});
        bob.client->send(ReadRequest{d->conversation, d->seq});
        bob.client->settle(300);

        QVERIFY(reconnect(alice, *m_server));
        const auto delivered = alice.client->waitFor<Receipt>();
        const auto read = alice.client->waitFor<Receipt>();
        QVERIFY(delivered && read);
        QCOMPARE(delivered->kind, ReceiptKind::Delivered);
        QCOMPARE(delivered->ids, QList<MessageId>{ack->id});
        QCOMPARE(read->kind, ReceiptKind::Read);
        QCOMPARE(read->upToSeq, ack->seq);
    }

    void concurrentSendersShareOneSequence()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        constexpr int kEach = 100;
        for (int i = 0; i < kEach; ++i) {
            alice.client->send(alice.client->makeSend(bob.name, QByteArrayLiteral("a")));
            bob.client->send(bob.client->makeSend(alice.name, QByteArrayLiteral("b")));
        }
        const auto a = alice.client->collect<SendAck>(kEach);
        const auto b = bob.client->collect<SendAck>(kEach);
        QCOMPARE(a.size(), kEach);
        QCOMPARE(b.size(), kEach);
        QSet<quint64> seqs;
        for (const auto &x : a + b) {
            QCOMPARE(x.conversation, a.first().conversation);
            seqs.insert(x.seq);
        }
        QCOMPARE(seqs.size(), 2 * kEach);
        QCOMPARE(*std::min_element(seqs.begin(), seqs.end()), 1u);
        QCOMPARE(*std::max_element(seqs.begin(), seqs.end()), quint64(2 * kEach));
        // Each side receives the other's messages in increasing seq order.
        const auto got = bob.client->collect<Deliver>(kEach);
        QCOMPARE(got.size(), kEach);
        for (int i = 1; i < got.size(); ++i)
            QVERIFY(got[i].seq > got[i - 1].seq);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestServerRelay)
#include "tst_server_relay.moc"
