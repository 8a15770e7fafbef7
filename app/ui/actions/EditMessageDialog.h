// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QPlainTextEdit;

namespace linnet::ui {

/**
 * Edits the text of an own message: the text as it is now, Save (only when the text is
 * not empty and changed) and Cancel. Saying what happens: everyone in the chat sees the
 * new text, marked as edited.
 */
class EditMessageDialog : public QDialog {
    Q_OBJECT
public:
    explicit EditMessageDialog(const QString &current, QWidget *parent = nullptr);

    QString text() const;
    QPlainTextEdit *editor() const { return m_editor; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QString m_original;
    QPlainTextEdit *m_editor;
    QDialogButtonBox *m_buttons;
};

} // namespace linnet::ui
