// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceRow.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace linnet::ui {

namespace {

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

QLabel *plainLabel(const QString &text, const QString &name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

} // namespace

DeviceRow::DeviceRow(const client::OwnDevice &device, QWidget *parent)
    : QFrame(parent), m_device(device)
{
    setObjectName(QStringLiteral("device-%1").arg(device.id));
    setFrameShape(QFrame::StyledPanel);

    auto *name = plainLabel(device.name, QStringLiteral("deviceName"), this);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(name, 1);
    if (device.current) {
        auto *self = plainLabel(tr("This device"), QStringLiteral("thisDevice"), this);
        self->setForegroundRole(QPalette::Highlight);
        titleRow->addWidget(self);
    }

    auto *times = plainLabel(timesText(), QStringLiteral("deviceTimes"), this);
    times->setForegroundRole(QPalette::PlaceholderText);

    auto *fingerprint = plainLabel(
        device.fingerprint.isEmpty() ? tr("No keys yet") : formatFingerprint(device.fingerprint),
        QStringLiteral("deviceFingerprint"), this);
    fingerprint->setWordWrap(false);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fingerprint->setAccessibleName(tr("Fingerprint of %1").arg(device.name));

    auto *details = new QVBoxLayout;
    details->addLayout(titleRow);
    details->addWidget(times);
    details->addWidget(fingerprint);
    if (!device.approved) {
        auto *mark = plainLabel(tr("⚠ Not approved by your account key — nothing is encrypted "
                                   "to it. Revoke it if you do not know it."),
                                QStringLiteral("notApproved"), this);
        QPalette p = mark->palette();
        p.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
        mark->setPalette(p);
        details->addWidget(mark);
    }

    auto *rename = new QPushButton(tr("Rename…"), this);
    rename->setObjectName(QStringLiteral("renameDevice"));
    rename->setAccessibleName(tr("Rename %1").arg(device.name));
    connect(rename, &QPushButton::clicked, this, [this] { Q_EMIT renameRequested(m_device.id); });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(rename);
    // This device cannot revoke itself (the server refuses it too).
    if (!device.current) {
        auto *revoke = new QPushButton(tr("Revoke…"), this);
        revoke->setObjectName(QStringLiteral("revokeDevice"));
        revoke->setAccessibleName(tr("Revoke %1").arg(device.name));
        connect(revoke, &QPushButton::clicked, this,
                [this] { Q_EMIT revokeRequested(m_device.id); });
        buttons->addWidget(revoke);
    }
    buttons->addStretch();

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(details, 1);
    layout->addLayout(buttons);
}

QString DeviceRow::formatFingerprint(const QString &fingerprint)
{
    QString digits = fingerprint;
    digits.remove(u' ');
    QString out;
    for (int i = 0; i < digits.size(); i += 4) {
        if (i > 0)
            out += (i % 16 == 0) ? u'\n' : u' ';
        out += digits.mid(i, 4);
    }
    return out;
}

QString DeviceRow::timesText() const
{
    const QString linked = m_device.linkedAt > 0 ? tr("Linked %1").arg(when(m_device.linkedAt))
                                                 : tr("Linked at an unknown time");
    QString seen;
    if (m_device.current)
        seen = tr("active now");
    else if (m_device.lastSeen > 0)
        seen = tr("last seen %1").arg(when(m_device.lastSeen));
    else
        seen = tr("never seen");
    return tr("%1 · %2").arg(linked, seen);
}

} // namespace linnet::ui
