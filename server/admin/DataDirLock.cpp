// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataDirLock.h"

#include <QCoreApplication>
#include <QFile>
#include <QDir>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

DataDirLock::~DataDirLock()
{
#ifdef Q_OS_UNIX
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
#endif
}

protocol::Status DataDirLock::acquire(const QString &dataDir)
{
#ifdef Q_OS_UNIX
    Q_ASSERT(m_fd < 0);
    const QByteArray path = QFile::encodeName(QDir(dataDir).filePath(QLatin1String(kFileName)));
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot open %1: %2")
                .arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(errno))));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        char pid[32] = {};
        const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
        ::close(fd);
        if (error != EWOULDBLOCK)
            return makeError(
                ErrorCode::InternalError,
                QStringLiteral("cannot lock %1: %2")
                    .arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(error))));
        const QString holder = n > 0 ? QString::fromLatin1(pid, n).trimmed() : QString();
        return makeError(ErrorCode::Forbidden,
                         QStringLiteral("the data directory %1 is in use by a running "
                                        "linnet-server%2; stop it first")
                             .arg(dataDir, holder.isEmpty()
                                               ? QString()
                                               : QStringLiteral(" (process %1)").arg(holder)));
    }
    const QByteArray self = QByteArray::number(QCoreApplication::applicationPid()) + '\n';
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, self.constData(), size_t(self.size()), 0) < 0) {
        // The lock holds without the id in it; only the message for others is poorer.
    }
    m_fd = fd;
#else
    Q_UNUSED(dataDir);
#endif
    return {};
}

} // namespace linnet::server
