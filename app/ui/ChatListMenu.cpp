// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChatListMenu.h"

#include "Clock.h"
#include "Profile.h"
#include "models/ConversationListModel.h"
#include "store/ChatListStore.h"

#include <QMenu>
#include <QMessageBox>

namespace linnet::ui {

using client::ConversationListModel;

ChatListMenu::ChatListMenu(client::Profile &profile, QWidget *window)
    : QObject(window), m_profile(profile), m_window(window)
{
}

void ChatListMenu::populate(QMenu *menu, const QString &key)
{
    ConversationListModel &list = m_profile.conversations();
    const int row = list.rowOf(key);
    if (row < 0)
        return;
    const QModelIndex idx = list.index(row);
    const bool pinned = idx.data(ConversationListModel::PinnedRole).toBool();
    menu->addAction(pinned ? tr("Unpin") : tr("Pin to top"), this,
                    [this, key, pinned] { m_profile.setPinned(key, !pinned); });

    if (idx.data(ConversationListModel::MutedRole).toBool()) {
        menu->addAction(tr("Unmute"), this, [this, key] { m_profile.setMutedUntil(key, 0); });
    } else {
        QMenu *mute = menu->addMenu(tr("Mute notifications"));
        mute->addAction(tr("For 8 hours"), this, [this, key] {
            m_profile.setMutedUntil(key, client::nowMs() + kEightHoursMs);
        });
        mute->addAction(tr("For 1 week"), this, [this, key] {
            m_profile.setMutedUntil(key, client::nowMs() + kOneWeekMs);
        });
        mute->addAction(tr("Always"), this, [this, key] {
            m_profile.setMutedUntil(key, client::ChatListStore::kMutedForever);
        });
    }

    const bool archived = idx.data(ConversationListModel::ArchivedRole).toBool();
    menu->addAction(archived ? tr("Unarchive") : tr("Archive"), this,
                    [this, key, archived] { Q_EMIT archiveRequested(key, !archived); });
    if (idx.data(ConversationListModel::UnreadRole).toInt() == 0 &&
        !idx.data(ConversationListModel::MarkedUnreadRole).toBool())
        menu->addAction(tr("Mark as unread"), this, [this, key] { m_profile.markUnread(key); });
    menu->addSeparator();
    menu->addAction(tr("Clear history…"), this, [this, key] { confirmClearHistory(key); });
    if (!idx.data(ConversationListModel::IsGroupRole).toBool())
        menu->addAction(tr("&Delete chat…"), this, [this, key] { Q_EMIT deleteRequested(key); });
}

void ChatListMenu::confirmClearHistory(const QString &key)
{
    const int row = m_profile.conversations().rowOf(key);
    if (row < 0)
        return;
    const QString title =
        m_profile.conversations().index(row).data(ConversationListModel::TitleRole).toString();
    const auto answer = QMessageBox::question(
        m_window, tr("Clear history"),
        tr("Delete all messages of the chat with %1 from this computer? The chat stays; "
           "messages still waiting to be sent are kept.")
            .arg(title));
    if (answer == QMessageBox::Yes)
        m_profile.clearHistory(key);
}

} // namespace linnet::ui
