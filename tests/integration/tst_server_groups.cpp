// SPDX-License-Identifier: GPL-3.0-or-later
// Group chats against the real linnet-server: membership changes and their
// events, permissions, fan-out with one order for everyone, offline drain,
// sender-key routing, receipts, the member limit and durability.
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

class TestServerGroups : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    int m_userCounter = 0;

    Device connectDevice(const QString &name, bool fresh, ServerProcess *server = nullptr)
    {
        Device d;
        d.name = name;
        d.client = std::make_unique<RawClient>();
        if (!d.client->connectTo((server ? server : m_server.get())->url()))
            return d;
        const auto ok = fresh ? d.client->registerUser(name, QStringLiteral("correct horse"))
                              : d.client->login(name, QStringLiteral("correct horse"));
        if (ok) {
            d.deviceId = ok->deviceId;
            d.token = ok->token;
            d.client->waitFor<Synced>();
        }
        return d;
    }
    Device newUser(const QString &prefix, ServerProcess *server = nullptr)
    {
        return connectDevice(QStringLiteral("%1%2").arg(prefix).arg(++m_userCounter), true, server);
    }
    Device secondDevice(const Device &of) { return connectDevice(of.name, false); }

    bool reconnect(Device &d, ServerProcess *server = nullptr)
    {
        d.client = std::make_unique<RawClient>();
        return d.client->connectTo((server ? server : m_server.get())->url()) &&
               d.client->auth(d.deviceId, d.token);
    }

    std::optional<GroupInfo> create(Device &d, const QString &name, const QStringList &members,
                                    std::optional<ErrorFrame> *error = nullptr)
    {
        const quint32 r = d->nextRequestId();
        d->send(GroupCreate{r, name, members});
        return replyTo<GroupInfo>(*d.client, r, error);
    }
    std::optional<GroupInfo> update(Device &d, qint64 conv, GroupOp op, const QString &user = {},
                                    const QString &name = {},
                                    std::optional<ErrorFrame> *error = nullptr)
    {
        const quint32 r = d->nextRequestId();
        d->send(GroupUpdate{r, conv, op, user, name});
        return replyTo<GroupInfo>(*d.client, r, error);
    }
    /** The error code a request gets (0 if it succeeded or nothing came). */
    static int errorOf(RawClient &c, const Frame &frame, quint32 r)
    {
        c.send(frame);
        std::optional<ErrorFrame> error;
        replyTo<Ok>(c, r, &error); // Ok never matches a group reply: only the error is seen
        return error ? int(error->code) : 0;
    }
    static SendRequest groupSend(RawClient &c, qint64 conv, const QByteArray &body,
                                 const MessageId &id = MessageId::generate())
    {
        SendRequest s{c.nextRequestId(), id, {}, {}};
        s.group = conv;
        s.body = body;
        return s;
    }
    static std::optional<GroupEvent> nextEvent(Device &d)
    {
        auto e = d->waitFor<GroupEvent>();
        if (e)
            d->ack({e->entry});
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(
            QStringList{QStringLiteral("--registration"), QStringLiteral("open")});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void membershipChangesReachEveryDeviceInOrder()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device alice2 = secondDevice(alice);
        Device bob = newUser(QStringLiteral("bob"));
        Device carl = newUser(QStringLiteral("carl"));
        Device dave = newUser(QStringLiteral("dave"));
        QVERIFY(alice.deviceId && alice2.deviceId && bob.deviceId && carl.deviceId &&
                dave.deviceId);

        // Duplicates and the creator's own name are ignored.
        const auto info =
            create(alice, QStringLiteral("team"), {bob.name, carl.name, bob.name, alice.name});
        QVERIFY(info);
        QCOMPARE(info->name, QStringLiteral("team"));
        QCOMPARE(memberNames(*info),
                 (QStringList{alice.name + QStringLiteral("*"), bob.name, carl.name}));
        const qint64 conv = info->conversation;
        for (Device *d : {&alice, &alice2, &bob, &carl}) {
            const auto e = nextEvent(*d);
            QVERIFY2(e, qPrintable(d->name));
            QCOMPARE(e->op, GroupOp::Create);
            QCOMPARE(e->seq, 1u);
            QCOMPARE(e->by, alice.name);
            QCOMPARE(e->name, QStringLiteral("team"));
            QCOMPARE(e->conversation, conv);
        }
        const quint32 r = bob->nextRequestId();
        bob->send(GroupGet{r, conv});
        const auto got = replyTo<GroupInfo>(*bob.client, r);
        QVERIFY(got);
        QCOMPARE(memberNames(*got), memberNames(*info));

        QVERIFY(update(alice, conv, GroupOp::Rename, {}, QStringLiteral("crew")));
        QVERIFY(update(alice, conv, GroupOp::Add, dave.name));
        QVERIFY(update(alice, conv, GroupOp::MakeAdmin, bob.name));
        QVERIFY(update(bob, conv, GroupOp::RevokeAdmin, alice.name)); // bob is admin now
        QVERIFY(update(bob, conv, GroupOp::MakeAdmin, alice.name));
        const auto removed = update(alice, conv, GroupOp::Remove, carl.name);
        QVERIFY(removed);
        QVERIFY(!memberNames(*removed).contains(carl.name));
        struct Expected {
            quint64 seq;
            GroupOp op;
            QString by, user;
        };
        const QList<Expected> expected{{2, GroupOp::Rename, alice.name, {}},
                                       {3, GroupOp::Add, alice.name, dave.name},
                                       {4, GroupOp::MakeAdmin, alice.name, bob.name},
                                       {5, GroupOp::RevokeAdmin, bob.name, alice.name},
                                       {6, GroupOp::MakeAdmin, bob.name, alice.name},
                                       {7, GroupOp::Remove, alice.name, carl.name}};
        for (Device *d : {&alice, &alice2, &bob, &carl, &dave}) {
            // dave joined at seq 3; carl is told he was removed, then nothing more.
            for (const Expected &x : expected) {
                if (d == &dave && x.seq < 3)
                    continue;
                const auto e = nextEvent(*d);
                QVERIFY2(e, qPrintable(QStringLiteral("%1 seq %2").arg(d->name).arg(x.seq)));
                QCOMPARE(e->seq, x.seq);
                QCOMPARE(e->op, x.op);
                QCOMPARE(e->by, x.by);
                QCOMPARE(e->user, x.user);
                QCOMPARE(e->name, QStringLiteral("crew"));
            }
        }
        // The last admin leaving makes the earliest remaining member admin.
        QVERIFY(update(bob, conv, GroupOp::RevokeAdmin, alice.name));
        QVERIFY(update(bob, conv, GroupOp::Leave));
        for (Device *d : {&alice, &alice2, &bob, &dave}) {
            const auto revoked = nextEvent(*d);
            const auto left = nextEvent(*d);
            QVERIFY2(revoked && left, qPrintable(d->name));
            QCOMPARE(left->seq, 9u);
            QCOMPARE(left->op, GroupOp::Leave);
            QCOMPARE(left->user, bob.name);
            if (d == &bob)
                continue; // bob is out: he hears his own leave and nothing more
            const auto promoted = nextEvent(*d);
            QVERIFY(promoted);
            QCOMPARE(promoted->seq, 10u);
            QCOMPARE(promoted->op, GroupOp::MakeAdmin);
            QCOMPARE(promoted->by, bob.name);
            QCOMPARE(promoted->user, alice.name);
        }
        const quint32 r2 = alice->nextRequestId();
        alice->send(GroupGet{r2, conv});
        const auto final = replyTo<GroupInfo>(*alice.client, r2);
        QVERIFY(final);
        QCOMPARE(memberNames(*final), (QStringList{alice.name + QStringLiteral("*"), dave.name}));
        carl->settle(200);
        bob->settle(0);
        QVERIFY2(!carl->has<GroupEvent>(), "a removed member heard a later change");
        QVERIFY2(!bob->has<GroupEvent>(), "a member who left heard a later change");
    }

    void permissionErrorsKeepTheConnection()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device bob = newUser(QStringLiteral("bob"));
        Device carl = newUser(QStringLiteral("carl"));
        std::optional<ErrorFrame> error;
        QVERIFY(
            !create(alice, QStringLiteral("x"), {bob.name, QStringLiteral("nobody-here")}, &error));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::UnknownUser);
        QVERIFY(error->reason.contains(QStringLiteral("nobody-here")));
        bob->settle(200);
        QVERIFY2(!bob->has<GroupEvent>(), "a refused create still wrote an event");

        const auto info = create(alice, QStringLiteral("team"), {bob.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;
        quint32 r = bob->nextRequestId();
        QCOMPARE(errorOf(*bob.client, GroupUpdate{r, conv, GroupOp::Add, carl.name, {}}, r),
                 int(ErrorCode::NotGroupAdmin));
        r = bob->nextRequestId();
        QCOMPARE(errorOf(*bob.client,
                         GroupUpdate{r, conv, GroupOp::Rename, {}, QStringLiteral("mine")}, r),
                 int(ErrorCode::NotGroupAdmin));
        r = carl->nextRequestId();
        QCOMPARE(errorOf(*carl.client, GroupGet{r, conv}, r), int(ErrorCode::UnknownGroup));
        r = carl->nextRequestId();
        QCOMPARE(errorOf(*carl.client, GroupUpdate{r, conv, GroupOp::Leave, {}, {}}, r),
                 int(ErrorCode::UnknownGroup));
        r = carl->nextRequestId();
        QCOMPARE(errorOf(*carl.client, GroupGet{r, conv + 1000}, r), int(ErrorCode::UnknownGroup));
        r = alice->nextRequestId();
        QCOMPARE(errorOf(*alice.client,
                         GroupUpdate{r, conv, GroupOp::Add, QStringLiteral("nobody-here"), {}}, r),
                 int(ErrorCode::UnknownUser));
        r = alice->nextRequestId();
        QCOMPARE(errorOf(*alice.client, GroupUpdate{r, conv, GroupOp::Add, bob.name, {}}, r),
                 int(ErrorCode::InvalidField));
        r = alice->nextRequestId();
        QCOMPARE(errorOf(*alice.client, GroupUpdate{r, conv, GroupOp::Remove, carl.name, {}}, r),
                 int(ErrorCode::UnknownUser));

        // Frames the codec refuses: 422 naming the field, and the connection stays.
        r = alice->nextRequestId();
        QCOMPARE(errorOf(*alice.client, GroupUpdate{r, conv, GroupOp::Create, {}, {}}, r),
                 int(ErrorCode::InvalidField));
        GroupKeys tooMany{alice->nextRequestId(), conv, {}};
        for (int i = 0; i <= kMaxKeyCopies; ++i)
            tooMany.copies.append(DeviceCopy{i + 1, 1, {}});
        QCOMPARE(errorOf(*alice.client, tooMany, tooMany.requestId), int(ErrorCode::InvalidField));

        // A non-member's send is refused with its message id, and nothing is stored.
        const MessageId id = MessageId::generate();
        const SendRequest s = groupSend(*carl.client, conv, "intruder", id);
        carl->send(s);
        std::optional<ErrorFrame> sendError;
        QVERIFY(!replyTo<SendAck>(*carl.client, s.requestId, &sendError));
        QVERIFY(sendError);
        QCOMPARE(sendError->code, ErrorCode::UnknownGroup);
        QCOMPARE(sendError->id, id);
        // Everyone still talks: the connections survived every refusal.
        QVERIFY(carl->isConnected() && bob->isConnected() && alice->isConnected());
        r = bob->nextRequestId();
        bob->send(GroupGet{r, conv});
        QVERIFY(replyTo<GroupInfo>(*bob.client, r));
        bob->settle(100);
        QVERIFY2(!bob->has<Deliver>(), "a non-member's message was delivered");
    }

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

    void senderKeysOnlyReachMemberDevices()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device alice2 = secondDevice(alice);
        Device bob = newUser(QStringLiteral("bob"));
        Device carl = newUser(QStringLiteral("carl"));
        const auto info = create(alice, QStringLiteral("keys"), {bob.name});
        QVERIFY(info);
        const qint64 conv = info->conversation;
        const quint32 r = alice->nextRequestId();
        alice->send(GroupKeys{r,
                              conv,
                              {DeviceCopy{bob.deviceId, 1, "for bob"},
                               DeviceCopy{alice2.deviceId, 1, "for alice2"},
                               DeviceCopy{carl.deviceId, 1, "for carl"},
                               DeviceCopy{alice.deviceId, 1, "for myself"}}});
        QVERIFY(replyTo<Ok>(*alice.client, r));
        const SendRequest s = groupSend(*alice.client, conv, "sealed");
        alice->send(s);
        QVERIFY(replyTo<SendAck>(*alice.client, s.requestId));
        for (Device *d : {&bob, &alice2}) {
            QVERIFY((*d)->waitFor<Deliver>());
            // The key came first: it is ahead of the message in the inbox.
            const auto keys = takeAll<SenderKeyCopy>(*d->client);
            QCOMPARE(keys.size(), 1);
            QCOMPARE(keys[0].body,
                     d == &bob ? QByteArrayLiteral("for bob") : QByteArrayLiteral("for alice2"));
            QCOMPARE(keys[0].from, alice.name);
            QCOMPARE(keys[0].fromDevice, alice.deviceId);
            QCOMPARE(keys[0].conversation, conv);
        }
        carl->settle(300);
        QVERIFY2(!carl->has<SenderKeyCopy>(), "a key was handed to a non-member");
        QVERIFY2(!alice->has<SenderKeyCopy>(), "the sending device got its own key");
        QVERIFY(reconnect(carl));
        const auto synced = carl->waitFor<Synced>();
        QVERIFY(synced);
        QCOMPARE(synced->count, 0u); // not stored either

        const quint32 r2 = carl->nextRequestId();
        QCOMPARE(errorOf(*carl.client, GroupKeys{r2, conv, {DeviceCopy{bob.deviceId, 1, "x"}}}, r2),
                 int(ErrorCode::UnknownGroup));
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

    void sharingAGroupMakesContacts()
    {
        Device alice = newUser(QStringLiteral("alice"));
        Device bob = newUser(QStringLiteral("bob"));
        Device carl = newUser(QStringLiteral("carl"));
        QVERIFY(create(alice, QStringLiteral("friends"), {bob.name}));
        quint32 r = bob->nextRequestId();
        bob->send(SetPrivacy{r, LastSeenVisibility::Contacts});
        QVERIFY(replyTo<Ok>(*bob.client, r));
        // alice never wrote to bob one-to-one: only the group makes them contacts.
        for (Device *d : {&alice, &carl}) {
            r = (*d)->nextRequestId();
            (*d)->send(PresenceSubscribe{r, {bob.name}});
            QVERIFY(replyTo<Ok>(*d->client, r));
            const auto presence = (*d)->waitFor<Presence>();
            QVERIFY(presence);
            QCOMPARE(presence->user, bob.name);
            QCOMPARE(presence->online, d == &alice);
        }
    }

    void memberLimitRefusesCreateAndAdd()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ini = dir.filePath(QStringLiteral("small.ini"));
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[server]\nregistrations_per_minute = 100000\nmax_group_members = 3\n");
        f.close();
        ServerProcess small(QStringList{QStringLiteral("--registration"), QStringLiteral("open"),
                                        QStringLiteral("--config"), ini});
        QVERIFY2(small.start(), qPrintable(small.errorString()));
        Device a = newUser(QStringLiteral("ann"), &small);
        Device b = newUser(QStringLiteral("ben"), &small);
        Device c = newUser(QStringLiteral("cat"), &small);
        Device d = newUser(QStringLiteral("dan"), &small);
        std::optional<ErrorFrame> error;
        QVERIFY(!create(a, QStringLiteral("big"), {b.name, c.name, d.name}, &error));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::GroupFull);
        QVERIFY2(error->reason.contains(QStringLiteral("max_group_members")) &&
                     error->reason.contains(QStringLiteral("3")),
                 qPrintable(error->reason));
        const auto info = create(a, QStringLiteral("small"), {b.name, c.name});
        QVERIFY(info);
        error.reset();
        QVERIFY(!update(a, info->conversation, GroupOp::Add, d.name, {}, &error));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::GroupFull);
        QCOMPARE(small.stop(), 0);
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

QTEST_GUILESS_MAIN(TestServerGroups)
#include "tst_server_groups.moc"
