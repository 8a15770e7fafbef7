// SPDX-License-Identifier: GPL-3.0-or-later
// Group chats in LAN fallback (docs/protocol.md 12.5-12.7): with the server gone, a group
// message goes to the members on the LAN, encrypted once with the sender key (handed over
// the link first where a device lacks it); when the server is back it takes its seq with
// the same id, nobody shows it twice, and a member that was away gets the server's copy.
#include "LanFallbackTestSupport.h"

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::lan;

class TestLanGroups : public LanEnginesTest {
    Q_OBJECT

    /** Every device that has @p id has it under the sender's seq, which is set. */
    static bool sequencedEverywhere(const MessageId &id, const QList<Device *> &devices)
    {
        quint64 seq = 0;
        for (const Device *d : devices) {
            const auto m = d->store->message(id);
            if (!m || m->seq == 0 || (seq != 0 && m->seq != seq))
                return false;
            seq = m->seq;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase() { startServerAndLan(); }

    void cleanup() { m_server->warnOutputIfTestFailed(); }

    void groupMessagesGoToTheMembersOnTheLanAndReachEveryoneOnceInOneOrder()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        auto cy = online(QStringLiteral("cy"));
        auto dan = online(QStringLiteral("dan")); // away for the whole outage
        QVERIFY(ana && ben && cy && dan);
        const QList<Device *> all{ana.get(), ben.get(), cy.get(), dan.get()};
        const QString key =
            createGroup(*ana, {ben.get(), cy.get(), dan.get()}, QStringLiteral("lan"));
        QVERIFY(!key.isEmpty());
        // Everyone writes once through the server: pairwise sessions and sender keys all round.
        for (Device *d : all)
            d->client->sendText(key, QStringLiteral("hi from ") + d->name);
        for (Device *d : all)
            for (Device *from : all)
                QTRY_COMPARE_WITH_TIMEOUT(
                    d->countText(key, QStringLiteral("hi from ") + from->name), 1, kTimeout);
        // A second group in which nobody has written: its first message needs its sender key
        // handed over the link.
        const QString fresh =
            createGroup(*ana, {ben.get(), cy.get(), dan.get()}, QStringLiteral("fresh"));
        QVERIFY(!fresh.isEmpty());

        dan->client->stop();
        m_server->kill();
        const QStringList anaSees{ben->name, cy->name};
        QTRY_COMPARE_WITH_TIMEOUT(ana->client->lanPeers(), anaSees, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->client->lanPeers(), (QStringList{ana->name, cy->name}),
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(cy->client->lanPeers(), (QStringList{ana->name, ben->name}),
                                  kTimeout);

        const MessageId one = ana->client->sendText(key, QStringLiteral("lan one"));
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(key, QStringLiteral("lan one")), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(cy->countText(key, QStringLiteral("lan one")), 1, kTimeout);
        QCOMPARE(ben->store->message(one)->seq, 0u); // not on the server yet
        QCOMPARE(ben->store->message(one)->kind, MessageKind::Text);
        const MessageId two = ben->client->sendText(key, QStringLiteral("lan two"));
        QTRY_COMPARE_WITH_TIMEOUT(ana->countText(key, QStringLiteral("lan two")), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(cy->countText(key, QStringLiteral("lan two")), 1, kTimeout);
        const MessageId first = cy->client->sendText(fresh, QStringLiteral("first in fresh"));
        QTRY_COMPARE_WITH_TIMEOUT(ana->countText(fresh, QStringLiteral("first in fresh")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(fresh, QStringLiteral("first in fresh")), 1,
                                  kTimeout);
        QCOMPARE(ana->store->message(first)->kind, MessageKind::Text); // the key came first
        // Typing in a group goes over the links too.
        QSignalSpy anaTyping(ana->client.get(), &ChatClient::groupTypingChanged);
        cy->client->setTyping(key, true);
        QTRY_COMPARE_WITH_TIMEOUT(anaTyping.size(), 1, kTimeout);
        QCOMPARE(anaTyping.first().at(0).toString(), key);
        QCOMPARE(anaTyping.first().at(1).toString(), cy->name);
        // Queued at the sender until the server has it.
        QCOMPARE(ana->store->message(one)->seq, 0u);
        QVERIFY(ana->store->message(one)->state == DeliveryState::Queued ||
                ana->store->message(one)->state == DeliveryState::Delivered);

        QSignalSpy anaAdded(ana->client.get(), &ChatClient::messageAdded);
        QSignalSpy benAdded(ben->client.get(), &ChatClient::messageAdded);
        QSignalSpy cyAdded(cy->client.get(), &ChatClient::messageAdded);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const QList<Device *> present{ana.get(), ben.get(), cy.get()};
        for (const MessageId &id : {one, two, first})
            QTRY_VERIFY_WITH_TIMEOUT(sequencedEverywhere(id, present), kTimeout);
        QVERIFY(anaAdded.isEmpty());
        QVERIFY(benAdded.isEmpty());
        QVERIFY(cyAdded.isEmpty());
        for (Device *d : present) {
            QCOMPARE(d->countText(key, QStringLiteral("lan one")), 1);
            QCOMPARE(d->countText(key, QStringLiteral("lan two")), 1);
            QCOMPARE(d->countText(fresh, QStringLiteral("first in fresh")), 1);
        }
        QCOMPARE(shown(*ben, key), shown(*ana, key));
        QCOMPARE(shown(*cy, key), shown(*ana, key));
        QCOMPARE(shown(*ben, fresh), shown(*ana, fresh));

        // dan was away: the server's copies reach him, once each, in the same order.
        dan->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(dan->countText(key, QStringLiteral("lan two")), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(dan->countText(fresh, QStringLiteral("first in fresh")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(shown(*dan, key), shown(*ana, key), kTimeout);
        QCOMPARE(shown(*dan, fresh), shown(*ana, fresh));
        QCOMPARE(dan->store->message(one)->kind, MessageKind::Text);
    }
};

QTEST_GUILESS_MAIN(TestLanGroups)
#include "tst_langroups.moc"
