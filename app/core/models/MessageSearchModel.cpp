// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/MessageSearchModel.h"

#include "store/LocalStore.h"

namespace linnet::client {

MessageSearchModel::MessageSearchModel(LocalStore &store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
}

void MessageSearchModel::setQuery(const QString &text, const QString &conversation, int limit)
{
    m_text = text;
    m_conversation = conversation;
    m_limit = limit;
    refresh();
}

void MessageSearchModel::refresh()
{
    QString error;
    QList<SearchHit> hits;
    if (!SearchStore::matchExpression(m_text).isEmpty()) {
        auto found = SearchStore(m_store).search(m_text, m_conversation, m_limit);
        if (found)
            hits = std::move(found).value();
        else
            error = found.error().reason;
    }
    beginResetModel();
    m_hits = std::move(hits);
    endResetModel();
    Q_EMIT searched(int(m_hits.size()), error);
}

void MessageSearchModel::clear()
{
    m_text.clear();
    m_conversation.clear();
    beginResetModel();
    m_hits.clear();
    endResetModel();
}

int MessageSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant MessageSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit &h = m_hits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return SearchStore::plainSnippet(h.snippet);
    case IdRole:
        return h.id.toHex();
    case ConversationRole:
        return h.conversation;
    case TitleRole:
        return h.title;
    case IsGroupRole:
        return h.isGroup;
    case SenderRole:
        return h.sender;
    case OutgoingRole:
        return h.outgoing;
    case SentAtRole:
        return h.sentAt;
    case SnippetRole:
        return h.snippet;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageSearchModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {ConversationRole, "conversation"},
                  {TitleRole, "title"},
                  {IsGroupRole, "isGroup"},
                  {SenderRole, "sender"},
                  {OutgoingRole, "outgoing"},
                  {SentAtRole, "sentAt"},
                  {SnippetRole, "snippet"}});
    return names;
}

} // namespace linnet::client
