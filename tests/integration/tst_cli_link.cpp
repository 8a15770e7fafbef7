// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli link and approve (issue 27), run as processes against the real server the
// way a person would: `link` on a new profile prints a code and a QR code and waits;
// `approve CODE` on the account's first device asks "yes", the new device is signed in,
// and its `listen` receives the history and the messages sent to the account afterwards.
// A wrong code, a "no" and a code nobody waits for are refused with their exit codes.
#include "CliTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::test;

namespace {
constexpr int kTimeout = 90000;
const QByteArray kPassphrase = QByteArrayLiteral("cli link passphrase");
} // namespace

class TestCliLink : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    std::unique_ptr<CliProfiles> m_cli;

    /** `link USER` started on profile @p profile; its code once printed (empty: none). */
    QString startLink(QProcess &link, const QString &profile, const QString &user)
    {
        link.setProcessEnvironment(cliTestEnvironment(kPassphrase));
        link.start(cliBinary(),
                   {QStringLiteral("--profile"), m_root.filePath(profile),
                    QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("link"),
                    user, QStringLiteral("--name"), QStringLiteral("Laptop")});
        const QRegularExpression code(QStringLiteral("approve ([0-9A-Z]{4}(-[0-9A-Z]{4}){3})"));
        QByteArray out;
        QRegularExpressionMatch match;
        const bool printed = QTest::qWaitFor(
            [&] {
                out += link.readAllStandardOutput();
                match = code.match(QString::fromUtf8(out));
                return match.hasMatch() && out.contains("Waiting");
            },
            kTimeout);
        if (!printed)
            qWarning("link printed: %s / %s", out.constData(),
                     link.readAllStandardError().constData());
        m_lastLinkOut = out;
        return printed ? match.captured(1) : QString();
    }
    QByteArray m_lastLinkOut;

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_cli = std::make_unique<CliProfiles>(m_root.path(), kPassphrase);
        m_cli->setServer(m_server->url().toString());
        QVERIFY(m_cli->registered({QStringLiteral("ana"), QStringLiteral("ben")}));
        // A past the new device should get: ben writes, ana receives.
        for (int i = 1; i <= 3; ++i) {
            const ProcessResult sent =
                m_cli->run(QStringLiteral("ben"), {QStringLiteral("send"), QStringLiteral("ana"),
                                                   QStringLiteral("old %1").arg(i)});
            QVERIFY2(sent.exitCode == 0, sent.err.constData());
        }
        const ProcessResult got =
            m_cli->run(QStringLiteral("ana"),
                       {QStringLiteral("listen"), QStringLiteral("--count"), QStringLiteral("3"),
                        QStringLiteral("--timeout"), QStringLiteral("60")});
        QVERIFY2(got.exitCode == 0, got.err.constData());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void aLinkedProfileGetsTheHistoryAndNewMessages()
    {
        QProcess link;
        const QString code = startLink(link, QStringLiteral("laptop"), QStringLiteral("ana"));
        QVERIFY(!code.isEmpty());
        QVERIFY(m_lastLinkOut.contains("\u2588") || m_lastLinkOut.contains("\u2580")); // the QR

        // The approving device shows who asks and waits for "yes".
        const ProcessResult approved = m_cli->run(
            QStringLiteral("ana"), {QStringLiteral("approve"), code.toLower()}, "yes\n", kTimeout);
        QVERIFY2(approved.exitCode == 0, approved.err.constData());
        QVERIFY(approved.out.contains("\"Laptop\""));
        QVERIFY(approved.out.contains("fingerprint"));
        QVERIFY(approved.out.contains("approved: device"));
        QVERIFY(link.waitForFinished(kTimeout));
        QCOMPARE(link.exitCode(), 0);
        QVERIFY(link.readAllStandardOutput().contains("linked as a device of ana"));

        // The new profile is a device of ana: the history, then what ben writes next.
        const ProcessResult sent =
            m_cli->run(QStringLiteral("ben"), {QStringLiteral("send"), QStringLiteral("ana"),
                                               QStringLiteral("after the link")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        const ProcessResult heard = m_cli->run(
            QStringLiteral("laptop"), {QStringLiteral("listen"), QStringLiteral("--timeout"),
                                       QStringLiteral("20"), QStringLiteral("--json")});
        QVERIFY2(heard.exitCode == 0, heard.err.constData());
        QVERIFY2(heard.err.contains("history:"), heard.err.constData());
        QVERIFY(heard.out.contains("after the link"));
        const ProcessResult past = m_cli->run(QStringLiteral("laptop"),
                                              {QStringLiteral("history"), QStringLiteral("ben")});
        QVERIFY2(past.exitCode == 0, past.err.constData());
        QVERIFY(past.out.contains("old 1"));
        QVERIFY(past.out.contains("old 3"));
        QVERIFY(past.out.indexOf("old 1") < past.out.indexOf("old 3"));
        const ProcessResult listed = m_cli->run(QStringLiteral("ana"), {QStringLiteral("devices")});
        QVERIFY(listed.out.contains("Laptop"));
        QVERIFY(!listed.out.contains("NOT APPROVED"));
    }

    void refusalsKeepTheNewDeviceWaitingAndSayWhy()
    {
        QProcess link;
        const QString code = startLink(link, QStringLiteral("tablet"), QStringLiteral("ben"));
        QVERIFY(!code.isEmpty());
        // Not a code (2), nobody's code (5), a "no" (1): nothing approved.
        QCOMPARE(m_cli->run(QStringLiteral("ben"), {QStringLiteral("approve"), QStringLiteral("x")})
                     .exitCode,
                 2);
        const ProcessResult nobody =
            m_cli->run(QStringLiteral("ben"),
                       {QStringLiteral("approve"), QStringLiteral("0000-0000-0000-0000")});
        QCOMPARE(nobody.exitCode, 5);
        QVERIFY(nobody.err.contains("no device is waiting"));
        const ProcessResult declined =
            m_cli->run(QStringLiteral("ben"), {QStringLiteral("approve"), code}, "no\n");
        QCOMPARE(declined.exitCode, 1);
        QVERIFY(declined.err.contains("not approved"));
        QCOMPARE(link.state(), QProcess::Running); // still waiting
        // Another account's device cannot take it.
        const ProcessResult foreign = m_cli->run(
            QStringLiteral("ana"), {QStringLiteral("approve"), code, QStringLiteral("--yes")});
        QCOMPARE(foreign.exitCode, 5);
        QCOMPARE(link.state(), QProcess::Running);
        // The right one, without the history.
        const ProcessResult approved = m_cli->run(
            QStringLiteral("ben"), {QStringLiteral("approve"), code, QStringLiteral("--yes"),
                                    QStringLiteral("--no-history")});
        QVERIFY2(approved.exitCode == 0, approved.err.constData());
        QVERIFY(link.waitForFinished(kTimeout));
        QCOMPARE(link.exitCode(), 0);
        // Usage errors before anything is sent.
        QCOMPARE(m_cli->run(QStringLiteral("ben"), {QStringLiteral("approve")}).exitCode, 2);
        QCOMPARE(
            m_cli->run(QStringLiteral("ben"), {QStringLiteral("devices"), QStringLiteral("--yes")})
                .exitCode,
            2);
    }
};

QTEST_GUILESS_MAIN(TestCliLink)
#include "tst_cli_link.moc"
