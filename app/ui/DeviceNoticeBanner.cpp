// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceNoticeBanner.h"

#include "Theme.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QToolButton>

namespace linnet::ui {

DeviceNoticeBanner::DeviceNoticeBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_label(new QLabel(this)),
      m_close(new QToolButton(this))
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
    m_close->setObjectName(QStringLiteral("deviceNoticeClose"));
    m_close->setText(QStringLiteral("×"));
    m_close->setAccessibleName(tr("Close the device notice"));
    m_close->setAutoRaise(true);
    m_close->hide();
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->setSpacing(8);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close);
    setVisible(false);
}

QString DeviceNoticeBanner::text() const
{
    return m_label->text();
}

void DeviceNoticeBanner::showReason(const QString &reason)
{
    m_notApproved = true;
    present(reason, true);
}

void DeviceNoticeBanner::showDeviceAdded(qint64 device, const QString &name)
{
    if (m_notApproved)
        return; // that warning says more and stays
    present(tr("A new device was linked to your account: %1. If it was not you, revoke it in "
               "Settings → Devices and change your password.")
                .arg(name.isEmpty() ? tr("device %1").arg(device) : name),
            true);
}

void DeviceNoticeBanner::showDeviceRemoved(qint64 device, const QString &name)
{
    if (m_notApproved)
        return;
    present(tr("A device was removed from your account: %1.")
                .arg(name.isEmpty() ? tr("device %1").arg(device) : name),
            false);
}

void DeviceNoticeBanner::present(const QString &text, bool warning)
{
    const bool dark = isDarkPalette(QApplication::palette());
    QPalette p = palette();
    QPalette label = m_label->palette();
    if (warning) {
        p.setColor(QPalette::Window, dark ? QColor(0x5c, 0x1f, 0x24) : QColor(0xfd, 0xe2, 0xe1));
        label.setColor(QPalette::WindowText,
                       dark ? QColor(0xff, 0xd7, 0xd5) : QColor(0x7a, 0x12, 0x1b));
    } else {
        p.setColor(QPalette::Window, QApplication::palette().color(QPalette::AlternateBase));
        label.setColor(QPalette::WindowText, QApplication::palette().color(QPalette::WindowText));
    }
    setPalette(p);
    m_label->setPalette(label);
    m_label->setText(text);
    m_close->setVisible(!m_notApproved);
    setVisible(true);
}

} // namespace linnet::ui
