// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChaosServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <csignal>

#include <sys/prctl.h>

namespace linnet::chaos {

namespace {

/** The chaos run measures delivery, not the limiters: lift them. */
constexpr char kChaosIni[] = "[server]\n"
                             "registration = open\n"
                             "messages_per_second = 1000000\n"
                             "message_burst = 10000000\n"
                             "registrations_per_minute = 1000000\n"
                             "auth_failures_per_minute = 10000\n"
                             "max_unauthenticated_per_address = 100000\n";

} // namespace

ChaosServer::ChaosServer(QString binary, QString dataDir, QStringList configLines)
    : m_binary(std::move(binary)), m_dataDir(std::move(dataDir)),
      m_configLines(std::move(configLines))
{
}

ChaosServer::~ChaosServer()
{
    if (isRunning())
        kill();
}

bool ChaosServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 ChaosServer::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

bool ChaosServer::start()
{
    QDir().mkpath(m_dataDir);
    const QString ini = QDir(m_dataDir).filePath(QStringLiteral("chaos.ini"));
    QByteArray config(kChaosIni);
    for (const QString &line : m_configLines)
        config += line.toUtf8() + '\n';
    QFile f(ini);
    if (!f.open(QIODevice::WriteOnly) || f.write(config) < 0) {
        m_error = QStringLiteral("cannot write %1").arg(ini);
        return false;
    }
    f.close();
    m_process = std::make_unique<QProcess>();
    // A run stopped with Ctrl+C (or killed) must not leave its server behind.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->setStandardErrorFile(QDir(m_dataDir).filePath(QStringLiteral("server.log")),
                                    QIODevice::Append);
    m_process->start(m_binary,
                     {QStringLiteral("serve"), QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("--data-dir"),
                      m_dataDir, QStringLiteral("--config"), ini});
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(m_binary, m_process->errorString());
        return false;
    }
    static const QRegularExpression urlRe(QStringLiteral("(wss?://\\S+)"));
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        const auto match = urlRe.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            m_port = quint16(m_url.port());
            return true;
        }
    }
    m_error = QStringLiteral("%1 did not print its URL (see %2/server.log); output: %3")
                  .arg(m_binary, m_dataDir, QString::fromUtf8(out));
    return false;
}

void ChaosServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

bool ChaosServer::terminate()
{
    if (!m_process)
        return true;
    m_process->terminate();
    if (!m_process->waitForFinished(20000)) {
        m_error = QStringLiteral("the server did not stop within 20 s of SIGTERM");
        kill();
        return false;
    }
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0) {
        m_error =
            QStringLiteral("the server exited with %1 after SIGTERM").arg(m_process->exitCode());
        return false;
    }
    return true;
}

} // namespace linnet::chaos
