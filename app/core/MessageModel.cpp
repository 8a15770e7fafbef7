// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageModel.h"

#include "LocalStore.h"

namespace linnet::client {

namespace {
/** Display order: sequenced by seq; queued (seq 0) after them, in arrival order. */
bool displaysBefore(const ChatMessage &a, const ChatMessage &b)
{
    if (a.seq == 0 || b.seq == 0)
        return a.seq != 0 && b.seq == 0;
    return a.seq < b.seq;
}
} // namespace

MessageModel::MessageModel(LocalStore &store, QString conversation, QObject *parent)
    : QAbstractListModel(parent), m_store(store), m_conversation(std::move(conversation))
{
}

void MessageModel::loadFirstPage()
{
    if (m_loaded)
        return;
    m_loaded = true;
    m_rows = m_store.messages(m_conversation, m_pageSize, 0);
    m_moreBefore = m_rows.size() == m_pageSize;
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    const_cast<MessageModel *>(this)->loadFirstPage();
    return int(m_rows.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChatMessage &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.text;
    case IdRole:
        return m.id.toHex();
    case SenderRole:
        return m.sender;
    case OutgoingRole:
        return m.outgoing;
    case SentAtRole:
        return m.sentAt;
    case StateRole:
        return int(m.state);
    case StateNameRole:
        return deliveryStateName(m.state);
    case SeqRole:
        return qulonglong(m.seq);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {SenderRole, "sender"},
                  {OutgoingRole, "outgoing"},
                  {TextRole, "text"},
                  {SentAtRole, "sentAt"},
                  {StateRole, "state"},
                  {StateNameRole, "stateName"},
                  {SeqRole, "seq"}});
    return names;
}

bool MessageModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid())
        return false;
    const_cast<MessageModel *>(this)->loadFirstPage();
    return m_moreBefore && !m_rows.isEmpty();
}

void MessageModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // Positions are ranks in display order: ask for the one of the oldest shown
    // message right now, since newer arrivals can shift them.
    const qint64 before = m_store.messagePosition(m_rows.first().id);
    QList<ChatMessage> page =
        before > 0 ? m_store.messages(m_conversation, m_pageSize, before) : QList<ChatMessage>();
    // Never show a message twice, even if the store moved things around.
    page.erase(std::remove_if(page.begin(), page.end(),
                              [this](const ChatMessage &m) { return rowOf(m.id) >= 0; }),
               page.end());
    m_moreBefore = page.size() == m_pageSize;
    if (page.isEmpty()) {
        m_moreBefore = false;
        return;
    }
    beginInsertRows({}, 0, int(page.size()) - 1);
    m_rows = page + m_rows;
    endInsertRows();
}

int MessageModel::rowOf(const protocol::MessageId &id) const
{
    // Recent messages are the ones that change: search from the end.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

int MessageModel::displayRow(const ChatMessage &m) const
{
    int row = int(m_rows.size());
    while (row > 0 && displaysBefore(m, m_rows.at(row - 1)))
        --row;
    return row;
}

void MessageModel::addMessage(const ChatMessage &message)
{
    if (message.conversation != m_conversation)
        return;
    loadFirstPage();
    if (rowOf(message.id) >= 0)
        return;
    const int row = displayRow(message);
    beginInsertRows({}, row, row);
    m_rows.insert(row, message);
    endInsertRows();
}

void MessageModel::updateState(const protocol::MessageId &id, const QString &conversation,
                               DeliveryState state)
{
    if (conversation != m_conversation)
        return;
    const int row = rowOf(id);
    if (row < 0 || m_rows.at(row).state == state)
        return;
    m_rows[row].state = state;
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx, {StateRole, StateNameRole});
}

void MessageModel::updateMessage(const protocol::MessageId &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    const auto fresh = m_store.message(id);
    if (!fresh)
        return;
    const bool afterPrevious = row == 0 || displaysBefore(m_rows.at(row - 1), *fresh);
    const bool beforeNext = row + 1 == m_rows.size() || !displaysBefore(m_rows.at(row + 1), *fresh);
    if (afterPrevious && beforeNext) {
        m_rows[row] = *fresh;
        const QModelIndex idx = index(row);
        Q_EMIT dataChanged(idx, idx);
        return;
    }
    // Its seq puts it elsewhere: take it out and insert it there.
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    const int target = displayRow(*fresh);
    beginInsertRows({}, target, target);
    m_rows.insert(target, *fresh);
    endInsertRows();
}

} // namespace linnet::client
