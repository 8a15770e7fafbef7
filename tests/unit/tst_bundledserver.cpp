// SPDX-License-Identifier: GPL-3.0-or-later
// "Host a server on this computer": the bundled server as a child process.
#include "host/BundledServer.h"
#include "protocol/InviteLink.h"
#include "RawClient.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace linnet::client;
using namespace linnet::test;

class TestBundledServer : public QObject {
    Q_OBJECT

private:
    /** A client for the bundled server's self-signed certificate (the engine pins it;
     *  tst_tls_pinning tests that): no CA check here. */
    static QSslConfiguration anyCertificate()
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        return tls;
    }

    static QString freeListen()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return QStringLiteral("127.0.0.1:%1").arg(probe.serverPort());
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void startsServesAndInvites()
    {
        QTemporaryDir dir;
        BundledServer server({serverBinary(), dir.path(), freeListen(), QStringLiteral("invite")});
        QSignalSpy started(&server, &BundledServer::started);
        server.start();
        QVERIFY(started.wait(20000));
        QVERIFY(server.isRunning());
        // TLS by default, with the certificate the server made in its data dir.
        QCOMPARE(server.url().scheme(), QStringLiteral("wss"));
        const auto cert = QSslCertificate::fromPath(dir.filePath(QStringLiteral("tls-cert.pem")));
        QCOMPARE(cert.size(), 1);
        QCOMPARE(server.pin(), linnet::protocol::pinOfPublicKey(cert.first().publicKey().toDer()));

        // Without an address: a link to where it listens (a loopback address here).
        QString error;
        const auto own = linnet::protocol::InviteLink::parse(server.createInvite(&error));
        QVERIFY2(own, qPrintable(error));
        QCOMPARE(own.value().server, server.url());
        QCOMPARE(own.value().pin, server.pin());
        const QString code = own.value().code;
        // With an address, an invite link carrying the pin.
        const QUrl lanUrl(QStringLiteral("wss://192.0.2.7:7480/v1/ws"));
        const auto link = linnet::protocol::InviteLink::parse(server.createInvite(&error, lanUrl));
        QVERIFY2(link, qPrintable(error));
        QCOMPARE(link.value().server, lanUrl);
        QCOMPARE(link.value().pin, server.pin());

        // The invites work against the running bundled server.
        RawClient c;
        c.setSslConfiguration(anyCertificate());
        QVERIFY(c.connectTo(server.url()));
        QVERIFY(c.registerUser(QStringLiteral("host"), QStringLiteral("correct horse"), code));
        RawClient guest;
        guest.setSslConfiguration(anyCertificate());
        QVERIFY(guest.connectTo(server.url()));
        QVERIFY(guest.registerUser(QStringLiteral("guest"), QStringLiteral("correct horse"),
                                   link.value().code));

        QSignalSpy stopped(&server, &BundledServer::stopped);
        server.stop();
        QVERIFY(!server.isRunning());
        QCOMPARE(stopped.size(), 1);
    }

    void aServerThatDiesIsStartedAgainAndSaysSo()
    {
        QTemporaryDir dir;
        const QString listen = freeListen();
        BundledServer server(
            {serverBinary(), dir.path(), listen, QStringLiteral("invite"), 50, 400});
        QSignalSpy started(&server, &BundledServer::started);
        QSignalSpy states(&server, &BundledServer::stateChanged);
        server.start();
        QVERIFY(started.wait(20000));
        QCOMPARE(server.state(), BundledServer::State::Running);
        const qint64 pid = server.processId();
        QVERIFY(pid > 0);

        states.clear();
        QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
        // It says it died and is coming back, then it is back on the same address.
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 10000);
        QCOMPARE(states.first().at(0).value<BundledServer::State>(),
                 BundledServer::State::Restarting);
        QVERIFY(!states.first().at(1).toString().isEmpty());
        QVERIFY(!server.lastError().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 20000);
        QCOMPARE(server.state(), BundledServer::State::Running);
        QVERIFY(server.processId() != pid);
        QCOMPARE(server.url().port(), QUrl(QStringLiteral("ws://") + listen).port());
        RawClient c;
        c.setSslConfiguration(anyCertificate());
        QVERIFY(c.connectTo(server.url()));

        // Stopped on purpose, it stays stopped.
        QSignalSpy stopped(&server, &BundledServer::stopped);
        server.stop();
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(server.state(), BundledServer::State::Stopped);
        QVERIFY(!server.isRunning());
    }

    void plainWsWhenTlsIsOff()
    {
        QTemporaryDir dir;
        BundledServer::Options options{serverBinary(), dir.path(), freeListen(),
                                       QStringLiteral("invite")};
        options.tls = false;
        BundledServer server(options);
        QSignalSpy started(&server, &BundledServer::started);
        server.start();
        QVERIFY(started.wait(20000));
        QCOMPARE(server.url().scheme(), QStringLiteral("ws"));
        QVERIFY(server.pin().isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("tls-cert.pem"))));
        QString error;
        const auto link =
            linnet::protocol::InviteLink::parse(server.createInvite(&error, server.url()));
        QVERIFY2(link, qPrintable(error));
        QVERIFY(link.value().pin.isEmpty());
        RawClient c;
        QVERIFY(c.connectTo(server.url()));
        QVERIFY(c.registerUser(QStringLiteral("host"), QStringLiteral("correct horse"),
                               link.value().code));
    }

    void portInUseIsReported()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        BundledServer server({serverBinary(), dir.path(),
                              QStringLiteral("127.0.0.1:%1").arg(blocker.serverPort()),
                              QStringLiteral("invite")});
        QSignalSpy failed(&server, &BundledServer::failed);
        server.start();
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("cannot listen")),
                 qPrintable(failed.first().first().toString()));
    }

    void missingBinaryIsReported()
    {
        QTemporaryDir dir;
        BundledServer server({dir.filePath(QStringLiteral("no-such-server")), dir.path(),
                              freeListen(), QStringLiteral("invite")});
        QSignalSpy failed(&server, &BundledServer::failed);
        server.start();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("cannot start")));
    }
};

QTEST_GUILESS_MAIN(TestBundledServer)
#include "tst_bundledserver.moc"
