// SPDX-License-Identifier: GPL-3.0-or-later
// "Host a server on this computer": the bundled server as a child process.
#include "BundledServer.h"
#include "RawClient.h"
#include "TestBase.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;
using namespace linnet::test;

class TestBundledServer : public QObject {
    Q_OBJECT

private:
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
        BundledServer server({qEnvironmentVariable("LINNET_SERVER_BIN"), dir.path(), freeListen(),
                              QStringLiteral("invite")});
        QSignalSpy started(&server, &BundledServer::started);
        server.start();
        QVERIFY(started.wait(20000));
        QVERIFY(server.isRunning());
        QCOMPARE(server.url().scheme(), QStringLiteral("ws"));

        QString error;
        const QString code = server.createInvite(&error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));

        // The invite works against the running bundled server.
        RawClient c;
        QVERIFY(c.connectTo(server.url()));
        QVERIFY(c.registerUser(QStringLiteral("host"), QStringLiteral("correct horse"), code));

        QSignalSpy stopped(&server, &BundledServer::stopped);
        server.stop();
        QVERIFY(!server.isRunning());
        QCOMPARE(stopped.size(), 1);
    }

    void portInUseIsReported()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        BundledServer server({qEnvironmentVariable("LINNET_SERVER_BIN"), dir.path(),
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
