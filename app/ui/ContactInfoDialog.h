// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace linnet::client {
class ChatClient;
}

namespace linnet::ui {

/**
 * Who a contact is and whether the conversation is verified: the safety number
 * (the same 60 digits on both screens when nobody is in the middle) and a
 * button to mark it as compared. A change of keys voids the verification.
 */
class ContactInfoDialog : public QDialog {
    Q_OBJECT
public:
    ContactInfoDialog(client::ChatClient &client, QString peer, QWidget *parent = nullptr);

    /** 60 digits as 12 groups of five, three groups per line. */
    static QString formatSafetyNumber(const QString &digits);

private:
    void refresh();
    void toggleVerified();

    client::ChatClient &m_client;
    QString m_peer;
    QLabel *m_number;
    QLabel *m_status;
    QPushButton *m_verify;
};

} // namespace linnet::ui
