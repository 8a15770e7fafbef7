// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli login --start-over (issue 27), run as processes against the real server: a
// password login of a new profile to an account with devices is refused and says how to
// start over; --start-over removes the old profile's device (it is told it was removed) and
// the new one works; a wrong password starts nothing over.
#include "CliTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::test;

class TestCliStartOver : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    const QByteArray m_passphrase = QByteArrayLiteral("cli start over passphrase");

    ProcessResult run(const QString &profile, const QStringList &args, const QByteArray &input = {})
    {
        QStringList all{QStringLiteral("--profile"), m_root.filePath(profile)};
        if (args.value(0) == QLatin1String("register") || args.value(0) == QLatin1String("login"))
            all << QStringLiteral("--server") << m_server->url().toString();
        return runProcess(cliBinary(), all + args, input, 60000, cliTestEnvironment(m_passphrase));
    }
    ProcessResult account(const QString &profile, const QString &command, const QString &user,
                          const QStringList &extra = {},
                          const QByteArray &password = "correct horse\n")
    {
        return run(profile, QStringList{command, user, QStringLiteral("--password-stdin")} + extra,
                   password);
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const ProcessResult r =
            account(QStringLiteral("old"), QStringLiteral("register"), QStringLiteral("ana"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ProcessResult bob =
            account(QStringLiteral("bob"), QStringLiteral("register"), QStringLiteral("bob"));
        QVERIFY2(bob.exitCode == 0, bob.err.constData());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void aPasswordLoginIsRefusedAndNamesStartOver()
    {
        const ProcessResult r =
            account(QStringLiteral("refused"), QStringLiteral("login"), QStringLiteral("ana"));
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("approve this device from one of your devices"), r.err.constData());
        QVERIFY2(r.err.contains("--start-over"), r.err.constData());
    }

    void startOverIsOnlyForLogin()
    {
        const ProcessResult r =
            run(QStringLiteral("old"), {QStringLiteral("send"), QStringLiteral("bob"),
                                        QStringLiteral("hi"), QStringLiteral("--start-over")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--start-over is for login"), r.err.constData());
    }

    void aWrongPasswordStartsNothingOver()
    {
        const ProcessResult r =
            account(QStringLiteral("wrong"), QStringLiteral("login"), QStringLiteral("ana"),
                    {QStringLiteral("--start-over")}, "wrong horse battery\n");
        QCOMPARE(r.exitCode, 4);
        // The old profile still sends.
        const ProcessResult sent =
            run(QStringLiteral("old"),
                {QStringLiteral("send"), QStringLiteral("bob"), QStringLiteral("still mine")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
    }

    void startOverRemovesTheOldDeviceAndTheNewOneWorks()
    {
        const ProcessResult r = account(QStringLiteral("new"), QStringLiteral("login"),
                                        QStringLiteral("ana"), {QStringLiteral("--start-over")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("started over as ana"), r.out.constData());
        QVERIFY2(r.out.contains("new security code"), r.out.constData());

        const ProcessResult old =
            run(QStringLiteral("old"), {QStringLiteral("send"), QStringLiteral("bob"),
                                        QStringLiteral("from the old one")});
        QCOMPARE(old.exitCode, 4);
        QVERIFY2(old.err.contains("removed"), old.err.constData());

        const ProcessResult sent =
            run(QStringLiteral("new"), {QStringLiteral("send"), QStringLiteral("bob"),
                                        QStringLiteral("from the new one")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        const ProcessResult got =
            run(QStringLiteral("bob"),
                {QStringLiteral("listen"), QStringLiteral("--count"), QStringLiteral("2"),
                 QStringLiteral("--timeout"), QStringLiteral("60")});
        QVERIFY2(got.exitCode == 0, got.err.constData());
        QVERIFY2(got.out.contains("from the new one"), got.out.constData());
        QVERIFY(!got.out.contains("from the old one"));
    }
};

QTEST_GUILESS_MAIN(TestCliStartOver)
#include "tst_cli_start_over.moc"
