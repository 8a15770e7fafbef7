// SPDX-License-Identifier: GPL-3.0-or-later
// Durability: an acked message survives SIGKILL and SIGTERM of the real server,
// and resending unacked messages after a crash delivers each exactly once.
#include "RawClient.h"
#include "SeqLedger.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

class TestServerRestart : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

private Q_SLOTS:
    void init()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup() { m_server.reset(); }

    void ackedMessagesSurviveSigkill()
    {
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        auto a = connectAs(*m_server, alice);
        QVERIFY(a);
        constexpr int kCount = 200;
        QList<MessageId> ids;
        for (int i = 0; i < kCount; ++i) {
            ids.append(MessageId::generate());
            a->send(a->makeSend(bob.name, QByteArray::number(i), ids.last()));
        }
        QCOMPARE(a->collect<SendAck>(kCount).size(), kCount);

        m_server->kill();
        a.reset();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        auto b = connectAs(*m_server, bob);
        QVERIFY(b);
        const auto got = b->collect<Deliver>(kCount);
        QCOMPARE(got.size(), kCount);
        for (int i = 0; i < kCount; ++i) {
            QCOMPARE(got[i].id, ids[i]);
            QCOMPARE(got[i].seq, quint64(i + 1));
        }
        // The conversation's seqs were held in memory when the server was killed
        // (written lazily): the restart took them from the messages, so the next
        // message goes on from there instead of reusing a seq (past a gap: after a
        // crash every conversation moves on, see notTwoMessagesAtOneSeqAfterACrash...).
        QVERIFY2(m_server->output().contains("from their messages"),
                 m_server->output().constData());
        auto again = connectAs(*m_server, alice);
        QVERIFY(again);
        again->send(again->makeSend(bob.name, QByteArrayLiteral("after"), MessageId::generate()));
        const auto ack = again->waitFor<SendAck>(5000);
        QVERIFY(ack);
        QVERIFY2(ack->seq > quint64(kCount), qPrintable(QString::number(ack->seq)));
    }

    void notTwoMessagesAtOneSeqAfterACrashBetweenPushAndCommit()
    {
        // Commits gather for a second: a message reaches bob long before its commit.
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   QByteArrayLiteral("commit_gather_ms = 1000\n"));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        auto a = connectAs(*m_server, alice);
        auto b = connectAs(*m_server, bob);
        QVERIFY(a && b);
        QVERIFY(b->waitFor<Synced>());
        SeqLedger seqs; // every (seq, message) either device saw
        // A committed first message: the next one is pushed before its commit.
        const auto first = a->sendMessage(bob.name, QByteArrayLiteral("first"));
        QVERIFY(first);
        QVERIFY(seqs.see(first->seq, first->id));
        const auto d1 = b->waitFor<Deliver>();
        QVERIFY(d1);
        b->ack({d1->entry});

        const SendRequest lost = a->makeSend(bob.name, QByteArrayLiteral("pushed, then a crash"));
        a->send(lost);
        const auto pushed = b->waitFor<Deliver>();
        QVERIFY(pushed);
        QCOMPARE(pushed->id, lost.id);
        QVERIFY(seqs.see(pushed->seq, pushed->id));
        m_server->kill();
        a->settle(100);
        QVERIFY2(!a->has<SendAck>(), "committed before the kill: the test missed its window");

        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        a = connectAs(*m_server, alice);
        b = connectAs(*m_server, bob);
        QVERIFY(a && b);
        QVERIFY(a->waitFor<Synced>() && b->waitFor<Synced>());
        // bob writes first after the restart, then alice sends hers again.
        const auto reply = b->sendMessage(alice.name, QByteArrayLiteral("reply"));
        QVERIFY(reply);
        QVERIFY2(seqs.see(reply->seq, reply->id),
                 qPrintable(QStringLiteral("bob's reply got seq %1, which bob's device has for "
                                           "alice's lost message")
                                .arg(reply->seq)));
        const auto resent = a->sendMessage(bob.name, lost.copies.first().body, lost.id, true);
        QVERIFY(resent);
        QVERIFY(!resent->duplicate);
        QVERIFY2(seqs.see(resent->seq, resent->id), "the resend took another message's seq");
        const auto atAlice = a->waitFor<Deliver>();
        QVERIFY(atAlice);
        QVERIFY(seqs.see(atAlice->seq, atAlice->id));
        // bob may get "first" again (its ack was not committed before the kill).
        for (bool resentArrived = false; !resentArrived;) {
            const auto atBob = b->waitFor<Deliver>();
            QVERIFY2(atBob, "the resent message never reached bob");
            QVERIFY2(seqs.see(atBob->seq, atBob->id), "bob got two messages at one seq");
            resentArrived = atBob->id == lost.id;
        }
    }

    void sigtermSaysGoodbyeAndKeepsMessages()
    {
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        auto a = connectAs(*m_server, alice);
        QVERIFY(a);
        const auto ack = a->sendMessage(bob.name, QByteArrayLiteral("before restart"));
        QVERIFY(ack);

        QCOMPARE(m_server->stop(), 0);
        const auto bye = a->waitFor<ErrorFrame>();
        QVERIFY(bye);
        QCOMPARE(bye->code, ErrorCode::ShuttingDown);
        QVERIFY(a->waitForDisconnected());
        QCOMPARE(a->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);

        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        auto b = connectAs(*m_server, bob);
        QVERIFY(b);
        const auto d = b->waitFor<Deliver>();
        QVERIFY(d);
        QCOMPARE(d->id, ack->id);
        QCOMPARE(d->body, QByteArrayLiteral("before restart"));
    }

    void crashMidBurstThenResendDeliversEachOnce()
    {
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        auto a = connectAs(*m_server, alice);
        QVERIFY(a);
        constexpr int kCount = 500;
        QList<MessageId> ids;
        for (int i = 0; i < kCount; ++i) {
            ids.append(MessageId::generate());
            a->send(a->makeSend(bob.name, QByteArray::number(i), ids.last()));
        }
        // Kill as soon as the first acks arrive: some are durable, some are not.
        QVERIFY(a->waitFor<SendAck>());
        m_server->kill();
        QSet<MessageId> acked;
        a->settle(100);
        for (const auto &f : a->queue())
            if (const auto *ack = std::get_if<SendAck>(&f))
                acked.insert(ack->id);
        a.reset();

        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // The client resends everything it has no ack for, with the same ids.
        a = connectAs(*m_server, alice);
        QVERIFY(a);
        for (int i = 0; i < kCount; ++i)
            a->send(a->makeSend(bob.name, QByteArray::number(i), ids[i]));
        const auto acks = a->collect<SendAck>(kCount);
        QCOMPARE(acks.size(), kCount);
        for (const auto &ack : acks) {
            if (acked.contains(ack.id))
                QVERIFY2(ack.duplicate, "a message acked before the crash was stored again");
        }

        auto b = connectAs(*m_server, bob);
        QVERIFY(b);
        const auto got = drainAll(*b);
        QCOMPARE(got.size(), kCount);
        QSet<MessageId> seen;
        for (int i = 0; i < got.size(); ++i) {
            QVERIFY2(!seen.contains(got[i].id), "a message was delivered twice");
            seen.insert(got[i].id);
            // What was durable before the crash is a prefix, so order is kept; the
            // resent rest comes after a gap (the crash may have pushed seqs ahead).
            QCOMPARE(got[i].id, ids[i]);
            if (acked.contains(got[i].id))
                QCOMPARE(got[i].seq, quint64(i + 1));
            if (i > 0)
                QVERIFY(got[i].seq > got[i - 1].seq);
        }
        for (const auto &id : acked)
            QVERIFY2(seen.contains(id), "an acked message was lost");
    }
};

QTEST_GUILESS_MAIN(TestServerRestart)
#include "tst_server_restart.moc"
