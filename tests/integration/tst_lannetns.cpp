// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanTestSupport.h"
#include "TestBase.h"
#include "lan/LanDiscovery.h"
#include "lan/LanLink.h"
#include "lan/LanPeerServer.h"

#include <QMutex>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <memory>

using namespace linnet;
using client::LanDiscovery;
using client::LanLink;
using client::LanPeerServer;
using client::LanTrust;
using lan::LanDevice;
using Device = test::LanTestDevice;

namespace {

constexpr int kHandshakeMs = 2000;

bool ip(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("ip"), args);
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("ip %s: %s", qPrintable(args.join(QLatin1Char(' '))),
                 p.readAllStandardError().constData());
        return false;
    }
    return true;
}

/**
 * One device in its own network namespace: a thread that enters the namespace, then runs
 * a peer-link listener and discovery there, and dials the first known device it hears.
 * What happens is recorded for the test's thread to read.
 */
class NamespacedDevice : public QThread {
public:
    NamespacedDevice(QString ns, const Device &self, QList<LanDevice> known,
                     LanDiscovery::Options options)
        : m_ns(std::move(ns)), m_self(self.device), m_keys(self.keys), m_known(std::move(known)),
          m_options(std::move(options))
    {
    }
    ~NamespacedDevice() override
    {
        quit();
        wait();
    }

    QList<QHostAddress> heardFrom() const
    {
        QMutexLocker lock(&m_mutex);
        return m_heardFrom;
    }
    bool linked() const
    {
        QMutexLocker lock(&m_mutex);
        return m_linked;
    }
    bool entered() const
    {
        QMutexLocker lock(&m_mutex);
        return m_entered;
    }

protected:
    void run() override
    {
        const int fd = ::open(qPrintable(QStringLiteral("/var/run/netns/") + m_ns), O_RDONLY);
        const bool in = fd >= 0 && ::setns(fd, CLONE_NEWNET) == 0;
        if (fd >= 0)
            ::close(fd);
        if (!in)
            return;
        auto trust = std::make_shared<LanTrust>();
        trust->identity = m_keys;
        trust->self = m_self;
        trust->knownDevice = [this](const QString &account, qint64 device) {
            for (const LanDevice &d : m_known)
                if (d.account == account && d.device == device)
                    return std::optional<LanDevice>(d);
            return std::optional<LanDevice>();
        };
        trust->isMember = [](qint64) { return false; };
        LanPeerServer server(trust, kHandshakeMs);
        QObject::connect(&server, &LanPeerServer::linkUp, &server, [this] { setLinked(); });
        if (!server.listen())
            return;
        LanDiscovery discovery(m_keys, m_self, m_options);
        discovery.setKnownDevices(m_known);
        LanLink *dialled = nullptr;
        QObject::connect(&discovery, &LanDiscovery::peerHeard, &server,
                         [&](const LanDevice &device, const QHostAddress &address, quint16 port) {
                             {
                                 QMutexLocker lock(&m_mutex);
                                 m_heardFrom.append(address);
                             }
                             if (dialled || !(m_self.identity < device.identity))
                                 return; // the lower key dials (protocol.md 12.3)
                             dialled = new LanLink(LanLink::urlFor(address, port), device, trust,
                                                   kHandshakeMs, &server);
                             qInfo("%s dials %s", qPrintable(m_self.account),
                                   qPrintable(LanLink::urlFor(address, port).toString()));
                             QObject::connect(dialled, &LanLink::up, &server,
                                              [this] { setLinked(); });
                             // Dials again at the next announcement, as LanFallback does.
                             QObject::connect(dialled, &LanLink::closed, &server,
                                              [&dialled](const QString &why) {
                                                  qInfo("dial closed: %s", qPrintable(why));
                                                  dialled = nullptr;
                                              });
                         });
        {
            QMutexLocker lock(&m_mutex);
            m_entered = true;
        }
        discovery.start(server.port());
        exec();
    }

private:
    void setLinked()
    {
        QMutexLocker lock(&m_mutex);
        m_linked = true;
    }

    QString m_ns;
    LanDevice m_self;
    crypto::IdentityKeyPair m_keys;
    QList<LanDevice> m_known;
    LanDiscovery::Options m_options;
    mutable QMutex m_mutex;
    QList<QHostAddress> m_heardFrom;
    bool m_linked = false;
    bool m_entered = false;
};

} // namespace

/**
 * LAN fallback between two network namespaces joined by a veth pair, the realistic
 * set-up (docs/protocol.md 12): each path alone finds the peer on a real link, and a peer
 * link comes up to the address it was heard from, IPv6 link-local included. Needs root;
 * without it the test says so and skips (tst_landiscovery covers loopback).
 */
class TestLanNetns : public QObject {
    Q_OBJECT

    QString m_a;
    QString m_b;
    bool m_ready = false;
    Device ana{"ana", 11};
    Device ben{"ben", 21};

    bool setUpPair()
    {
        const QString tag = QString::number(QCoreApplication::applicationPid() % 100000);
        m_a = QStringLiteral("linnet-a-") + tag;
        m_b = QStringLiteral("linnet-b-") + tag;
        const QString va = QStringLiteral("lva") + tag;
        const QString vb = QStringLiteral("lvb") + tag;
        if (!ip({QStringLiteral("netns"), QStringLiteral("add"), m_a}) ||
            !ip({QStringLiteral("netns"), QStringLiteral("add"), m_b}))
            return false;
        m_ready = true; // from here on, cleanupTestCase removes them
        if (!ip({QStringLiteral("link"), QStringLiteral("add"), va, QStringLiteral("type"),
                 QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), vb}) ||
            !ip({QStringLiteral("link"), QStringLiteral("set"), va, QStringLiteral("netns"),
                 m_a}) ||
            !ip({QStringLiteral("link"), QStringLiteral("set"), vb, QStringLiteral("netns"), m_b}))
            return false;
        const QList<std::tuple<QString, QString, QString>> sides{
            {m_a, va, QStringLiteral("10.77.0.1/24")}, {m_b, vb, QStringLiteral("10.77.0.2/24")}};
        for (const auto &[ns, dev, address] : sides) {
            // No duplicate address detection: the link-local address is usable at once.
            if (!ip({QStringLiteral("netns"), QStringLiteral("exec"), ns, QStringLiteral("sysctl"),
                     QStringLiteral("-qw"), QStringLiteral("net.ipv6.conf.all.accept_dad=0"),
                     QStringLiteral("net.ipv6.conf.default.accept_dad=0")}) ||
                !ip({QStringLiteral("-n"), ns, QStringLiteral("addr"), QStringLiteral("add"),
                     address, QStringLiteral("brd"), QStringLiteral("+"), QStringLiteral("dev"),
                     dev}) ||
                !ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), dev,
                     QStringLiteral("up")}))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::initTestEnvironment();
        qRegisterMetaType<LanDevice>();
        if (::geteuid() != 0)
            QSKIP("not root: no network namespaces here; LAN discovery and links are tested "
                  "on loopback instead (tst_landiscovery, tst_lanlink, tst_lanfallback)");
        if (!setUpPair())
            QSKIP("could not set up two network namespaces with a veth pair; LAN discovery "
                  "and links are tested on loopback instead (tst_landiscovery, tst_lanlink)");
        qInfo("LAN fallback over a VETH PAIR between two network namespaces (10.77.0.1 and "
              "10.77.0.2, IPv6 link-local), not loopback");
    }

    void cleanupTestCase()
    {
        if (m_ready) {
            ip({QStringLiteral("netns"), QStringLiteral("del"), m_a});
            ip({QStringLiteral("netns"), QStringLiteral("del"), m_b});
        }
    }

    void eachPathFindsThePeerAndALinkComesUpToWhereItWasHeard_data()
    {
        QTest::addColumn<bool>("ipv4");
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<bool>("broadcast");
        QTest::addColumn<QString>("from");
        QTest::newRow("IPv4 multicast") << true << false << false << QStringLiteral("10.77.0.");
        QTest::newRow("IPv6 link-local multicast")
            << false << true << false << QStringLiteral("fe80:");
        QTest::newRow("IPv4 broadcast") << false << false << true << QStringLiteral("10.77.0.");
    }

    void eachPathFindsThePeerAndALinkComesUpToWhereItWasHeard()
    {
        QFETCH(bool, ipv4);
        QFETCH(bool, ipv6);
        QFETCH(bool, broadcast);
        QFETCH(QString, from);
        LanDiscovery::Options options;
        options.intervalMs = 300;
        options.multicast = ipv4 || ipv6;
        options.ipv4 = ipv4;
        options.ipv6 = ipv6;
        options.broadcast = broadcast;
        NamespacedDevice a(m_a, ana, {ben.device}, options);
        NamespacedDevice b(m_b, ben, {ana.device}, options);
        a.start();
        b.start();
        QTRY_VERIFY(a.entered() && b.entered());
        auto heardOnlyFrom = [&from](const NamespacedDevice &d) {
            const auto addresses = d.heardFrom();
            return !addresses.isEmpty() &&
                   std::all_of(addresses.cbegin(), addresses.cend(), [&](const QHostAddress &x) {
                       return x.toString().startsWith(from);
                   });
        };
        QTRY_VERIFY(heardOnlyFrom(a));
        QTRY_VERIFY(heardOnlyFrom(b));
        // A first SYN on a fresh link may go unanswered: the link then times out and is
        // dialled again at the next announcement.
        QTRY_VERIFY_WITH_TIMEOUT(a.linked() && b.linked(), 30000);
    }
};

QTEST_GUILESS_MAIN(TestLanNetns)
#include "tst_lannetns.moc"
