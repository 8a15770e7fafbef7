// SPDX-License-Identifier: GPL-3.0-or-later
// The addresses the setup wizard gives to others for a server hosted on this
// computer: never 127.0.0.1 for a server on all interfaces, IPv4 first, and none
// (so the wizard can say so) when this computer has no network.
#include "host/LanAddresses.h"
#include "TestBase.h"

#include <QtTest>

using namespace linnet::client;

namespace {
const QUrl kOwn(QStringLiteral("ws://127.0.0.1:7480/v1/ws"));

NetworkInterfaceInfo iface(const QString &name, QStringList addresses, bool up = true,
                           bool running = true, bool loopback = false)
{
    NetworkInterfaceInfo i;
    i.name = name;
    i.up = up;
    i.running = running;
    i.loopback = loopback;
    for (const QString &a : addresses)
        i.addresses << QHostAddress(a);
    return i;
}

QStringList hosts(const QList<QUrl> &urls)
{
    QStringList out;
    for (const QUrl &u : urls)
        out << u.toString();
    return out;
}
} // namespace

class TestLanAddresses : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void aServerOnAllInterfacesIsSharedByEachLanAddressIpv4First()
    {
        const QList<NetworkInterfaceInfo> interfaces{
            iface(QStringLiteral("lo"), {QStringLiteral("127.0.0.1"), QStringLiteral("::1")}, true,
                  true, true),
            iface(QStringLiteral("wlan0"),
                  {QStringLiteral("fe80::1"), QStringLiteral("192.168.1.20")}),
            iface(QStringLiteral("eth0"), {QStringLiteral("10.0.0.5")}),
        };
        QCOMPARE(
            hosts(LanAddresses::shareableUrls(kOwn, QStringLiteral("0.0.0.0:7480"), interfaces)),
            (QStringList{QStringLiteral("ws://192.168.1.20:7480/v1/ws"),
                         QStringLiteral("ws://10.0.0.5:7480/v1/ws")}));
    }

    void interfacesThatAreDownOrNotRunningAreLeftOut()
    {
        const QList<NetworkInterfaceInfo> interfaces{
            iface(QStringLiteral("eth0"), {QStringLiteral("10.0.0.5")}, false, false),
            iface(QStringLiteral("eth1"), {QStringLiteral("10.0.0.6")}, true, false),
            iface(QStringLiteral("wlan0"), {QStringLiteral("192.168.1.20")}),
        };
        QCOMPARE(
            hosts(LanAddresses::shareableUrls(kOwn, QStringLiteral("0.0.0.0:7480"), interfaces)),
            QStringList{QStringLiteral("ws://192.168.1.20:7480/v1/ws")});
    }

    void noNetworkMeansNoAddressToShare()
    {
        const QList<NetworkInterfaceInfo> interfaces{
            iface(QStringLiteral("lo"), {QStringLiteral("127.0.0.1")}, true, true, true)};
        QVERIFY(LanAddresses::shareableUrls(kOwn, QStringLiteral("0.0.0.0:7480"), interfaces)
                    .isEmpty());
        QVERIFY(LanAddresses::shareableUrls(kOwn, QStringLiteral("0.0.0.0:7480"), {}).isEmpty());
    }

    void aServerOnLoopbackOnlyHasNothingToShare()
    {
        const QList<NetworkInterfaceInfo> interfaces{
            iface(QStringLiteral("wlan0"), {QStringLiteral("192.168.1.20")})};
        QVERIFY(LanAddresses::shareableUrls(kOwn, QStringLiteral("127.0.0.1:7480"), interfaces)
                    .isEmpty());
    }

    void aServerBoundToOneAddressIsSharedByThatAddress()
    {
        const QList<NetworkInterfaceInfo> interfaces{iface(
            QStringLiteral("wlan0"), {QStringLiteral("192.168.1.20"), QStringLiteral("10.1.1.1")})};
        QCOMPARE(hosts(LanAddresses::shareableUrls(QUrl(QStringLiteral("ws://10.1.1.1:9000/v1/ws")),
                                                   QStringLiteral("10.1.1.1:9000"), interfaces)),
                 QStringList{QStringLiteral("ws://10.1.1.1:9000/v1/ws")});
    }

    void aServerOnAllIpv6InterfacesAlsoSharesGlobalIpv6()
    {
        const QList<NetworkInterfaceInfo> interfaces{
            iface(QStringLiteral("eth0"), {QStringLiteral("2001:db8::5"), QStringLiteral("fe80::5"),
                                           QStringLiteral("10.0.0.5")})};
        QCOMPARE(hosts(LanAddresses::shareableUrls(kOwn, QStringLiteral("[::]:7480"), interfaces)),
                 (QStringList{QStringLiteral("ws://10.0.0.5:7480/v1/ws"),
                              QStringLiteral("ws://[2001:db8::5]:7480/v1/ws")}));
    }

    void theSystemsInterfacesAreRead()
    {
        // Whatever this machine has: at least a loopback interface, never shared.
        const auto interfaces = LanAddresses::systemInterfaces();
        for (const QUrl &url :
             LanAddresses::shareableUrls(kOwn, QStringLiteral("0.0.0.0:7480"), interfaces))
            QVERIFY(!QHostAddress(url.host()).isLoopback());
    }
};

QTEST_GUILESS_MAIN(TestLanAddresses)
#include "tst_lanaddresses.moc"
