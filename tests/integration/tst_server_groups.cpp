// SPDX-License-Identifier: GPL-3.0-or-later
// Group chats against the real linnet-server, the group itself: membership changes
// and their events, permissions, sender-key routing to members only, groups as
// contacts for presence privacy, and the member limit. Messages: tst_server_group_messages.
#include "GroupTestSupport.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "protocol/Limits.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::groups;

class TestServerGroups : public ServerGroupsTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }

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
        ServerProcess small(ServerProcess::openRegistration(), "max_group_members = 3\n");
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

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestServerGroups)
#include "tst_server_groups.moc"
