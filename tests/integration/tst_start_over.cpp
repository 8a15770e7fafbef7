// SPDX-License-Identifier: GPL-3.0-or-later
// Starting over with an account through the real server and real engines (issue 27,
// docs/crypto.md "Starting over"): someone who lost every device logs in with the password
// and "start over"; the server removes every device of the account and its account key,
// the new device makes a new key, and every peer sees the security code change: a verified
// peer's messages wait until the user accepts it. Never silently, and only with the right
// password.
#include "E2eTestSupport.h"
#include "ServerProcess.h"
#include "TestBase.h"

#include <QSignalSpy>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {
const QString kPassword = QStringLiteral("correct horse");
} // namespace

class TestStartOver : public QObject {
    Q_OBJECT

    EngineTestBed m_bed;

    /**
     * A new profile that logs in as @p user with @p mode; online with its keys on the server
     * (null if it was not), or, when @p failure is given, the accountFailed it got there.
     */
    std::unique_ptr<Profile> logIn(const QString &user, ChatClient::LoginMode mode,
                                   const QString &password = kPassword,
                                   QList<QVariant> *failure = nullptr)
    {
        auto p = std::make_unique<Profile>(m_bed.dir(m_bed.nextName("fresh")));
        if (!p->open())
            return nullptr;
        QSignalSpy ready(p->client.get(), &ChatClient::accountReady);
        QSignalSpy failed(p->client.get(), &ChatClient::accountFailed);
        QSignalSpy published(p->client.get(), &ChatClient::keysPublished);
        p->client->login(m_bed.server().url(), user, password, {}, mode);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 30000))
            return nullptr;
        if (!failed.isEmpty()) {
            if (failure)
                *failure = failed.first();
            return nullptr;
        }
        if (!QTest::qWaitFor([&] { return !published.isEmpty(); }, 30000))
            return nullptr;
        return p;
    }
    static bool hasNoticeContaining(Profile &p, const QString &conversation, const QString &part)
    {
        for (const ChatMessage &m : p.messages(conversation))
            if (m.kind == MessageKind::Notice && m.text.contains(part))
                return true;
        return false;
    }

    /** Two new accounts (a peer and the one that starts over) that exchanged a message. */
    struct Contacts {
        QString peerName, ownerName;
        std::unique_ptr<Profile> peer, owner;
    };
    Contacts contacts(const char *peerPrefix, const char *ownerPrefix)
    {
        Contacts c{m_bed.nextName(peerPrefix), m_bed.nextName(ownerPrefix), nullptr, nullptr};
        c.peer = m_bed.account(c.peerName);
        c.owner = m_bed.account(c.ownerName);
        if (c.peer && c.owner &&
            !exchange(*c.peer, c.ownerName, *c.owner, c.peerName, QStringLiteral("hello")))
            c.owner.reset();
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_bed.start());
    }

    void aVerifiedPeerSeesTheNewSecurityCodeAndItsMessagesWaitUntilAccepted()
    {
        auto [alice, bob, a, b1] = contacts("alice", "bob");
        QVERIFY(a && b1);
        const QString before = a->client->safetyNumber(bob);
        QCOMPARE(before.size(), 60);
        a->client->setVerified(bob, true);
        QVERIFY(a->client->isVerified(bob));

        // Bob lost his device and starts over from a new one.
        QSignalSpy oldDeviceErrors(b1->client.get(), &ChatClient::errorOccurred);
        auto b2 = logIn(bob, ChatClient::LoginMode::StartOver);
        QVERIFY(b2);
        // The old device is told at once, and stops.
        QTRY_COMPARE_WITH_TIMEOUT(b1->client->state(), ConnectionState::AuthFailed, 20000);
        QVERIFY(std::any_of(oldDeviceErrors.cbegin(), oldDeviceErrors.cend(), [](const auto &e) {
            return e.at(0).template value<ErrorCode>() == ErrorCode::DeviceRevoked;
        }));

        // Alice's next message is held: bob was verified, and his security code changed.
        QSignalSpy held(a->client.get(), &ChatClient::heldChanged);
        a->client->sendText(bob, QStringLiteral("after"));
        QTRY_VERIFY_WITH_TIMEOUT(a->client->isHeld(bob), 20000);
        QVERIFY(!a->client->isVerified(bob));
        const QString after = a->client->safetyNumber(bob);
        QCOMPARE(after.size(), 60);
        QVERIFY(after != before);
        QVERIFY(hasNoticeContaining(*a, bob, QStringLiteral("security code")));
        QCOMPARE(findText(a->messages(bob), QStringLiteral("after"))->state, DeliveryState::Queued);
        QVERIFY(!findText(b2->messages(alice), QStringLiteral("after")));

        // Once alice accepts it, the message goes to bob's new device, never to the old one.
        a->client->acceptIdentityChange(bob);
        QTRY_VERIFY_WITH_TIMEOUT(findText(b2->messages(alice), QStringLiteral("after")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(b2->client->safetyNumber(alice), after, 20000);
        QVERIFY(!findText(b1->messages(alice), QStringLiteral("after")));
        QVERIFY(exchange(*b2, alice, *a, bob, QStringLiteral("back")));
    }

    void anUnverifiedPeerIsToldAndItsMessagesGoOn()
    {
        auto [carol, dave, c, d1] = contacts("carol", "dave");
        QVERIFY(c && d1);
        const QString before = c->client->safetyNumber(dave);

        auto d2 = logIn(dave, ChatClient::LoginMode::StartOver);
        QVERIFY(d2);
        QSignalSpy changed(c->client.get(), &ChatClient::identityChanged);
        QVERIFY(exchange(*c, dave, *d2, carol, QStringLiteral("still there?")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toString(), dave);
        QVERIFY(!c->client->isHeld(dave));
        QVERIFY(c->client->safetyNumber(dave) != before);
        QVERIFY(hasNoticeContaining(*c, dave, QStringLiteral("security code")));
        QVERIFY(!findText(d1->messages(carol), QStringLiteral("still there?")));
    }

    void theOldDevicesTokenFailsAfterARestartAndItGetsNothingNew()
    {
        auto [erin, finn, e, f1] = contacts("erin", "finn");
        QVERIFY(e && f1);
        const QString oldDir = f1->path;
        f1->close(); // offline while finn starts over

        auto f2 = logIn(finn, ChatClient::LoginMode::StartOver);
        QVERIFY(f2);
        QVERIFY(exchange(*e, finn, *f2, erin, QStringLiteral("two")));

        Profile old(oldDir);
        QVERIFY(old.open());
        QVERIFY(old.client->hasAccount());
        QSignalSpy errors(old.client.get(), &ChatClient::errorOccurred);
        old.client->start();
        QTRY_COMPARE_WITH_TIMEOUT(old.client->state(), ConnectionState::AuthFailed, 20000);
        QVERIFY(std::any_of(errors.cbegin(), errors.cend(), [](const auto &args) {
            return args.at(0).template value<ErrorCode>() == ErrorCode::DeviceRevoked;
        }));
        QVERIFY(!findText(old.messages(erin), QStringLiteral("two")));
    }

    void withoutStartOverAPasswordLoginIsStillRefused()
    {
        const QString gail = m_bed.nextName("gail");
        auto g = m_bed.account(gail);
        QVERIFY(g);
        QList<QVariant> failure;
        QVERIFY(!logIn(gail, ChatClient::LoginMode::AddDevice, kPassword, &failure));
        QCOMPARE(failure.size(), 2);
        QCOMPARE(failure.at(0).value<ErrorCode>(), ErrorCode::LinkRequired);
        // After a start over too: the new device made a new account key.
        auto g2 = logIn(gail, ChatClient::LoginMode::StartOver);
        QVERIFY(g2);
        failure.clear();
        QVERIFY(!logIn(gail, ChatClient::LoginMode::AddDevice, kPassword, &failure));
        QCOMPARE(failure.value(0).value<ErrorCode>(), ErrorCode::LinkRequired);
    }

    void aWrongPasswordThatWouldStartOverIsRefusedAndRemovesNothing()
    {
        auto [ines, hugo, i, h] = contacts("ines", "hugo");
        QVERIFY(h && i);
        const QString number = i->client->safetyNumber(hugo);
        QList<QVariant> failure;
        QVERIFY(!logIn(hugo, ChatClient::LoginMode::StartOver, QStringLiteral("wrong horse"),
                       &failure));
        QCOMPARE(failure.value(0).value<ErrorCode>(), ErrorCode::BadCredentials);
        // Hugo's device is still his account's, and nothing changed for his contacts.
        QSignalSpy changed(i->client.get(), &ChatClient::identityChanged);
        QVERIFY(exchange(*i, hugo, *h, ines, QStringLiteral("second")));
        QCOMPARE(h->client->state(), ConnectionState::Online);
        QCOMPARE(i->client->safetyNumber(hugo), number);
        QVERIFY(changed.isEmpty());
    }

    void cleanupTestCase() { QCOMPARE(m_bed.server().stop(), 0); }
};

QTEST_GUILESS_MAIN(TestStartOver)
#include "tst_start_over.moc"
