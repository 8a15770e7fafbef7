// SPDX-License-Identifier: GPL-3.0-or-later
// LAN fallback end to end (docs/protocol.md 12): real ChatClient engines on a real server
// that goes away; the engines find each other on the loopback interface, deliver their
// queued one-to-one messages over a peer link with the same ids and sessions, and when
// the server is back every message is there once, in the server's order, on every device.
#include "LanFallbackTestSupport.h"

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::lan;

class TestLanFallback : public LanEnginesTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServerAndLan(); }

    void cleanup() { m_server->warnOutputIfTestFailed(); }

    void queuedMessagesGoOverTheLanAndReachTheServerOnceWhenItIsBack()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        QVERIFY(ana && ben);
        // A second device of ben's that is offline for the whole outage.
        auto ben2 = online(ben->name, ben.get());
        QVERIFY(ben2);
        ben2->client->stop();

        introduce(*ana, *ben);
        QVERIFY(!ana->client->lanActive());

        m_server->kill();
        QTRY_VERIFY_WITH_TIMEOUT(ana->client->lanActive() && ben->client->lanActive(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ana->client->lanPeers(), QStringList{ben->name}, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->client->lanPeers(), QStringList{ana->name}, kTimeout);

        const MessageId first = ana->client->sendText(ben->name, QStringLiteral("over the lan"));
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(ana->name, QStringLiteral("over the lan")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ana->store->message(first)->state, DeliveryState::Delivered,
                                  kTimeout);
        QCOMPARE(ben->find(ana->name, QStringLiteral("over the lan"))->id, first);
        QCOMPARE(ben->find(ana->name, QStringLiteral("over the lan"))->seq, 0u);
        const MessageId reply = ben->client->sendText(ana->name, QStringLiteral("and back"));
        QTRY_COMPARE_WITH_TIMEOUT(ana->countText(ben->name, QStringLiteral("and back")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->store->message(reply)->state, DeliveryState::Delivered,
                                  kTimeout);

        QSignalSpy benAdded(ben->client.get(), &ChatClient::messageAdded);
        QSignalSpy anaAdded(ana->client.get(), &ChatClient::messageAdded);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // Back on the server: both messages get their seq everywhere, none is added again.
        QTRY_VERIFY_WITH_TIMEOUT(
            ana->store->message(first)->seq > 0 && ben->store->message(first) &&
                ben->store->message(first)->seq == ana->store->message(first)->seq,
            kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            ben->store->message(reply)->seq > 0 && ana->store->message(reply) &&
                ana->store->message(reply)->seq == ben->store->message(reply)->seq,
            kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!ana->client->lanActive() && !ben->client->lanActive(), kTimeout);
        QCOMPARE(ana->store->message(first)->state, DeliveryState::Delivered); // not back to ✓
        QVERIFY(benAdded.isEmpty());
        QVERIFY(anaAdded.isEmpty());
        QCOMPARE(ben->countText(ana->name, QStringLiteral("over the lan")), 1);
        QCOMPARE(ana->countText(ben->name, QStringLiteral("and back")), 1);
        QCOMPARE(shown(*ana, ben->name), shown(*ben, ana->name));

        // ben's device that was away the whole time gets the server's copies, once each.
        ben2->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(ben2->countText(ana->name, QStringLiteral("over the lan")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben2->countText(ana->name, QStringLiteral("and back")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(shown(*ben2, ana->name), shown(*ben, ana->name), kTimeout);
    }

    void typingAndReadReceiptsGoOverTheLinkAndTheServerChangesNothingLater()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        QVERIFY(ana && ben);
        introduce(*ana, *ben);
        ana->client->markRead(ben->name);
        ben->client->markRead(ana->name);

        QVERIFY(linkedOnceTheServerIsGone(*ana, *ben));

        QSignalSpy anaTyping(ana->client.get(), &ChatClient::typingChanged);
        ben->client->setTyping(ana->name, true);
        QTRY_COMPARE_WITH_TIMEOUT(anaTyping.size(), 1, kTimeout);
        QCOMPARE(anaTyping.first().at(0).toString(), ben->name);
        QCOMPARE(anaTyping.first().at(1).toBool(), true);
        ben->client->setTyping(ana->name, false);
        QTRY_COMPARE_WITH_TIMEOUT(anaTyping.size(), 2, kTimeout);
        QCOMPARE(anaTyping.last().at(1).toBool(), false);

        const MessageId id = ana->client->sendText(ben->name, QStringLiteral("read me"));
        QTRY_COMPARE_WITH_TIMEOUT(ana->store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
        QSignalSpy anaStates(ana->client.get(), &ChatClient::messageStateChanged);
        ben->client->markRead(ana->name);
        QTRY_COMPARE_WITH_TIMEOUT(ana->store->message(id)->state, DeliveryState::Read, kTimeout);
        QCOMPARE(anaStates.size(), 1);
        QCOMPARE(anaStates.first().at(0).value<MessageId>(), id);
        // Read again: nothing new to tell. A typing frame behind it on the same link shows
        // that no second lan_read came before it.
        ben->client->markRead(ana->name);
        ben->client->setTyping(ana->name, true);
        QTRY_COMPARE_WITH_TIMEOUT(anaTyping.size(), 3, kTimeout);
        QCOMPARE(anaStates.size(), 1);

        // The server returns: its receipts for the same message change nothing at ana's.
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(id)->seq > 0 && ben->store->message(id) &&
                                     ben->store->message(id)->seq == ana->store->message(id)->seq,
                                 kTimeout);
        ben->client->markRead(ana->name); // the read by seq goes to the server as always
        QTRY_COMPARE_WITH_TIMEOUT(ben->store->conversation(ana->name)->readUpToSeq,
                                  ben->store->message(id)->seq, kTimeout);
        // A message from ana through the server comes behind any receipt ben's read caused.
        ana->client->sendText(ben->name, QStringLiteral("after the outage"));
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(ana->name, QStringLiteral("after the outage")), 1,
                                  kTimeout);
        QCOMPARE(ana->store->message(id)->state, DeliveryState::Read);
        for (const QList<QVariant> &change : std::as_const(anaStates))
            if (change.at(0).value<MessageId>() == id)
                QCOMPARE(change.at(2).value<DeliveryState>(), DeliveryState::Read);
        QCOMPARE(ben->countText(ana->name, QStringLiteral("read me")), 1);
    }

    void withReadReceiptsOffNoReadGoesOverTheLink()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        QVERIFY(ana && ben);
        introduce(*ana, *ben);
        ben->client->setSendReadReceipts(false);

        QVERIFY(linkedOnceTheServerIsGone(*ana, *ben));
        const MessageId id = ana->client->sendText(ben->name, QStringLiteral("unread receipt"));
        QTRY_COMPARE_WITH_TIMEOUT(ana->store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
        QSignalSpy anaTyping(ana->client.get(), &ChatClient::typingChanged);
        ben->client->markRead(ana->name);
        // Frames on a link keep their order: a lan_read would have come before this.
        ben->client->setTyping(ana->name, true);
        QTRY_COMPARE_WITH_TIMEOUT(anaTyping.size(), 1, kTimeout);
        QCOMPARE(ana->store->message(id)->state, DeliveryState::Delivered);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void aReplyWrittenOverTheLanIsSequencedAfterWhatItAnswersWhoeverReconnectsFirst()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        QVERIFY(ana && ben);
        introduce(*ana, *ben);

        QVERIFY(linkedOnceTheServerIsGone(*ana, *ben));
        const MessageId question = ana->client->sendText(ben->name, QStringLiteral("question"));
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(ana->name, QStringLiteral("question")), 1,
                                  kTimeout);
        const MessageId answer = ben->client->sendText(ana->name, QStringLiteral("answer"));
        QTRY_COMPARE_WITH_TIMEOUT(ana->countText(ben->name, QStringLiteral("answer")), 1, kTimeout);

        // ben reaches the server first: his answer waits for ana's question to be there.
        ana->client->stop();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(ben->client->state(), ConnectionState::Online, kTimeout);
        QCOMPARE(ben->store->message(answer)->seq, 0u);
        ana->client->start();
        QTRY_VERIFY_WITH_TIMEOUT(ben->store->message(answer)->seq > 0 &&
                                     ana->store->message(answer)->seq ==
                                         ben->store->message(answer)->seq,
                                 kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->store->message(question)->seq,
                                  ana->store->message(question)->seq, kTimeout);
        QVERIFY(ana->store->message(question)->seq < ana->store->message(answer)->seq);
        QCOMPARE(shown(*ana, ben->name), shown(*ben, ana->name));
    }

    void aMessageWhoseLinkDropsBeforeItsAckGoesByTheServerAndIsShownOnce()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        QVERIFY(ana && ben);
        introduce(*ana, *ben);

        QVERIFY(linkedOnceTheServerIsGone(*ana, *ben));
        // ben stores the message, then his side of the link goes before the lan_ack leaves.
        connect(ben->client.get(), &ChatClient::messageAdded, this,
                [&ben] { ben->client->setLanEnabled(false); });
        const MessageId id = ana->client->sendText(ben->name, QStringLiteral("cut short"));
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(ana->name, QStringLiteral("cut short")), 1,
                                  kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(ana->client->lanPeers().isEmpty(), kTimeout);
        QCOMPARE(ana->store->message(id)->state, DeliveryState::Queued); // no ack: still queued

        QSignalSpy benAdded(ben->client.get(), &ChatClient::messageAdded);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(id)->seq > 0 &&
                                     ben->store->message(id)->seq == ana->store->message(id)->seq,
                                 kTimeout);
        QCOMPARE(ben->countText(ana->name, QStringLiteral("cut short")), 1);
        QVERIFY(benAdded.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLanFallback)
#include "tst_lanfallback.moc"
