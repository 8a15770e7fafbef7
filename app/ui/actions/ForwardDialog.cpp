// SPDX-License-Identifier: GPL-3.0-or-later
#include "actions/ForwardDialog.h"

#include <QDialogButtonBox>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace linnet::ui {

ForwardDialog::ForwardDialog(const QList<client::Conversation> &chats, QWidget *parent)
    : QDialog(parent), m_list(new QListWidget(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Forward to"));
    m_list->setAccessibleName(tr("Chats"));
    for (const client::Conversation &chat : chats) {
        auto *item = new QListWidgetItem(chat.peer, m_list);
        item->setData(Qt::UserRole, chat.key);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    QPushButton *forward = m_buttons->addButton(tr("Forward"), QDialogButtonBox::AcceptRole);
    forward->setEnabled(false);
    connect(m_list, &QListWidget::itemChanged, this,
            [this, forward] { forward->setEnabled(!chosen().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(m_buttons);
}

QStringList ForwardDialog::chosen() const
{
    QStringList keys;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            keys << m_list->item(i)->data(Qt::UserRole).toString();
    return keys;
}

} // namespace linnet::ui
