// SPDX-License-Identifier: GPL-3.0-or-later
// Notices when a device is added to or removed from an account (issue 27), through the
// real server and real engines: the account's own live devices are told at once (the
// server sends them the new list), an offline one at its next connection; a peer gets a
// notice in the chat ("bob linked a new device: Laptop") when the account's approved
// devices change, and none for a first contact or a start over (that is a security code
// change of its own).
#include "E2eTestSupport.h"
#include "HostileServerSupport.h"
#include "ServerProcess.h"
#include "TestBase.h"

#include <QSignalSpy>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

class TestDeviceNotices : public QObject {
    Q_OBJECT

    EngineTestBed m_bed;

    /** A second device of @p owner's account, linked (it holds the account key). */
    std::unique_ptr<Profile> secondDevice(Profile &owner, const QString &user)
    {
        return signIn(m_bed.dir(m_bed.nextName("second")), m_bed.server().url(), user, true,
                      &owner);
    }
    /** Runs a request of @p p's device list and waits for its answer; true if it succeeded. */
    static bool deviceRequest(Profile &p, const std::function<quint32(DeviceListController &)> &r)
    {
        DeviceListController &devices = p.client->devices();
        QSignalSpy finished(&devices, &DeviceListController::requestFinished);
        QSignalSpy failed(&devices, &DeviceListController::requestFailed);
        const quint32 id = r(devices);
        return id != 0 &&
               QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 20000) &&
               failed.isEmpty();
    }
    static int noticesContaining(Profile &p, const QString &conversation, const QString &part)
    {
        int n = 0;
        for (const ChatMessage &m : p.messages(conversation))
            if (m.kind == MessageKind::Notice && m.text.contains(part))
                ++n;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_bed.start());
    }

    void theAccountsLiveDevicesAreToldAtOnceWhenADeviceIsAddedOrRemoved()
    {
        const QString ana = m_bed.nextName("ana");
        auto a1 = m_bed.account(ana);
        QVERIFY(a1);
        QSignalSpy added(a1->client.get(), &ChatClient::ownDeviceAdded);
        QSignalSpy removed(a1->client.get(), &ChatClient::ownDeviceRemoved);
        auto a2 = secondDevice(*a1, ana);
        QVERIFY(a2);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 20000);
        QCOMPARE(added.first().at(0).toLongLong(), a2->client->deviceId());
        QCOMPARE(added.first().at(1).toString(), QStringLiteral("Linnet"));
        QVERIFY(removed.isEmpty());

        // A third one sees the second removed by the first, at once.
        auto a3 = secondDevice(*a1, ana);
        QVERIFY(a3);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, 20000);
        QSignalSpy thirdRemoved(a3->client.get(), &ChatClient::ownDeviceRemoved);
        QSignalSpy thirdAdded(a3->client.get(), &ChatClient::ownDeviceAdded);
        const qint64 second = a2->client->deviceId();
        QVERIFY(deviceRequest(*a1, [&](auto &d) { return d.revoke(second); }));
        QTRY_COMPARE_WITH_TIMEOUT(thirdRemoved.size(), 1, 20000);
        QCOMPARE(thirdRemoved.first().at(0).toLongLong(), second);
        QCOMPARE(thirdRemoved.first().at(1).toString(), QStringLiteral("Linnet"));
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 20000);
        // Its own appearance was never news to the third device, nor the others to it.
        QVERIFY(thirdAdded.isEmpty());
    }

    void anOfflineDeviceIsToldAtItsNextConnection()
    {
        const QString ben = m_bed.nextName("ben");
        auto b1 = m_bed.account(ben);
        QVERIFY(b1);
        QTRY_VERIFY_WITH_TIMEOUT(!b1->client->devices().devices().isEmpty(), 20000);
        b1->client->stop();
        QTRY_COMPARE(b1->client->state(), ConnectionState::Offline);

        // The server itself adds one (written into its database, as a hostile server would).
        const qint64 ghost =
            injectDevice(QDir(m_bed.server().dataDir()).filePath(QStringLiteral("linnet.db")), ben);
        QVERIFY(ghost > 0);
        QSignalSpy added(b1->client.get(), &ChatClient::ownDeviceAdded);
        b1->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 20000);
        QCOMPARE(added.first().at(0).toLongLong(), ghost);
        QCOMPARE(added.first().at(1).toString(), QStringLiteral("ghost"));
        // Told once: the list of the next connection finds nothing new.
        QSignalSpy listed(&b1->client->devices(), &DeviceListController::listChanged);
        b1->client->abortConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty(), 20000);
        QCOMPARE(added.size(), 1);
    }

    void aPeerGetsANoticeWhenAContactLinksOrRevokesADevice()
    {
        const QString alice = m_bed.nextName("alice"), bob = m_bed.nextName("bob");
        auto a = m_bed.account(alice);
        auto b1 = m_bed.account(bob);
        QVERIFY(a && b1);
        QVERIFY(exchange(*a, bob, *b1, alice, QStringLiteral("hello")));
        QCOMPARE(noticesContaining(*a, bob, QStringLiteral("device")), 0); // first contact

        auto b2 = secondDevice(*b1, bob);
        QVERIFY(b2);
        const qint64 second = b2->client->deviceId();
        QVERIFY(deviceRequest(*b1,
                              [&](auto &d) { return d.rename(second, QStringLiteral("Laptop")); }));
        QVERIFY(exchange(*a, bob, *b2, alice, QStringLiteral("to both")));
        QTRY_COMPARE_WITH_TIMEOUT(
            noticesContaining(*a, bob, QStringLiteral("%1 linked a new device: Laptop").arg(bob)),
            1, 20000);

        QVERIFY(deviceRequest(*b1, [&](auto &d) { return d.revoke(second); }));
        QVERIFY(exchange(*a, bob, *b1, alice, QStringLiteral("to one")));
        QTRY_COMPARE_WITH_TIMEOUT(
            noticesContaining(*a, bob, QStringLiteral("%1 removed a device").arg(bob)), 1, 20000);
        // Nothing is said twice, and the safety number never changed.
        QVERIFY(exchange(*a, bob, *b1, alice, QStringLiteral("again")));
        QCOMPARE(noticesContaining(*a, bob, QStringLiteral("linked a new device")), 1);
        QCOMPARE(noticesContaining(*a, bob, QStringLiteral("removed a device")), 1);
        QVERIFY(!a->client->isHeld(bob));
    }

    void aStartOverIsASecurityCodeChangeNotADeviceNotice()
    {
        const QString carol = m_bed.nextName("carol"), dan = m_bed.nextName("dan");
        auto c = m_bed.account(carol);
        auto d1 = m_bed.account(dan);
        QVERIFY(c && d1);
        QVERIFY(exchange(*c, dan, *d1, carol, QStringLiteral("hello")));
        auto d2 = std::make_unique<Profile>(m_bed.dir(m_bed.nextName("fresh")));
        QVERIFY(d2->open());
        QSignalSpy published(d2->client.get(), &ChatClient::keysPublished);
        d2->client->login(m_bed.server().url(), dan, QStringLiteral("correct horse"), {},
                          ChatClient::LoginMode::StartOver);
        QTRY_VERIFY_WITH_TIMEOUT(!published.isEmpty(), 30000);
        QVERIFY(exchange(*c, dan, *d2, carol, QStringLiteral("after")));
        QCOMPARE(noticesContaining(*c, dan, QStringLiteral("security code")), 1);
        QCOMPARE(noticesContaining(*c, dan, QStringLiteral("device")), 0);
    }

    void cleanupTestCase() { QCOMPARE(m_bed.server().stop(), 0); }
};

QTEST_GUILESS_MAIN(TestDeviceNotices)
#include "tst_device_notices.moc"
