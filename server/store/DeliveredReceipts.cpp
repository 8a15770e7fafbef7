// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeliveredReceipts.h"

#include "protocol/Limits.h"

namespace linnet::server {

using protocol::MessageId;

void DeliveredReceipts::note(qint64 senderAccount, qint64 conversation, const AckWrite &ack,
                             const MessageId &id, qint64 toldInAck)
{
    const auto key = std::make_tuple(senderAccount, conversation, ack.accountId);
    auto it = m_index.find(key);
    if (it == m_index.end()) {
        it = m_index.emplace(key, m_groups.size()).first;
        m_groups.push_back({senderAccount, conversation, ack.accountName, 0, {}, {}, {}});
    }
    Group &group = m_groups[it->second];
    if (group.seen.contains(id))
        return;
    group.seen.insert(id);
    group.ids.append(id);
    group.toldInAck.append(toldInAck);
    group.timestamp = std::max(group.timestamp, ack.timestamp);
}

bool DeliveredReceipts::queue(InboxRowWriter &inbox, const DevicesOf &devicesOf,
                              std::vector<InboxEntry> &out) const
{
    for (const Group &group : m_groups) {
        const auto devices = devicesOf(group.senderAccount);
        if (!devices)
            return false;
        for (qint64 device : *devices) {
            if (!group.toldInAck.contains(device)) {
                if (!queueTo(inbox, group, group.ids, device, out))
                    return false;
                continue;
            }
            QList<MessageId> untold; // what its acks did not say
            for (qsizetype i = 0; i < group.ids.size(); ++i)
                if (group.toldInAck[i] != device)
                    untold.append(group.ids[i]);
            if (!queueTo(inbox, group, untold, device, out))
                return false;
        }
    }
    return true;
}

bool DeliveredReceipts::queueTo(InboxRowWriter &inbox, const Group &group,
                                const QList<MessageId> &ids, qint64 device,
                                std::vector<InboxEntry> &out)
{
    for (qsizetype i = 0; i < ids.size(); i += protocol::kMaxReceiptIds) {
        protocol::Receipt receipt;
        receipt.kind = protocol::ReceiptKind::Delivered;
        receipt.conversation = group.conversation;
        receipt.by = group.by;
        receipt.ids = ids.mid(i, protocol::kMaxReceiptIds);
        receipt.timestamp = group.timestamp;
        if (!inbox.insert(device, receipt, out))
            return false;
    }
    return true;
}

} // namespace linnet::server
