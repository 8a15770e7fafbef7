// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/SingleInstance.h"

#include "ClientLog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QLockFile>

namespace linnet::client {

namespace {
const QByteArray kActivate = QByteArrayLiteral("activate\n");
}

SingleInstance::SingleInstance(QString profileDir, QObject *parent)
    : QObject(parent), m_profileDir(std::move(profileDir))
{
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine())
                    return;
                if (socket->readLine() == kActivate) {
                    qCInfo(lcClient) << "another launch on this profile: showing this one";
                    Q_EMIT activationRequested();
                }
                socket->disconnectFromServer();
            });
        }
    });
}

SingleInstance::~SingleInstance()
{
    m_server.close();
    if (m_lock)
        m_lock->unlock();
}

QString SingleInstance::socketName(const QString &profileDir)
{
    QString path = QFileInfo(profileDir).canonicalFilePath();
    if (path.isEmpty())
        path = QDir::cleanPath(QDir(profileDir).absolutePath());
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("linnet-%1").arg(QString::fromLatin1(hash.toHex().left(24)));
}

bool SingleInstance::acquire(QString *error)
{
    if (m_primary)
        return true;
    if (!QDir().mkpath(m_profileDir)) {
        if (error)
            *error = tr("cannot create the profile directory %1").arg(m_profileDir);
        return false;
    }
    m_lock =
        std::make_unique<QLockFile>(QDir(m_profileDir).filePath(QStringLiteral("linnet.lock")));
    // A lock whose process is gone is stale at once: only a live holder counts.
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        if (error)
            *error = m_lock->error() == QLockFile::LockFailedError
                         ? tr("Linnet is already running with the profile %1").arg(m_profileDir)
                         : tr("cannot lock the profile %1").arg(m_profileDir);
        m_lock.reset();
        return false;
    }
    const QString name = socketName(m_profileDir);
    QLocalServer::removeServer(name); // left behind by a crash: we hold the lock now
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(name))
        qCWarning(lcClient) << "cannot listen for later launches on" << name << ":"
                            << m_server.errorString();
    m_primary = true;
    return true;
}

bool SingleInstance::signalPrimary(int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketName(m_profileDir));
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write(kActivate);
    const bool written = socket.waitForBytesWritten(timeoutMs);
    socket.disconnectFromServer();
    return written;
}

} // namespace linnet::client
