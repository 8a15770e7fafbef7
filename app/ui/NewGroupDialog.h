// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace linnet::ui {

/** Asks for a group's name and its first members, and checks both before OK. */
class NewGroupDialog : public QDialog {
    Q_OBJECT
public:
    /** @p ownUsername is left out of the members (the creator is in the group anyway). */
    explicit NewGroupDialog(const QString &ownUsername, QWidget *parent = nullptr);

    QString groupName() const;
    /** The usernames typed (comma or space separated), lower-cased, without duplicates. */
    QStringList members() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *membersEdit() const { return m_members; }

    /** Most characters in a group's name (the protocol's limit). */
    static constexpr int kMaxNameLength = 64;

private:
    void validate();

    QString m_own;
    QLineEdit *m_name;
    QLineEdit *m_members;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace linnet::ui
