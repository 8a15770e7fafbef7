// SPDX-License-Identifier: GPL-3.0-or-later
#include "actions/MessageEditMenu.h"

#include "ChatClient.h"
#include "Clock.h"
#include "actions/EditMessageDialog.h"
#include "models/MessageModel.h"
#include "store/LocalStore.h"

#include <QMenu>
#include <QPersistentModelIndex>

namespace linnet::ui {

using client::MessageModel;

MessageEditMenu::MessageEditMenu(client::ChatClient &client, QWidget *dialogParent)
    : QObject(dialogParent), m_client(client), m_parent(dialogParent)
{
}

void MessageEditMenu::addActions(QMenu *menu, const QModelIndex &index)
{
    const auto id = protocol::MessageId::fromHex(index.data(MessageModel::IdRole).toString());
    const auto kind = client::MessageKind(index.data(MessageModel::KindRole).toInt());
    const auto state = client::DeliveryState(index.data(MessageModel::StateRole).toInt());
    const bool outgoing = index.data(MessageModel::OutgoingRole).toBool();
    // A message not sent yet has its own Retry and Delete; notices and events are no one's.
    if (!id || kind == client::MessageKind::Notice || kind == client::MessageKind::GroupEvent ||
        (outgoing &&
         (state == client::DeliveryState::Queued || state == client::DeliveryState::Failed)))
        return;
    const bool deleted = index.data(MessageModel::DeletedRole).toBool();
    if (!deleted && kind == client::MessageKind::Text)
        menu->addAction(tr("Forward…"), this,
                        [this, target = QPersistentModelIndex(index)] { forward(target); });
    const qint64 age = client::nowMs() - index.data(MessageModel::SentAtRole).toLongLong();
    if (outgoing && !deleted && kind != client::MessageKind::Undecryptable) {
        if (age <= protocol::kEditWindowMs)
            menu->addAction(tr("Edit…"), this,
                            [this, target = QPersistentModelIndex(index)] { edit(target); });
        if (age <= protocol::kDeleteWindowMs)
            menu->addAction(tr("Delete for everyone"), this,
                            [this, id = *id] { m_client.deleteForEveryone(id); });
    }
    menu->addAction(tr("Delete for me"), this, [this, id = *id] { m_client.deleteForMe(id); });
}

void MessageEditMenu::forward(const QModelIndex &index)
{
    const auto id = protocol::MessageId::fromHex(index.data(MessageModel::IdRole).toString());
    if (!id)
        return;
    delete m_forward;
    m_forward = new ForwardDialog(m_client.store().conversations(), m_parent);
    m_forward->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_forward, &QDialog::accepted, this, [this, id = *id] {
        if (m_forward)
            m_client.forward(id, m_forward->chosen());
    });
    m_forward->open();
}

void MessageEditMenu::edit(const QModelIndex &index)
{
    const auto id = protocol::MessageId::fromHex(index.data(MessageModel::IdRole).toString());
    if (!id)
        return;
    delete m_dialog;
    m_dialog = new EditMessageDialog(index.data(MessageModel::TextRole).toString(), m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, id = *id] {
        if (m_dialog)
            m_client.editMessage(id, m_dialog->text());
    });
    m_dialog->open();
}

} // namespace linnet::ui
