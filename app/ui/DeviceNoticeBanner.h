// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace linnet::ui {

/**
 * The strip above the chats that says this device is not approved by the account
 * (docs/crypto.md, "Account identity and device certificates"): nobody encrypts to it,
 * so messages to this account do not reach it. Stays until the app restarts; the
 * engine says it again on every connection while it holds. Also says when a device was
 * added to or removed from the account (issue 27); that the user may close.
 */
class DeviceNoticeBanner : public QFrame {
    Q_OBJECT
public:
    explicit DeviceNoticeBanner(QWidget *parent = nullptr);

    /** The text shown (for tests and accessibility). */
    QString text() const;

public Q_SLOTS:
    /** Shows @p reason (from ChatClient::deviceNotApproved). */
    void showReason(const QString &reason);
    /** A device was added to this account (ChatClient::ownDeviceAdded). */
    void showDeviceAdded(qint64 device, const QString &name);
    /** A device was removed from this account (ChatClient::ownDeviceRemoved). */
    void showDeviceRemoved(qint64 device, const QString &name);

private:
    void present(const QString &text, bool warning);

    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_close;
    bool m_notApproved = false; ///< showing the approval warning: it stays
};

} // namespace linnet::ui
