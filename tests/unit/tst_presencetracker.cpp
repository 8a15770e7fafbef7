// SPDX-License-Identifier: GPL-3.0-or-later
// PresenceTracker without a server: the frames it would send are recorded, the clock
// is set by hand, the settings live in a LocalStore in memory. A peer's typing shows
// until it stops or expires; this user's typing is throttled and a stop only follows a
// start; the watch list is replaced, never names a group, self or a bad name; read
// receipts and last seen follow the privacy choices.
#include "presence/PresenceTracker.h"
#include "store/LocalStore.h"
#include "TestBase.h"
#include "protocol/Limits.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::protocol;

class TestPresenceTracker : public QObject {
    Q_OBJECT

    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<PresenceTracker> m_tracker;
    QList<Frame> m_sent;
    quint32 m_nextId = 0;
    qint64 m_now = 100000;

    void makeTracker(PresenceTracker::Options options = {})
    {
        m_tracker = std::make_unique<PresenceTracker>(
            *m_store,
            PresenceTracker::Hooks{[this](const Frame &f) {
                                       m_sent.append(f);
                                       return true;
                                   },
                                   [this] { return ++m_nextId; }, [this] { return m_now; }},
            options);
        m_tracker->setSelf(QStringLiteral("ana"));
    }

    template <class T> QList<T> sentOf() const
    {
        QList<T> frames;
        for (const auto &f : m_sent)
            if (const auto *t = std::get_if<T>(&f))
                frames << *t;
        return frames;
    }

    /** Conversation @p peer (server id @p serverId) with @p count incoming messages. */
    void receive(const QString &peer, qint64 serverId, int count)
    {
        for (int seq = 1; seq <= count; ++seq) {
            ChatMessage m;
            m.id = MessageId::generate();
            m.conversation = peer;
            m.sender = peer;
            m.text = QStringLiteral("hi");
            m.seq = quint64(seq);
            m.sentAt = seq;
            m.state = DeliveryState::Delivered;
            QVERIFY(m_store->addIncoming(m, serverId).value());
        }
    }

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void init()
    {
        m_store = std::make_unique<LocalStore>(QStringLiteral(":memory:"));
        QVERIFY(m_store->open());
        m_sent.clear();
        m_nextId = 0;
        m_now = 100000;
        makeTracker();
    }

    void cleanup()
    {
        m_tracker.reset();
        m_store.reset();
    }

    // --- a peer's typing ------------------------------------------------------------------

    void aPeersTypingShowsUntilItStops()
    {
        QSignalSpy typing(m_tracker.get(), &PresenceTracker::typingChanged);
        m_tracker->onTyping(Typing{QStringLiteral("ben"), true});
        QCOMPARE(typing.size(), 1);
        QCOMPARE(typing.first().at(0).toString(), QStringLiteral("ben"));
        QCOMPARE(typing.first().at(1).toBool(), true);
        QVERIFY(m_tracker->isTyping(QStringLiteral("ben")));

        m_tracker->onTyping(Typing{QStringLiteral("ben"), false});
        QCOMPARE(typing.size(), 2);
        QCOMPARE(typing.last().at(1).toBool(), false);
        QVERIFY(!m_tracker->isTyping(QStringLiteral("ben"))); // no expiry pending either
    }

    void aPeersTypingExpiresWithoutUpdates()
    {
        makeTracker(PresenceTracker::Options{3000, 1});
        QSignalSpy typing(m_tracker.get(), &PresenceTracker::typingChanged);
        QSignalSpy inGroups(m_tracker.get(), &PresenceTracker::groupTypingChanged);
        m_tracker->onTyping(Typing{QStringLiteral("ben"), true});
        QTRY_COMPARE(typing.size(), 2);
        QCOMPARE(typing.last().at(0).toString(), QStringLiteral("ben"));
        QCOMPARE(typing.last().at(1).toBool(), false);
        QVERIFY(!m_tracker->isTyping(QStringLiteral("ben")));
        QVERIFY(inGroups.isEmpty());
    }

    void typingInAGroupIsTheGroupsAndExpiresThere()
    {
        makeTracker(PresenceTracker::Options{3000, 1});
        QSignalSpy typing(m_tracker.get(), &PresenceTracker::typingChanged);
        QSignalSpy inGroups(m_tracker.get(), &PresenceTracker::groupTypingChanged);
        m_tracker->onTyping(Typing{QStringLiteral("ben"), true, 12});
        QCOMPARE(inGroups.size(), 1);
        QCOMPARE(inGroups.first().at(0).toString(), QStringLiteral("group:12"));
        QCOMPARE(inGroups.first().at(1).toString(), QStringLiteral("ben"));
        QVERIFY(m_tracker->isTyping(QStringLiteral("ben"), QStringLiteral("group:12")));
        QVERIFY(!m_tracker->isTyping(QStringLiteral("ben"))); // not in the one-to-one chat
        QTRY_COMPARE(inGroups.size(), 2);
        QCOMPARE(inGroups.last().at(0).toString(), QStringLiteral("group:12"));
        QCOMPARE(inGroups.last().at(2).toBool(), false);
        QVERIFY(typing.isEmpty());
    }

    // --- this user's typing -----------------------------------------------------------------

    void ownTypingIsThrottledAndAStopOnlyFollowsAStart()
    {
        m_tracker->setTyping(QStringLiteral("ben"), true);
        QVERIFY(m_sent.isEmpty()); // offline
        m_tracker->setOnline(true);

        m_tracker->setTyping(QStringLiteral("ben"), false);
        QVERIFY(m_sent.isEmpty()); // nothing to take back
        m_tracker->setTyping(QStringLiteral("ben"), true);
        m_now += 2999;
        m_tracker->setTyping(QStringLiteral("ben"), true); // within the interval
        QCOMPARE(sentOf<Typing>(), QList<Typing>{(Typing{QStringLiteral("ben"), true})});
        m_now += 1;
        m_tracker->setTyping(QStringLiteral("ben"), true);
        m_tracker->setTyping(QStringLiteral("cy"), true); // per peer
        m_tracker->setTyping(QStringLiteral("ben"), false);
        m_tracker->setTyping(QStringLiteral("ben"), false);
        m_tracker->setTyping(QStringLiteral("group:7"), true);
        QCOMPARE(sentOf<Typing>(), (QList<Typing>{
                                       Typing{QStringLiteral("ben"), true},
                                       Typing{QStringLiteral("ben"), true},
                                       Typing{QStringLiteral("cy"), true},
                                       Typing{QStringLiteral("ben"), false},
                                       Typing{{}, true, 7},
                                   }));
    }

    // --- the watch list -----------------------------------------------------------------------

    void theWatchListIsReplacedAndNamesOnlyOtherUsers()
    {
        m_tracker->watch({QStringLiteral("ben")});
        QVERIFY(m_sent.isEmpty()); // offline: said on restate()
        m_tracker->setOnline(true);
        m_tracker->restate();
        QCOMPARE(sentOf<PresenceSubscribe>(),
                 QList<PresenceSubscribe>{(PresenceSubscribe{1, {QStringLiteral("ben")}})});

        m_tracker->watch({QStringLiteral("cyd"), QStringLiteral("group:3"), QStringLiteral("ana"),
                          QStringLiteral("no such name!"), QStringLiteral("cyd")});
        QCOMPARE(m_tracker->subscription(), QStringList{QStringLiteral("cyd")});
        QCOMPARE(sentOf<PresenceSubscribe>().last().users, QStringList{QStringLiteral("cyd")});

        // An open group's members come beside the list, each once.
        m_tracker->watchMembers(
            {QStringLiteral("ana"), QStringLiteral("cyd"), QStringLiteral("dan")});
        QCOMPARE(m_tracker->subscription(),
                 (QStringList{QStringLiteral("cyd"), QStringLiteral("dan")}));
        m_tracker->watchMembers({});
        QCOMPARE(m_tracker->subscription(), QStringList{QStringLiteral("cyd")});

        // Nobody left to follow: the server is told so.
        m_tracker->watch({QStringLiteral("group:3"), QStringLiteral("ana")});
        QVERIFY(m_tracker->subscription().isEmpty());
        QCOMPARE(sentOf<PresenceSubscribe>().size(), 5);
        QVERIFY(sentOf<PresenceSubscribe>().last().users.isEmpty());
        // Nothing watched at all: nothing to say, now or on the next connection.
        m_sent.clear();
        m_tracker->watch({});
        m_tracker->restate();
        QVERIFY(sentOf<PresenceSubscribe>().isEmpty());
    }

    void theWatchListStopsAtTheServersLimit()
    {
        QStringList many;
        for (int i = 0; i < kMaxPresenceSubscriptions + 5; ++i)
            many << QStringLiteral("user%1").arg(i);
        m_tracker->watch(many);
        QCOMPARE(m_tracker->subscription(), many.mid(0, kMaxPresenceSubscriptions));
    }

    // --- privacy ------------------------------------------------------------------------------

    void readReceiptsGoOutOnceEachAndNotWhenTurnedOff()
    {
        receive(QStringLiteral("ben"), 9, 3);
        receive(QStringLiteral("cy"), 10, 2);
        QVERIFY(m_store->markViewed(QStringLiteral("ben")));
        QVERIFY(m_tracker->sendReadReceipts()); // on unless turned off
        m_tracker->sendPendingReadReceipts();
        QVERIFY(m_sent.isEmpty()); // offline
        m_tracker->setOnline(true);
        m_tracker->sendPendingReadReceipts();
        m_tracker->sendPendingReadReceipts();
        QCOMPARE(sentOf<ReadRequest>(), QList<ReadRequest>{(ReadRequest{9, 3})});

        m_tracker->setSendReadReceipts(false);
        QVERIFY(!m_tracker->sendReadReceipts());
        QVERIFY(m_store->markViewed(QStringLiteral("cy")));
        m_tracker->sendPendingReadReceipts();
        m_tracker->restate();
        QCOMPARE(sentOf<ReadRequest>().size(), 1);

        // Turned on again: what was read meanwhile is told.
        m_tracker->setSendReadReceipts(true);
        m_tracker->restate();
        QCOMPARE(sentOf<ReadRequest>(),
                 (QList<ReadRequest>{ReadRequest{9, 3}, ReadRequest{10, 2}}));
    }

    void lastSeenIsStoredToldAndRestatedOnEveryConnection()
    {
        m_tracker->restate();
        QVERIFY(sentOf<SetPrivacy>().isEmpty()); // never chosen: the server's default stands
        m_tracker->setLastSeenVisibility(LastSeenVisibility::Nobody);
        QVERIFY(sentOf<SetPrivacy>().isEmpty()); // offline: stored only
        m_tracker->setOnline(true);
        m_tracker->restate();
        QCOMPARE(sentOf<SetPrivacy>().size(), 1);
        QCOMPARE(sentOf<SetPrivacy>().last().lastSeen, LastSeenVisibility::Nobody);
        m_tracker->setLastSeenVisibility(LastSeenVisibility::Contacts);
        QCOMPARE(sentOf<SetPrivacy>().last().lastSeen, LastSeenVisibility::Contacts);

        // A new tracker on the same profile restates the choice.
        makeTracker();
        m_sent.clear();
        m_tracker->setOnline(true);
        m_tracker->restate();
        QCOMPARE(sentOf<SetPrivacy>().size(), 1);
        QCOMPARE(sentOf<SetPrivacy>().first().lastSeen, LastSeenVisibility::Contacts);
    }
};

QTEST_GUILESS_MAIN(TestPresenceTracker)
#include "tst_presencetracker.moc"
