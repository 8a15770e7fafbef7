// SPDX-License-Identifier: GPL-3.0-or-later
#include "Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

// Q_INIT_RESOURCE must be used outside any namespace.
static void registerLinnetResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace linnet::ui {

namespace {

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
    p.setColor(QPalette::WindowText, QColor(0x1b, 0x1f, 0x23));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xee, 0xf0, 0xf2));
    p.setColor(QPalette::ToolTipBase, QColor(0x1b, 0x1f, 0x23));
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x76, 0x7c, 0x84));
    p.setColor(QPalette::Text, QColor(0x1b, 0x1f, 0x23));
    p.setColor(QPalette::Button, QColor(0xfa, 0xfb, 0xfc));
    p.setColor(QPalette::ButtonText, QColor(0x1b, 0x1f, 0x23));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc9, 0xcf));
    p.setColor(QPalette::Dark, QColor(0x9a, 0xa0, 0xa8));
    p.setColor(QPalette::Shadow, QColor(0x55, 0x5a, 0x60));
    p.setColor(QPalette::Highlight, QColor(0xd7, 0xec, 0xe8));
    p.setColor(QPalette::HighlightedText, QColor(0x1b, 0x1f, 0x23));
    p.setColor(QPalette::Link, accentColor().darker(115));
    p.setColor(QPalette::LinkVisited, accentColor().darker(140));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xa0, 0xa5, 0xab));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x17, 0x1c, 0x21));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe9, 0xec));
    p.setColor(QPalette::Base, QColor(0x11, 0x15, 0x19));
    p.setColor(QPalette::AlternateBase, QColor(0x1f, 0x25, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0xe6, 0xe9, 0xec));
    p.setColor(QPalette::ToolTipText, QColor(0x11, 0x15, 0x19));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x92, 0x9a));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe9, 0xec));
    p.setColor(QPalette::Button, QColor(0x22, 0x29, 0x30));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe9, 0xec));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x34, 0x3c, 0x45));
    p.setColor(QPalette::Midlight, QColor(0x2a, 0x31, 0x39));
    p.setColor(QPalette::Mid, QColor(0x3a, 0x43, 0x4c));
    p.setColor(QPalette::Dark, QColor(0x0b, 0x0e, 0x11));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x23, 0x3d, 0x3a));
    p.setColor(QPalette::HighlightedText, QColor(0xe6, 0xe9, 0xec));
    p.setColor(QPalette::Link, accentColor().lighter(150));
    p.setColor(QPalette::LinkVisited, accentColor().lighter(120));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x5c, 0x64, 0x6c));
    return p;
}

} // namespace

void applyTheme(QApplication &app, ThemeMode mode)
{
    // What the platform gave us before Linnet changed anything: "System" goes back to it.
    static const QString systemStyle = app.style() ? app.style()->name() : QString();
    static const QPalette systemPalette = QApplication::palette();

    switch (mode) {
    case ThemeMode::System:
        if (!systemStyle.isEmpty())
            QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(systemPalette);
        break;
    case ThemeMode::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case ThemeMode::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

void initResources()
{
    static const bool once = [] {
        registerLinnetResources();
        return true;
    }();
    Q_UNUSED(once);
}

QColor accentColor()
{
    // Dark enough for white text on it (contrast > 4.5:1), light enough for dark mode.
    return QColor(0x1f, 0x7f, 0x5f);
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() <
           palette.color(QPalette::WindowText).lightness();
}

} // namespace linnet::ui
