// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "groups/GroupTypes.h"

#include <QAbstractListModel>

namespace linnet::client {

class LocalStore;

/**
 * "Message info" for one own group message: one row per member it was sent to,
 * with how far that member got (sent, received, read) and when, alphabetical.
 * Reads the per-member receipts from the LocalStore; refresh() re-reads them
 * (connect it to GroupClient::receiptsChanged). Never talks to the network.
 */
class MessageInfoModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        MemberRole = Qt::UserRole + 1, ///< QString username
        StateRole,                     ///< int of DeliveryState: Sent, Delivered or Read
        StateNameRole,                 ///< QString "sent", "delivered", "read"
        UpdatedAtRole,                 ///< qint64 ms UTC of the member's last receipt, 0 if none
    };
    Q_ENUM(Role)

    MessageInfoModel(LocalStore &store, const protocol::MessageId &id, QObject *parent = nullptr);

    protocol::MessageId messageId() const { return m_id; }
    int rowCount(const QModelIndex &parent = {}) const override;
    /** Qt::DisplayRole is the member; see Role for the rest. */
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    /** How many members have received it (read included), and read it. */
    int deliveredCount() const;
    int readCount() const;

public Q_SLOTS:
    /** Re-reads the receipts if @p id is this model's message. */
    void refresh(const linnet::protocol::MessageId &id);

private:
    LocalStore &m_store;
    protocol::MessageId m_id;
    QList<MemberReceipt> m_rows;
};

} // namespace linnet::client
