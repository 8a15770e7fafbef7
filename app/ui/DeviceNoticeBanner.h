// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace linnet::ui {

/**
 * The strip above the chats that says this device is not approved by the account
 * (docs/crypto.md, "Account identity and device certificates"): nobody encrypts to it,
 * so messages to this account do not reach it. Stays until the app restarts; the
 * engine says it again on every connection while it holds.
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

private:
    QLabel *m_icon;
    QLabel *m_label;
};

} // namespace linnet::ui
