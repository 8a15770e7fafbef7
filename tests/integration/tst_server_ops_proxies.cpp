// SPDX-License-Identifier: GPL-3.0-or-later
// trusted_proxies: behind a reverse proxy the limits per address count each client
// the proxy names in X-Forwarded-For; from anyone else the header changes nothing.
// Every test client connects from 127.0.0.1, which plays the proxy when trusted.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"

#include <QNetworkRequest>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

constexpr char kLimits[] = "auth_failures_per_minute = 3\n";
constexpr char kTrusted[] = "trusted_proxies = 127.0.0.1, ::1\n";
const QString kAddressLimited = QStringLiteral("too many failed attempts; wait a minute");

} // namespace

class TestServerOpsProxies : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    int m_attempts = 0;

    void startServer(const QByteArray &config)
    {
        m_server = std::make_unique<ServerProcess>(QStringList{}, config);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    QNetworkRequest requestVia(const QByteArray &forwardedFor) const
    {
        QNetworkRequest request(m_server->url());
        if (!forwardedFor.isEmpty())
            request.setRawHeader("X-Forwarded-For", forwardedFor);
        return request;
    }

    /** A new connection whose handshake carries @p forwardedFor (none if empty). */
    std::unique_ptr<RawClient> connectVia(const QByteArray &forwardedFor)
    {
        auto c = std::make_unique<RawClient>();
        if (!c->connectTo(requestVia(forwardedFor)))
            return nullptr;
        return c;
    }

    /**
     * A login with a wrong password (to an account of its own, so that only the limit
     * per address can stop it) on a connection carrying @p forwardedFor: the error.
     */
    std::optional<ErrorFrame> failLogin(const QByteArray &forwardedFor)
    {
        auto c = connectVia(forwardedFor);
        if (!c)
            return std::nullopt;
        const quint32 rq = c->nextRequestId();
        c->send(LoginRequest{rq, QStringLiteral("ghost%1").arg(++m_attempts),
                             QStringLiteral("wrong password"), QStringLiteral("x")});
        return c->waitFor<ErrorFrame>(30000);
    }

    /** Whether a failed login carrying @p forwardedFor was stopped by the limit per address. */
    bool limited(const QByteArray &forwardedFor)
    {
        const auto error = failLogin(forwardedFor);
        if (!error) {
            qWarning("no answer to a login");
            return false;
        }
        if (error->code != ErrorCode::RateLimited && error->code != ErrorCode::BadCredentials)
            qWarning("unexpected error %d: %s", int(error->code), qPrintable(error->reason));
        return error->code == ErrorCode::RateLimited && error->reason.startsWith(kAddressLimited);
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void cleanup()
    {
        if (m_server)
            m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void behindATrustedProxyEachClientHasItsOwnLimit()
    {
        startServer(QByteArray(kLimits) + kTrusted);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(!limited("198.51.100.1"), "limited before its three failures");
        QVERIFY2(limited("198.51.100.1"), "the fourth failure was not limited");
        // Another client behind the same proxy is not locked out by the first.
        QVERIFY2(!limited("198.51.100.2"), "one client's failures locked out another");
        // Nor are connections of the proxy's own (no header): they count as the proxy.
        QVERIFY(!limited(QByteArray()));
    }

    void aClientCannotChooseItsAddressByWritingTheHeader()
    {
        // No trusted_proxies: the header is ignored, every attempt counts as 127.0.0.1.
        startServer(kLimits);
        QVERIFY(!limited("198.51.100.1"));
        QVERIFY(!limited("198.51.100.2"));
        QVERIFY(!limited("198.51.100.3"));
        QVERIFY2(limited("198.51.100.4"), "a new X-Forwarded-For escaped the limit");
        QVERIFY(limited(QByteArray()));
    }

    void behindATrustedProxyOnlyTheAddressTheProxyAddedCounts()
    {
        // The proxy appends the address it got the request from; what is left of it
        // came from the client and is not believed.
        startServer(QByteArray(kLimits) + kTrusted);
        QVERIFY(!limited("203.0.113.1, 198.51.100.7"));
        QVERIFY(!limited("203.0.113.2, 198.51.100.7"));
        QVERIFY(!limited("203.0.113.3,198.51.100.7"));
        QVERIFY2(limited("203.0.113.4, 198.51.100.7"), "a made-up first hop escaped the limit");
        // Proxies in a chain that are trusted themselves are skipped.
        QVERIFY(limited("198.51.100.7, 127.0.0.1"));
        // A hop that is not an address: the header is not believed at all.
        QVERIFY(!limited("not-an-address"));
    }

    void connectionsSigningInAreCountedPerClientBehindATrustedProxy()
    {
        startServer(QByteArray(kTrusted) + "max_unauthenticated_per_address = 2\n");
        auto a1 = connectVia("198.51.100.1");
        auto a2 = connectVia("198.51.100.1");
        QVERIFY(a1 && a2);
        // Four connections from the proxy at once: the proxy itself is not limited.
        auto b1 = connectVia("198.51.100.2");
        auto b2 = connectVia("198.51.100.2");
        QVERIFY(b1 && b2);
        QVERIFY(!a1->has<ErrorFrame>() && !b2->has<ErrorFrame>());
        // The third of one client is told it is over its limit.
        auto a3 = std::make_unique<RawClient>();
        a3->open(requestVia("198.51.100.1")); // told and closed at once
        const auto refused = a3->waitFor<ErrorFrame>();
        QVERIFY2(refused, "a client over its limit was not refused");
        QCOMPARE(refused->code, ErrorCode::RateLimited);
        QVERIFY(a3->waitForDisconnected());
        QVERIFY(a1->isConnected() && b1->isConnected());
    }

    void trustedProxiesThatAreNoAddressesAreRefusedAtStart()
    {
        m_server = std::make_unique<ServerProcess>(
            QStringList{}, "trusted_proxies = 127.0.0.1, proxy.example.org\n");
        QVERIFY(!m_server->start());
        QCOMPARE(m_server->exitCode(), 2);
        QVERIFY2(m_server->output().contains(
                     "trusted_proxies: \"proxy.example.org\" is not an IP address"),
                 m_server->output().constData());
    }
};

QTEST_GUILESS_MAIN(TestServerOpsProxies)
#include "tst_server_ops_proxies.moc"
