// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace linnet::ui {

/** Asks for the username to start a chat with, and checks its form before OK. */
class NewChatDialog : public QDialog {
    Q_OBJECT
public:
    /** @p ownUsername is refused (no chats with oneself). */
    explicit NewChatDialog(const QString &ownUsername, QWidget *parent = nullptr);

    /** The username typed, lower-cased and trimmed. */
    QString username() const;
    /** 3–32 characters of a-z 0-9 . _ - */
    static bool isValidUsername(const QString &name);

    QLineEdit *usernameEdit() const { return m_edit; }

private:
    void validate();

    QString m_own;
    QLineEdit *m_edit;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace linnet::ui
