// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of tst_lanfallback and tst_langroups: ChatClient engines with LAN fallback on
// the loopback interface, on one real server that the tests kill and restart.
#include "AccountKeyTestSupport.h"
#include "GroupClientTestSupport.h"

#include <QUdpSocket>

namespace linnet::test::lan {

using Device = linnet::test::groups::Member;
using namespace linnet::client;
using namespace linnet::protocol;

constexpr int kTimeout = 30000;

/** The order a device shows a conversation in, with each message's seq. */
inline QStringList shown(const Device &d, const QString &key)
{
    return linnet::test::groups::order(d.messages(key));
}

inline quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::AnyIPv4, 0, QUdpSocket::DontShareAddress);
    return probe.localPort();
}

/** The server, a LAN port of the test's own, and engines that use both. */
class LanEnginesTest : public linnet::test::groups::ClientGroupsTest {
protected:
    quint16 m_lanPort = 0;

    void startServerAndLan()
    {
        startServer();
        m_lanPort = freeUdpPort();
        qInfo("LAN fallback is tested on LOOPBACK (interface lo): IPv4 multicast with "
              "IP_MULTICAST_LOOP and broadcast to 127.255.255.255; no IPv6 multicast on lo");
    }

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

    /** Kills the server; true once @p ana and @p ben have a link to each other alone. */
    bool linkedOnceTheServerIsGone(const Device &ana, const Device &ben)
    {
        m_server->kill();
        return QTest::qWaitFor(
            [&] {
                return ana.client->lanPeers() == QStringList{ben.name} &&
                       ben.client->lanPeers() == QStringList{ana.name};
            },
            kTimeout);
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
};

} // namespace linnet::test::lan
