// SPDX-License-Identifier: GPL-3.0-or-later
// /healthz and /metrics of the real server, scraped while clients use it: what
// they count, who may read /metrics (this machine only, or metrics_token), and
// /healthz turning 503 while the server cannot commit (a full disk).
#include "HttpTestClient.h"
#include "MediaTestSupport.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "SmallDisk.h"
#include "TestAccounts.h"
#include "TestBase.h"

#include <QNetworkInterface>
#include <QRegularExpression>
#include <QTcpServer>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

constexpr char kToken[] = "0123456789abcdef-metrics";

/** The samples of a Prometheus text ("name{labels}" -> value); empty if the text is malformed. */
QHash<QString, double> parseMetrics(const QByteArray &text)
{
    static const QRegularExpression sampleLine(QStringLiteral(
        R"(^([a-z_]+)(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+]+|NaN)$)"));
    QHash<QString, double> samples;
    QSet<QString> typed;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1String("# TYPE "))) {
            typed.insert(line.section(QLatin1Char(' '), 2, 2));
            continue;
        }
        if (line.startsWith(QLatin1String("# HELP ")))
            continue;
        const auto match = sampleLine.match(line);
        if (!match.hasMatch()) {
            qWarning("not a sample line: %s", qPrintable(line));
            return {};
        }
        QString family = match.captured(1);
        family.remove(QRegularExpression(QStringLiteral("_(sum|count|total)$")));
        if (!typed.contains(match.captured(1)) && !typed.contains(family)) {
            qWarning("a sample before its # TYPE: %s", qPrintable(line));
            return {};
        }
        samples.insert(match.captured(1) + match.captured(2), match.captured(4).toDouble());
    }
    return samples;
}

/** An IPv4 address of this machine that is not loopback, or an empty one. */
QHostAddress nonLoopbackAddress()
{
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
            return a;
    return {};
}

QUrl at(const ServerProcess &server, const QHostAddress &host)
{
    QUrl url = server.url();
    url.setHost(host.toString());
    return url;
}

} // namespace

class TestServerOpsMetrics : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    HttpResponse get(const QByteArray &path,
                     const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                     const QUrl &url = {})
    {
        return HttpTestClient(url.isEmpty() ? m_server->url() : url).request("GET", path, headers);
    }

    QHash<QString, double> scrape()
    {
        const HttpResponse r = get("/metrics");
        if (r.status != 200)
            qWarning("/metrics answered %d: %s", r.status, r.body.constData());
        return parseMetrics(r.body);
    }

    void startServer(const QStringList &args = {}, const QByteArray &config = {})
    {
        m_server =
            std::make_unique<ServerProcess>(ServerProcess::openRegistration() + args, config);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void cleanup()
    {
        if (m_server)
            m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void healthzSaysOkWhileTheStoreAnswers()
    {
        startServer();
        const HttpResponse r = get("/healthz");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("ok\n"));
        QCOMPARE(r.header("connection"), QByteArray("close"));
        // HEAD: the same answer without a body.
        const HttpResponse head = HttpTestClient(m_server->url()).request("HEAD", "/healthz");
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
    }

    void metricsCountWhatClientsDid()
    {
        startServer();
        Device alice = registerDevice(*m_server, QStringLiteral("alice"), kTestPassword,
                                      AfterSignIn::WaitForSynced);
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        const auto before = scrape();
        QVERIFY(!before.isEmpty());

        constexpr int kMessages = 7;
        for (int i = 0; i < kMessages; ++i)
            QVERIFY(alice->sendMessage(bob.name, "hello " + QByteArray::number(i)));
        const QByteArray blob = media::upload(*m_server, alice, media::blobBytes(12345));
        QVERIFY(!blob.isEmpty());

        const HttpResponse r = get("/metrics");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        auto m = parseMetrics(r.body);
        QVERIFY2(!m.isEmpty(), r.body.constData());
        QCOMPARE(m.value(QStringLiteral("linnet_messages_committed_total")) -
                     before.value(QStringLiteral("linnet_messages_committed_total")),
                 double(kMessages));
        QCOMPARE(m.value(QStringLiteral("linnet_connections{state=\"authenticated\"}")), 1.0);
        QCOMPARE(m.value(QStringLiteral("linnet_inbox_entries")), double(kMessages)); // bob is away
        QCOMPARE(m.value(QStringLiteral("linnet_accounts")), 2.0);
        QCOMPARE(m.value(QStringLiteral("linnet_media_blobs")), 1.0);
        QCOMPARE(m.value(QStringLiteral("linnet_media_blob_bytes")), 12345.0);
        QCOMPARE(m.value(QStringLiteral("linnet_store_up")), 1.0);
        QCOMPARE(m.value(QStringLiteral("linnet_commit_failures_total")), 0.0);
        QVERIFY(m.value(QStringLiteral("linnet_commits_total")) >= 1);
        QVERIFY(m.contains(QStringLiteral("linnet_commit_duration_seconds_sum")));
        QVERIFY(m.value(QStringLiteral("linnet_uptime_seconds")) >= 0);
        QVERIFY(m.value(QStringLiteral("process_resident_memory_bytes")) > 0);
        QVERIFY(m.value(QStringLiteral("process_open_fds")) > 0);
        QVERIFY(
            m.contains(QStringLiteral("linnet_build_info{version=\"" LINNET_TEST_VERSION "\"}")));

        // bob takes his messages: the inbox empties, and he is counted as connected.
        auto b = connectAs(*m_server, bob);
        QVERIFY(b);
        QCOMPARE(drainAll(*b).size(), kMessages);
        // ... and alice the delivered receipts that came of it.
        QTRY_VERIFY_WITH_TIMEOUT(alice->has<Receipt>(), 10000);
        while (const auto receipt = alice->waitFor<Receipt>(500))
            alice->ack({receipt->entry});
        QTRY_COMPARE_WITH_TIMEOUT(scrape().value(QStringLiteral("linnet_inbox_entries")), 0.0,
                                  10000);
        QCOMPARE(scrape().value(QStringLiteral("linnet_connections{state=\"authenticated\"}")),
                 2.0);
    }

    void metricsAreRefusedToRequestsThroughAProxy()
    {
        // Without metrics_token only this machine may read them, not what a proxy on
        // this machine relays from elsewhere.
        startServer();
        for (const QByteArray &header : {QByteArray("X-Forwarded-For"), QByteArray("Forwarded")}) {
            const HttpResponse r = get("/metrics", {{header, "203.0.113.9"}});
            QCOMPARE(r.status, 403);
            QVERIFY2(r.body.contains("metrics_token"), r.body.constData());
            QVERIFY(!r.body.contains("linnet_"));
        }
        QCOMPARE(get("/healthz", {{"X-Forwarded-For", "203.0.113.9"}}).status, 200);
    }

    void metricsAreRefusedToAnotherAddressWithoutAToken()
    {
        const QHostAddress address = nonLoopbackAddress();
        if (address.isNull())
            QSKIP("this machine has no IPv4 address but loopback");
        startServer({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")});
        const HttpResponse r = get("/metrics", {}, at(*m_server, address));
        QCOMPARE(r.status, 403);
        QVERIFY(!r.body.contains("linnet_"));
        // Health checks come from anywhere (load balancers).
        QCOMPARE(get("/healthz", {}, at(*m_server, address)).status, 200);
    }

    void withAMetricsTokenEveryScrapeNeedsIt()
    {
        startServer({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")},
                    QByteArray("metrics_token = ") + kToken + '\n');
        const QByteArray bearer = QByteArray("Bearer ") + kToken;
        // Loopback too: with a token, the token decides.
        const HttpResponse none = get("/metrics");
        QCOMPARE(none.status, 401);
        QCOMPARE(none.header("www-authenticate"), QByteArray("Bearer realm=\"linnet-metrics\""));
        QVERIFY(!none.body.contains("linnet_"));
        QCOMPARE(get("/metrics", {{"Authorization", bearer + "x"}}).status, 401);
        QCOMPARE(get("/metrics", {{"Authorization", QByteArray("Basic ") + kToken}}).status, 401);
        QCOMPARE(get("/metrics", {{"Authorization", bearer.left(bearer.size() - 1)}}).status, 401);
        const HttpResponse ok = get("/metrics", {{"Authorization", bearer}});
        QCOMPARE(ok.status, 200);
        QVERIFY(!parseMetrics(ok.body).isEmpty());
        // And from another address, or through a proxy, the token is enough.
        QCOMPARE(
            get("/metrics", {{"Authorization", bearer}, {"X-Forwarded-For", "203.0.113.9"}}).status,
            200);
        if (const QHostAddress address = nonLoopbackAddress(); !address.isNull())
            QCOMPARE(get("/metrics", {{"Authorization", bearer}}, at(*m_server, address)).status,
                     200);
        QVERIFY(m_server->output().contains("/metrics refused"));
    }

    void aShortMetricsTokenIsRefusedAtStart()
    {
        m_server = std::make_unique<ServerProcess>(QStringList{}, "metrics_token = short\n");
        QVERIFY(!m_server->start());
        QCOMPARE(m_server->exitCode(), 2);
        QVERIFY2(m_server->output().contains("metrics_token must have at least 16 characters"),
                 m_server->output().constData());
    }

    void withAdminListenMetricsMoveToTheirOwnAddressAndHealthzIsOnBoth()
    {
        startServer({}, "admin_listen = 127.0.0.1:0\n");
        static const QRegularExpression line(
            QStringLiteral(R"(Admin address \(/healthz, /metrics\): (http://127\.0\.0\.1:\d+))"));
        // It follows the line start() waits for.
        QTRY_VERIFY_WITH_TIMEOUT(line.match(QString::fromUtf8(m_server->output())).hasMatch(),
                                 10000);
        const auto match = line.match(QString::fromUtf8(m_server->output()));
        const QUrl admin(match.captured(1));
        QVERIFY(admin.port() > 0 && admin.port() != m_server->url().port());

        const HttpResponse metrics = get("/metrics", {}, admin);
        QCOMPARE(metrics.status, 200);
        QVERIFY(parseMetrics(metrics.body).contains(QStringLiteral("linnet_store_up")));
        QCOMPARE(get("/healthz", {}, admin).status, 200);
        // Anything else there is unknown, and plain HTTP only.
        const HttpResponse other = get("/v1/ws", {}, admin);
        QCOMPARE(other.status, 404);
        QVERIFY(!other.body.contains("linnet_"));

        // The clients' port: no numbers any more, and it says where they went; health stays.
        const HttpResponse moved = get("/metrics");
        QCOMPARE(moved.status, 404);
        QVERIFY2(moved.body.contains("admin_listen"), moved.body.constData());
        QVERIFY(!moved.body.contains("linnet_"));
        QCOMPARE(get("/healthz").status, 200);
        // Clients are served as before.
        QVERIFY(registerDevice(*m_server, QStringLiteral("alice")).client);
    }

    void anAdminAddressInUseStopsTheServerWithTheReason()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        m_server = std::make_unique<ServerProcess>(
            QStringList{},
            "admin_listen = 127.0.0.1:" + QByteArray::number(taken.serverPort()) + '\n');
        QVERIFY(!m_server->start());
        QCOMPARE(m_server->exitCode(), 1);
        QVERIFY2(m_server->output().contains("cannot listen on admin_listen 127.0.0.1 port " +
                                             QByteArray::number(taken.serverPort())),
                 m_server->output().constData());
    }

    void errorsSentAreCountedByCode()
    {
        startServer();
        registerAccount(*m_server, QStringLiteral("alice"));
        const QString wrongPassword =
            QStringLiteral(R"(linnet_errors_sent_total{code="402",name="bad_credentials"})");
        const QString beforeAuth =
            QStringLiteral(R"(linnet_errors_sent_total{code="401",name="not_authenticated"})");
        QVERIFY(!scrape().contains(wrongPassword));

        for (int i = 0; i < 2; ++i) {
            auto c = connectedClient(*m_server);
            QVERIFY(c);
            c->send(LoginRequest{1, QStringLiteral("alice"), QStringLiteral("not her password"),
                                 QStringLiteral("test")});
            const auto refused = c->waitFor<ErrorFrame>();
            QVERIFY(refused);
            QCOMPARE(refused->code, ErrorCode::BadCredentials);
        }
        auto early = connectedClient(*m_server);
        QVERIFY(early);
        early->send(SyncRequest{7});
        const auto notYet = early->waitFor<ErrorFrame>();
        QVERIFY(notYet);
        QCOMPARE(notYet->code, ErrorCode::NotAuthenticated);

        const auto m = scrape();
        QCOMPARE(m.value(wrongPassword), 2.0);
        QCOMPARE(m.value(beforeAuth), 1.0);
    }

    void deliveriesInFlightAndDevicesCatchingUpAreCounted()
    {
        // A window of 2: bob gets two of five at a time, and acknowledges none yet.
        startServer({}, "drain_window = 2\n");
        Device alice = registerDevice(*m_server, QStringLiteral("alice"), kTestPassword,
                                      AfterSignIn::WaitForSynced);
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(alice->sendMessage(bob.name, "hello " + QByteArray::number(i)));
        auto b = connectAs(*m_server, bob);
        QVERIFY(b);
        const auto first = b->collect<Deliver>(2);
        QCOMPARE(first.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(scrape().value(QStringLiteral("linnet_deliveries_unacked")), 2.0,
                                  10000);
        QCOMPARE(scrape().value(QStringLiteral("linnet_devices_catching_up")), 1.0);

        // Acknowledged, the rest follows and is acknowledged too: nothing in flight.
        b->ack({first[0].entry, first[1].entry});
        QCOMPARE(drainAll(*b).size(), 3);
        // ... and alice her delivered receipts (deliveries to her device).
        QTRY_VERIFY_WITH_TIMEOUT(alice->has<Receipt>(), 10000);
        while (const auto receipt = alice->waitFor<Receipt>(500))
            alice->ack({receipt->entry});
        QTRY_COMPARE_WITH_TIMEOUT(scrape().value(QStringLiteral("linnet_deliveries_unacked")), 0.0,
                                  10000);
        QCOMPARE(scrape().value(QStringLiteral("linnet_devices_catching_up")), 0.0);
    }

    void otherMethodsAreRefused()
    {
        startServer();
        for (const QByteArray &method :
             {QByteArray("POST"), QByteArray("PUT"), QByteArray("DELETE")}) {
            const HttpResponse r = HttpTestClient(m_server->url())
                                       .request(method, "/metrics", {{"Content-Length", "0"}});
            QCOMPARE(r.status, 405);
            QCOMPARE(r.header("allow"), QByteArray("GET, HEAD"));
        }
    }

    void healthzIsUnavailableWhileCommitsFailAndBackOnceTheyWork()
    {
        if (!SmallDisk::possible())
            QSKIP(SmallDisk::kSkipReason);
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        SmallDisk disk(*m_server, 8);
        QVERIFY(disk.mounted());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        Device alice = registerDevice(*m_server, QStringLiteral("alice"), kTestPassword,
                                      AfterSignIn::WaitForSynced);
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        QVERIFY(alice->sendMessage(bob.name, "before"));
        QCOMPARE(get("/healthz").status, 200);

        QFile filler(QDir(m_server->dataDir()).filePath(QStringLiteral("filler")));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(64 * 1024, '\0');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        filler.close();
        // Sends until one fails to commit (the first few may fit in what SQLite has).
        const QByteArray body(32 * 1024, 'x');
        bool failed = false;
        for (int i = 0; i < 200 && !failed; ++i)
            failed = !alice->sendMessage(bob.name, body);
        QVERIFY2(failed, "the disk never filled");

        const HttpResponse down = get("/healthz");
        QCOMPARE(down.status, 503);
        QVERIFY2(down.body.startsWith("unavailable: the last commit failed"),
                 down.body.constData());
        QVERIFY(scrape().value(QStringLiteral("linnet_commit_failures_total")) >= 1);

        QVERIFY(filler.remove());
        QTRY_VERIFY_WITH_TIMEOUT(alice->sendMessage(bob.name, "after"), 10000);
        QCOMPARE(get("/healthz").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestServerOpsMetrics)
#include "tst_server_ops_metrics.moc"
