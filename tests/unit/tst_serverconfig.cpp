// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerConfig.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::server;

class TestServerConfig : public QObject {
    Q_OBJECT
private:
    static QString writeIni(const QTemporaryDir &dir, const QByteArray &content)
    {
        const QString path = dir.filePath(QStringLiteral("linnet.ini"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

private Q_SLOTS:
    void defaults()
    {
        const ServerConfig c;
        QCOMPARE(c.registration, RegistrationPolicy::Invite);
        QCOMPARE(c.retentionDays, 30);
        QCOMPARE(c.listenAddress, QHostAddress(QHostAddress::LocalHost));
    }

    void parseListen_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("v4") << "127.0.0.1:7480" << true << "127.0.0.1" << 7480;
        QTest::newRow("v6") << "[::1]:9000" << true << "::1" << 9000;
        QTest::newRow("any") << ":8000" << true << "0.0.0.0" << 8000;
        QTest::newRow("free port") << "127.0.0.1:0" << true << "127.0.0.1" << 0;
        QTest::newRow("no port") << "127.0.0.1" << false << "" << 0;
        QTest::newRow("port too big") << "127.0.0.1:70000" << false << "" << 0;
        QTest::newRow("not an address") << "example:80" << false << "" << 0;
    }

    void parseListen()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        ServerConfig c;
        const auto r = ServerConfig::parseListen(text, c);
        QCOMPARE(bool(r), ok);
        if (!ok) {
            QVERIFY(!r.error().reason.isEmpty());
            return;
        }
        QFETCH(QString, host);
        QFETCH(int, port);
        if (host == QLatin1String("0.0.0.0"))
            QCOMPARE(c.listenAddress, QHostAddress(QHostAddress::Any));
        else
            QCOMPARE(c.listenAddress, QHostAddress(host));
        QCOMPARE(int(c.port), port);
    }

    void adminListenIsOffByDefaultAndLoopbackWhenOnlyAPortIsGiven_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("on");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("off") << "off" << true << false << "" << 0;
        QTest::newRow("empty") << "" << true << false << "" << 0;
        QTest::newRow("a port alone") << "9480" << true << true << "127.0.0.1" << 9480;
        QTest::newRow(":port") << ":9480" << true << true << "127.0.0.1" << 9480;
        QTest::newRow("an address") << "10.0.0.5:9480" << true << true << "10.0.0.5" << 9480;
        QTest::newRow("v6 loopback") << "[::1]:9480" << true << true << "::1" << 9480;
        QTest::newRow("not a port") << "metrics" << false << false << "" << 0;
        QTest::newRow("port too big") << "127.0.0.1:70000" << false << false << "" << 0;
        QTest::newRow("not an address") << "example:80" << false << false << "" << 0;
    }

    void adminListenIsOffByDefaultAndLoopbackWhenOnlyAPortIsGiven()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(bool, on);
        QVERIFY(!ServerConfig().adminListen);
        ServerConfig c;
        c.adminListen = ListenAddress{QHostAddress(QHostAddress::LocalHost), 1};
        const auto r = ServerConfig::parseAdminListen(text, c);
        QCOMPARE(bool(r), ok);
        if (!ok) {
            QVERIFY(r.error().reason.contains(QStringLiteral("admin_listen")));
            return;
        }
        QCOMPARE(c.adminListen.has_value(), on);
        if (!on)
            return;
        QFETCH(QString, host);
        QFETCH(int, port);
        QCOMPARE(c.adminListen->address, QHostAddress(host));
        QCOMPARE(int(c.adminListen->port), port);
    }

    void adminListenInTheIniFileIsOneAddress()
    {
        QTemporaryDir dir;
        auto c = ServerConfig::fromIniFile(writeIni(dir, "[server]\nadmin_listen = 9480\n"), {});
        QVERIFY2(c, c ? "" : qPrintable(c.error().reason));
        QCOMPARE(c.value().adminListen,
                 std::optional(ListenAddress{QHostAddress(QHostAddress::LocalHost), 9480}));
        QTemporaryDir other; // QSettings caches a file it read by its path
        c = ServerConfig::fromIniFile(
            writeIni(other, "[server]\nadmin_listen = 127.0.0.1:1, 127.0.0.1:2\n"), {});
        QVERIFY(!c);
        QVERIFY2(c.error().reason.contains(QStringLiteral("not a list")),
                 qPrintable(c.error().reason));
    }

    void clientUrl()
    {
        ServerConfig c;
        QCOMPARE(c.clientUrl(1234), QStringLiteral("ws://127.0.0.1:1234/v1/ws"));
        QVERIFY(ServerConfig::parseListen(QStringLiteral("[::1]:1"), c));
        QCOMPARE(c.clientUrl(1), QStringLiteral("ws://[::1]:1/v1/ws"));
    }

    void iniFile()
    {
        QTemporaryDir dir;
        const QString path = writeIni(dir, "[server]\nlisten = 127.0.0.1:9999\n"
                                           "registration = open\nretention_days = 7\n"
                                           "heartbeat_seconds = 5\ncommit_thread = off\n"
                                           "commit_gather_ms = 7\n");
        const auto c = ServerConfig::fromIniFile(path, ServerConfig{});
        QVERIFY(c);
        QCOMPARE(c.value().port, quint16(9999));
        QCOMPARE(c.value().registration, RegistrationPolicy::Open);
        QCOMPARE(c.value().retentionDays, 7);
        QCOMPARE(c.value().heartbeatSeconds, 5);
        QVERIFY(ServerConfig{}.commitThread);
        QVERIFY(!c.value().commitThread);
        QCOMPARE(c.value().commitGatherMs, 7);
        QCOMPARE(ServerConfig{}.commitGatherMs, 20);
    }

    void connectionAndPreKeyLimits()
    {
        QTemporaryDir dir;
        const auto c = ServerConfig::fromIniFile(
            writeIni(dir, "[server]\nmax_unauthenticated = 100\n"
                          "max_unauthenticated_per_address = 4\nprekey_claim_burst = 10\n"
                          "prekey_claims_per_minute = 0.5\n"),
            ServerConfig{});
        QVERIFY(c);
        QCOMPARE(c.value().maxUnauthenticated, 100);
        QCOMPARE(c.value().maxUnauthenticatedPerAddress, 4);
        QCOMPARE(c.value().preKeyClaimBurst, 10);
        QCOMPARE(c.value().preKeyClaimsPerMinute, 0.5);
        const auto zero = ServerConfig::fromIniFile(
            writeIni(dir, "[server]\nmax_unauthenticated_per_address = 0\n"), ServerConfig{});
        QVERIFY(!zero);
        QVERIFY(zero.error().reason.contains(QStringLiteral("max_unauthenticated_per_address")));

        // The sample config states the defaults of these limits.
        const QString sample = QFINDTESTDATA("../../packaging/linnet-server.ini.sample");
        QVERIFY(!sample.isEmpty());
        const auto fromSample = ServerConfig::fromIniFile(sample, ServerConfig{});
        QVERIFY(fromSample);
        const ServerConfig defaults;
        QCOMPARE(fromSample.value().maxConnections, defaults.maxConnections);
        QCOMPARE(fromSample.value().maxUnauthenticated, defaults.maxUnauthenticated);
        QCOMPARE(fromSample.value().maxUnauthenticatedPerAddress,
                 defaults.maxUnauthenticatedPerAddress);
        QCOMPARE(fromSample.value().preKeyClaimBurst, defaults.preKeyClaimBurst);
        QCOMPARE(fromSample.value().preKeyClaimsPerMinute, defaults.preKeyClaimsPerMinute);
    }

    void mediaKeysHaveTheirDocumentedDefaultsAndBounds()
    {
        const ServerConfig d;
        QCOMPARE(d.mediaMaxBytes, 2147483648LL);
        QCOMPARE(d.mediaQuotaBytes, 10737418240LL);
        QCOMPARE(d.mediaTicketSeconds, 3600);
        QCOMPARE(d.mediaTransfersPerDevice, 4);
        QCOMPARE(d.mediaStallSeconds, 30);
        QCOMPARE(d.mediaOrphanHours, 24);
        QTemporaryDir dir;
        const auto c = ServerConfig::fromIniFile(
            writeIni(dir, "[server]\nmedia_max_bytes = 1000\nmedia_quota_bytes = 5000\n"
                          "media_ticket_seconds = 60\nmedia_transfers_per_device = 2\n"
                          "media_stall_seconds = 3\nmedia_orphan_hours = 48\n"),
            ServerConfig{});
        QVERIFY(c);
        QCOMPARE(c.value().mediaMaxBytes, 1000);
        QCOMPARE(c.value().mediaQuotaBytes, 5000);
        QCOMPARE(c.value().mediaTicketSeconds, 60);
        QCOMPARE(c.value().mediaTransfersPerDevice, 2);
        QCOMPARE(c.value().mediaStallSeconds, 3);
        QCOMPARE(c.value().mediaOrphanHours, 48);
        for (const char *bad :
             {"media_max_bytes = 0", "media_quota_bytes = -1", "media_transfers_per_device = 0",
              "media_stall_seconds = 0", "media_orphan_hours = 0", "media_ticket_seconds = 0"}) {
            const auto refused = ServerConfig::fromIniFile(
                writeIni(dir, QByteArray("[server]\n") + bad + "\n"), ServerConfig{});
            QVERIFY2(!refused, bad);
            QVERIFY(refused.error().reason.contains(
                QString::fromLatin1(bad).section(QLatin1Char(' '), 0, 0)));
        }
    }

    void selfSignedTlsAndPublicUrlAreReadAndChecked()
    {
        const ServerConfig d;
        QVERIFY(!d.tlsSelfSigned);
        QVERIFY(!d.tlsEnabled());
        QVERIFY(d.publicUrl.isEmpty());
        QTemporaryDir dir;
        const auto c =
            ServerConfig::fromIniFile(writeIni(dir, "[server]\ntls_self_signed = on\npublic_url = "
                                                    "wss://chat.example.org:7480/v1/ws\n"),
                                      ServerConfig{});
        QVERIFY2(c, c ? "" : qPrintable(c.error().reason));
        QVERIFY(c.value().tlsSelfSigned);
        QVERIFY(c.value().tlsEnabled());
        QCOMPARE(c.value().clientUrl(7480), QStringLiteral("wss://127.0.0.1:7480/v1/ws"));
        QCOMPARE(c.value().publicUrl, QStringLiteral("wss://chat.example.org:7480/v1/ws"));
        for (const char *bad : {"tls_self_signed = maybe", "public_url = https://chat.example.org",
                                "public_url = chat.example.org:7480"}) {
            const auto refused = ServerConfig::fromIniFile(
                writeIni(dir, QByteArray("[server]\n") + bad + "\n"), ServerConfig{});
            QVERIFY2(!refused, bad);
            QVERIFY2(refused.error().reason.contains(
                         QString::fromLatin1(bad).section(QLatin1Char(' '), 0, 0)),
                     qPrintable(refused.error().reason));
        }
    }

    void theSampleConfigSetsTheDefaults()
    {
        // packaging/linnet-server.ini.sample shows an admin what they get without a
        // config: every value it sets must be the code's default (issue 23.11).
        const auto sample =
            ServerConfig::fromIniFile(QStringLiteral(LINNET_SAMPLE_CONFIG), ServerConfig{});
        QVERIFY2(sample, sample ? "" : qPrintable(sample.error().reason));
        const ServerConfig &s = sample.value();
        const ServerConfig d;
        QCOMPARE(s.listenAddress, d.listenAddress);
        QCOMPARE(s.port, d.port);
        QCOMPARE(s.dataDir, d.dataDir);
        QCOMPARE(s.registration, d.registration);
        QCOMPARE(s.retentionDays, d.retentionDays);
        QCOMPARE(s.heartbeatSeconds, d.heartbeatSeconds);
        QCOMPARE(s.authTimeoutSeconds, d.authTimeoutSeconds);
        QCOMPARE(s.maxConnections, d.maxConnections);
        QCOMPARE(s.messagesPerSecond, d.messagesPerSecond);
        QCOMPARE(s.messageBurst, d.messageBurst);
        QCOMPARE(s.authFailuresPerMinute, d.authFailuresPerMinute);
        QCOMPARE(s.registrationsPerMinute, d.registrationsPerMinute);
        QCOMPARE(s.adminPollSeconds, d.adminPollSeconds);
        QCOMPARE(s.drainWindow, d.drainWindow);
        QCOMPARE(s.maxGroupMembers, d.maxGroupMembers);
        QCOMPARE(s.commitThread, d.commitThread);
        QCOMPARE(s.commitGatherMs, d.commitGatherMs);
        QCOMPARE(s.tlsCertFile, d.tlsCertFile);
        QCOMPARE(s.tlsKeyFile, d.tlsKeyFile);
        QCOMPARE(s.mediaMaxBytes, d.mediaMaxBytes);
        QCOMPARE(s.mediaQuotaBytes, d.mediaQuotaBytes);
        QCOMPARE(s.mediaTicketSeconds, d.mediaTicketSeconds);
        QCOMPARE(s.mediaTransfersPerDevice, d.mediaTransfersPerDevice);
        QCOMPARE(s.mediaStallSeconds, d.mediaStallSeconds);
        QCOMPARE(s.mediaOrphanHours, d.mediaOrphanHours);
        // A field added later is compared too, even if the lines above miss it.
        QVERIFY(s == d);
    }

    void iniFileErrorsAreSpecific()
    {
        QTemporaryDir dir;
        auto bad = ServerConfig::fromIniFile(writeIni(dir, "[server]\nregistration = maybe\n"),
                                             ServerConfig{});
        QVERIFY(!bad);
        QVERIFY(bad.error().reason.contains(QStringLiteral("registration")));
        bad = ServerConfig::fromIniFile(writeIni(dir, "[server]\nretention_days = -3\n"),
                                        ServerConfig{});
        QVERIFY(!bad);
        QVERIFY(bad.error().reason.contains(QStringLiteral("retention_days")));
        bad = ServerConfig::fromIniFile(writeIni(dir, "[server]\ncommit_thread = sometimes\n"),
                                        ServerConfig{});
        QVERIFY(!bad);
        QVERIFY(bad.error().reason.contains(QStringLiteral("commit_thread must be on or off")));
        bad = ServerConfig::fromIniFile(writeIni(dir, "[server]\ncommit_gather_ms = 5000\n"),
                                        ServerConfig{});
        QVERIFY(!bad);
        QVERIFY(bad.error().reason.contains(QStringLiteral("commit_gather_ms")));
        bad =
            ServerConfig::fromIniFile(dir.filePath(QStringLiteral("missing.ini")), ServerConfig{});
        QVERIFY(!bad);
        QVERIFY(bad.error().reason.contains(QStringLiteral("cannot read")));
    }

    void metricsTokenIsReadAndAShortOneRefused()
    {
        QTemporaryDir dir;
        const auto set = ServerConfig::fromIniFile(
            writeIni(dir, "[server]\nmetrics_token = 0123456789abcdef\n"), ServerConfig{});
        QVERIFY(set);
        QCOMPARE(set.value().metricsToken, QStringLiteral("0123456789abcdef"));
        // Empty: none, as without the key.
        const auto empty =
            ServerConfig::fromIniFile(writeIni(dir, "[server]\nmetrics_token =\n"), ServerConfig{});
        QVERIFY(empty);
        QVERIFY(empty.value().metricsToken.isEmpty());
        const auto tooShort = ServerConfig::fromIniFile(
            writeIni(dir, "[server]\nmetrics_token = 0123456789abcde\n"), ServerConfig{});
        QVERIFY(!tooShort);
        QVERIFY(tooShort.error().reason.contains(QStringLiteral("at least 16 characters")));
    }

    void logLevelIsReadAndAnUnknownOneRefused()
    {
        QTemporaryDir dir;
        QCOMPARE(ServerConfig{}.logLevel, LogLevel::Info);
        for (const auto &[text, level] :
             {std::pair{"debug", LogLevel::Debug}, std::pair{"INFO", LogLevel::Info},
              std::pair{" warning ", LogLevel::Warning}}) {
            const auto c = ServerConfig::fromIniFile(
                writeIni(dir, QByteArray("[server]\nlog_level = ") + text + "\n"), ServerConfig{});
            QVERIFY2(c, text);
            QCOMPARE(c.value().logLevel, level);
        }
        const auto bad = ServerConfig::fromIniFile(writeIni(dir, "[server]\nlog_level = trace\n"),
                                                   ServerConfig{});
        QVERIFY(!bad);
        QVERIFY(bad.error().reason.contains(
            QStringLiteral("log_level must be debug, info or warning")));
    }

    void trustedProxiesAreReadAndNameTheClient()
    {
        QTemporaryDir dir;
        const auto c = ServerConfig::fromIniFile(
            writeIni(dir, "[server]\ntrusted_proxies = 127.0.0.1, 10.1.0.0/16 fd00::/8\n"),
            ServerConfig{});
        QVERIFY2(c, c ? "" : qPrintable(c.error().reason));
        const TrustedProxies &p = c.value().trustedProxies;
        QVERIFY(p.contains(QHostAddress(QStringLiteral("127.0.0.1"))));
        QVERIFY(p.contains(QHostAddress(QStringLiteral("::ffff:127.0.0.1")))); // dual stack
        QVERIFY(p.contains(QHostAddress(QStringLiteral("10.1.200.3"))));
        QVERIFY(!p.contains(QHostAddress(QStringLiteral("10.2.0.1"))));
        QVERIFY(p.contains(QHostAddress(QStringLiteral("fd12::1"))));
        const QHostAddress proxy(QStringLiteral("10.1.0.5"));
        const QHostAddress stranger(QStringLiteral("192.0.2.1"));
        QCOMPARE(p.clientAddress(proxy, "198.51.100.1"),
                 QHostAddress(QStringLiteral("198.51.100.1")));
        QCOMPARE(p.clientAddress(proxy, "203.0.113.9, 198.51.100.1, 127.0.0.1"),
                 QHostAddress(QStringLiteral("198.51.100.1")));
        QCOMPARE(p.clientAddress(proxy, "[2001:db8::7]:4711"),
                 QHostAddress(QStringLiteral("2001:db8::7")));
        QCOMPARE(p.clientAddress(proxy, "garbage"), proxy);
        QCOMPARE(p.clientAddress(proxy, ""), proxy);
        QCOMPARE(p.clientAddress(stranger, "198.51.100.1"), stranger); // not believed
        QCOMPARE(ServerConfig{}.trustedProxies.clientAddress(proxy, "198.51.100.1"), proxy);

        const auto bad = ServerConfig::fromIniFile(
            writeIni(dir, "[server]\ntrusted_proxies = 10.0.0.0/99\n"), ServerConfig{});
        QVERIFY(!bad);
        QVERIFY(
            bad.error().reason.contains(QStringLiteral("\"10.0.0.0/99\" is not an IP address")));
    }

    void registrationPolicyNames()
    {
        for (auto p :
             {RegistrationPolicy::Open, RegistrationPolicy::Invite, RegistrationPolicy::Closed})
            QCOMPARE(parseRegistrationPolicy(registrationPolicyName(p)), p);
        QVERIFY(!parseRegistrationPolicy(QStringLiteral("sometimes")));
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
