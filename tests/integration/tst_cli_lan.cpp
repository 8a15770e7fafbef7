// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli in LAN fallback (docs/protocol.md 12, issue 26): two linnet-cli processes
// with their own profiles and a real server that is killed; a send reaches a listening
// peer over the local network (loopback here), and --no-lan leaves it queued.
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

using namespace linnet::test;

namespace {

using Run = ProcessResult;

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LINNET_PASSPHRASE"), QStringLiteral("cli lan test passphrase"));
    return env;
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

} // namespace

class TestCliLan : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    quint16 m_lanPort = 0;
    /** Bound to the LAN port beside the clients: every announcement lands here too. */
    QUdpSocket m_probe;

    QString profile(const QString &name) const { return m_root.filePath(name); }

    QStringList base(const QString &name) const
    {
        return {QStringLiteral("--profile"), profile(name)};
    }

    static Run run(const QStringList &args, const QByteArray &input = {})
    {
        return runProcess(cliBinary(), args, input, 120000, cliEnvironment());
    }

    /** PROFILE/settings.ini: LAN fallback on loopback at the test's port, plus @p extra. */
    bool writeSettings(const QString &name, const QByteArray &extra = {})
    {
        QDir().mkpath(profile(name));
        QFile f(QDir(profile(name)).filePath(QStringLiteral("settings.ini")));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        f.write("lan_port=" + QByteArray::number(m_lanPort) + "\nlan_interfaces=lo\n" + extra);
        return true;
    }

    Run send(const QString &from, const QString &to, const QString &text,
             const QStringList &flags = {})
    {
        return run(base(from) + QStringList{QStringLiteral("send"), to, text} + flags);
    }

    Run listenOnce(const QString &name)
    {
        return run(base(name) + QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                            QStringLiteral("1"), QStringLiteral("--timeout"),
                                            QStringLiteral("60"), QStringLiteral("--json")});
    }

    QString lastState(const QString &name, const QString &peer)
    {
        const auto lines = jsonLines(
            run(base(name) + QStringList{QStringLiteral("history"), peer, QStringLiteral("--json")})
                .out);
        return lines.isEmpty() ? QString() : lines.last().value(QStringLiteral("state")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        QVERIFY(m_probe.bind(QHostAddress::AnyIPv4, 0,
                             QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint));
        m_lanPort = m_probe.localPort();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        qInfo("LAN fallback of linnet-cli is tested on LOOPBACK (lan_interfaces=lo)");
        for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob")}) {
            QVERIFY(writeSettings(name));
            const Run r =
                run(base(name) + QStringList{QStringLiteral("--server"), m_server->url().toString(),
                                             QStringLiteral("register"), name,
                                             QStringLiteral("--password-stdin")},
                    "correct horse\n");
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
    }

    void cleanup() { m_server->warnOutputIfTestFailed(); }

    void listenRowsSayTheServerBroughtAMessage()
    {
        // One message each way: both sides know the other's device and have a session.
        QCOMPARE(
            send(QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("hi bob")).exitCode,
            0);
        const Run bob = listenOnce(QStringLiteral("bob"));
        QVERIFY2(bob.exitCode == 0, bob.err.constData());
        const auto rows = jsonLines(bob.out);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().value(QStringLiteral("text")).toString(), QStringLiteral("hi bob"));
        QCOMPARE(rows.first().value(QStringLiteral("via")).toString(), QStringLiteral("server"));
        QCOMPARE(send(QStringLiteral("bob"), QStringLiteral("alice"), QStringLiteral("hi alice"))
                     .exitCode,
                 0);
        const Run alice = listenOnce(QStringLiteral("alice"));
        QVERIFY2(alice.exitCode == 0, alice.err.constData());
        QCOMPARE(jsonLines(alice.out).value(0).value(QStringLiteral("via")).toString(),
                 QStringLiteral("server"));
    }

    void badLanSettingsAndFlagsAreUsageErrors()
    {
        const Run both = send(QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("x"),
                              {QStringLiteral("--lan"), QStringLiteral("--no-lan")});
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains("not both"), both.err.constData());
        const Run history = run(base(QStringLiteral("alice")) +
                                QStringList{QStringLiteral("history"), QStringLiteral("bob"),
                                            QStringLiteral("--no-lan")});
        QCOMPARE(history.exitCode, 2);
        QVERIFY2(history.err.contains("for send and listen"), history.err.constData());

        QVERIFY(writeSettings(QStringLiteral("carol"), "lan=maybe\n"));
        const Run badValue =
            send(QStringLiteral("carol"), QStringLiteral("bob"), QStringLiteral("x"));
        QCOMPARE(badValue.exitCode, 2);
        QVERIFY2(badValue.err.contains("lan must be on or off"), badValue.err.constData());
        QVERIFY(writeSettings(QStringLiteral("carol"), "lan_port=70000\n"));
        const Run badPort =
            send(QStringLiteral("carol"), QStringLiteral("bob"), QStringLiteral("x"));
        QCOMPARE(badPort.exitCode, 2);
        QVERIFY2(badPort.err.contains("lan_port"), badPort.err.constData());
    }

    void sendWithNoLanStaysQueuedAndNothingGoesOnTheNetwork()
    {
        m_server->kill();
        while (m_probe.hasPendingDatagrams())
            m_probe.receiveDatagram();
        const Run queued = send(QStringLiteral("alice"), QStringLiteral("bob"),
                                QStringLiteral("not over the lan"), {QStringLiteral("--no-lan")});
        QCOMPARE(queued.exitCode, 3);
        QVERIFY2(queued.err.contains("unreachable") && queued.err.contains("queued"),
                 queued.err.constData());
        QVERIFY2(!queued.err.contains("local network"), queued.err.constData());
        QCOMPARE(lastState(QStringLiteral("alice"), QStringLiteral("bob")),
                 QStringLiteral("queued"));
        QVERIFY(!m_probe.hasPendingDatagrams());
    }

    void sendDeliveredOnlyOverTheLanExitsZeroAndTheListenerSaysViaLan()
    {
        // The profile says off; --lan overrides it. The server stays dead.
        QVERIFY(writeSettings(QStringLiteral("alice"), "lan=off\n"));
        while (m_probe.hasPendingDatagrams())
            m_probe.receiveDatagram();
        QProcess listener;
        listener.setProcessEnvironment(cliEnvironment());
        // Two messages: the one --no-lan left queued goes first, on the same link.
        listener.start(cliBinary(),
                       base(QStringLiteral("bob")) +
                           QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                       QStringLiteral("2"), QStringLiteral("--timeout"),
                                       QStringLiteral("120"), QStringLiteral("--json")});
        QVERIFY(listener.waitForStarted());
        // bob's listen is in fallback, announcing, before alice's send looks for him.
        QTRY_VERIFY_WITH_TIMEOUT(m_probe.hasPendingDatagrams(), 60000);

        const Run sent = send(QStringLiteral("alice"), QStringLiteral("bob"),
                              QStringLiteral("over the lan"), {QStringLiteral("--lan")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        QVERIFY2(sent.out.contains("(delivered on the local network; will reach the server "
                                   "later)"),
                 sent.out.constData());
        const QString id = QString::fromUtf8(sent.out.trimmed().split(' ').value(0));
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch(),
                 sent.out.constData());

        QVERIFY(listener.waitForFinished(120000));
        QVERIFY2(listener.exitCode() == 0, listener.readAllStandardError().constData());
        const auto rows = jsonLines(listener.readAllStandardOutput());
        QCOMPARE(rows.size(), 2);
        QStringList texts;
        for (const QJsonObject &row : rows) {
            texts << row.value(QStringLiteral("text")).toString();
            QCOMPARE(row.value(QStringLiteral("via")).toString(), QStringLiteral("lan"));
            QCOMPARE(row.value(QStringLiteral("from")).toString(), QStringLiteral("alice"));
        }
        QVERIFY2(texts.contains(QStringLiteral("over the lan")), qPrintable(texts.join(u'|')));
        QVERIFY2(texts.contains(QStringLiteral("not over the lan")), qPrintable(texts.join(u'|')));
        QCOMPARE(rows.last().value(QStringLiteral("id")).toString(), id);
    }

    void sendWithNobodyOnTheLanSaysSoAndExitsThreeBeforeItsTimeout()
    {
        // The server is still dead and bob listens nowhere: no 30 s (here 600 s) wait.
        QVERIFY(writeSettings(QStringLiteral("alice")));
        const Run alone = send(QStringLiteral("alice"), QStringLiteral("bob"),
                               QStringLiteral("nobody to take it"),
                               {QStringLiteral("--timeout"), QStringLiteral("600")});
        QCOMPARE(alone.exitCode, 3);
        QVERIFY2(alone.err.contains("trying the local network"), alone.err.constData());
        QVERIFY2(alone.err.contains("no device of bob found on the local network") &&
                     alone.err.contains("queued"),
                 alone.err.constData());
        QCOMPARE(lastState(QStringLiteral("alice"), QStringLiteral("bob")),
                 QStringLiteral("queued"));
    }
};

QTEST_GUILESS_MAIN(TestCliLan)
#include "tst_cli_lan.moc"
