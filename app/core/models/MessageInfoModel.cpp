// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/MessageInfoModel.h"

#include "groups/LocalGroupStore.h"
#include "store/LocalStore.h"

#include <algorithm>

namespace linnet::client {

MessageInfoModel::MessageInfoModel(LocalStore &store, const protocol::MessageId &id,
                                   QObject *parent)
    : QAbstractListModel(parent), m_store(store), m_id(id),
      m_rows(LocalGroupStore(store).receipts(id))
{
}

int MessageInfoModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageInfoModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MemberReceipt &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case MemberRole:
        return r.member;
    case StateRole:
        return int(r.state);
    case StateNameRole:
        return deliveryStateName(r.state);
    case UpdatedAtRole:
        return r.updatedAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageInfoModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{MemberRole, "member"},
                  {StateRole, "state"},
                  {StateNameRole, "stateName"},
                  {UpdatedAtRole, "updatedAt"}});
    return names;
}

int MessageInfoModel::deliveredCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const MemberReceipt &r) {
        return r.state == DeliveryState::Delivered || r.state == DeliveryState::Read;
    }));
}

int MessageInfoModel::readCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const MemberReceipt &r) {
        return r.state == DeliveryState::Read;
    }));
}

void MessageInfoModel::refresh(const protocol::MessageId &id)
{
    if (id != m_id)
        return;
    const QList<MemberReceipt> fresh = LocalGroupStore(m_store).receipts(m_id);
    if (fresh.size() != m_rows.size()) {
        // The recipients were recorded (the ack came): a new list.
        beginResetModel();
        m_rows = fresh;
        endResetModel();
        return;
    }
    for (int i = 0; i < fresh.size(); ++i) {
        if (fresh.at(i) == m_rows.at(i))
            continue;
        m_rows[i] = fresh.at(i);
        Q_EMIT dataChanged(index(i), index(i));
    }
}

} // namespace linnet::client
