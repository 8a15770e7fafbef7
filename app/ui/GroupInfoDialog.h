// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace linnet::client {
class ChatClient;
}

namespace linnet::ui {

/**
 * A group's info: its name and members (admins marked); admins rename, add and
 * remove members and make or revoke admins; anyone can leave. Changes go to the
 * server through the engine and the dialog follows what comes back.
 */
class GroupInfoDialog : public QDialog {
    Q_OBJECT
public:
    GroupInfoDialog(client::ChatClient &client, QString key, QWidget *parent = nullptr);

    QListWidget *memberList() const { return m_members; }
    QLineEdit *addEdit() const { return m_addEdit; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *renameButton() const { return m_rename; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *leaveButton() const { return m_leave; }
    /** The last refusal from the server, as shown. */
    QString errorText() const;

private:
    void reload();
    void addMember();
    void removeSelected();
    void toggleAdmin();
    void renameGroup();
    void leaveGroup();
    QString selectedMember() const;
    /** False (and says so) when the engine could not send the change (offline). */
    bool sent(quint32 requestId);
    void updateButtons();

    client::ChatClient &m_client;
    QString m_key;
    QLineEdit *m_name;
    QPushButton *m_rename;
    QListWidget *m_members;
    QLineEdit *m_addEdit;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_admin;
    QPushButton *m_leave;
    QLabel *m_error;
};

} // namespace linnet::ui
