// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppController.h"
#include "host/SingleInstance.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Linnet"));
    QApplication::setOrganizationName(QStringLiteral("Linnet"));
    QApplication::setApplicationVersion(QStringLiteral(LINNET_VERSION));
    // The installed .desktop file (packaging/desktop): Wayland matches the window to it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.linnet.Linnet"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/linnet.svg")));

    linnet::ui::AppController::Options options;
    options.profileDir = linnet::ui::AppController::defaultProfileDir();
    // One app per profile: a second launch brings the first one's window forward.
    linnet::client::SingleInstance instance(options.profileDir);
    QString error;
    if (!instance.acquire(&error)) {
        if (instance.signalPrimary())
            return 0;
        QMessageBox::critical(nullptr, QStringLiteral("Linnet"), error);
        return 1;
    }
    linnet::ui::AppController controller(options);
    QObject::connect(&instance, &linnet::client::SingleInstance::activationRequested, &controller,
                     &linnet::ui::AppController::activate);
    if (!controller.start())
        return 1;
    return QApplication::exec();
}
