// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerProcess.h"

#include "TestBinaries.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace linnet::test {

ServerProcess::ServerProcess(QStringList extraServeArgs, QByteArray configLines)
    : m_extraArgs(std::move(extraServeArgs)), m_configLines(std::move(configLines))
{
}

ServerProcess::~ServerProcess()
{
    if (isRunning())
        kill();
}

qint64 ServerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool ServerProcess::start()
{
    if (!m_dataDir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary data dir");
        return false;
    }
    m_output.clear(); // a restart must not match the previous run's URL line
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    const QString listen = QStringLiteral("127.0.0.1:%1").arg(m_port);
    QStringList args{QStringLiteral("serve"), QStringLiteral("--listen"), listen,
                     QStringLiteral("--data-dir"), m_dataDir.path()};
    if (!m_extraArgs.contains(QStringLiteral("--config"))) {
        // Every test client comes from 127.0.0.1: lift the per-address
        // registration limit so suites can create the accounts they need.
        const QString config = m_dataDir.filePath(QStringLiteral("test.ini"));
        // LINNET_TEST_SERVER_CONFIG adds lines ("key = value;key = value"), so that
        // CTest can run a suite again with another server setting.
        QByteArray ini("[server]\nregistrations_per_minute = 100000\n");
        // Likewise the connections still signing in per address: suites open many at
        // once that stand for many machines (tst_server_limits sets its own).
        if (!m_configLines.contains("max_unauthenticated_per_address"))
            ini += "max_unauthenticated_per_address = 100000\n";
        ini += m_configLines;
        for (const QString &line : qEnvironmentVariable("LINNET_TEST_SERVER_CONFIG")
                                       .split(QLatin1Char(';'), Qt::SkipEmptyParts))
            ini += line.trimmed().toUtf8() + '\n';
        QFile f(config);
        if (f.open(QIODevice::WriteOnly))
            f.write(ini);
        args << QStringLiteral("--config") << config;
    }
    args += m_extraArgs;
#ifdef Q_OS_UNIX
    if (m_openFileLimit > 0) {
        const rlim_t limit = rlim_t(m_openFileLimit);
        m_process->setChildProcessModifier([limit] {
            const rlimit both{limit, limit};
            ::setrlimit(RLIMIT_NOFILE, &both); // in the child, before exec
        });
    }
#endif
    m_process->start(serverBinary(), args);
    if (!m_process->waitForStarted(10000)) {
        m_error =
            QStringLiteral("cannot start %1: %2").arg(serverBinary(), m_process->errorString());
        return false;
    }
    static const QRegularExpression urlRe(QStringLiteral("(wss?://\\S+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(200)) {
            if (m_process->state() != QProcess::Running)
                break;
            continue;
        }
        m_output += m_process->readAll();
        const auto match = urlRe.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            m_port = static_cast<quint16>(m_url.port());
            // Keep collecting output for diagnostics.
            QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                             [this] { m_output += m_process->readAll(); });
            return true;
        }
    }
    m_output += m_process->readAll();
    m_error = QStringLiteral("server did not print its URL; output:\n%1")
                  .arg(QString::fromUtf8(m_output));
    return false;
}

int ServerProcess::stop()
{
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    m_output += m_process->readAll();
    if (m_process->exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process->exitCode();
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

int ServerProcess::exitCode() const
{
    if (!m_process || m_process->state() != QProcess::NotRunning ||
        m_process->exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process->exitCode();
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

void ServerProcess::warnOutputIfTestFailed() const
{
    if (QTest::currentTestFailed())
        qWarning("server output:\n%s", m_output.constData());
}

ServerProcess::AdminResult ServerProcess::admin(const QStringList &args,
                                                const QByteArray &stdinData) const
{
    return runProcess(serverBinary(),
                      QStringList{QStringLiteral("--data-dir"), m_dataDir.path()} + args,
                      stdinData);
}

} // namespace linnet::test
