// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin/CommandLine.h"
#include "store/SqliteConnection.h"

#include <QCoreApplication>

#ifdef Q_OS_LINUX
#include "eventloop/EpollEventDispatcher.h"
#endif

int main(int argc, char *argv[])
{
    // Before Qt's SQL driver or anything else touches SQLite.
    linnet::server::SqliteConnection::configureProcess();
#ifdef Q_OS_LINUX
    // Qt's own dispatchers cost O(connections) per loop turn (see EpollEventDispatcher).
    // LINNET_QT_DISPATCHER=1 keeps Qt's, for comparison.
    if (!qEnvironmentVariableIsSet("LINNET_QT_DISPATCHER")) {
        auto *dispatcher = new linnet::eventloop::EpollEventDispatcher;
        if (dispatcher->isValid())
            QCoreApplication::setEventDispatcher(dispatcher);
        else
            delete dispatcher;
    }
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("linnet-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Linnet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LINNET_VERSION));
    return linnet::server::runCommandLine(QCoreApplication::arguments());
}
