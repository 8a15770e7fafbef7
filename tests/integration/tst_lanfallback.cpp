// SPDX-License-Identifier: GPL-3.0-or-later
// LAN fallback end to end (docs/protocol.md 12): real ChatClient engines on a real server
// that goes away; the engines find each other on the loopback interface, deliver their
// queued one-to-one messages over a peer link with the same ids and sessions, and when
// the server is back every message is there once, in the server's order, on every device.
#include "ChatClient.h"
#include "GroupClientTestSupport.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "e2e/MemorySecretStore.h"
#include "store/LocalStore.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <memory>

using namespace linnet::client;
using namespace linnet::protocol;
using namespace linnet::test;

namespace {

constexpr int kTimeout = 30000;

/** One installation: database, in-memory secrets, engine (LAN fallback on loopback). */
using Device = linnet::test::groups::Member;

/** The order a device shows a conversation in, with each message's seq. */
QStringList shown(const Device &d, const QString &key)
{
    return linnet::test::groups::order(d.messages(key));
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::AnyIPv4, 0, QUdpSocket::DontShareAddress);
    return probe.localPort();
}

} // namespace

class TestLanFallback : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    quint16 m_lanPort = 0;
    int m_counter = 0;

    ChatClient::Options options() const
    {
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 300;
        o.lan.enabled = true;
        o.lan.discovery.port = m_lanPort;
        o.lan.discovery.intervalMs = 300;
        o.lan.discovery.interfaces = {QStringLiteral("lo")};
        o.lan.discovery.ipv6 = false;
        o.lan.discovery.extraBroadcastAddresses = {QHostAddress(QStringLiteral("127.255.255.255"))};
        o.lan.dialDelayMs = 500;
        return o;
    }

    std::unique_ptr<Device> device(const QString &name)
    {
        auto d = std::make_unique<Device>();
        d->name = name;
        const QString dir = m_root.filePath(name + QString::number(++m_counter));
        QDir().mkpath(dir);
        d->store = std::make_unique<LocalStore>(dir + QStringLiteral("/linnet.db"));
        if (!d->store->open())
            return nullptr;
        d->client = std::make_unique<ChatClient>(*d->store, d->secrets, options());
        return d;
    }

    /** A new account (or, with @p approvedBy, a new device of its account), online with its
     *  keys up. */
    std::unique_ptr<Device> online(const QString &prefix, Device *approvedBy = nullptr)
    {
        // Accounts are new in each test (a login names the account as it is).
        const bool login = approvedBy != nullptr;
        const QString name = login ? prefix : prefix + QString::number(++m_counter);
        auto d = device(name);
        if (!d || (login && !copyAccountKey(approvedBy->secrets, d->secrets)))
            return nullptr;
        QSignalSpy published(d->client.get(), &ChatClient::keysPublished);
        if (login)
            d->client->login(m_server->url(), name, QStringLiteral("correct horse"));
        else
            d->client->registerAccount(m_server->url(), name, QStringLiteral("correct horse"));
        if (!published.wait(kTimeout))
            return nullptr;
        return d;
    }

    /** A message each way through the server: sessions and device lists on both sides. */
    void introduce(Device &ana, Device &ben)
    {
        ana.client->sendText(ben.name, QStringLiteral("hello via the server"));
        QTRY_COMPARE_WITH_TIMEOUT(ben.countText(ana.name, QStringLiteral("hello via the server")),
                                  1, kTimeout);
        ben.client->sendText(ana.name, QStringLiteral("hi via the server"));
        QTRY_COMPARE_WITH_TIMEOUT(ana.countText(ben.name, QStringLiteral("hi via the server")), 1,
                                  kTimeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_lanPort = freeUdpPort();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        qInfo("LAN fallback is tested on LOOPBACK (interface lo): IPv4 multicast with "
              "IP_MULTICAST_LOOP and broadcast to 127.255.255.255; no IPv6 multicast on lo");
    }

    void cleanup() { m_server->warnOutputIfTestFailed(); }

    void queuedMessagesGoOverTheLanAndReachTheServerOnceWhenItIsBack()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        QVERIFY(ana && ben);
        // A second device of ben's that is offline for the whole outage.
        auto ben2 = online(ben->name, ben.get());
        QVERIFY(ben2);
        ben2->client->stop();

        introduce(*ana, *ben);
        QVERIFY(!ana->client->lanActive());

        m_server->kill();
        QTRY_VERIFY_WITH_TIMEOUT(ana->client->lanActive() && ben->client->lanActive(), kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ana->client->lanPeers(), QStringList{ben->name}, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->client->lanPeers(), QStringList{ana->name}, kTimeout);

        const MessageId first = ana->client->sendText(ben->name, QStringLiteral("over the lan"));
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(ana->name, QStringLiteral("over the lan")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ana->store->message(first)->state, DeliveryState::Delivered,
                                  kTimeout);
        QCOMPARE(ben->find(ana->name, QStringLiteral("over the lan"))->id, first);
        QCOMPARE(ben->find(ana->name, QStringLiteral("over the lan"))->seq, 0u);
        const MessageId reply = ben->client->sendText(ana->name, QStringLiteral("and back"));
        QTRY_COMPARE_WITH_TIMEOUT(ana->countText(ben->name, QStringLiteral("and back")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->store->message(reply)->state, DeliveryState::Delivered,
                                  kTimeout);

        QSignalSpy benAdded(ben->client.get(), &ChatClient::messageAdded);
        QSignalSpy anaAdded(ana->client.get(), &ChatClient::messageAdded);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // Back on the server: both messages get their seq everywhere, none is added again.
        QTRY_VERIFY_WITH_TIMEOUT(
            ana->store->message(first)->seq > 0 && ben->store->message(first) &&
                ben->store->message(first)->seq == ana->store->message(first)->seq,
            kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            ben->store->message(reply)->seq > 0 && ana->store->message(reply) &&
                ana->store->message(reply)->seq == ben->store->message(reply)->seq,
            kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!ana->client->lanActive() && !ben->client->lanActive(), kTimeout);
        QCOMPARE(ana->store->message(first)->state, DeliveryState::Delivered); // not back to ✓
        QVERIFY(benAdded.isEmpty());
        QVERIFY(anaAdded.isEmpty());
        QCOMPARE(ben->countText(ana->name, QStringLiteral("over the lan")), 1);
        QCOMPARE(ana->countText(ben->name, QStringLiteral("and back")), 1);
        QCOMPARE(shown(*ana, ben->name), shown(*ben, ana->name));

        // ben's device that was away the whole time gets the server's copies, once each.
        ben2->client->start();
        QTRY_COMPARE_WITH_TIMEOUT(ben2->countText(ana->name, QStringLiteral("over the lan")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben2->countText(ana->name, QStringLiteral("and back")), 1,
                                  kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(shown(*ben2, ana->name), shown(*ben, ana->name), kTimeout);
    }

    void aMessageWhoseLinkDropsBeforeItsAckGoesByTheServerAndIsShownOnce()
    {
        auto ana = online(QStringLiteral("ana"));
        auto ben = online(QStringLiteral("ben"));
        QVERIFY(ana && ben);
        introduce(*ana, *ben);

        m_server->kill();
        QTRY_COMPARE_WITH_TIMEOUT(ana->client->lanPeers(), QStringList{ben->name}, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(ben->client->lanPeers(), QStringList{ana->name}, kTimeout);
        // ben stores the message, then his side of the link goes before the lan_ack leaves.
        connect(ben->client.get(), &ChatClient::messageAdded, this,
                [&ben] { ben->client->setLanEnabled(false); });
        const MessageId id = ana->client->sendText(ben->name, QStringLiteral("cut short"));
        QTRY_COMPARE_WITH_TIMEOUT(ben->countText(ana->name, QStringLiteral("cut short")), 1,
                                  kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(ana->client->lanPeers().isEmpty(), kTimeout);
        QCOMPARE(ana->store->message(id)->state, DeliveryState::Queued); // no ack: still queued

        QSignalSpy benAdded(ben->client.get(), &ChatClient::messageAdded);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(ana->store->message(id)->seq > 0 &&
                                     ben->store->message(id)->seq == ana->store->message(id)->seq,
                                 kTimeout);
        QCOMPARE(ben->countText(ana->name, QStringLiteral("cut short")), 1);
        QVERIFY(benAdded.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLanFallback)
#include "tst_lanfallback.moc"
