// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QDialog>

class QDialogButtonBox;
class QListWidget;

namespace linnet::ui {

/**
 * Chooses the chats a message is forwarded to: every chat of the profile (its name, a
 * check box each) and Forward, enabled once at least one is checked.
 */
class ForwardDialog : public QDialog {
    Q_OBJECT
public:
    ForwardDialog(const QList<client::Conversation> &chats, QWidget *parent = nullptr);

    /** The conversation keys checked, in list order. */
    QStringList chosen() const;
    QListWidget *list() const { return m_list; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QListWidget *m_list;
    QDialogButtonBox *m_buttons;
};

} // namespace linnet::ui
