// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerHandle.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <unistd.h>

namespace linnet::bench {

namespace {

/** Rate limits lifted so that the bench measures the relay, not the limiter. */
constexpr char kBenchIni[] = "[server]\n"
                             "registration = open\n"
                             "max_connections = 1000000\n"
                             "max_unauthenticated = 1000000\n"
                             "max_unauthenticated_per_address = 1000000\n"
                             "messages_per_second = 1000000\n"
                             "message_burst = 10000000\n"
                             "registrations_per_minute = 1000000\n"
                             "auth_failures_per_minute = 10000\n";

} // namespace

ProcSample sampleProcess(qint64 pid)
{
    ProcSample s;
    const QString base = pid ? QStringLiteral("/proc/%1/").arg(pid) : QStringLiteral("/proc/self/");
    QFile stat(base + QStringLiteral("stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return s;
    const QByteArray line = stat.readAll();
    // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return s;
    const QList<QByteArray> f = line.mid(close + 2).split(' ');
    if (f.size() < 18)
        return s;
    const double tick = double(sysconf(_SC_CLK_TCK));
    s.cpuSeconds = (f.at(11).toDouble() + f.at(12).toDouble()) / tick;
    s.threads = f.at(17).toInt();
    QFile status(base + QStringLiteral("status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &l : status.readAll().split('\n')) {
            if (l.startsWith("VmRSS:"))
                s.rssKb = l.mid(6).trimmed().split(' ').value(0).toLongLong();
            else if (l.startsWith("VmHWM:"))
                s.hwmKb = l.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    s.valid = true;
    return s;
}

ServerHandle::~ServerHandle()
{
    stop();
}

bool ServerHandle::start(const QString &binary, const QString &dataDir,
                         const QStringList &configLines)
{
    if (dataDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary directory");
            return false;
        }
        m_dataDir = m_tempDir->path();
    } else {
        m_dataDir = QDir(dataDir).absolutePath();
        QDir().mkpath(m_dataDir);
    }
    const QString ini = m_dataDir + QStringLiteral("/bench.ini");
    QFile f(ini);
    QByteArray config(kBenchIni);
    for (const QString &line : configLines)
        config += line.toUtf8() + '\n';
    if (!f.open(QIODevice::WriteOnly) || f.write(config) < 0) {
        m_error = QStringLiteral("cannot write %1").arg(ini);
        return false;
    }
    f.close();
    m_process = std::make_unique<QProcess>();
    // The server logs to stderr: keep it in a file so a full pipe never stalls it.
    m_process->setStandardErrorFile(m_dataDir + QStringLiteral("/server.log"), QIODevice::Append);
    m_process->start(binary, {QStringLiteral("serve"), QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                              m_dataDir, QStringLiteral("--registration"), QStringLiteral("open"),
                              QStringLiteral("--config"), ini});
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(binary, m_process->errorString());
        return false;
    }
    static const QRegularExpression urlRe(QStringLiteral("(wss?://\\S+)"));
    QByteArray out;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        const auto match = urlRe.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            m_pid = m_process->processId();
            return true;
        }
    }
    m_error =
        QStringLiteral("%1 did not print its URL; output: %2").arg(binary, QString::fromUtf8(out));
    return false;
}

void ServerHandle::attach(const QUrl &url, qint64 pid)
{
    m_url = url;
    m_pid = pid;
}

bool ServerHandle::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return true;
    m_process->terminate();
    bool clean = m_process->waitForFinished(20000);
    if (!clean) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    clean = clean && m_process->exitStatus() == QProcess::NormalExit;
    m_process.reset();
    m_pid = 0;
    return clean;
}

void ServerHandle::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_process.reset();
    m_pid = 0;
}

} // namespace linnet::bench
