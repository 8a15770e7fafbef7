// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SqliteInbox.h"
#include "StoreTypes.h"

#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace linnet::server {

/**
 * The delivered receipts of one batch: deliveries noted as acks are applied, one
 * receipt per (sender, conversation, receiver) with every message id, queued to
 * the sender's devices at the end. A device told of a delivery in its SendAck
 * gets no receipt for that message. Internal to SqliteBatchWriter.
 */
class DeliveredReceipts {
public:
    /** The devices of an account, nullopt on a database error. */
    using DevicesOf = std::function<std::optional<QList<qint64>>(qint64 accountId)>;

    /** @p toldInAck: the sender's device whose SendAck said it was delivered, or 0. */
    void note(qint64 senderAccount, qint64 conversation, const AckWrite &ack,
              const protocol::MessageId &id, qint64 toldInAck = 0);
    /** Writes the receipts into the inbox (entries into @p out); false on a database error. */
    bool queue(InboxRowWriter &inbox, const DevicesOf &devicesOf,
               std::vector<InboxEntry> &out) const;

private:
    struct Group {
        qint64 senderAccount = 0;
        qint64 conversation = 0;
        QString by;
        qint64 timestamp = 0;
        QList<protocol::MessageId> ids;
        /** One per id: the device told in its SendAck (gets no receipt for it), or 0. */
        QList<qint64> toldInAck;
        QSet<protocol::MessageId> seen; ///< a member acking from two devices is reported once
    };
    /** Receipts for @p ids of @p group to @p device, kMaxReceiptIds each. */
    static bool queueTo(InboxRowWriter &inbox, const Group &group,
                        const QList<protocol::MessageId> &ids, qint64 device,
                        std::vector<InboxEntry> &out);

    std::vector<Group> m_groups;
    std::map<std::tuple<qint64, qint64, qint64>, size_t> m_index;
};

} // namespace linnet::server
