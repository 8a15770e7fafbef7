// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin/CommandLine.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("linnet-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Linnet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LINNET_VERSION));
    return linnet::server::runCommandLine(QCoreApplication::arguments());
}
