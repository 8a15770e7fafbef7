// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace linnet::client {
class GroupClient;
}

namespace linnet::ui {

/**
 * Asks for a group's name and its first members, and checks both before OK. With a
 * creator set, OK asks the server and the dialog stays open until it agrees: a refusal
 * (an unknown member, not connected) is shown and the form is kept to be corrected.
 */
class NewGroupDialog : public QDialog {
    Q_OBJECT
public:
    /** @p ownUsername is left out of the members (the creator is in the group anyway). */
    explicit NewGroupDialog(const QString &ownUsername, QWidget *parent = nullptr);

    QString groupName() const;
    /** The usernames typed (comma or space separated), lower-cased, without duplicates. */
    QStringList members() const;

    /** OK creates the group through @p groups and closes only once it exists. */
    void setCreator(client::GroupClient *groups) { m_groups = groups; }
    /** The created group's key (after the dialog was accepted with a creator). */
    QString createdGroup() const { return m_created; }
    /** Why the group could not be created; empty if nothing went wrong. */
    QString errorText() const { return m_error; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *membersEdit() const { return m_members; }

    /** Most characters in a group's name (the protocol's limit). */
    static constexpr int kMaxNameLength = 64;

private:
    void validate();
    void create();
    void showError(const QString &text);

    client::GroupClient *m_groups = nullptr;
    quint32 m_request = 0;
    QString m_created;
    QString m_error;
    QString m_own;
    QLineEdit *m_name;
    QLineEdit *m_members;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace linnet::ui
