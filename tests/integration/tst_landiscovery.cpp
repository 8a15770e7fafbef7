// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanTestSupport.h"
#include "TestBase.h"
#include "crypto/Keys.h"
#include "lan/LanActivation.h"
#include "lan/LanAnnouncement.h"
#include "lan/LanDiscovery.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QUdpSocket>
#include <QtTest>

#include <memory>

using namespace linnet;
using client::LanActivation;
using client::LanDiscovery;
using lan::AnnouncementError;
using lan::LanDevice;

namespace {

using Device = test::LanTestDevice;

/** A UDP port nobody uses now. */
quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::AnyIPv4, 0, QUdpSocket::DontShareAddress);
    return probe.localPort();
}

/**
 * Sends @p datagram to the IPv4 group on loopback, so that every socket joined to it gets
 * it (a unicast datagram reaches only one of the sockets sharing a port).
 */
void sendToGroup(const QByteArray &datagram, quint16 port)
{
    QUdpSocket attacker;
    attacker.bind(QHostAddress::AnyIPv4, 0);
    attacker.setMulticastInterface(QNetworkInterface::interfaceFromName(QStringLiteral("lo")));
    attacker.writeDatagram(datagram, LanDiscovery::ipv4Group(), port);
}

/** Records every datagram sent to the IPv4 group on the loopback interface. */
class Listener {
public:
    explicit Listener(quint16 port)
    {
        socket.bind(QHostAddress::AnyIPv4, port,
                    QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint);
        socket.joinMulticastGroup(LanDiscovery::ipv4Group(),
                                  QNetworkInterface::interfaceFromName(QStringLiteral("lo")));
        QObject::connect(&socket, &QUdpSocket::readyRead, [this] {
            while (socket.hasPendingDatagrams())
                received.append(socket.receiveDatagram().data());
        });
    }
    QUdpSocket socket;
    QList<QByteArray> received;
};

} // namespace

/**
 * LAN discovery (docs/protocol.md 12.1, 12.2) with real UDP sockets. It runs on the
 * LOOPBACK interface: IPv4 multicast to 239.255.76.78 with IP_MULTICAST_LOOP, and
 * broadcast to 127.255.255.255; lo has no IPv6 multicast, so that path is left out here.
 */
class TestLanDiscovery : public QObject {
    Q_OBJECT

    quint16 m_port = 0;
    Device ana{"ana", 11};
    Device ben{"ben", 21};
    Device carl{"carl", 31};

    LanDiscovery::Options loopback(int intervalMs = 200) const
    {
        LanDiscovery::Options o;
        o.port = m_port;
        o.intervalMs = intervalMs;
        o.interfaces = {QStringLiteral("lo")};
        o.ipv6 = false;
        o.extraBroadcastAddresses = {QHostAddress(QStringLiteral("127.255.255.255"))};
        return o;
    }

    std::unique_ptr<LanDiscovery> discovery(const Device &self, const QList<LanDevice> &known,
                                            LanDiscovery::Options options)
    {
        auto d = std::make_unique<LanDiscovery>(self.keys, self.device, options);
        d->setKnownDevices(known);
        return d;
    }

    /** True once @p spy recorded peerHeard of @p device with @p port. */
    static bool heard(const QSignalSpy &spy, const LanDevice &device, quint16 port)
    {
        for (const auto &args : spy) {
            if (args.at(0).value<LanDevice>() == device && args.at(2).value<quint16>() == port &&
                args.at(1).value<QHostAddress>().isLoopback())
                return true;
        }
        return false;
    }

    /** ana starts, then ben: each hears the other's listener port. */
    void bothHearEachOther(const LanDiscovery::Options &options)
    {
        auto a = discovery(ana, {ben.device}, options);
        auto b = discovery(ben, {ana.device}, options);
        QSignalSpy aHeard(a.get(), &LanDiscovery::peerHeard);
        QSignalSpy bHeard(b.get(), &LanDiscovery::peerHeard);
        QVERIFY(a->start(40001));
        QVERIFY(b->start(40002));
        QTRY_VERIFY(heard(aHeard, ben.device, 40002));
        QTRY_VERIFY(heard(bHeard, ana.device, 40001));
    }

    static bool rejected(const QSignalSpy &spy, AnnouncementError error)
    {
        for (const auto &args : spy) {
            if (args.at(0).value<AnnouncementError>() == error)
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::initTestEnvironment();
        qRegisterMetaType<LanDevice>();
        qRegisterMetaType<AnnouncementError>();
        qInfo("LAN discovery is tested on LOOPBACK (interface lo): IPv4 multicast with "
              "IP_MULTICAST_LOOP and broadcast to 127.255.255.255; no IPv6 multicast on lo");
    }

    void init() { m_port = freeUdpPort(); }

    void twoDevicesThatKnowEachOtherHearEachOthersListenerPort() { bothHearEachOther(loopback()); }

    void eachPathAloneFindsThePeer_data()
    {
        QTest::addColumn<bool>("multicast");
        QTest::addColumn<bool>("broadcast");
        QTest::newRow("multicast only") << true << false;
        QTest::newRow("broadcast only") << false << true;
    }

    void eachPathAloneFindsThePeer()
    {
        QFETCH(bool, multicast);
        QFETCH(bool, broadcast);
        auto options = loopback();
        options.multicast = multicast;
        options.broadcast = broadcast;
        auto a = discovery(ana, {ben.device}, options);
        auto b = discovery(ben, {ana.device}, options);
        QSignalSpy bHeard(b.get(), &LanDiscovery::peerHeard);
        QVERIFY(b->start(40002));
        QVERIFY(a->start(40001));
        QTRY_VERIFY(heard(bHeard, ana.device, 40001));
    }

    void aDeviceThatStartsLaterIsAnsweredAtOnce()
    {
        // An interval far longer than the test: only the first announcement and the answer
        // to it can be heard.
        bothHearEachOther(loopback(600'000));
    }

    void anUnknownDeviceIsIgnoredAndLogged()
    {
        auto a = discovery(ana, {ben.device}, loopback());
        auto c = discovery(carl, {ana.device}, loopback());
        QSignalSpy aHeard(a.get(), &LanDiscovery::peerHeard);
        QSignalSpy aRejected(a.get(), &LanDiscovery::announcementRejected);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral(
                                            "^ignored announcement from .* - unknown device$")));
        QVERIFY(a->start(40001));
        QVERIFY(c->start(40003));
        QTRY_VERIFY(rejected(aRejected, AnnouncementError::UnknownDevice));
        QVERIFY(aHeard.isEmpty());
    }

    void aForgedAnnouncementIsRefusedAndLogged()
    {
        auto b = discovery(ben, {ana.device}, loopback());
        QSignalSpy bHeard(b.get(), &LanDiscovery::peerHeard);
        QSignalSpy bRejected(b.get(), &LanDiscovery::announcementRejected);
        QVERIFY(b->start(40002));
        // carl computes ana's tag (her public key is no secret) and signs with his own key.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        lan::Announcement forged{now, 40666, lan::announcementTag(ana.device.identity, now), {}};
        forged.signature = carl.keys.sign(lan::announcementStatement(ana.device, now, 40666));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "^refused announcement from .* - bad signature")));
        sendToGroup(lan::encodeAnnouncement(forged), m_port);
        QTRY_VERIFY(rejected(bRejected, AnnouncementError::BadSignature));
        QVERIFY(bHeard.isEmpty());
    }

    void aReplayedAnnouncementIsRefusedAndLogged()
    {
        Listener recorder(m_port);
        auto a = discovery(ana, {}, loopback());
        auto b = discovery(ben, {ana.device}, loopback());
        QSignalSpy bHeard(b.get(), &LanDiscovery::peerHeard);
        QSignalSpy bRejected(b.get(), &LanDiscovery::announcementRejected);
        QVERIFY(b->start(40002));
        QVERIFY(a->start(40001));
        QTRY_VERIFY(bHeard.size() >= 2); // a later announcement was taken
        QByteArray first;                // ana's first (the recorder hears ben's too)
        for (const QByteArray &d : std::as_const(recorder.received)) {
            const auto got = lan::decodeAnnouncement(d);
            if (got && got.value().tag ==
                           lan::announcementTag(ana.device.identity, got.value().timestamp)) {
                first = d;
                break;
            }
        }
        QVERIFY(!first.isEmpty());
        a->stop();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "^refused announcement from .* - replayed")));
        sendToGroup(first, m_port);
        QTRY_VERIFY(rejected(bRejected, AnnouncementError::Replayed));
    }

    void aFloodFromOneAddressIsDroppedUndecodedAndOthersAreStillHeard()
    {
        // 20 a second, bursts of 20: room for ana's own and ben's announcements (both from
        // 127.0.0.1, about 8 a second at this interval), far less than the flood.
        LanDiscovery::Options options = loopback(500);
        options.rate = {20.0, 20.0, 1024};
        auto a = discovery(ana, {ben.device}, options);
        auto b = discovery(ben, {ana.device}, loopback(500));
        QSignalSpy aHeard(a.get(), &LanDiscovery::peerHeard);
        QSignalSpy aRejected(a.get(), &LanDiscovery::announcementRejected);
        QVERIFY(a->start(40001));
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("^too many datagrams from 127.0.0.2")));
        QUdpSocket flooder;
        QVERIFY(flooder.bind(QHostAddress(QStringLiteral("127.0.0.2")), 0));
        flooder.setMulticastInterface(QNetworkInterface::interfaceFromName(QStringLiteral("lo")));
        const QByteArray junk(100, 'x');
        for (int i = 0; i < 200; ++i)
            flooder.writeDatagram(junk, LanDiscovery::ipv4Group(), m_port);
        const auto from127002 = [&aRejected](AnnouncementError error) {
            int n = 0;
            for (const auto &args : aRejected)
                if (args.at(0).value<AnnouncementError>() == error &&
                    args.at(2).value<QHostAddress>() == QHostAddress(QStringLiteral("127.0.0.2")))
                    ++n;
            return n;
        };
        QTRY_COMPARE(from127002(AnnouncementError::Malformed) +
                         from127002(AnnouncementError::RateLimited),
                     200);
        // The burst was decoded (and refused as malformed); the rest was not even looked at.
        QVERIFY2(from127002(AnnouncementError::Malformed) <= 25,
                 qPrintable(QString::number(from127002(AnnouncementError::Malformed))));
        QVERIFY(from127002(AnnouncementError::RateLimited) >= 175);
        int honestLimited = 0; // ana's own and ben's announcements stay within the limit
        for (const auto &args : aRejected)
            honestLimited +=
                args.at(0).value<AnnouncementError>() == AnnouncementError::RateLimited &&
                args.at(2).value<QHostAddress>() != QHostAddress(QStringLiteral("127.0.0.2"));
        QCOMPARE(honestLimited, 0);
        // ben, at another address, is heard all the same.
        QVERIFY(b->start(40002));
        QTRY_VERIFY(heard(aHeard, ben.device, 40002));
    }

    void aStoppedDiscoveryHoldsNoSocketAndSendsNothing()
    {
        Listener recorder(m_port);
        auto a = discovery(ana, {ben.device}, loopback(100));
        QVERIFY(a->start(40001));
        QVERIFY(a->isActive());
        QTRY_VERIFY(!recorder.received.isEmpty());
        a->stop();
        QVERIFY(!a->isActive());
        recorder.socket.close();
        // Nobody else holds the port once discovery's sockets are gone.
        QTRY_VERIFY([this] {
            QUdpSocket probe;
            return probe.bind(QHostAddress::AnyIPv4, m_port, QUdpSocket::DontShareAddress);
        }());
        Listener after(m_port);
        QTest::qWait(500); // five intervals of silence
        QVERIFY(after.received.isEmpty());
    }

    void theIntervalIsJitteredAroundItsMean()
    {
        QRandomGenerator random(42);
        int low = INT_MAX;
        int high = 0;
        for (int i = 0; i < 1000; ++i) {
            const int d = LanDiscovery::jitteredDelayMs(2000, random);
            QVERIFY(d >= 1000 && d <= 3000);
            low = std::min(low, d);
            high = std::max(high, d);
        }
        QVERIFY(low < 1100);
        QVERIFY(high > 2900);
    }

    void fallbackIsActiveOnlyWhileTheServerIsUnreachable()
    {
        LanActivation activation;
        QVERIFY(!activation.active()); // starting: not known to be unreachable
        activation.attemptFailed();
        QVERIFY(activation.active()); // never reachable since start
        activation.connectionUp();
        QVERIFY(!activation.active());
        activation.connectionLost();
        QVERIFY(!activation.active()); // just dropped: the first reconnect decides
        activation.attemptFailed();
        QVERIFY(activation.active());
        activation.connectionUp();
        activation.attemptFailed(); // a stray failure while up changes nothing
        QVERIFY(!activation.active());
    }

    void fallbackTurnedOffNeverRuns()
    {
        LanActivation activation;
        activation.setEnabled(false);
        activation.attemptFailed();
        QVERIFY(!activation.active());
        activation.setEnabled(true);
        QVERIFY(activation.active());
    }
};

QTEST_GUILESS_MAIN(TestLanDiscovery)
#include "tst_landiscovery.moc"
