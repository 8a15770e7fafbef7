// SPDX-License-Identifier: GPL-3.0-or-later
// Group chats through the real server with real ChatClient engines: 50 members
// on 50 connections, one order for concurrent senders, offline members catching
// up, the member limit, per-member receipts, typing and presence, the sender's
// other device, admins. Encryption across membership changes: tst_group_encryption.
#include "GroupClientTestSupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::groups;

class TestGroups : public ClientGroupsTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }

    void fiftyMembersOneOrder()
    {
        auto all = members(QStringLiteral("mem"), 50);
        QCOMPARE(int(all.size()), 50);
        QList<Member *> others;
        for (size_t i = 1; i < all.size(); ++i)
            others << all[i].get();
        const QString key = createGroup(*all[0], others, QStringLiteral("fifty"));
        QVERIFY(!key.isEmpty());

        const MessageId first = all[0]->client->sendText(key, QStringLiteral("hello fifty"));
        QVERIFY(!first.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(all.begin() + 1, all.end(),
                        [&](const auto &m) {
                            return m->countText(key, QStringLiteral("hello fifty")) == 1;
                        }),
            kTimeout);
        // ✓✓ once all 49 others have it.
        QTRY_COMPARE_WITH_TIMEOUT(all[0]->store->message(first)->state, DeliveryState::Delivered,
                                  kTimeout);
        QCOMPARE(all[0]->client->groups().receipts(first).size(), 49);

        // Five members at once, three messages each: one order everywhere.
        QStringList sent;
        for (int round = 0; round < 3; ++round)
            for (int s = 1; s <= 5; ++s) {
                const QString text = QStringLiteral("from %1 #%2").arg(all[s]->name).arg(round);
                QVERIFY(!all[s]->client->sendText(key, text).isNull());
                sent << text;
            }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(all.begin(), all.end(),
                                             [&](const auto &m) {
                                                 return m->texts(key).size() == 16 &&
                                                        m->texts(key).last().seq > 0;
                                             }),
                                 kTimeout);
        const QStringList reference = order(all[0]->messages(key));
        for (const auto &m : all) {
            QCOMPARE(order(m->messages(key)), reference);
            for (const QString &text : std::as_const(sent))
                QCOMPARE(m->countText(key, text), 1);
        }
    }

    void offlineMemberCatchesUpInOrder()
    {
        auto p = members(QStringLiteral("off"), 4);
        QCOMPARE(int(p.size()), 4);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2], &dan = *p[3];
        const QString key = createGroup(ana, {&ben, &cy}, QStringLiteral("offline"));
        QVERIFY(!key.isEmpty());
        cy.client->stop();

        ana.client->sendText(key, QStringLiteral("o1"));
        QTRY_VERIFY_WITH_TIMEOUT(ben.countText(key, QStringLiteral("o1")) == 1, kTimeout);
        QSignalSpy renamed(&ana.client->groups(), &GroupClient::requestFinished);
        ana.client->groups().rename(key, QStringLiteral("renamed"));
        QTRY_VERIFY_WITH_TIMEOUT(!renamed.isEmpty(), kTimeout);
        ben.client->sendText(key, QStringLiteral("o2"));
        QTRY_VERIFY_WITH_TIMEOUT(ana.countText(key, QStringLiteral("o2")) == 1, kTimeout);
        ana.client->groups().addMember(key, dan.name);
        QTRY_VERIFY_WITH_TIMEOUT(dan.inGroup(key, {ana.name, ben.name, cy.name, dan.name}),
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(ana.seesMember(key, dan.name), kTimeout); // her key reaches him
        ana.client->sendText(key, QStringLiteral("o3"));
        QTRY_VERIFY_WITH_TIMEOUT(dan.countText(key, QStringLiteral("o3")) == 1, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(ben.messages(key).size() == 6, kTimeout);

        cy.client->start();
        QTRY_VERIFY_WITH_TIMEOUT(cy.messages(key).size() == 6, kTimeout);
        // Events and messages, the same seqs in the same order as the others, all readable.
        QCOMPARE(order(cy.messages(key)), order(ben.messages(key)));
        QCOMPARE(order(cy.messages(key)), order(ana.messages(key)));
        QStringList kinds;
        for (const auto &m : cy.messages(key))
            kinds << (m.kind == MessageKind::GroupEvent ? QStringLiteral("event") : m.text);
        QCOMPARE(kinds, (QStringList{QStringLiteral("event"), QStringLiteral("o1"),
                                     QStringLiteral("event"), QStringLiteral("o2"),
                                     QStringLiteral("event"), QStringLiteral("o3")}));
        const auto events = cy.messages(key);
        QCOMPARE(cy.client->groups().event(events.at(2).id)->op, GroupOp::Rename);
        QCOMPARE(cy.client->groups().event(events.at(4).id)->user, dan.name);
        QCOMPARE(cy.client->groups().group(key)->name, QStringLiteral("renamed"));
        QCOMPARE(cy.store->conversation(key)->contiguousSeq, 6u);
    }

    void overTheLimitIsRefused()
    {
        ServerProcess small(
            QStringList{QStringLiteral("--config"), writeConfig(QStringLiteral("small.ini"), 3)});
        QVERIFY2(small.start(), qPrintable(small.errorString()));
        auto p = members(QStringLiteral("lim"), 4, &small);
        QCOMPARE(int(p.size()), 4);
        Member &ana = *p[0];
        auto &groups = ana.client->groups();
        QSignalSpy failed(&groups, &GroupClient::requestFailed);
        QSignalSpy finished(&groups, &GroupClient::requestFinished);
        const quint32 tooMany =
            groups.createGroup(QStringLiteral("big"), {p[1]->name, p[2]->name, p[3]->name});
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeout);
        QCOMPARE(failed.first().at(0).toUInt(), tooMany);
        QCOMPARE(failed.first().at(1).value<ErrorCode>(), ErrorCode::GroupFull);
        QVERIFY(finished.isEmpty());
        QVERIFY(groups.groups().isEmpty());

        const QString key = createGroup(ana, {p[1].get(), p[2].get()}, QStringLiteral("three"));
        QVERIFY(!key.isEmpty());
        const quint32 add = groups.addMember(key, p[3]->name);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, kTimeout);
        QCOMPARE(failed.last().at(0).toUInt(), add);
        QCOMPARE(failed.last().at(1).value<ErrorCode>(), ErrorCode::GroupFull);
        QCOMPARE(groups.group(key)->members.size(), 3);
        for (auto &m : p)
            m->client->stop();
        QCOMPARE(small.stop(), 0);
    }

    void doubleTickOnlyWhenAllDelivered()
    {
        auto p = members(QStringLiteral("tick"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2];
        const QString key = createGroup(ana, {&ben, &cy}, QStringLiteral("ticks"));
        QVERIFY(!key.isEmpty());
        cy.client->stop();

        const MessageId id = ana.client->sendText(key, QStringLiteral("tick"));
        QTRY_VERIFY_WITH_TIMEOUT(ben.countText(key, QStringLiteral("tick")) == 1, kTimeout);
        auto stateOf = [&](const QString &member) {
            for (const auto &r : ana.client->groups().receipts(id))
                if (r.member == member)
                    return r.state;
            return DeliveryState::Queued;
        };
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ben.name), DeliveryState::Delivered, kTimeout);
        // Ben has it, cy does not: still one tick.
        QCOMPARE(stateOf(cy.name), DeliveryState::Sent);
        QCOMPARE(ana.store->message(id)->state, DeliveryState::Sent);

        QSignalSpy changed(ana.client.get(), &ChatClient::messageStateChanged);
        cy.client->start();
        QTRY_COMPARE_WITH_TIMEOUT(ana.store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
        QCOMPARE(stateOf(cy.name), DeliveryState::Delivered);
        QVERIFY(!changed.isEmpty());

        ben.client->markRead(key);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ben.name), DeliveryState::Read, kTimeout);
        QCOMPARE(ana.store->message(id)->state, DeliveryState::Delivered);
        QTRY_VERIFY_WITH_TIMEOUT(cy.countText(key, QStringLiteral("tick")) == 1, kTimeout);
        cy.client->markRead(key);
        QTRY_COMPARE_WITH_TIMEOUT(ana.store->message(id)->state, DeliveryState::Read, kTimeout);
        QCOMPARE(stateOf(cy.name), DeliveryState::Read);
    }

    void typingAndPresenceInAGroup()
    {
        auto p = members(QStringLiteral("typ"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2];
        const QString key = createGroup(ana, {&ben, &cy}, QStringLiteral("chatty"));
        QVERIFY(!key.isEmpty());
        QSignalSpy benTyping(ben.client.get(), &ChatClient::groupTypingChanged);
        QSignalSpy cyTyping(cy.client.get(), &ChatClient::groupTypingChanged);
        QSignalSpy oneToOne(ben.client.get(), &ChatClient::typingChanged);
        ana.client->setTyping(key, true);
        QTRY_VERIFY_WITH_TIMEOUT(!benTyping.isEmpty() && !cyTyping.isEmpty(), kTimeout);
        QCOMPARE(benTyping.first().at(0).toString(), key);
        QCOMPARE(benTyping.first().at(1).toString(), ana.name);
        QCOMPARE(benTyping.first().at(2).toBool(), true);
        QVERIFY(oneToOne.isEmpty()); // not shown in a one-to-one chat with ana
        ana.client->setTyping(key, false);
        QTRY_VERIFY_WITH_TIMEOUT(benTyping.size() >= 2, kTimeout);
        QCOMPARE(benTyping.last().at(2).toBool(), false);

        QSignalSpy presence(ana.client.get(), &ChatClient::presenceChanged);
        ana.client->watchGroupPresence(key);
        QTRY_VERIFY_WITH_TIMEOUT(presence.size() >= 2, kTimeout);
        QStringList seen;
        for (const auto &args : presence)
            if (args.at(1).toBool())
                seen << args.at(0).toString();
        seen.sort();
        QCOMPARE(seen, (QStringList{ben.name, cy.name}));
    }

    void ownOtherDeviceReadsToo()
    {
        auto p = members(QStringLiteral("two"), 2);
        QCOMPARE(int(p.size()), 2);
        Member &ana = *p[0], &ben = *p[1];
        // Ana's second device, logged in before the group exists.
        Member second;
        second.name = ana.name;
        QDir().mkpath(m_root.filePath(ana.name + QStringLiteral("-2")));
        second.store = std::make_unique<LocalStore>(
            m_root.filePath(ana.name + QStringLiteral("-2/linnet.db")));
        QVERIFY(second.store->open());
        second.client =
            std::make_unique<ChatClient>(*second.store, second.secrets, ChatClient::Options{});
        QVERIFY(copyAccountKey(ana.secrets, second.secrets)); // approved by ana's first device
        QSignalSpy published(second.client.get(), &ChatClient::keysPublished);
        second.client->login(m_server->url(), ana.name, QStringLiteral("correct horse"));
        QTRY_VERIFY_WITH_TIMEOUT(!published.isEmpty(), kTimeout);

        const QString key = createGroup(ana, {&ben}, QStringLiteral("devices"));
        QVERIFY(!key.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(second.inGroup(key, {ana.name, ben.name}), kTimeout);
        ana.client->sendText(key, QStringLiteral("from my laptop"));
        ben.client->sendText(key, QStringLiteral("to both of you"));
        QTRY_VERIFY_WITH_TIMEOUT(second.countText(key, QStringLiteral("from my laptop")) == 1 &&
                                     second.countText(key, QStringLiteral("to both of you")) == 1,
                                 kTimeout);
        QVERIFY(second.find(key, QStringLiteral("from my laptop"))->outgoing);
        QTRY_VERIFY_WITH_TIMEOUT(ana.countText(key, QStringLiteral("to both of you")) == 1,
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(ben.countText(key, QStringLiteral("from my laptop")) == 1,
                                 kTimeout);
        // The laptop's message has its ticks on the second device too: ben is recorded
        // as its recipient there (found by linnet-chaos: that row was written before the
        // message and refused), and his receipt moves it to ✓✓.
        const MessageId laptop = second.find(key, QStringLiteral("from my laptop"))->id;
        const auto bensState = [&] {
            const auto receipts = second.client->groups().receipts(laptop);
            return receipts.size() == 1 && receipts.first().member == ben.name
                       ? receipts.first().state
                       : DeliveryState::Queued;
        };
        QTRY_COMPARE_WITH_TIMEOUT(bensState(), DeliveryState::Delivered, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(second.store->message(laptop)->state, DeliveryState::Delivered,
                                  kTimeout);
        second.client->stop();
    }

    void adminsAndLeaving()
    {
        auto p = members(QStringLiteral("adm"), 4);
        QCOMPARE(int(p.size()), 4);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2], &dan = *p[3];
        const QString key = createGroup(ana, {&ben, &cy}, QStringLiteral("admins"));
        QVERIFY(!key.isEmpty());
        auto &benGroups = ben.client->groups();
        QSignalSpy benFailed(&benGroups, &GroupClient::requestFailed);
        QSignalSpy benDone(&benGroups, &GroupClient::requestFinished);

        // Not an admin yet: refused with 414, nothing changes.
        const quint32 early = benGroups.addMember(key, dan.name);
        QTRY_VERIFY_WITH_TIMEOUT(!benFailed.isEmpty(), kTimeout);
        QCOMPARE(benFailed.first().at(0).toUInt(), early);
        QCOMPARE(benFailed.first().at(1).value<ErrorCode>(), ErrorCode::NotGroupAdmin);

        ana.client->groups().setAdmin(key, ben.name, true);
        QTRY_VERIFY_WITH_TIMEOUT(benGroups.group(key)->isAdmin(ben.name), kTimeout);
        const quint32 added = benGroups.addMember(key, dan.name);
        QTRY_VERIFY_WITH_TIMEOUT(!benDone.isEmpty(), kTimeout);
        QCOMPARE(benDone.last().at(0).toUInt(), added);
        QTRY_VERIFY_WITH_TIMEOUT(dan.inGroup(key, {ana.name, ben.name, cy.name, dan.name}),
                                 kTimeout);
        ana.client->groups().setAdmin(key, ben.name, false);
        QTRY_VERIFY_WITH_TIMEOUT(!cy.client->groups().group(key)->isAdmin(ben.name), kTimeout);

        // The last admin leaves: the earliest member becomes admin, everyone sees it,
        // and the rest rotate (a message after it still reaches everyone left).
        ana.client->groups().leave(key);
        QTRY_VERIFY_WITH_TIMEOUT(!ana.client->groups().group(key)->member, kTimeout);
        const QStringList rest{ben.name, cy.name, dan.name};
        QTRY_VERIFY_WITH_TIMEOUT(cy.inGroup(key, rest) && dan.inGroup(key, rest), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(dan.client->groups().group(key)->isAdmin(ben.name), kTimeout);
        QStringList ops;
        for (const auto &m : dan.messages(key))
            if (const auto e = dan.client->groups().event(m.id))
                ops << QString::number(int(e->op));
        QCOMPARE(ops.last(), QString::number(int(GroupOp::MakeAdmin)));
        QVERIFY(ops.contains(QString::number(int(GroupOp::Leave))));
        cy.client->sendText(key, QStringLiteral("without ana"));
        QTRY_VERIFY_WITH_TIMEOUT(dan.countText(key, QStringLiteral("without ana")) == 1 &&
                                     ben.countText(key, QStringLiteral("without ana")) == 1,
                                 kTimeout);
        QCOMPARE(ana.countText(key, QStringLiteral("without ana")), 0);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestGroups)
#include "tst_groups.moc"
