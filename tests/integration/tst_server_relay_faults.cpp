// SPDX-License-Identifier: GPL-3.0-or-later
// One-to-one relay against the real linnet-server when commits fail and clients
// misbehave: every error names its message, a seq that left the server goes to no
// other message, and a flood of reads stores one receipt.
#include "RawClient.h"
#include "SeqLedger.h"
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

class TestServerRelayFaults : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

    Device registerUser(const QString &prefix)
    {
        return registerDevice(*m_server, m_names.next(prefix));
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void anErrorAnsweringAFailedCommitNamesEachMessage()
    {
        // A client with several sends waiting for their acks must learn which
        // ones to send again: every error of a failed commit carries its id.
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(bob.client->waitFor<Synced>());
        QVERIFY(alice.client->sendMessage(bob.name, QByteArrayLiteral("first")));
        SqlConnection other(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
        QVERIFY(other.db().isOpen());
        QSqlQuery lock(other.db());
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const SendRequest one = alice.client->makeSend(bob.name, "one");
        const SendRequest two = alice.client->makeSend(bob.name, "two");
        alice.client->send(one);
        alice.client->send(two);
        QHash<quint32, MessageId> failed;
        for (int i = 0; i < 2; ++i) {
            const auto error = alice.client->waitFor<ErrorFrame>(20000);
            QVERIFY(error);
            QCOMPARE(error->code, ErrorCode::InternalError);
            failed.insert(error->requestId, error->id);
        }
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(failed.value(one.requestId), one.id);
        QCOMPARE(failed.value(two.requestId), two.id);
    }

    void aSeqPushedBeforeAFailedCommitGoesToNoOtherMessage()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(bob.client->waitFor<Synced>());
        SeqLedger seqs; // every (seq, message) either device saw
        // A committed first message: the next ones are pushed before their commit.
        const auto first = alice.client->sendMessage(bob.name, QByteArrayLiteral("first"));
        QVERIFY(first);
        QVERIFY(seqs.see(first->seq, first->id));
        const auto d1 = bob.client->waitFor<Deliver>();
        QVERIFY(d1);
        bob.client->ack({d1->entry});

        QList<SendRequest> lost;
        {
            SqlConnection other(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
            QSqlQuery lock(other.db());
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            for (const char *text : {"one", "two", "three"}) {
                lost.append(alice.client->makeSend(bob.name, text));
                alice.client->send(lost.last());
            }
            for (const SendRequest &send : std::as_const(lost)) {
                const auto pushed = bob.client->waitFor<Deliver>();
                QVERIFY(pushed);
                QCOMPARE(pushed->id, send.id);
                QVERIFY2(seqs.see(pushed->seq, pushed->id), "two messages pushed at one seq");
            }
            for (int i = 0; i < lost.size(); ++i) {
                const auto error = alice.client->waitFor<ErrorFrame>(20000);
                QVERIFY(error);
                QCOMPARE(error->code, ErrorCode::InternalError);
            }
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        }
        // bob writes next: his message takes none of the seqs bob's device has.
        const auto reply = bob.client->sendMessage(alice.name, QByteArrayLiteral("reply"));
        QVERIFY(reply);
        QVERIFY2(seqs.see(reply->seq, reply->id),
                 qPrintable(QStringLiteral("bob's reply got seq %1, pushed before with another "
                                           "message")
                                .arg(reply->seq)));
        // alice sends hers again: each keeps the seq it was pushed with.
        for (const SendRequest &send : std::as_const(lost)) {
            const auto ack =
                alice.client->sendMessage(bob.name, send.copies.first().body, send.id, true);
            QVERIFY(ack);
            QVERIFY2(seqs.see(ack->seq, ack->id), "a resend took another message's seq");
        }
        // Every copy anyone gets agrees.
        const auto atAlice = alice.client->waitFor<Deliver>();
        QVERIFY(atAlice);
        QVERIFY(seqs.see(atAlice->seq, atAlice->id));
        for (int i = 0; i < lost.size(); ++i) {
            const auto again = bob.client->waitFor<Deliver>();
            QVERIFY(again);
            QVERIFY2(seqs.see(again->seq, again->id), "bob got two messages at one seq");
        }
    }

    void aFloodOfReadsStoresOneReceiptAndIsRateLimited()
    {
        Device alice = registerUser(QStringLiteral("alice"));
        Device bob = registerUser(QStringLiteral("bob"));
        QVERIFY(bob.client->waitFor<Synced>());
        const auto ack = alice.client->sendMessage(bob.name, QByteArrayLiteral("read me"));
        QVERIFY(ack);
        const auto d = bob.client->waitFor<Deliver>();
        QVERIFY(d);
        bob.client->ack({d->entry});
        const auto delivered = alice.client->waitFor<Receipt>();
        QVERIFY(delivered);
        alice.client->ack({delivered->entry});

        constexpr int kReads = 3000;
        for (int i = 0; i < kReads; ++i)
            bob.client->send(ReadRequest{ack->conversation, ack->seq});
        // Past the burst the reads are refused, each with a specific error...
        const auto refused = bob.client->waitFor<ErrorFrame>();
        QVERIFY(refused);
        QCOMPARE(refused->code, ErrorCode::RateLimited);
        // ...and bob's connection serves on.
        const auto reply = bob.client->sendMessage(alice.name, QByteArrayLiteral("still here"));
        QVERIFY(reply);
        // alice hears of the read once: the reads that did not move bob's position
        // stored nothing, in her inbox or anywhere.
        const auto read = alice.client->waitFor<Receipt>();
        QVERIFY(read);
        QCOMPARE(read->kind, ReceiptKind::Read);
        QCOMPARE(read->upToSeq, ack->seq);
        alice.client->ack({read->entry});
        alice.client->settle(500);
        int reads = 0;
        for (const auto &frame : alice.client->queue())
            if (const auto *r = std::get_if<Receipt>(&frame); r && r->kind == ReceiptKind::Read)
                ++reads;
        QCOMPARE(reads, 0);
        // A read past the last message counts as a read of the last one; a later read
        // that moves the position on is told again.
        bob.client->send(ReadRequest{ack->conversation, ack->seq + 1000});
        QVERIFY(alice.client->waitFor<Deliver>()); // bob's reply
        const auto on = alice.client->waitFor<Receipt>();
        QVERIFY(on);
        QCOMPARE(on->kind, ReceiptKind::Read);
        QCOMPARE(on->upToSeq, reply->seq);
    }
};

QTEST_GUILESS_MAIN(TestServerRelayFaults)
#include "tst_server_relay_faults.moc"
