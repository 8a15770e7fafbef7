// SPDX-License-Identifier: GPL-3.0-or-later
// Presence, typing and last-seen privacy against the real linnet-server.
// Each test function runs its own server, so rate limits and presence caches
// never leak from one to the next.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QString kPassword = QStringLiteral("password123");
const QString kAlice = QStringLiteral("alice");
const QString kBob = QStringLiteral("bob");
const QString kCarol = QStringLiteral("carol");

template <typename T> qsizetype countOf(RawClient &c)
{
    qsizetype n = 0;
    for (const auto &f : c.queue())
        n += std::holds_alternative<T>(f) ? 1 : 0;
    return n;
}

qsizetype countErrors(RawClient &c, ErrorCode code)
{
    qsizetype n = 0;
    for (const auto &f : c.queue())
        if (const auto *e = std::get_if<ErrorFrame>(&f); e && e->code == code)
            ++n;
    return n;
}

/** Position of the first queued frame of type T, or -1. */
template <typename T> qsizetype indexOf(RawClient &c)
{
    qsizetype i = 0;
    for (const auto &f : c.queue()) {
        if (std::holds_alternative<T>(f))
            return i;
        ++i;
    }
    return -1;
}

} // namespace

class TestServerPresence : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    Device registerUser(const QString &name)
    {
        return registerDevice(*m_server, name, kPassword, AfterSignIn::WaitForSynced);
    }

    /** Subscribes @p watcher to @p users; verifies the Ok comes before any presence frame. */
    static void subscribe(RawClient &watcher, const QStringList &users)
    {
        const quint32 r = watcher.nextRequestId();
        watcher.send(PresenceSubscribe{r, users});
        const auto ok = watcher.waitFor<Ok>();
        QVERIFY2(ok, "presence_sub was not answered with ok");
        QCOMPARE(ok->requestId, r);
    }

    static std::optional<Presence> nextPresence(RawClient &watcher)
    {
        return watcher.waitFor<Presence>();
    }

    static void setPrivacy(RawClient &c, LastSeenVisibility v)
    {
        const quint32 r = c.nextRequestId();
        c.send(SetPrivacy{r, v});
        const auto ok = c.waitFor<Ok>();
        QVERIFY2(ok, "privacy was not answered with ok");
        QCOMPARE(ok->requestId, r);
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void init()
    {
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup()
    {
        m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void onlineOfflineOnline()
    {
        Device alice = registerUser(kAlice);
        Device bob = registerUser(kBob);
        QVERIFY(alice.deviceId && bob.deviceId);

        const quint32 r = bob.client->nextRequestId();
        bob.client->send(PresenceSubscribe{r, {kAlice}});
        QTRY_VERIFY(bob.client->has<Ok>() && bob.client->has<Presence>());
        QVERIFY2(indexOf<Ok>(*bob.client) < indexOf<Presence>(*bob.client),
                 "presence arrived before the ok of the subscription");
        QCOMPARE(bob.client->waitFor<Ok>()->requestId, r);
        auto p = nextPresence(*bob.client);
        QVERIFY(p);
        QCOMPARE(p->user, kAlice);
        QVERIFY(p->online);

        alice.client->abort();
        p = nextPresence(*bob.client);
        QVERIFY2(p, "no presence frame after alice went away");
        QCOMPARE(p->user, kAlice);
        QVERIFY(!p->online);
        QVERIFY(p->lastSeen > 0);
        const qint64 lastSeen = p->lastSeen;

        QVERIFY(reconnect(alice, *m_server));
        p = nextPresence(*bob.client);
        QVERIFY2(p, "no presence frame after alice came back");
        QCOMPARE(p->user, kAlice);
        QVERIFY(p->online);
        QCOMPARE(p->lastSeen, lastSeen);

        // A second device of an online user changes nothing for watchers.
        Device alicePhone;
        alicePhone.client = std::make_unique<RawClient>();
        QVERIFY(alicePhone.client->connectTo(m_server->url()));
        QVERIFY(alicePhone.client->login(kAlice, kPassword));
        alice.client->abort();
        bob.client->settle(300);
        QVERIFY2(!bob.client->has<Presence>(), "alice looked offline while her phone was online");
    }

    void subscribeToUnknownUser()
    {
        Device bob = registerUser(kBob);
        QVERIFY(bob.deviceId);
        subscribe(*bob.client, {QStringLiteral("nobody")});
        bob.client->settle(200);
        QVERIFY(!bob.client->has<Presence>());
        QVERIFY(bob.client->isConnected());
    }

    void anInvalidNameInTheListIsSkippedAndTheRestServed()
    {
        // Issue 22.5: a client put a group key ("group:7") among the usernames; the
        // whole subscription used to be refused (422 "users").
        Device alice = registerUser(kAlice);
        Device carol = registerUser(kCarol);
        Device bob = registerUser(kBob);
        QVERIFY(alice.deviceId && carol.deviceId && bob.deviceId);
        subscribe(*bob.client, {kAlice, QStringLiteral("group:7"), kCarol});
        QVERIFY(!bob.client->has<ErrorFrame>());
        QSet<QString> seen;
        for (int i = 0; i < 2; ++i) {
            const auto p = nextPresence(*bob.client);
            QVERIFY2(p, "a valid name of the list got no presence");
            QVERIFY(p->online);
            seen.insert(p->user);
        }
        QCOMPARE(seen, (QSet<QString>{kAlice, kCarol}));
        bob.client->settle(200);
        QVERIFY(!bob.client->has<Presence>() && !bob.client->has<ErrorFrame>());

        // And the subscription is live: alice going away is told.
        alice.client->abort();
        const auto gone = nextPresence(*bob.client);
        QVERIFY(gone);
        QCOMPARE(gone->user, kAlice);
        QVERIFY(!gone->online);
    }

    void typingIsRelayed()
    {
        Device alice = registerUser(kAlice);
        Device bob = registerUser(kBob);
        QVERIFY(alice.deviceId && bob.deviceId);

        alice.client->send(Typing{kBob, true});
        auto t = bob.client->waitFor<Typing>();
        QVERIFY2(t, "bob did not see alice typing");
        QCOMPARE(t->peer, kAlice);
        QVERIFY(t->active);
        alice.client->send(Typing{kBob, false});
        t = bob.client->waitFor<Typing>();
        QVERIFY(t);
        QCOMPARE(t->peer, kAlice);
        QVERIFY(!t->active);
        QVERIFY(!alice.client->has<Typing>());

        alice.client->send(Typing{QStringLiteral("nobody"), true});
        const auto err = alice.client->waitFor<ErrorFrame>();
        QVERIFY(err);
        QCOMPARE(err->code, ErrorCode::UnknownUser);
        QVERIFY(alice.client->isConnected());
    }

    void typingFloodIsLimited()
    {
        Device alice = registerUser(kAlice);
        Device bob = registerUser(kBob);
        QVERIFY(alice.deviceId && bob.deviceId);

        // Burst 10, refilled at 2 per second per connection.
        constexpr int kFlood = 50;
        constexpr double kBurst = 10;
        constexpr double kPerSecond = 2;
        QElapsedTimer elapsed;
        elapsed.start();
        for (int i = 0; i < kFlood; ++i)
            alice.client->send(Typing{kBob, i % 2 == 0});
        // Every typing frame is either relayed to bob or refused to alice.
        QTRY_VERIFY_WITH_TIMEOUT(countOf<Typing>(*bob.client) +
                                         countErrors(*alice.client, ErrorCode::RateLimited) >=
                                     kFlood,
                                 20000);
        const double seconds = double(elapsed.elapsed()) / 1000.0;
        const qsizetype relayed = countOf<Typing>(*bob.client);
        const qsizetype refused = countErrors(*alice.client, ErrorCode::RateLimited);
        QCOMPARE(relayed + refused, qsizetype(kFlood));
        QVERIFY2(refused > 0, "a flood of typing frames was never rate limited");
        const auto allowed = qsizetype(kBurst + std::ceil(kPerSecond * seconds));
        QVERIFY2(relayed <= allowed, qPrintable(QStringLiteral("%1 typing frames relayed, at most "
                                                               "%2 allowed in %3 s")
                                                    .arg(relayed)
                                                    .arg(allowed)
                                                    .arg(seconds)));
        QVERIFY(relayed >= qsizetype(kBurst));
        QVERIFY(alice.client->isConnected());
    }

    void typingIsNeverStored()
    {
        Device alice = registerUser(kAlice);
        Device bob = registerUser(kBob);
        QVERIFY(alice.deviceId && bob.deviceId);
        subscribe(*alice.client, {kBob});
        auto p = nextPresence(*alice.client);
        QVERIFY(p && p->online);

        alice.client->send(Typing{kBob, true});
        QVERIFY(bob.client->waitFor<Typing>());

        bob.client->abort();
        p = nextPresence(*alice.client);
        QVERIFY2(p && !p->online, "bob did not go offline");
        // While bob is away: typing (must vanish) and a message (must wait).
        alice.client->send(Typing{kBob, true});
        alice.client->send(Typing{kBob, false});
        const auto ack = alice.client->sendMessage(kBob, "while you were out");
        QVERIFY(ack);
        QVERIFY(!alice.client->has<ErrorFrame>());

        QVERIFY(reconnect(bob, *m_server));
        const auto synced = bob.client->waitFor<Synced>();
        QVERIFY2(synced, "bob's drain did not end with synced");
        QCOMPARE(synced->count, quint64(1));
        const auto d = bob.client->waitFor<Deliver>(0);
        QVERIFY2(d, "the stored message was not in the drain");
        QVERIFY(d->id == ack->id);
        QVERIFY2(!bob.client->has<Typing>(), "a typing frame was stored and replayed");
        bob.client->settle(300);
        QVERIFY2(!bob.client->has<Typing>(), "a typing frame was stored and replayed");
    }

    void privacyNobody()
    {
        Device alice = registerUser(kAlice);
        Device bob = registerUser(kBob);
        QVERIFY(alice.deviceId && bob.deviceId);
        subscribe(*bob.client, {kAlice});
        auto p = nextPresence(*bob.client);
        QVERIFY(p && p->online);

        setPrivacy(*alice.client, LastSeenVisibility::Nobody);
        p = nextPresence(*bob.client);
        QVERIFY2(p, "watchers were not told about the privacy change");
        QCOMPARE(p->user, kAlice);
        QVERIFY(!p->online);
        QCOMPARE(p->lastSeen, qint64(0));

        // A fresh subscription sees the same while alice is online...
        QVERIFY(alice.client->isConnected());
        subscribe(*bob.client, {kAlice});
        p = nextPresence(*bob.client);
        QVERIFY(p);
        QVERIFY(!p->online);
        QCOMPARE(p->lastSeen, qint64(0));

        // ...and her last seen stays hidden once she leaves.
        alice.client->abort();
        p = nextPresence(*bob.client);
        QVERIFY2(p, "no presence frame after alice went away");
        QVERIFY(!p->online);
        QCOMPARE(p->lastSeen, qint64(0));
        QVERIFY(reconnect(alice, *m_server));
        p = nextPresence(*bob.client);
        QVERIFY2(p, "no presence frame after alice came back");
        QVERIFY2(!p->online && p->lastSeen == 0, "presence leaked through privacy Nobody");
    }

    void privacyContacts()
    {
        Device alice = registerUser(kAlice);
        Device bob = registerUser(kBob);
        Device carol = registerUser(kCarol);
        QVERIFY(alice.deviceId && bob.deviceId && carol.deviceId);

        setPrivacy(*alice.client, LastSeenVisibility::Contacts);
        subscribe(*bob.client, {kAlice});
        auto p = nextPresence(*bob.client);
        QVERIFY(p);
        QVERIFY2(!p->online && p->lastSeen == 0, "a stranger saw alice under privacy Contacts");

        // Bob and alice talk; carol never does.
        QVERIFY(alice.client->sendMessage(kBob, "hi bob"));
        QVERIFY(bob.client->sendMessage(kAlice, "hi alice"));
        const auto toBob = bob.client->waitFor<Deliver>();
        const auto toAlice = alice.client->waitFor<Deliver>();
        QVERIFY(toBob && toAlice);
        bob.client->ack({toBob->entry});
        alice.client->ack({toAlice->entry});

        subscribe(*bob.client, {kAlice});
        p = nextPresence(*bob.client);
        QVERIFY(p);
        QCOMPARE(p->user, kAlice);
        QVERIFY2(p->online, "a contact did not see alice online");

        subscribe(*carol.client, {kAlice});
        p = nextPresence(*carol.client);
        QVERIFY(p);
        QCOMPARE(p->user, kAlice);
        QVERIFY2(!p->online, "a stranger saw alice online under privacy Contacts");
        QCOMPARE(p->lastSeen, qint64(0));

        // When alice leaves, the contact learns her last seen, the stranger nothing.
        alice.client->abort();
        p = nextPresence(*bob.client);
        QVERIFY(p);
        QVERIFY(!p->online);
        QVERIFY(p->lastSeen > 0);
        p = nextPresence(*carol.client);
        QVERIFY(p);
        QVERIFY(!p->online);
        QCOMPARE(p->lastSeen, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestServerPresence)
#include "tst_server_presence.moc"
