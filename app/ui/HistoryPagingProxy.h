// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIdentityProxyModel>

namespace linnet::ui {

/**
 * Hides canFetchMore from the list view: QAbstractItemView fetches whenever the
 * last row is visible, which for a chat (always at the bottom) would page in
 * the whole history. ConversationView pages explicitly at the top instead.
 * Also gives each row the words a screen reader says (Qt::AccessibleTextRole):
 * its text, and its attachment described ("Photo…, downloading 40%").
 */
class HistoryPagingProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override {}
    QVariant data(const QModelIndex &index, int role) const override;
};

} // namespace linnet::ui
