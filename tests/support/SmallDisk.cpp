// SPDX-License-Identifier: GPL-3.0-or-later
#include "SmallDisk.h"

#include "ServerProcess.h"

#include <QProcess>

#include <unistd.h>

namespace linnet::test {

bool SmallDisk::possible()
{
    return ::geteuid() == 0;
}

SmallDisk::SmallDisk(ServerProcess &server, int megabytes) : m_server(server)
{
    m_mounted = QProcess::execute(QStringLiteral("mount"),
                                  {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                   QStringLiteral("-o"), QStringLiteral("size=%1m").arg(megabytes),
                                   QStringLiteral("tmpfs"), server.dataDir()}) == 0;
}

SmallDisk::~SmallDisk()
{
    if (!m_mounted)
        return;
    m_server.kill();
    QProcess::execute(QStringLiteral("umount"), {m_server.dataDir()});
}

} // namespace linnet::test
