// SPDX-License-Identifier: GPL-3.0-or-later
// `--log-level` and `log_level =`: what the real server writes to stderr at each
// level, QT_LOGGING_RULES still refining it, and journald's priority prefixes.
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QtTest>

#include <memory>

using namespace linnet::test;

namespace {

// An info line (AuthController, on register) and a debug one (on a sign-in by token).
constexpr char kInfoLine[] = "registered account \"alice\"";
constexpr char kDebugLine[] = "of \"alice\" authenticated";
// A warning at start: the open-file limit is below the connection limits.
constexpr char kWarningLine[] = "the open-file limit is";

/** Sets an environment variable for the processes a test starts, and unsets it after. */
class ScopedEnv {
public:
    ScopedEnv(const char *name, const QByteArray &value) : m_name(name) { qputenv(name, value); }
    ~ScopedEnv() { qunsetenv(m_name); }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
};

} // namespace

class TestServerOpsLogs : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    /** Starts a server with @p args and @p config, registers alice and signs her in again. */
    QByteArray outputOfASession(const QStringList &args, const QByteArray &config = {})
    {
        m_server =
            std::make_unique<ServerProcess>(ServerProcess::openRegistration() + args, config);
        m_server->setOpenFileLimit(1024); // for the warning
        if (!m_server->start()) {
            qWarning("%s", qPrintable(m_server->errorString()));
            return {};
        }
        const Device alice = registerAccount(*m_server, QStringLiteral("alice"));
        if (!connectAs(*m_server, alice))
            return {};
        m_server->stop(); // everything it wrote is read
        return m_server->output();
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void cleanup()
    {
        if (m_server)
            m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void infoIsTheDefault()
    {
        const QByteArray out = outputOfASession({});
        QVERIFY2(out.contains(kInfoLine), out.constData());
        QVERIFY2(out.contains(kWarningLine), out.constData());
        QVERIFY2(!out.contains(kDebugLine), out.constData());
    }

    void debugAddsDetail()
    {
        const QByteArray out =
            outputOfASession({QStringLiteral("--log-level"), QStringLiteral("debug")});
        QVERIFY2(out.contains(kDebugLine), out.constData());
        QVERIFY2(out.contains(kInfoLine), out.constData());
    }

    void warningKeepsOnlyWhatNeedsAnAdmin()
    {
        const QByteArray out =
            outputOfASession({QStringLiteral("--log-level"), QStringLiteral("warning")});
        QVERIFY2(out.contains(kWarningLine), out.constData());
        QVERIFY2(!out.contains(kInfoLine), out.constData());
        QVERIFY2(!out.contains(kDebugLine), out.constData());
        // Not even the common library's lines (schema migrations).
        QVERIFY2(!out.contains("linnet.storage.migrations"), out.constData());
        // What a supervisor waits for is not a log line: it stays.
        QVERIFY2(out.contains("Linnet server listening on"), out.constData());
    }

    void theConfigFileSetsItAndTheCommandLineWins()
    {
        QByteArray out = outputOfASession({}, "log_level = warning\n");
        QVERIFY2(!out.contains(kInfoLine), out.constData());
        out = outputOfASession({QStringLiteral("--log-level"), QStringLiteral("debug")},
                               "log_level = warning\n");
        QVERIFY2(out.contains(kDebugLine), out.constData());
    }

    void qtLoggingRulesStillRefineOneCategory()
    {
        const ScopedEnv rules("QT_LOGGING_RULES", "linnet.server.auth.info=true");
        const QByteArray out =
            outputOfASession({QStringLiteral("--log-level"), QStringLiteral("warning")});
        QVERIFY2(out.contains(kInfoLine), out.constData()); // linnet.server.auth
        QVERIFY2(!out.contains("linnet.server.store"), out.constData());
    }

    void underJournaldEachLineCarriesItsPriority()
    {
        const ScopedEnv journal("JOURNAL_STREAM", "8:12345");
        const QByteArray out = outputOfASession({});
        QVERIFY2(out.contains(QByteArray("<6>linnet.server.auth: ") + kInfoLine), out.constData());
        QVERIFY2(out.contains(QByteArray("<4>linnet.server: ") + kWarningLine), out.constData());
    }

    void anUnknownLevelIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("--log-level")
            << QStringList{QStringLiteral("--log-level"), QStringLiteral("loud")} << QByteArray()
            << QByteArray("--log-level must be debug, info or warning");
        QTest::newRow("log_level") << QStringList{} << QByteArray("log_level = verbose\n")
                                   << QByteArray("log_level must be debug, info or warning");
    }

    void anUnknownLevelIsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, config);
        QFETCH(QByteArray, message);
        m_server = std::make_unique<ServerProcess>(args, config);
        QVERIFY(!m_server->start());
        QCOMPARE(m_server->exitCode(), 2);
        QVERIFY2(m_server->output().contains("error: ") && m_server->output().contains(message),
                 m_server->output().constData());
    }
};

QTEST_GUILESS_MAIN(TestServerOpsLogs)
#include "tst_server_ops_logs.moc"
