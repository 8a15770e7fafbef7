// SPDX-License-Identifier: GPL-3.0-or-later
// Placeholder window: the desktop app arrives with its own issue.
#include <QApplication>
#include <QLabel>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Linnet"));
    QLabel label(QObject::tr("Linnet — the desktop app is on its way."));
    label.setAlignment(Qt::AlignCenter);
    label.resize(480, 240);
    label.setWindowTitle(QObject::tr("Linnet"));
    label.show();
    return app.exec();
}
