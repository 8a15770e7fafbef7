// SPDX-License-Identifier: GPL-3.0-or-later
// Sender keys across membership changes, through the real server with real
// ChatClient engines: rotation after a removal, late joiners, and undecryptable
// keys and messages kept and acked. "spy" members are raw protocol clients: they
// read the sender-key ciphertext exactly as every member's device receives it.
#include "GroupClientTestSupport.h"

#include <QSignalSpy>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::groups;

class TestGroupEncryption : public ClientGroupsTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }

    void removedMemberCannotReadWhatFollows()
    {
        auto p = members(QStringLiteral("rot"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2];
        auto raw = spy();
        QVERIFY(raw);
        QStringList names{ben.name, cy.name, raw->username()};
        QSignalSpy created(&ana.client->groups(), &GroupClient::requestFinished);
        ana.client->groups().createGroup(QStringLiteral("rotate"), names);
        QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty(), kTimeout);
        const QString key = created.first().at(1).toString();
        const qint64 group = groupIdOf(key);
        QTRY_VERIFY_WITH_TIMEOUT(ben.inGroup(key, names + QStringList{ana.name}), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(cy.inGroup(key, names + QStringList{ana.name}), kTimeout);

        const MessageId before = ben.client->sendText(key, QStringLiteral("before"));
        QTRY_VERIFY_WITH_TIMEOUT(cy.countText(key, QStringLiteral("before")) == 1, kTimeout);
        const auto beforeFrame = captured(*raw, before);
        QVERIFY(beforeFrame);

        ana.client->groups().removeMember(key, cy.name);
        const QStringList rest{ana.name, ben.name, raw->username()};
        QTRY_VERIFY_WITH_TIMEOUT(ben.inGroup(key, rest), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!cy.client->groups().group(key)->member, kTimeout);

        const MessageId after = ben.client->sendText(key, QStringLiteral("after"));
        QTRY_VERIFY_WITH_TIMEOUT(ana.countText(key, QStringLiteral("after")) == 1, kTimeout);
        const auto afterFrame = captured(*raw, after);
        QVERIFY(afterFrame);
        // Ben rotated: a new key id, which cy never received.
        QVERIFY(linnet::crypto::senderKeyIdOf(afterFrame->body) !=
                linnet::crypto::senderKeyIdOf(beforeFrame->body));
        const auto byCy =
            cy.client->groups().tryOpen(group, ben.name, afterFrame->fromDevice, afterFrame->body);
        QVERIFY(!byCy.ok);
        QVERIFY(!byCy.error.isEmpty());
        QCOMPARE(cy.countText(key, QStringLiteral("after")), 0);
        QVERIFY(!cy.find(key, QStringLiteral("after")));
        // Ana, still a member, read it (it is stored as text, not as undecryptable).
        QCOMPARE(ana.find(key, QStringLiteral("after"))->kind, MessageKind::Text);
        // And cy cannot send to the group any more.
        QSignalSpy refused(cy.client.get(), &ChatClient::errorOccurred);
        QVERIFY(cy.client->sendText(key, QStringLiteral("let me back")).isNull());
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).value<ErrorCode>(), ErrorCode::UnknownGroup);
    }

    void laterMemberCannotReadEarlierMessages()
    {
        auto p = members(QStringLiteral("join"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &dan = *p[2];
        auto raw = spy();
        QVERIFY(raw);
        QSignalSpy created(&ana.client->groups(), &GroupClient::requestFinished);
        ana.client->groups().createGroup(QStringLiteral("late"), {ben.name, raw->username()});
        QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty(), kTimeout);
        const QString key = created.first().at(1).toString();
        QTRY_VERIFY_WITH_TIMEOUT(ben.client->groups().group(key).has_value(), kTimeout);

        const MessageId early = ana.client->sendText(key, QStringLiteral("early"));
        QTRY_VERIFY_WITH_TIMEOUT(ben.countText(key, QStringLiteral("early")) == 1, kTimeout);
        const auto earlyFrame = captured(*raw, early);
        QVERIFY(earlyFrame);

        ana.client->groups().addMember(key, dan.name);
        QTRY_VERIFY_WITH_TIMEOUT(dan.client->groups().group(key).has_value() &&
                                     dan.client->groups().group(key)->member,
                                 kTimeout);
        // Ana hands her key to the members her own view lists when she sends: wait for
        // it to list dan (a loaded machine showed the send overtaking her update).
        QTRY_VERIFY_WITH_TIMEOUT(ana.seesMember(key, dan.name), kTimeout);
        ana.client->sendText(key, QStringLiteral("late"));
        QTRY_VERIFY_WITH_TIMEOUT(dan.countText(key, QStringLiteral("late")) == 1, kTimeout);
        // Dan holds ana's key from its current position on: the earlier message stays closed.
        const auto byDan = dan.client->groups().tryOpen(groupIdOf(key), ana.name,
                                                        earlyFrame->fromDevice, earlyFrame->body);
        QVERIFY(!byDan.ok);
        QVERIFY(!dan.find(key, QStringLiteral("early")));
        // Same key id: it is the chain position, not a new key, that keeps it closed.
        const auto lateFrame = captured(*raw, dan.find(key, QStringLiteral("late"))->id);
        QVERIFY(lateFrame);
        QCOMPARE(linnet::crypto::senderKeyIdOf(lateFrame->body),
                 linnet::crypto::senderKeyIdOf(earlyFrame->body));
    }

    void undecryptableIsKeptAndAcked()
    {
        auto p = members(QStringLiteral("bad"), 2);
        QCOMPARE(int(p.size()), 2);
        Member &ana = *p[0], &ben = *p[1];
        auto raw = spy();
        QVERIFY(raw);
        QSignalSpy created(&ana.client->groups(), &GroupClient::requestFinished);
        ana.client->groups().createGroup(QStringLiteral("noise"), {ben.name, raw->username()});
        QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty(), kTimeout);
        const QString key = created.first().at(1).toString();
        const qint64 group = groupIdOf(key);
        QTRY_VERIFY_WITH_TIMEOUT(ben.client->groups().group(key).has_value(), kTimeout);

        // A sender key that is no envelope, then a group message under no key at all.
        const auto anaKeys = raw->fetchKeys(ana.name);
        QVERIFY(anaKeys && anaKeys->devices.size() == 1);
        const DeviceKeys &dev = anaKeys->devices.first();
        raw->send(GroupKeys{raw->nextRequestId(),
                            group,
                            {DeviceCopy{dev.device, dev.registrationId, QByteArray(90, 'k')}}});
        QVERIFY(raw->waitFor<Ok>());
        SendRequest junk;
        junk.requestId = raw->nextRequestId();
        junk.id = MessageId::generate();
        junk.group = group;
        junk.body = QByteArray(218, 'x');
        raw->send(junk);
        QVERIFY(raw->waitFor<SendAck>());
        QTRY_VERIFY_WITH_TIMEOUT(ana.store->message(junk.id).has_value(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(ben.store->message(junk.id).has_value(), kTimeout);
        QCOMPARE(ana.store->message(junk.id)->kind, MessageKind::Undecryptable);
        QCOMPARE(ana.store->message(junk.id)->sender, raw->username());
        // Still usable: a real message after the junk reads fine.
        ben.client->sendText(key, QStringLiteral("after the noise"));
        QTRY_VERIFY_WITH_TIMEOUT(ana.countText(key, QStringLiteral("after the noise")) == 1,
                                 kTimeout);

        // Everything was acknowledged: nothing is left in ana's inbox on the server.
        ana.client->stop();
        const qint64 device = ana.store->setting(QStringLiteral("account/device_id")).toLongLong();
        const QByteArray token = ana.secrets.values().value(QStringLiteral("device_token"));
        QVERIFY(device > 0 && !token.isEmpty());
        // The last acks may still be in a group commit (commit_gather_ms): ask until
        // they are committed, on a new connection each time.
        const auto pendingOnServer = [&]() -> qint64 {
            RawClient again;
            if (!again.connectTo(m_server->url()))
                return -1;
            const auto ok = again.auth(device, token);
            return ok ? qint64(ok->pending) : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(pendingOnServer(), qint64(0), kTimeout);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestGroupEncryption)
#include "tst_group_encryption.moc"
