// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli of this build, run as a process against the real server.
#include "HostileServerSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"
#include "TestBinaries.h"
#include "protocol/Limits.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::test;

namespace {

using Run = ProcessResult;

const QByteArray kPassphrase = QByteArrayLiteral("cli test passphrase");

/** The children's environment: LINNET_PASSPHRASE set to @p passphrase, or unset if null. */
QProcessEnvironment cliEnvironment(const QByteArray &passphrase = kPassphrase)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LINNET_PASSPHRASE"));
    if (!passphrase.isNull())
        env.insert(QStringLiteral("LINNET_PASSPHRASE"), QString::fromUtf8(passphrase));
    return env;
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;

    QString profile(const QString &name) const { return m_root.filePath(name); }

    QStringList base(const QString &name, bool withServer = false) const
    {
        QStringList args{QStringLiteral("--profile"), profile(name)};
        if (withServer)
            args << QStringLiteral("--server") << m_server->url().toString();
        return args;
    }

    static Run run(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 60000,
                   const QProcessEnvironment &env = cliEnvironment())
    {
        return runProcess(cliBinary(), args, input, timeoutMs, env);
    }

    bool registerUser(const QString &name)
    {
        const Run r = run(base(name, true) + QStringList{QStringLiteral("register"), name,
                                                         QStringLiteral("--password-stdin")},
                          "correct horse\n");
        if (r.exitCode != 0)
            qWarning("register %s failed: %s", qPrintable(name), r.err.constData());
        return r.exitCode == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(registerUser(QStringLiteral("alice")));
        QVERIFY(registerUser(QStringLiteral("bob")));
    }

    void sendListenHistory()
    {
        QProcess listener;
        listener.setProcessEnvironment(cliEnvironment());
        listener.start(cliBinary(),
                       base(QStringLiteral("bob")) +
                           QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                       QStringLiteral("1"), QStringLiteral("--timeout"),
                                       QStringLiteral("60"), QStringLiteral("--json")});
        QVERIFY(listener.waitForStarted());

        const Run sent = run(base(QStringLiteral("alice")) +
                             QStringList{QStringLiteral("send"), QStringLiteral("bob"),
                                         QStringLiteral("hello from the cli")});
        QCOMPARE(sent.exitCode, 0);
        const QString id = QString::fromUtf8(sent.out.trimmed());
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch(),
                 sent.out.constData());

        QVERIFY(listener.waitForFinished(60000));
        QCOMPARE(listener.exitCode(), 0);
        const auto lines = jsonLines(listener.readAllStandardOutput());
        QCOMPARE(lines.size(), 1);
        const QJsonObject m = lines.first();
        QCOMPARE(m.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(m.value(QStringLiteral("from")).toString(), QStringLiteral("alice"));
        QCOMPARE(m.value(QStringLiteral("conversation")).toString(), QStringLiteral("alice"));
        QCOMPARE(m.value(QStringLiteral("text")).toString(), QStringLiteral("hello from the cli"));
        QVERIFY(m.value(QStringLiteral("seq")).toInteger() >= 1);
        QVERIFY(m.value(QStringLiteral("sent_at")).toInteger() > 0);
        QVERIFY(m.value(QStringLiteral("written_at")).toInteger() > 0);

        // bob's copy is stored locally...
        const Run bobHistory = run(base(QStringLiteral("bob")) +
                                   QStringList{QStringLiteral("history"), QStringLiteral("alice"),
                                               QStringLiteral("--json")});
        QCOMPARE(bobHistory.exitCode, 0);
        const auto bobLines = jsonLines(bobHistory.out);
        QCOMPARE(bobLines.size(), 1);
        QCOMPARE(bobLines.first().value(QStringLiteral("id")).toString(), id);

        // ...and alice learns of the delivery the next time she connects.
        const Run aliceListen = run(base(QStringLiteral("alice")) +
                                    QStringList{QStringLiteral("listen"),
                                                QStringLiteral("--timeout"), QStringLiteral("5")});
        QCOMPARE(aliceListen.exitCode, 0);
        const Run aliceHistory = run(base(QStringLiteral("alice")) +
                                     QStringList{QStringLiteral("history"), QStringLiteral("bob"),
                                                 QStringLiteral("--json")});
        const auto aliceLines = jsonLines(aliceHistory.out);
        QCOMPARE(aliceLines.size(), 1);
        QCOMPARE(aliceLines.first().value(QStringLiteral("state")).toString(),
                 QStringLiteral("delivered"));
    }

    void aReplyFromANewProcessReachesTheContactWhoWroteFirst()
    {
        // Issue 22.1: every command is a new process, so erin's reply is sent by an
        // engine that learned dave's device from his message in an earlier run.
        QVERIFY(registerUser(QStringLiteral("dave")));
        QVERIFY(registerUser(QStringLiteral("erin")));
        const Run first = run(
            base(QStringLiteral("dave")) +
            QStringList{QStringLiteral("send"), QStringLiteral("erin"), QStringLiteral("hi erin")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const Run got = run(base(QStringLiteral("erin")) +
                            QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                        QStringLiteral("1"), QStringLiteral("--timeout"),
                                        QStringLiteral("30"), QStringLiteral("--json")});
        QVERIFY2(got.exitCode == 0, got.err.constData());
        QCOMPARE(jsonLines(got.out).size(), 1);

        const Run reply = run(
            base(QStringLiteral("erin")) +
            QStringList{QStringLiteral("send"), QStringLiteral("dave"), QStringLiteral("hi dave")});
        QVERIFY2(reply.exitCode == 0, reply.err.constData());
        const Run back = run(base(QStringLiteral("dave")) +
                             QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                         QStringLiteral("1"), QStringLiteral("--timeout"),
                                         QStringLiteral("30"), QStringLiteral("--json")});
        QVERIFY2(back.exitCode == 0, back.err.constData());
        const auto lines = jsonLines(back.out);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().value(QStringLiteral("text")).toString(), QStringLiteral("hi dave"));
    }

    void unreachableServerQueuesThenDelivers()
    {
        m_server->stop();
        const Run queued = run(base(QStringLiteral("alice")) +
                               QStringList{QStringLiteral("send"), QStringLiteral("bob"),
                                           QStringLiteral("while you were away")});
        QCOMPARE(queued.exitCode, 3);
        QVERIFY2(queued.err.contains("unreachable"), queued.err.constData());
        QVERIFY2(queued.err.contains("queued"), queued.err.constData());
        const Run history = run(base(QStringLiteral("alice")) +
                                QStringList{QStringLiteral("history"), QStringLiteral("bob"),
                                            QStringLiteral("--json")});
        const auto lines = jsonLines(history.out);
        QVERIFY(!lines.isEmpty());
        QCOMPARE(lines.last().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));

        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // The next command that connects delivers the queued message first.
        const Run next = run(
            base(QStringLiteral("alice")) +
            QStringList{QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("and now")});
        QCOMPARE(next.exitCode, 0);
        const Run got = run(base(QStringLiteral("bob")) +
                            QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                        QStringLiteral("2"), QStringLiteral("--timeout"),
                                        QStringLiteral("30"), QStringLiteral("--json")});
        QCOMPARE(got.exitCode, 0);
        const auto received = jsonLines(got.out);
        QCOMPARE(received.size(), 2);
        QCOMPARE(received.at(0).value(QStringLiteral("text")).toString(),
                 QStringLiteral("while you were away"));
        QCOMPARE(received.at(1).value(QStringLiteral("text")).toString(),
                 QStringLiteral("and now"));
        QVERIFY(received.at(0).value(QStringLiteral("seq")).toInteger() <
                received.at(1).value(QStringLiteral("seq")).toInteger());
    }

    void errorsArePlainAndNonZero()
    {
        const Run wrongPassword =
            run(QStringList{QStringLiteral("--profile"), profile(QStringLiteral("alice2")),
                            QStringLiteral("--server"), m_server->url().toString(),
                            QStringLiteral("login"), QStringLiteral("alice"),
                            QStringLiteral("--password-stdin")},
                "not the password\n");
        QCOMPARE(wrongPassword.exitCode, 4);
        QVERIFY2(wrongPassword.err.contains("wrong username or password"),
                 wrongPassword.err.constData());

        const Run unknownUser = run(
            base(QStringLiteral("alice")) +
            QStringList{QStringLiteral("send"), QStringLiteral("nobody"), QStringLiteral("hi")});
        QCOMPARE(unknownUser.exitCode, 5);
        QVERIFY2(unknownUser.err.contains("no user"), unknownUser.err.constData());

        const Run notRegistered =
            run(QStringList{QStringLiteral("--profile"), profile(QStringLiteral("fresh")),
                            QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("hi")});
        QCOMPARE(notRegistered.exitCode, 4);
        QVERIFY2(notRegistered.err.contains("not registered"), notRegistered.err.constData());

        const Run unreachable =
            run(QStringList{QStringLiteral("--profile"), profile(QStringLiteral("fresh2")),
                            QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1/v1/ws"),
                            QStringLiteral("register"), QStringLiteral("someone"),
                            QStringLiteral("--password-stdin")},
                "correct horse\n");
        QCOMPARE(unreachable.exitCode, 3);
        QVERIFY2(unreachable.err.contains("unreachable"), unreachable.err.constData());

        const Run usage = run(base(QStringLiteral("alice")) + QStringList{QStringLiteral("fly")});
        QCOMPARE(usage.exitCode, 2);
    }

    void aDeviceNoAccountKeyApprovedIsNamedInAWarning()
    {
        // Issue 27: the server adds a device to cleo's account on its own; a send to cleo
        // still reaches her real device, never the added one, and the CLI says so.
        QVERIFY(registerUser(QStringLiteral("cleo")));
        const qint64 ghost =
            injectDevice(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")),
                         QStringLiteral("cleo"));
        QVERIFY(ghost > 0);
        const Run sent = run(base(QStringLiteral("alice")) +
                             QStringList{QStringLiteral("send"), QStringLiteral("cleo"),
                                         QStringLiteral("only for cleo")});
        QCOMPARE(sent.exitCode, 0);
        QVERIFY2(sent.err.contains(QStringLiteral("warning: cleo has a device that the account "
                                                  "key did not approve (%1)")
                                       .arg(ghost)
                                       .toUtf8()),
                 sent.err.constData());
        const Run got = run(base(QStringLiteral("cleo")) +
                            QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                        QStringLiteral("1"), QStringLiteral("--timeout"),
                                        QStringLiteral("20")});
        QCOMPARE(got.exitCode, 0);
        QVERIFY2(got.out.contains("only for cleo"), got.out.constData());
        SqlConnection db(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
        QSqlQuery q(db.db());
        QVERIFY(
            q.exec(QStringLiteral("SELECT COUNT(*) FROM inbox WHERE device_id = %1").arg(ghost)) &&
            q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void aSendTheServerCannotStoreSaysWhyAndStaysQueued()
    {
        // Another process holds the server's write lock: the server answers the send with
        // 500 and the CLI must say so, not wait in silence and call the server unreachable.
        SqlConnection other(QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
        QSqlQuery lock(other.db());
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const Run stuck = run(base(QStringLiteral("alice")) +
                              QStringList{QStringLiteral("send"), QStringLiteral("bob"),
                                          QStringLiteral("while the disk is busy"),
                                          QStringLiteral("--timeout"), QStringLiteral("12")});
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(stuck.exitCode, 1);
        QVERIFY2(stuck.err.contains("not sent yet"), stuck.err.constData());
        QVERIFY2(stuck.err.contains("stays queued"), stuck.err.constData());
        QVERIFY2(!stuck.err.contains("unreachable"), stuck.err.constData());
        // The next send delivers it.
        const Run next = run(base(QStringLiteral("alice")) + QStringList{QStringLiteral("send"),
                                                                         QStringLiteral("bob"),
                                                                         QStringLiteral("after")});
        QCOMPARE(next.exitCode, 0);
        const Run got = run(base(QStringLiteral("bob")) +
                            QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                        QStringLiteral("2"), QStringLiteral("--timeout"),
                                        QStringLiteral("60")});
        QCOMPARE(got.exitCode, 0);
        QVERIFY(got.out.contains("while the disk is busy") && got.out.contains("after"));
    }

    void aTextOverTheLimitIsRefusedBeforeAnythingIsSent()
    {
        const Run tooLong = run(base(QStringLiteral("alice")) +
                                QStringList{QStringLiteral("send"), QStringLiteral("bob"),
                                            QString(linnet::protocol::kMaxTextLength + 1, u'x')});
        QCOMPARE(tooLong.exitCode, 2);
        QVERIFY2(tooLong.err.contains("characters long"), tooLong.err.constData());
        const Run history = run(base(QStringLiteral("alice")) +
                                QStringList{QStringLiteral("history"), QStringLiteral("bob")});
        QVERIFY(!history.out.contains("xxxxxxxxxx"));
    }

    void passphraseMissingOrWrong()
    {
        const QStringList history = base(QStringLiteral("alice")) +
                                    QStringList{QStringLiteral("history"), QStringLiteral("bob")};
        QVERIFY(QFile::exists(profile(QStringLiteral("alice")) + QStringLiteral("/secrets.bin")));

        const Run missing = run(history, {}, 60000, cliEnvironment(QByteArray()));
        QCOMPARE(missing.exitCode, 6);
        QVERIFY2(missing.err.contains("LINNET_PASSPHRASE is not set"), missing.err.constData());
        QVERIFY(missing.out.isEmpty());

        const Run empty = run(history, {}, 60000, cliEnvironment(QByteArray("")));
        QCOMPARE(empty.exitCode, 6);
        QVERIFY2(empty.err.contains("LINNET_PASSPHRASE is not set"), empty.err.constData());

        const Run wrong = run(history, {}, 60000, cliEnvironment("not the passphrase"));
        QCOMPARE(wrong.exitCode, 6);
        QVERIFY2(wrong.err.contains("wrong passphrase for"), wrong.err.constData());
        QVERIFY2(wrong.err.contains("secrets.bin"), wrong.err.constData());
        QVERIFY(wrong.out.isEmpty());

        // Nothing was damaged: the right passphrase still opens the profile.
        const Run right = run(history);
        QCOMPARE(right.exitCode, 0);
        QVERIFY(!right.out.isEmpty());

        // A fresh profile without a passphrase is not even created.
        const Run fresh =
            run(QStringList{QStringLiteral("--profile"), profile(QStringLiteral("nopass")),
                            QStringLiteral("history"), QStringLiteral("bob")},
                {}, 60000, cliEnvironment(QByteArray()));
        QCOMPARE(fresh.exitCode, 6);
        QVERIFY(!QFileInfo::exists(profile(QStringLiteral("nopass"))));

        // The help documents the variable and the exit code.
        const Run help = run(QStringList{QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("LINNET_PASSPHRASE"), help.out.constData());
        QVERIFY2(help.out.contains("6 secrets locked"), help.out.constData());
        // Written as UTF-8 (search's help names ß; it once came out as Latin-1 mojibake).
        QVERIFY2(help.out.contains("ß/ss"), help.out.constData());
    }

    void groupsEndToEnd()
    {
        QVERIFY(registerUser(QStringLiteral("carol")));
        const auto args = [this](const char *who, const QStringList &rest) {
            return base(QLatin1String(who)) + rest;
        };
        const Run created = run(args(
            "alice", {QStringLiteral("group"), QStringLiteral("create"), QStringLiteral("clique"),
                      QStringLiteral("--members"), QStringLiteral("bob,carol")}));
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QRegularExpressionMatch keyMatch =
            QRegularExpression(QStringLiteral("^(group:\\d+) clique$"))
                .match(QString::fromUtf8(created.out.trimmed()));
        QVERIFY2(keyMatch.hasMatch(), created.out.constData());
        const QString key = keyMatch.captured(1);

        const Run sent = run(args("alice", {QStringLiteral("send"), QStringLiteral("clique"),
                                            QStringLiteral("hello group")}));
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        const QString id = QString::fromUtf8(sent.out.trimmed());

        // Bob: the creation event, then the message, both in the group's conversation.
        const Run listened = run(args("bob", {QStringLiteral("listen"), QStringLiteral("--count"),
                                              QStringLiteral("2"), QStringLiteral("--timeout"),
                                              QStringLiteral("60"), QStringLiteral("--json")}));
        QVERIFY2(listened.exitCode == 0, listened.err.constData());
        const auto lines = jsonLines(listened.out);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).value(QStringLiteral("kind")).toString(), QStringLiteral("event"));
        QCOMPARE(lines.at(0).value(QStringLiteral("seq")).toInt(), 1);
        QCOMPARE(lines.at(1).value(QStringLiteral("id")).toString(), id);
        QCOMPARE(lines.at(1).value(QStringLiteral("from")).toString(), QStringLiteral("alice"));
        QCOMPARE(lines.at(1).value(QStringLiteral("text")).toString(),
                 QStringLiteral("hello group"));
        QCOMPARE(lines.at(1).value(QStringLiteral("seq")).toInt(), 2);
        for (const auto &line : lines) {
            QCOMPARE(line.value(QStringLiteral("conversation")).toString(),
                     QStringLiteral("clique"));
            QCOMPARE(line.value(QStringLiteral("group")).toString(), key);
        }

        // Membership changes; refusals are exit code 5 with a plain reason.
        const Run removed = run(args("alice", {QStringLiteral("group"), QStringLiteral("remove"),
                                               QStringLiteral("clique"), QStringLiteral("carol")}));
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        const Run notAdmin = run(args("bob", {QStringLiteral("group"), QStringLiteral("add"),
                                              QStringLiteral("clique"), QStringLiteral("carol")}));
        QCOMPARE(notAdmin.exitCode, 5);
        QVERIFY2(notAdmin.err.contains("error: only the group's admins"), notAdmin.err.constData());
        const Run added = run(args("alice", {QStringLiteral("group"), QStringLiteral("add"),
                                             QStringLiteral("clique"), QStringLiteral("carol")}));
        QVERIFY2(added.exitCode == 0, added.err.constData());
        const Run unknown =
            run(args("alice", {QStringLiteral("group"), QStringLiteral("add"),
                               QStringLiteral("clique"), QStringLiteral("nobody")}));
        QCOMPARE(unknown.exitCode, 5);
        const Run noGroup = run(args("alice", {QStringLiteral("group"), QStringLiteral("leave"),
                                               QStringLiteral("no-such-group")}));
        QCOMPARE(noGroup.exitCode, 5);
        QVERIFY2(noGroup.err.contains("no group called"), noGroup.err.constData());
        const Run left = run(args(
            "bob", {QStringLiteral("group"), QStringLiteral("leave"), QStringLiteral("clique")}));
        QVERIFY2(left.exitCode == 0, left.err.constData());
        const Run usage = run(args(
            "bob", {QStringLiteral("group"), QStringLiteral("join"), QStringLiteral("clique")}));
        QCOMPARE(usage.exitCode, 2);

        // Carol, back in: sees every event in seq order, and alice's next message.
        const Run again = run(args("alice", {QStringLiteral("send"), QStringLiteral("clique"),
                                             QStringLiteral("still here?")}));
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const Run carol = run(args("carol", {QStringLiteral("listen"), QStringLiteral("--count"),
                                             QStringLiteral("5"), QStringLiteral("--timeout"),
                                             QStringLiteral("60"), QStringLiteral("--json")}));
        QVERIFY2(carol.exitCode == 0, carol.err.constData());
        const auto seen = jsonLines(carol.out);
        QCOMPARE(seen.size(), 5);
        QStringList kinds;
        qint64 lastSeq = 0;
        for (const auto &line : seen) {
            kinds << line.value(QStringLiteral("kind")).toString();
            QVERIFY(line.value(QStringLiteral("seq")).toInteger() > lastSeq);
            lastSeq = line.value(QStringLiteral("seq")).toInteger();
        }
        // create, hello (carol was a member), carol removed, carol added, bob left... then
        // "still here?": the first five of those, in order.
        QCOMPARE(kinds.first(), QStringLiteral("event"));
        QCOMPARE(seen.at(1).value(QStringLiteral("text")).toString(),
                 QStringLiteral("hello group"));
        const Run history = run(args("carol", {QStringLiteral("history"), QStringLiteral("clique"),
                                               QStringLiteral("--json")}));
        QCOMPARE(history.exitCode, 0);
        QVERIFY(jsonLines(history.out).size() >= 5);
        // Bob left, and still has the group's history; he can no longer send to it.
        const Run bobHistory = run(args("bob", {QStringLiteral("history"), QStringLiteral("clique"),
                                                QStringLiteral("--json")}));
        QCOMPARE(bobHistory.exitCode, 0);
        const auto bobLines = jsonLines(bobHistory.out);
        QVERIFY(bobLines.size() >= 2);
        QCOMPARE(bobLines.at(1).value(QStringLiteral("text")).toString(),
                 QStringLiteral("hello group"));
        QCOMPARE(bobLines.at(1).value(QStringLiteral("group")).toString(), key);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
