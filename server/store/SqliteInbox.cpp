// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteInbox.h"

#include <QSqlError>
#include <QVariant>

namespace linnet::server {

namespace {

using protocol::Deliver;
using protocol::GroupEvent;
using protocol::GroupOp;
using protocol::MessageId;
using protocol::Receipt;
using protocol::ReceiptKind;
using protocol::SenderKeyCopy;

constexpr int kMaxGroupOp = int(GroupOp::RevokeAdmin);

QByteArray packIds(const QList<MessageId> &ids)
{
    QByteArray out;
    out.reserve(ids.size() * MessageId::kSize);
    for (const MessageId &id : ids)
        out.append(id.toBytes());
    return out;
}

std::optional<QList<MessageId>> unpackIds(const QByteArray &packed)
{
    if (packed.size() % MessageId::kSize != 0)
        return std::nullopt;
    QList<MessageId> ids;
    ids.reserve(packed.size() / MessageId::kSize);
    for (qsizetype i = 0; i < packed.size(); i += MessageId::kSize) {
        const auto id = MessageId::fromBytes(QByteArrayView(packed).sliced(i, MessageId::kSize));
        if (!id)
            return std::nullopt;
        ids.append(*id);
    }
    return ids;
}

} // namespace

/** Every column of a row; unset ones are written as NULL. */
struct InboxRowWriter::Row {
    qint64 device = 0;
    int kind = 0;
    qint64 conversation = 0;
    quint64 seq = 0;
    QVariant messageId, from, fromDevice, to, body, receiptKind, by, upToSeq, receiptIds;
    QVariant groupOp, subject, groupName;
    bool inGroup = false;
    qint64 ts = 0;
    qint64 created = 0;
};

InboxRowWriter::InboxRowWriter(const QSqlDatabase &db) : m_insert(db) {}

bool InboxRowWriter::prepare()
{
    if (m_insert.prepare(QStringLiteral(
            R"(INSERT INTO inbox (device_id, kind, conversation, seq, message_id, from_name,
                                  from_device, to_name, ts, body, receipt_kind, by_name,
                                  up_to_seq, receipt_ids, in_group, group_op, subject_name,
                                  group_name, created_at)
               VALUES (:device, :kind, :conversation, :seq, :id, :from, :fromDevice, :to,
                       :ts, :body, :receiptKind, :by, :upToSeq, :receiptIds, :inGroup, :op,
                       :subject, :groupName, :created))")))
        return true;
    m_error = m_insert.lastError().text();
    return false;
}

bool InboxRowWriter::write(const Row &row)
{
    QSqlQuery &q = m_insert;
    q.bindValue(QStringLiteral(":device"), row.device);
    q.bindValue(QStringLiteral(":kind"), row.kind);
    q.bindValue(QStringLiteral(":conversation"), row.conversation);
    q.bindValue(QStringLiteral(":seq"), qint64(row.seq));
    q.bindValue(QStringLiteral(":id"), row.messageId);
    q.bindValue(QStringLiteral(":from"), row.from);
    q.bindValue(QStringLiteral(":fromDevice"), row.fromDevice);
    q.bindValue(QStringLiteral(":to"), row.to);
    q.bindValue(QStringLiteral(":ts"), row.ts);
    q.bindValue(QStringLiteral(":body"), row.body);
    q.bindValue(QStringLiteral(":receiptKind"), row.receiptKind);
    q.bindValue(QStringLiteral(":by"), row.by);
    q.bindValue(QStringLiteral(":upToSeq"), row.upToSeq);
    q.bindValue(QStringLiteral(":receiptIds"), row.receiptIds);
    q.bindValue(QStringLiteral(":inGroup"), row.inGroup ? 1 : 0);
    q.bindValue(QStringLiteral(":op"), row.groupOp);
    q.bindValue(QStringLiteral(":subject"), row.subject);
    q.bindValue(QStringLiteral(":groupName"), row.groupName);
    q.bindValue(QStringLiteral(":created"), row.created);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    m_lastEntry = quint64(q.lastInsertId().toLongLong());
    return true;
}

bool InboxRowWriter::insert(qint64 deviceId, Deliver deliver, std::vector<InboxEntry> &out)
{
    Row row;
    row.device = deviceId;
    row.kind = inboxkind::kDeliver;
    row.conversation = deliver.conversation;
    row.seq = deliver.seq;
    row.messageId = deliver.id.toBytes();
    row.from = deliver.from;
    row.fromDevice = deliver.fromDevice;
    if (!deliver.group)
        row.to = deliver.to;
    row.inGroup = deliver.group;
    row.ts = row.created = deliver.timestamp;
    row.body = deliver.body;
    if (!write(row))
        return false;
    deliver.entry = m_lastEntry;
    out.push_back(InboxEntry{deviceId, std::move(deliver)});
    return true;
}

bool InboxRowWriter::insert(qint64 deviceId, Receipt receipt, std::vector<InboxEntry> &out)
{
    Row row;
    row.device = deviceId;
    row.kind = inboxkind::kReceipt;
    row.conversation = receipt.conversation;
    row.ts = row.created = receipt.timestamp;
    row.receiptKind = int(receipt.kind);
    row.by = receipt.by;
    row.upToSeq = qint64(receipt.upToSeq);
    row.receiptIds = packIds(receipt.ids);
    if (!write(row))
        return false;
    receipt.entry = m_lastEntry;
    out.push_back(InboxEntry{deviceId, std::move(receipt)});
    return true;
}

bool InboxRowWriter::insert(qint64 deviceId, GroupEvent event, std::vector<InboxEntry> &out)
{
    Row row;
    row.device = deviceId;
    row.kind = inboxkind::kGroupEvent;
    row.conversation = event.conversation;
    row.seq = event.seq;
    row.ts = row.created = event.timestamp;
    row.by = event.by;
    row.groupOp = int(event.op);
    row.subject = event.user;
    row.groupName = event.name;
    if (!write(row))
        return false;
    event.entry = m_lastEntry;
    out.push_back(InboxEntry{deviceId, std::move(event)});
    return true;
}

bool InboxRowWriter::insert(qint64 deviceId, SenderKeyCopy copy, qint64 createdAt,
                            std::vector<InboxEntry> &out)
{
    Row row;
    row.device = deviceId;
    row.kind = inboxkind::kSenderKey;
    row.conversation = copy.conversation;
    row.from = copy.from;
    row.fromDevice = copy.fromDevice;
    row.body = copy.body;
    row.ts = row.created = createdAt;
    if (!write(row))
        return false;
    copy.entry = m_lastEntry;
    out.push_back(InboxEntry{deviceId, std::move(copy)});
    return true;
}

std::optional<InboxEntry> readInboxRow(const QSqlQuery &q)
{
    const quint64 entry = quint64(q.value(0).toLongLong());
    const qint64 device = q.value(1).toLongLong();
    const int kind = q.value(2).toInt();
    const qint64 conversation = q.value(3).toLongLong();
    const quint64 seq = quint64(q.value(4).toLongLong());
    const qint64 ts = q.value(9).toLongLong();
    switch (kind) {
    case inboxkind::kDeliver: {
        const auto id = MessageId::fromBytes(q.value(5).toByteArray());
        if (!id)
            return std::nullopt;
        const bool group = q.value(15).toInt() != 0;
        return InboxEntry{device, Deliver{entry, *id, conversation, seq, q.value(6).toString(),
                                          q.value(7).toLongLong(),
                                          group ? QString() : q.value(8).toString(), ts,
                                          q.value(10).toByteArray(), group}};
    }
    case inboxkind::kReceipt: {
        const auto ids = unpackIds(q.value(14).toByteArray());
        const int receiptKind = q.value(11).toInt();
        if (!ids ||
            (receiptKind != int(ReceiptKind::Delivered) && receiptKind != int(ReceiptKind::Read)))
            return std::nullopt;
        return InboxEntry{device, Receipt{entry, ReceiptKind(receiptKind), conversation,
                                          q.value(12).toString(), *ids,
                                          quint64(q.value(13).toLongLong()), ts}};
    }
    case inboxkind::kGroupEvent: {
        const int op = q.value(16).toInt();
        if (q.value(16).isNull() || op < 0 || op > kMaxGroupOp)
            return std::nullopt;
        return InboxEntry{device,
                          GroupEvent{entry, conversation, seq, q.value(12).toString(), GroupOp(op),
                                     q.value(17).toString(), q.value(18).toString(), ts}};
    }
    case inboxkind::kSenderKey:
        return InboxEntry{device,
                          SenderKeyCopy{entry, conversation, q.value(6).toString(),
                                        q.value(7).toLongLong(), q.value(10).toByteArray()}};
    default:
        return std::nullopt;
    }
}

} // namespace linnet::server
