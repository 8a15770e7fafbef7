// SPDX-License-Identifier: GPL-3.0-or-later
// Group messages against the real linnet-server: fan-out to every other device
// once with one order for everyone, offline drain, no messages after removal,
// per-member receipts and durability across SIGKILL.
#include "GroupTestSupport.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "protocol/Limits.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::groups;

class TestServerGroupMessages : public ServerGroupsTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }

    void groupMessageReachesEveryOtherDeviceOnce()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device alice2 = secondDevice(alice);
        Device bob = newUser(QStringLiteral("bob"));
        Device bob2 = secondDevice(bob);
        Device carl = newUser(QStringLiteral("carl"));
        Device outsider = newUser(QStringLiteral("out"));
        const auto info = create(alice, QStringLiteral("team"), {bob.name, carl.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;

        const SendRequest s = groupSend(*alice.client, conv, "hello all");
        alice->send(s);
        const auto ack = replyTo<SendAck>(*alice.client, s.requestId);
        QVERIFY(ack);
        QCOMPARE(ack->conversation, conv);
        QCOMPARE(ack->seq, 2u); // after the create event
        for (Device *d : {&alice2, &bob, &bob2, &carl}) {
            const auto got = (*d)->waitFor<Deliver>();
            QVERIFY2(got, qPrintable(d->name));
            QVERIFY(got->group);
            QCOMPARE(got->id, s.id);
            QCOMPARE(got->conversation, conv);
            QCOMPARE(got->seq, ack->seq);
            QCOMPARE(got->from, alice.name);
            QCOMPARE(got->fromDevice, alice.deviceId);
            QCOMPARE(got->body, QByteArrayLiteral("hello all"));
        }
        // Typing is relayed live to the other members only.
        alice->send(Typing{{}, true, conv});
        const auto typing = carl->waitFor<Typing>();
        QVERIFY(typing);
        QCOMPARE(typing->peer, alice.name);
        QCOMPARE(typing->group, conv);
        QVERIFY(bob->waitFor<Typing>());
        outsider->send(Typing{{}, true, conv});
        for (Device *d : {&alice, &alice2, &bob, &bob2, &carl, &outsider})
            (*d)->settle(d == &alice ? 300 : 0);
        QVERIFY2(!alice->has<Deliver>(), "the sending device got its own message");
        QVERIFY2(!alice->has<Typing>(), "typing came back to the typer");
        QVERIFY2(!outsider->has<Deliver>(), "a non-member got a group message");
        QVERIFY2(!bob->has<Typing>(), "a non-member's typing was relayed");
        for (Device *d : {&alice2, &bob, &bob2, &carl})
            QVERIFY2(!(*d)->has<Deliver>(),
                     qPrintable(d->name + QStringLiteral(" got the message twice")));
    }

    void concurrentSendersGetOneOrder()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device bob = newUser(QStringLiteral("bob"));
        Device carl = newUser(QStringLiteral("carl"));
        const auto info = create(alice, QStringLiteral("busy"), {bob.name, carl.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;
        constexpr int kEach = 40;
        QList<Device *> all{&alice, &bob, &carl};
        for (int i = 0; i < kEach; ++i)
            for (Device *d : all)
                (*d)->send(groupSend(*d->client, conv, QByteArray::number(i)));
        QHash<MessageId, quint64> seqOf;
        QHash<MessageId, QString> senderOf;
        for (Device *d : all) {
            const auto acks = (*d)->collect<SendAck>(kEach);
            QCOMPARE(acks.size(), kEach);
            for (const SendAck &a : acks) {
                seqOf.insert(a.id, a.seq);
                senderOf.insert(a.id, d->name);
            }
        }
        QSet<quint64> seqs(seqOf.cbegin(), seqOf.cend());
        QCOMPARE(seqs.size(), 3 * kEach); // no seq given twice
        for (Device *d : all) {
            const auto got = (*d)->collect<Deliver>(2 * kEach);
            QCOMPARE(got.size(), 2 * kEach);
            for (int i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].seq, seqOf.value(got[i].id)); // the same seq on every device
                QVERIFY(senderOf.value(got[i].id) != d->name);
                if (i > 0)
                    QVERIFY2(got[i].seq > got[i - 1].seq, "delivered out of order");
            }
        }
    }

    void offlineMemberDrainsMessagesAndEventsInOrder()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device bob = newUser(QStringLiteral("bob"));
        Device carl = newUser(QStringLiteral("carl"));
        const auto info = create(alice, QStringLiteral("team"), {bob.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;
        QVERIFY(nextEvent(bob));
        bob.client.reset(); // offline
        for (int i = 0; i < 5; ++i)
            alice->send(groupSend(*alice.client, conv, QByteArray::number(i)));
        QCOMPARE(alice->collect<SendAck>(5).size(), 5);
        QVERIFY(update(alice, conv, GroupOp::Add, carl.name));
        for (int i = 5; i < 10; ++i)
            alice->send(groupSend(*alice.client, conv, QByteArray::number(i)));
        QCOMPARE(alice->collect<SendAck>(5).size(), 5);

        QVERIFY(reconnect(bob));
        QVERIFY(bob->waitFor<Synced>());
        quint64 lastSeq = 1;
        int messages = 0;
        bool sawAdd = false;
        for (const Frame &f : bob->queue()) {
            if (const auto *d = std::get_if<Deliver>(&f)) {
                QCOMPARE(d->seq, lastSeq + 1);
                QCOMPARE(d->body, QByteArray::number(messages++));
                lastSeq = d->seq;
            } else if (const auto *e = std::get_if<GroupEvent>(&f)) {
                if (e->seq == 1)
                    continue; // the create event again, if its ack was lost with the socket
                QCOMPARE(e->seq, lastSeq + 1);
                QCOMPARE(e->op, GroupOp::Add);
                QCOMPARE(messages, 5); // between the fifth and sixth message
                sawAdd = true;
                lastSeq = e->seq;
            }
        }
        QCOMPARE(messages, 10);
        QVERIFY(sawAdd);
        QCOMPARE(lastSeq, 12u);
    }

    void removedMemberGetsNoLaterMessages()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device bob = newUser(QStringLiteral("bob"));
        Device carl = newUser(QStringLiteral("carl"));
        Device carl2 = secondDevice(carl);
        const auto info = create(alice, QStringLiteral("team"), {bob.name, carl.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;
        QVERIFY(update(alice, conv, GroupOp::Remove, carl.name));
        for (Device *d : {&carl, &carl2}) {
            QVERIFY(nextEvent(*d));         // create
            const auto out = nextEvent(*d); // removal
            QVERIFY(out);
            QCOMPARE(out->op, GroupOp::Remove);
            QCOMPARE(out->user, carl.name);
        }
        const SendRequest s = groupSend(*alice.client, conv, "after carl");
        alice->send(s);
        QVERIFY(replyTo<SendAck>(*alice.client, s.requestId));
        QVERIFY(bob->waitFor<Deliver>());
        carl2.client.reset(); // also not waiting in an offline device's inbox
        carl->settle(300);
        QVERIFY2(!carl->has<Deliver>(), "a removed member got a later message");
        QVERIFY(reconnect(carl2));
        QVERIFY(carl2->waitFor<Synced>());
        QVERIFY2(!carl2->has<Deliver>(), "a removed member's offline device got a later message");
    }

    void receiptsPerMemberReachTheSender()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device alice2 = secondDevice(alice);
        Device bob = newUser(QStringLiteral("bob"));
        Device bob2 = secondDevice(bob);
        Device carl = newUser(QStringLiteral("carl"));
        const auto info = create(alice, QStringLiteral("ticks"), {bob.name, carl.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;
        const SendRequest s = groupSend(*alice.client, conv, "tick tick");
        alice->send(s);
        const auto ack = replyTo<SendAck>(*alice.client, s.requestId);
        QVERIFY(ack);
        const auto toBob = bob->waitFor<Deliver>();
        const auto toCarl = carl->waitFor<Deliver>();
        QVERIFY(toBob && toCarl);
        bob->ack({toBob->entry});
        carl->ack({toCarl->entry});
        for (Device *d : {&alice, &alice2}) {
            QSet<QString> by;
            for (int i = 0; i < 2; ++i) {
                const auto receipt = (*d)->waitFor<Receipt>();
                QVERIFY2(receipt, qPrintable(d->name));
                QCOMPARE(receipt->kind, ReceiptKind::Delivered);
                QCOMPARE(receipt->conversation, conv);
                QCOMPARE(receipt->ids, QList<MessageId>{s.id});
                by.insert(receipt->by);
            }
            QCOMPARE(by, (QSet<QString>{bob.name, carl.name}));
        }

        bob->send(ReadRequest{conv, ack->seq});
        for (Device *d : {&alice, &alice2, &bob2}) {
            const auto read = (*d)->waitFor<Receipt>();
            QVERIFY2(read, qPrintable(d->name));
            QCOMPARE(read->kind, ReceiptKind::Read);
            QCOMPARE(read->by, bob.name);
            QCOMPARE(read->upToSeq, ack->seq);
            QCOMPARE(read->conversation, conv);
        }
        // Not moving the position forward queues nothing; carl sent nothing, hears nothing.
        bob->send(ReadRequest{conv, ack->seq});
        for (Device *d : {&alice, &bob2, &carl})
            (*d)->settle(d == &alice ? 300 : 0);
        QVERIFY(!alice->has<Receipt>());
        QVERIFY(!bob2->has<Receipt>());
        QVERIFY(!carl->has<Receipt>());
    }

    void acknowledgedGroupMessagesSurviveSigkill()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device bob = newUser(QStringLiteral("bob"));
        const auto info = create(alice, QStringLiteral("durable"), {bob.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;
        bob.client.reset();
        constexpr int kCount = 100;
        QList<MessageId> ids;
        for (int i = 0; i < kCount; ++i) {
            ids.append(MessageId::generate());
            alice->send(groupSend(*alice.client, conv, QByteArray::number(i), ids.last()));
        }
        QCOMPARE(alice->collect<SendAck>(kCount).size(), kCount);

        m_server->kill();
        alice.client.reset();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(reconnect(bob));
        const auto created = bob->waitFor<GroupEvent>();
        QVERIFY(created);
        QCOMPARE(created->op, GroupOp::Create);
        const auto got = bob->collect<Deliver>(kCount);
        QCOMPARE(got.size(), kCount);
        for (int i = 0; i < kCount; ++i) {
            QCOMPARE(got[i].id, ids[i]);
            QCOMPARE(got[i].seq, quint64(i + 2));
        }
        const quint32 r = bob->nextRequestId();
        bob->send(GroupGet{r, conv});
        const auto after = replyTo<GroupInfo>(*bob.client, r);
        QVERIFY(after);
        QCOMPARE(memberNames(*after), (QStringList{alice.name + QStringLiteral("*"), bob.name}));
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestServerGroupMessages)
#include "tst_server_group_messages.moc"
