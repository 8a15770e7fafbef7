// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "devices/DeviceListController.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace linnet::ui {

/**
 * One device of the account in Settings → Devices (issue 27): its name, whether it is
 * this device, when it was linked and last seen, its fingerprint in groups of four, and a
 * clear mark when the account key did not approve it. Rename and Revoke are intents: the
 * page does the work (renameRequested, revokeRequested).
 */
class DeviceRow : public QFrame {
    Q_OBJECT
public:
    explicit DeviceRow(const client::OwnDevice &device, QWidget *parent = nullptr);

    qint64 deviceId() const { return m_device.id; }
    const client::OwnDevice &device() const { return m_device; }

    /** @p fingerprint (any spacing) as shown: groups of four, four groups a line. */
    static QString formatFingerprint(const QString &fingerprint);

Q_SIGNALS:
    void renameRequested(qint64 device);
    void revokeRequested(qint64 device);

private:
    QString timesText() const;

    client::OwnDevice m_device;
};

} // namespace linnet::ui
