// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceNoticeBanner.h"

#include "Theme.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>

namespace linnet::ui {

DeviceNoticeBanner::DeviceNoticeBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_label(new QLabel(this))
{
    initResources();
    setObjectName(QStringLiteral("deviceNoticeBanner"));
    setAccessibleName(tr("Device approval"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    setFrameShape(QFrame::NoFrame);

    m_icon->setFixedSize(20, 20);
    m_icon->setPixmap(
        QIcon(QStringLiteral(":/icons/warning.svg")).pixmap(QSize(18, 18), devicePixelRatioF()));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setAccessibleName(tr("Device approval message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->setSpacing(8);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    setVisible(false);
}

QString DeviceNoticeBanner::text() const
{
    return m_label->text();
}

void DeviceNoticeBanner::showReason(const QString &reason)
{
    const bool dark = isDarkPalette(QApplication::palette());
    QPalette p = palette();
    p.setColor(QPalette::Window, dark ? QColor(0x5c, 0x1f, 0x24) : QColor(0xfd, 0xe2, 0xe1));
    setPalette(p);
    QPalette text = m_label->palette();
    text.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xd7, 0xd5) : QColor(0x7a, 0x12, 0x1b));
    m_label->setPalette(text);
    m_label->setText(reason);
    setVisible(true);
}

} // namespace linnet::ui
