// SPDX-License-Identifier: GPL-3.0-or-later
// Group chats through the real server with real ChatClient engines: 50 members
// on 50 connections, one order for concurrent senders, rotation after a removal,
// offline members catching up, the member limit, late joiners, per-member
// receipts. "spy" members are raw protocol clients: they read the sender-key
// ciphertext exactly as every member's device receives it.
#include "ChatClient.h"
#include "LocalStore.h"
#include "MemorySecretStore.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "crypto/SenderKey.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {

constexpr int kTimeout = 60000;

/** One installation: its database, in-memory secrets and engine. */
struct Member {
    QString name;
    std::unique_ptr<LocalStore> store;
    MemorySecretStore secrets;
    std::unique_ptr<ChatClient> client;

    QList<ChatMessage> messages(const QString &key) const
    {
        return store->messages(key, 100000, 0);
    }
    QList<ChatMessage> texts(const QString &key) const
    {
        QList<ChatMessage> out;
        for (const auto &m : messages(key))
            if (m.kind == MessageKind::Text)
                out << m;
        return out;
    }
    int countText(const QString &key, const QString &text) const
    {
        int n = 0;
        for (const auto &m : messages(key))
            if (m.text == text && m.kind == MessageKind::Text)
                ++n;
        return n;
    }
    std::optional<ChatMessage> find(const QString &key, const QString &text) const
    {
        for (const auto &m : messages(key))
            if (m.text == text)
                return m;
        return std::nullopt;
    }
    bool inGroup(const QString &key, const QStringList &members) const
    {
        const auto g = client->groups().group(key);
        if (!g || !g->member)
            return false;
        QStringList names;
        for (const auto &m : g->members)
            names << m.user;
        QStringList want = members;
        want.sort();
        return names == want;
    }
};

/** (seq, text) of every message, the order a member shows. */
QStringList order(const QList<ChatMessage> &messages)
{
    QStringList out;
    for (const auto &m : messages)
        out << QStringLiteral("%1:%2:%3").arg(m.seq).arg(int(m.kind)).arg(m.text);
    return out;
}

} // namespace

class TestGroups : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    int m_counter = 0;

    QString writeConfig(const QString &file, int maxMembers)
    {
        const QString path = m_root.filePath(file);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("[server]\nregistration = open\nregistrations_per_minute = 100000\n"
                               "auth_failures_per_minute = 10000\n"
                               "max_group_members = %1\n")
                    .arg(maxMembers)
                    .toUtf8());
        return path;
    }

    /** New accounts, registered in parallel, online with their keys published. */
    std::vector<std::unique_ptr<Member>> members(const QString &prefix, int count,
                                                 ServerProcess *server = nullptr)
    {
        server = server ? server : m_server.get();
        std::vector<std::unique_ptr<Member>> out;
        int published = 0;
        QString failed;
        for (int i = 0; i < count; ++i) {
            auto m = std::make_unique<Member>();
            m->name = QStringLiteral("%1%2").arg(prefix).arg(++m_counter);
            const QString dir = m_root.filePath(m->name);
            QDir().mkpath(dir);
            m->store = std::make_unique<LocalStore>(dir + QStringLiteral("/linnet.db"));
            if (!m->store->open())
                return {};
            ChatClient::Options o;
            o.initialBackoffMs = 50;
            o.maxBackoffMs = 500;
            m->client = std::make_unique<ChatClient>(*m->store, m->secrets, o);
            connect(m->client.get(), &ChatClient::keysPublished, this,
                    [&published] { ++published; });
            connect(m->client.get(), &ChatClient::accountFailed, this,
                    [&failed](ErrorCode, const QString &reason) { failed = reason; });
            m->client->registerAccount(server->url(), m->name, QStringLiteral("correct horse"));
            out.push_back(std::move(m));
        }
        const bool ready =
            QTest::qWaitFor([&] { return published >= count || !failed.isEmpty(); }, 120000);
        for (auto &m : out)
            disconnect(m->client.get(), nullptr, this, nullptr);
        if (!ready || !failed.isEmpty()) {
            qWarning("registration failed: %s", qPrintable(failed));
            return {};
        }
        return out;
    }

    /** @p admin creates a group with @p others; waits until every member knows it. */
    QString createGroup(Member &admin, const QList<Member *> &others, const QString &name)
    {
        QStringList names;
        for (const Member *m : others)
            names << m->name;
        QSignalSpy finished(&admin.client->groups(), &GroupController::requestFinished);
        const quint32 id = admin.client->groups().createGroup(name, names);
        if (id == 0 || !QTest::qWaitFor([&] { return !finished.isEmpty(); }, kTimeout))
            return {};
        const QString key = finished.first().at(1).toString();
        QStringList all = names;
        all << admin.name;
        const bool known = QTest::qWaitFor(
            [&] {
                for (const Member *m : others)
                    if (!m->inGroup(key, all))
                        return false;
                return admin.inGroup(key, all);
            },
            kTimeout);
        return known ? key : QString();
    }

    /** A raw member: every group frame it gets stays queued for the test to read. */
    std::unique_ptr<RawClient> spy(ServerProcess *server = nullptr)
    {
        server = server ? server : m_server.get();
        auto raw = std::make_unique<RawClient>();
        if (!raw->connectTo(server->url()) ||
            !raw->registerUser(QStringLiteral("spy%1").arg(++m_counter),
                               QStringLiteral("correct horse")))
            return nullptr;
        return raw;
    }

    /** The group message with @p id as the spy received it. */
    static std::optional<Deliver> captured(RawClient &raw, const MessageId &id)
    {
        std::optional<Deliver> found;
        (void)QTest::qWaitFor(
            [&] {
                for (const auto &f : raw.queue())
                    if (const auto *d = std::get_if<Deliver>(&f); d && d->id == id)
                        found = *d;
                return found.has_value();
            },
            kTimeout);
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(
            QStringList{QStringLiteral("--config"), writeConfig(QStringLiteral("big.ini"), 1024)});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

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

    void removedMemberCannotReadWhatFollows()
    {
        auto p = members(QStringLiteral("rot"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &cy = *p[2];
        auto raw = spy();
        QVERIFY(raw);
        QStringList names{ben.name, cy.name, raw->username()};
        QSignalSpy created(&ana.client->groups(), &GroupController::requestFinished);
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
        QSignalSpy renamed(&ana.client->groups(), &GroupController::requestFinished);
        ana.client->groups().rename(key, QStringLiteral("renamed"));
        QTRY_VERIFY_WITH_TIMEOUT(!renamed.isEmpty(), kTimeout);
        ben.client->sendText(key, QStringLiteral("o2"));
        QTRY_VERIFY_WITH_TIMEOUT(ana.countText(key, QStringLiteral("o2")) == 1, kTimeout);
        ana.client->groups().addMember(key, dan.name);
        QTRY_VERIFY_WITH_TIMEOUT(dan.inGroup(key, {ana.name, ben.name, cy.name, dan.name}),
                                 kTimeout);
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
        QSignalSpy failed(&groups, &GroupController::requestFailed);
        QSignalSpy finished(&groups, &GroupController::requestFinished);
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

    void laterMemberCannotReadEarlierMessages()
    {
        auto p = members(QStringLiteral("join"), 3);
        QCOMPARE(int(p.size()), 3);
        Member &ana = *p[0], &ben = *p[1], &dan = *p[2];
        auto raw = spy();
        QVERIFY(raw);
        QSignalSpy created(&ana.client->groups(), &GroupController::requestFinished);
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

    void undecryptableIsKeptAndAcked()
    {
        auto p = members(QStringLiteral("bad"), 2);
        QCOMPARE(int(p.size()), 2);
        Member &ana = *p[0], &ben = *p[1];
        auto raw = spy();
        QVERIFY(raw);
        QSignalSpy created(&ana.client->groups(), &GroupController::requestFinished);
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
        RawClient again;
        QVERIFY(again.connectTo(m_server->url()));
        const auto ok = again.auth(device, token);
        QVERIFY(ok);
        QCOMPARE(ok->pending, 0u);
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
        QSignalSpy benFailed(&benGroups, &GroupController::requestFailed);
        QSignalSpy benDone(&benGroups, &GroupController::requestFinished);

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
