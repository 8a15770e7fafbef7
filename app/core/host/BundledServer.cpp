// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/BundledServer.h"

#include "ClientLog.h"
#include "host/LanAddresses.h"
#include "protocol/InviteLink.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace linnet::client {

BundledServer::BundledServer(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    if (m_options.dataDir.isEmpty())
        m_options.dataDir = defaultDataDir();
    m_binary = findBinary(m_options.binary);
    m_restartTimer.setSingleShot(true);
    connect(&m_restartTimer, &QTimer::timeout, this, [this] {
        if (m_wanted && !isRunning())
            launch();
    });
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, [this] {
        m_output += m_process.readAll();
        if (!m_url.isEmpty())
            return;
        // "listening on URL", with TLS the "TLS certificate pin ...: PIN" line, then
        // "Data directory": by then everything needed is there.
        const QString output = QString::fromUtf8(m_output);
        static const QRegularExpression urlRe(QStringLiteral("(wss?://\\S+)"));
        static const QRegularExpression pinRe(QStringLiteral("certificate pin[^:]*: (\\S+)"));
        const auto match = urlRe.match(output);
        if (match.hasMatch() && output.contains(QLatin1String("Data directory"))) {
            const auto pin = protocol::pinFromText(pinRe.match(output).captured(1));
            m_pin = pin ? pin.value() : QByteArray();
            m_url = QUrl(match.captured(1));
            qCInfo(lcClient) << "bundled server listening on" << m_url.toString();
            m_restartDelayMs = 0; // it works again: the next death restarts it soon
            setState(State::Running);
            Q_EMIT started(m_url);
        }
    });
    connect(&m_process, &QProcess::finished, this, &BundledServer::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_lastError = tr("cannot start %1: %2").arg(m_binary, m_process.errorString());
        m_wanted = false; // no binary: trying again cannot help
        setState(State::Stopped, m_lastError);
        Q_EMIT failed(m_lastError);
    });
}

void BundledServer::onFinished(int code, QProcess::ExitStatus status)
{
    const bool wasListening = !m_url.isEmpty();
    const QString last = QString::fromUtf8(m_output).trimmed().section(QLatin1Char('\n'), -1);
    m_url.clear();
    m_pin.clear();
    if (!m_wanted) {
        setState(State::Stopped);
        Q_EMIT stopped();
        return;
    }
    if (status == QProcess::CrashExit)
        m_lastError = tr("the server stopped unexpectedly (it crashed or was killed)");
    else
        m_lastError = tr("the server stopped (exit code %1): %2").arg(code).arg(last);
    qCWarning(lcClient) << "bundled server died:" << m_lastError;
    if (!wasListening) {
        m_lastError = tr("the server stopped at once (exit code %1): %2").arg(code).arg(last);
        Q_EMIT failed(m_lastError);
    }
    Q_EMIT stopped();
    scheduleRestart(m_lastError);
}

void BundledServer::scheduleRestart(const QString &reason)
{
    m_restartDelayMs = m_restartDelayMs == 0
                           ? m_options.restartInitialMs
                           : std::min(2 * m_restartDelayMs, m_options.restartMaxMs);
    qCInfo(lcClient) << "starting the bundled server again in" << m_restartDelayMs << "ms";
    setState(State::Restarting, reason);
    m_restartTimer.start(m_restartDelayMs);
}

void BundledServer::setState(State state, const QString &reason)
{
    if (state == m_state && reason.isEmpty())
        return;
    m_state = state;
    Q_EMIT stateChanged(state, reason);
}

BundledServer::~BundledServer()
{
    stop();
}

QString BundledServer::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/linnet-server");
}

QString BundledServer::findBinary(const QString &hint)
{
    if (!hint.isEmpty())
        return hint;
    const QString fromEnv = qEnvironmentVariable("LINNET_SERVER_BIN");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // Installed side by side, or in the build tree (app/linnet next to server/linnet-server).
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {here.filePath(QStringLiteral("linnet-server")),
                                     here.filePath(QStringLiteral("../server/linnet-server")),
                                     here.filePath(QStringLiteral("../../server/linnet-server"))}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    const QString inPath = QStandardPaths::findExecutable(QStringLiteral("linnet-server"));
    return inPath.isEmpty() ? QStringLiteral("linnet-server") : inPath;
}

void BundledServer::start()
{
    m_wanted = true;
    m_restartDelayMs = 0;
    m_restartTimer.stop();
    if (!isRunning())
        launch();
}

void BundledServer::launch()
{
    QDir().mkpath(m_options.dataDir);
    m_output.clear();
    m_url.clear();
    m_pin.clear();
    setState(State::Starting);
    QStringList args{QStringLiteral("serve"), QStringLiteral("--listen"),
                     m_options.listen,        QStringLiteral("--data-dir"),
                     m_options.dataDir,       QStringLiteral("--registration"),
                     m_options.registration};
    if (m_options.tls)
        args << QStringLiteral("--tls-self-signed");
    m_process.start(m_binary, args);
}

void BundledServer::stop()
{
    m_wanted = false;
    m_restartTimer.stop();
    if (!isRunning()) {
        setState(State::Stopped);
        return;
    }
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

bool BundledServer::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

QList<QUrl> BundledServer::shareableUrls() const
{
    if (m_url.isEmpty())
        return {};
    return LanAddresses::shareableUrls(m_url, m_options.listen, LanAddresses::systemInterfaces());
}

QString BundledServer::createInvite(QString *error, const QUrl &server) const
{
    QStringList args{QStringLiteral("--data-dir"), m_options.dataDir, QStringLiteral("--listen"),
                     m_options.listen};
    if (m_options.tls)
        args << QStringLiteral("--tls-self-signed");
    const QUrl to = server.isEmpty() ? m_url : server;
    if (!to.isEmpty())
        args << QStringLiteral("--url") << to.toString();
    args << QStringLiteral("invite") << QStringLiteral("create");
    QProcess p;
    p.start(m_binary, args);
    if (!p.waitForFinished(15000) || p.exitCode() != 0) {
        if (error)
            *error = QString::fromUtf8(p.readAllStandardError()).trimmed();
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace linnet::client
