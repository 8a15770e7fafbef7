// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QDialog>

class QLabel;
class QTreeWidget;

namespace linnet::client {
class ChatClient;
}

namespace linnet::ui {

/**
 * "Message info" for an own group message: who has read it and when, who has
 * received it, who has not yet. Follows receipts while it is open.
 */
class MessageInfoDialog : public QDialog {
    Q_OBJECT
public:
    MessageInfoDialog(client::ChatClient &client, const protocol::MessageId &id,
                      const QString &text, QWidget *parent = nullptr);

    QTreeWidget *memberTree() const { return m_tree; }
    /** Members in the section @p state (client::DeliveryState as int), in order. */
    QStringList membersIn(int state) const;

private:
    void reload();

    client::ChatClient &m_client;
    protocol::MessageId m_id;
    QTreeWidget *m_tree;
};

} // namespace linnet::ui
