// SPDX-License-Identifier: GPL-3.0-or-later
#include "SmallDisk.h"

#include "ServerProcess.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <unistd.h>

namespace linnet::test {

bool SmallDisk::possible()
{
    return ::geteuid() == 0;
}

SmallDisk::SmallDisk(ServerProcess &server, int megabytes)
    : SmallDisk(server.dataDir(), megabytes, [&server] { server.kill(); })
{
}

SmallDisk::SmallDisk(const QString &dir, int megabytes, std::function<void()> release)
    : m_dir(dir), m_release(std::move(release))
{
    QDir().mkpath(m_dir);
    m_mounted = QProcess::execute(QStringLiteral("mount"),
                                  {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                   QStringLiteral("-o"), QStringLiteral("size=%1m").arg(megabytes),
                                   QStringLiteral("tmpfs"), m_dir}) == 0;
}

SmallDisk::~SmallDisk()
{
    if (!m_mounted)
        return;
    if (m_release)
        m_release();
    QProcess::execute(QStringLiteral("umount"), {m_dir});
}

bool SmallDisk::fill() const
{
    QFile filler(QDir(m_dir).filePath(QStringLiteral("filler")));
    // Unbuffered: a write that finds no room fails at once instead of in a later flush.
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return false;
    const QByteArray block(64 * 1024, '\0');
    while (filler.write(block) == block.size()) {
    }
    return filler.size() > 0;
}

bool SmallDisk::unfill() const
{
    return QFile::remove(QDir(m_dir).filePath(QStringLiteral("filler")));
}

} // namespace linnet::test
