// SPDX-License-Identifier: GPL-3.0-or-later
// Heartbeats: a client that stops answering pings (a frozen process, a dead
// network) is dropped by the server, and watchers see it go offline.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace linnet::protocol;
using namespace linnet::test;

class TestServerHeartbeat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void frozenClientIsDroppedAndGoesOffline()
    {
        QTemporaryDir dir; // the CLI's profile
        ServerProcess server(ServerProcess::openRegistration(), "heartbeat_seconds = 1\n");
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        const QString cli = cliBinary();
        const QString profile = dir.filePath(QStringLiteral("alice"));
        QProcess reg;
        reg.start(cli, {QStringLiteral("--profile"), profile, QStringLiteral("--server"),
                        server.url().toString(), QStringLiteral("register"),
                        QStringLiteral("alice"), QStringLiteral("--password-stdin")});
        reg.write("correct horse\n");
        reg.closeWriteChannel();
        QVERIFY(reg.waitForFinished(30000));
        QCOMPARE(reg.exitCode(), 0);

        RawClient bob;
        QVERIFY(bob.connectTo(server.url()));
        QVERIFY(bob.registerUser(QStringLiteral("bob"), QStringLiteral("correct horse")));

        QProcess listener;
        listener.start(cli, {QStringLiteral("--profile"), profile, QStringLiteral("listen"),
                             QStringLiteral("--timeout"), QStringLiteral("120")});
        QVERIFY(listener.waitForStarted());
        bob.send(PresenceSubscribe{bob.nextRequestId(), {QStringLiteral("alice")}});
        // Poll until alice's listener is online (it may still be connecting).
        bool online = false;
        for (int i = 0; i < 100 && !online; ++i) {
            if (const auto p = bob.waitFor<Presence>(200)) {
                online = p->online;
            } else if (!online) {
                bob.send(PresenceSubscribe{bob.nextRequestId(), {QStringLiteral("alice")}});
            }
        }
        QVERIFY(online);

        // Freeze the client: the kernel still keeps TCP alive, but no pong comes back.
        QVERIFY(::kill(static_cast<pid_t>(listener.processId()), SIGSTOP) == 0);
        std::optional<Presence> offline;
        for (int i = 0; i < 30 && !(offline && !offline->online); ++i)
            offline = bob.waitFor<Presence>(1000);
        ::kill(static_cast<pid_t>(listener.processId()), SIGCONT);
        listener.kill();
        listener.waitForFinished();
        QVERIFY2(offline && !offline->online, "the frozen client was never dropped");
        QVERIFY(offline->lastSeen > 0);
        QVERIFY2(server.output().contains("dropping silent connection"),
                 server.output().constData());
    }
};

QTEST_GUILESS_MAIN(TestServerHeartbeat)
#include "tst_server_heartbeat.moc"
