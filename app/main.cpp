// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppController.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Linnet"));
    QApplication::setOrganizationName(QStringLiteral("Linnet"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/linnet.svg")));
    linnet::ui::AppController controller;
    if (!controller.start())
        return 1;
    return QApplication::exec();
}
