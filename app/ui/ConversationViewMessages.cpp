// SPDX-License-Identifier: GPL-3.0-or-later
// ConversationView's message list: what a click, a key or the context menu does with a
// message (copy, open, retry, delete, message info, links, scrolling to one).
#include "ConversationView.h"

#include "HistoryPagingProxy.h"
#include "MessageDelegate.h"
#include "MessageInfoDialog.h"
#include "Profile.h"
#include "actions/MessageEditMenu.h"
#include "actions/ReplyBar.h"
#include "ComposeEdit.h"
#include "attachments/AttachmentActions.h"
#include "attachments/VoiceNotePainter.h"
#include "attachments/VoiceNotePlayback.h"
#include "models/MessageInfoModel.h"
#include "models/MessageModel.h"
#include "search/ChatFindBar.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QListView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QToolTip>

#include <algorithm>

namespace linnet::ui {

using client::MessageModel;

void ConversationView::connectMessageActions()
{
    connect(m_delegate, &MessageDelegate::quoteActivated, this, &ConversationView::showQuoted);
    m_replyBar->cancelOnEscapeIn(m_compose);
    connect(m_replyBar, &ReplyBar::cancelled, this, &ConversationView::focusCompose);
    connect(m_delegate, &MessageDelegate::reactionClicked, this,
            [this](const QModelIndex &index, const QString &emoji) {
                // A click on one's own reaction takes it back; on another, chooses it.
                const QString self = m_profile.client().username();
                bool mine = false;
                for (const QVariant &r : index.data(MessageModel::ReactionsRole).toList())
                    mine = mine ||
                           (r.toMap().value(QStringLiteral("emoji")).toString() == emoji &&
                            r.toMap().value(QStringLiteral("from")).toStringList().contains(self));
                react(index, mine ? QString() : emoji);
            });
}

void ConversationView::react(const QModelIndex &index, const QString &emoji)
{
    const auto id = protocol::MessageId::fromHex(index.data(MessageModel::IdRole).toString());
    if (id)
        m_profile.client().react(*id, emoji);
}

void ConversationView::addReactMenu(QMenu *menu, const QModelIndex &index)
{
    QMenu *reactMenu = menu->addMenu(tr("React"));
    const QPersistentModelIndex target(index);
    const QStringList quick{QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"),
                            QStringLiteral("😮"), QStringLiteral("😢"),      QStringLiteral("🙏")};
    for (const QString &emoji : quick)
        reactMenu->addAction(emoji, this, [this, target, emoji] { this->react(target, emoji); });
    reactMenu->addAction(tr("Other…"), this, [this, target] {
        bool ok = false;
        const QString emoji =
            QInputDialog::getText(this, tr("React"), tr("Emoji:"), QLineEdit::Normal, {}, &ok)
                .trimmed();
        if (ok && !emoji.isEmpty() && target.isValid())
            this->react(target, emoji);
    });
    const QString self = m_profile.client().username();
    for (const QVariant &r : index.data(MessageModel::ReactionsRole).toList()) {
        if (r.toMap().value(QStringLiteral("from")).toStringList().contains(self)) {
            menu->addAction(tr("Remove my reaction"), this,
                            [this, target] { this->react(target, QString()); });
            break;
        }
    }
}

void ConversationView::startReply(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_replyBar->start(ReplyBar::quoteOf(index));
    focusCompose();
}

void ConversationView::showQuoted(const QString &messageId)
{
    const auto id = protocol::MessageId::fromHex(messageId);
    if (!id || !showMessage(*id))
        QToolTip::showText(QCursor::pos(), tr("The message this replies to is not on this device."),
                           m_list);
}

void ConversationView::retryMessage(const protocol::MessageId &id)
{
    m_profile.client().retryMessage(id);
}

void ConversationView::deleteMessage(const protocol::MessageId &id)
{
    m_profile.client().deleteMessage(id);
}

QString ConversationView::currentText() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(MessageModel::TextRole).toString() : QString();
}

void ConversationView::copySelection()
{
    QModelIndexList rows = m_list->selectionModel()->selectedIndexes();
    if (rows.isEmpty() && m_list->currentIndex().isValid())
        rows << m_list->currentIndex();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList texts;
    for (const QModelIndex &idx : std::as_const(rows))
        texts << idx.data(MessageModel::TextRole).toString();
    QGuiApplication::clipboard()->setText(texts.join(QLatin1Char('\n')));
}

void ConversationView::activateMessage(const QModelIndex &index)
{
    if (VoiceNotePainter::isVoice(index.data(MessageModel::AttachmentRole).toMap()))
        m_playback->toggle(index); // a voice note plays in its bubble
    else if (index.data(MessageModel::AttachmentRole).isValid())
        m_attachments->open(index);
    else
        openLink();
}

void ConversationView::openLink()
{
    const QList<QUrl> links = MessageDelegate::linksIn(currentText());
    if (!links.isEmpty())
        QDesktopServices::openUrl(links.first());
}

void ConversationView::focusCompose()
{
    m_compose->setFocus(Qt::OtherFocusReason);
}

void ConversationView::findInChat()
{
    m_findBar->open();
}

bool ConversationView::showMessage(const protocol::MessageId &id)
{
    if (!m_model)
        return false;
    // Stay where the message is: new ones arriving must not pull the view to the bottom.
    m_atBottom = false;
    const int row = m_model->ensureLoaded(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->index(row, 0);
    m_list->doItemsLayout();
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void ConversationView::showMessageInfo()
{
    const QModelIndex idx = m_list->currentIndex();
    if (!client::isGroupKey(m_key) || !idx.isValid() ||
        !idx.data(MessageModel::OutgoingRole).toBool())
        return;
    const auto id = protocol::MessageId::fromHex(idx.data(MessageModel::IdRole).toString());
    if (!id)
        return;
    MessageInfoDialog dialog(m_profile.messageInfo(*id),
                             idx.data(MessageModel::TextRole).toString(), this);
    dialog.exec();
}

void ConversationView::showContextMenu(const QPoint &pos)
{
    const QModelIndex idx = m_list->indexAt(pos);
    if (!idx.isValid())
        return;
    if (!m_list->selectionModel()->isSelected(idx))
        m_list->setCurrentIndex(idx);
    QMenu menu(this);
    menu.setAccessibleName(tr("Message actions"));
    m_attachments->addMenuActions(&menu, idx);
    if (idx.data(MessageModel::OutgoingRole).toBool() &&
        client::DeliveryState(idx.data(MessageModel::StateRole).toInt()) ==
            client::DeliveryState::Failed) {
        const auto id = protocol::MessageId::fromHex(idx.data(MessageModel::IdRole).toString());
        if (id) {
            menu.addAction(tr("Retry"), this, [this, id = *id] { retryMessage(id); });
            menu.addAction(tr("Delete"), this, [this, id = *id] { deleteMessage(id); });
            menu.addSeparator();
        }
    }
    const auto kind = client::MessageKind(idx.data(MessageModel::KindRole).toInt());
    if (kind != client::MessageKind::Notice && kind != client::MessageKind::GroupEvent &&
        !idx.data(MessageModel::DeletedRole).toBool()) {
        menu.addAction(tr("Reply"), this,
                       [this, idx = QPersistentModelIndex(idx)] { startReply(idx); });
        addReactMenu(&menu, idx);
    }
    m_edits->addActions(&menu, idx);
    QAction *copy = menu.addAction(tr("Copy"), this, &ConversationView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    if (client::isGroupKey(m_key) && idx.data(MessageModel::OutgoingRole).toBool()) {
        QAction *info =
            menu.addAction(tr("Message info"), this, &ConversationView::showMessageInfo);
        info->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    }
    const QList<QUrl> links = MessageDelegate::linksIn(idx.data(MessageModel::TextRole).toString());
    for (const QUrl &url : links) {
        const QString shown = url.toDisplayString();
        menu.addAction(links.size() == 1 ? tr("Open link") : tr("Open %1").arg(shown), this,
                       [url] { QDesktopServices::openUrl(url); });
        menu.addAction(links.size() == 1 ? tr("Copy link") : tr("Copy %1").arg(shown), this,
                       [shown] { QGuiApplication::clipboard()->setText(shown); });
    }
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}

} // namespace linnet::ui
