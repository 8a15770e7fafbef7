// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "actions/EditMessageDialog.h"
#include "actions/ForwardDialog.h"

#include <QObject>
#include <QPointer>

class QMenu;
class QModelIndex;
class QWidget;

namespace linnet::client {
class ChatClient;
}

namespace linnet::ui {

/**
 * The message menu's edit and delete entries (issue 30): "Edit…" and "Delete for
 * everyone" for an own sent message within its window (protocol::kEditWindowMs,
 * kDeleteWindowMs), "Delete for me" for any message that reached the server, "Forward…"
 * for one with text. Edit opens
 * an EditMessageDialog (window-modal, not blocking); the engine does the rest.
 */
class MessageEditMenu : public QObject {
    Q_OBJECT
public:
    MessageEditMenu(client::ChatClient &client, QWidget *dialogParent);

    /** Adds the entries that apply to the MessageModel row @p index to @p menu. */
    void addActions(QMenu *menu, const QModelIndex &index);
    /** Opens the dialog that edits the message at @p index. */
    void edit(const QModelIndex &index);
    /** Opens the dialog that forwards the message at @p index to chats the user checks. */
    void forward(const QModelIndex &index);
    /** The open edit dialog, if any (tests). */
    EditMessageDialog *dialog() const { return m_dialog; }
    /** The open forward dialog, if any (tests). */
    ForwardDialog *forwardDialog() const { return m_forward; }

private:
    client::ChatClient &m_client;
    QWidget *m_parent;
    QPointer<EditMessageDialog> m_dialog;
    QPointer<ForwardDialog> m_forward;
};

} // namespace linnet::ui
