// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteInbox.h"

#include "SqliteConnection.h"
#include "storage/SqlQuery.h"

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
using storage::sqlErrorText;

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

constexpr const char *kInsertSql =
    R"(INSERT INTO inbox (device_id, kind, conversation, seq, message_id, from_name, from_device,
                          to_name, ts, body, receipt_kind, by_name, up_to_seq, receipt_ids,
                          in_group, group_op, subject_name, group_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))";

/** Calls @p bind(position, value) for each parameter of kInsertSql, positions from 1. */
template <typename Bind> void bindColumns(const InboxRow &row, Bind &&bind)
{
    bind(1, row.device);
    bind(2, qint64(row.kind));
    bind(3, row.conversation);
    bind(4, qint64(row.seq));
    bind(5, row.messageId);
    bind(6, row.from);
    bind(7, row.fromDevice);
    bind(8, row.to);
    bind(9, row.ts);
    bind(10, row.body);
    bind(11, row.receiptKind);
    bind(12, row.by);
    bind(13, row.upToSeq);
    bind(14, row.receiptIds);
    bind(15, qint64(row.inGroup ? 1 : 0));
    bind(16, row.groupOp);
    bind(17, row.subject);
    bind(18, row.groupName);
    bind(19, row.created);
}

template <typename T> QVariant toVariant(const T &value)
{
    return QVariant::fromValue(value);
}

template <typename T> QVariant toVariant(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

/** The INSERT on QtSql, for the group store's transactions. */
class QtSqlSink final : public InboxRowWriter::Sink {
public:
    explicit QtSqlSink(const QSqlDatabase &db) : m_insert(db) {}

    bool prepare() override
    {
        if (m_insert.prepare(QString::fromUtf8(kInsertSql)))
            return true;
        m_error = sqlErrorText(m_insert.lastError());
        return false;
    }

    std::optional<quint64> write(const InboxRow &row) override
    {
        bindColumns(row, [this](int position, const auto &value) {
            m_insert.bindValue(position - 1, toVariant(value));
        });
        if (!m_insert.exec()) {
            m_error = sqlErrorText(m_insert.lastError());
            return std::nullopt;
        }
        return quint64(m_insert.lastInsertId().toLongLong());
    }

    QString error() const override { return m_error; }

private:
    QSqlQuery m_insert;
    QString m_error;
};

/** The INSERT on SQLite's C API, for the batch writer's transactions. */
class NativeSink final : public InboxRowWriter::Sink {
public:
    explicit NativeSink(SqliteConnection &connection) : m_connection(connection) {}

    bool prepare() override { return m_insert.prepare(m_connection, kInsertSql); }

    std::optional<quint64> write(const InboxRow &row) override
    {
        bindColumns(row,
                    [this](int position, const auto &value) { m_insert.bind(position, value); });
        if (!m_insert.run())
            return std::nullopt;
        return quint64(m_connection.lastInsertRowId());
    }

    QString error() const override { return m_connection.error(); }

private:
    SqliteConnection &m_connection;
    SqliteStatement m_insert;
};

/** The columns every kind of row has; its time is both ts and created. */
InboxRow rowOf(qint64 deviceId, int kind, qint64 conversation, qint64 timestamp)
{
    InboxRow row;
    row.device = deviceId;
    row.kind = kind;
    row.conversation = conversation;
    row.ts = row.created = timestamp;
    return row;
}

} // namespace

InboxRowWriter::InboxRowWriter(const QSqlDatabase &db) : m_sink(std::make_unique<QtSqlSink>(db)) {}

InboxRowWriter::InboxRowWriter(SqliteConnection &connection)
    : m_sink(std::make_unique<NativeSink>(connection))
{
}

InboxRowWriter::~InboxRowWriter() = default;

template <typename Item>
bool InboxRowWriter::append(const InboxRow &row, Item item, std::vector<InboxEntry> &out)
{
    const auto entry = m_sink->write(row);
    if (!entry)
        return false;
    item.entry = *entry;
    out.push_back(InboxEntry{row.device, std::move(item)});
    return true;
}

bool InboxRowWriter::insert(qint64 deviceId, Deliver deliver, std::vector<InboxEntry> &out)
{
    InboxRow row = rowOf(deviceId, inboxkind::kDeliver, deliver.conversation, deliver.timestamp);
    row.seq = deliver.seq;
    row.messageId = deliver.id.toBytes();
    row.from = deliver.from;
    row.fromDevice = deliver.fromDevice;
    if (!deliver.group)
        row.to = deliver.to;
    row.inGroup = deliver.group;
    row.body = deliver.body;
    return append(row, std::move(deliver), out);
}

bool InboxRowWriter::insert(qint64 deviceId, Receipt receipt, std::vector<InboxEntry> &out)
{
    InboxRow row = rowOf(deviceId, inboxkind::kReceipt, receipt.conversation, receipt.timestamp);
    row.receiptKind = qint64(receipt.kind);
    row.by = receipt.by;
    row.upToSeq = qint64(receipt.upToSeq);
    row.receiptIds = packIds(receipt.ids);
    return append(row, std::move(receipt), out);
}

bool InboxRowWriter::insert(qint64 deviceId, GroupEvent event, std::vector<InboxEntry> &out)
{
    InboxRow row = rowOf(deviceId, inboxkind::kGroupEvent, event.conversation, event.timestamp);
    row.seq = event.seq;
    row.by = event.by;
    row.groupOp = qint64(event.op);
    row.subject = event.user;
    row.groupName = event.name;
    return append(row, std::move(event), out);
}

bool InboxRowWriter::insert(qint64 deviceId, SenderKeyCopy copy, qint64 createdAt,
                            std::vector<InboxEntry> &out)
{
    InboxRow row = rowOf(deviceId, inboxkind::kSenderKey, copy.conversation, createdAt);
    row.from = copy.from;
    row.fromDevice = copy.fromDevice;
    row.body = copy.body;
    return append(row, std::move(copy), out);
}

std::optional<InboxEntry> readInboxRow(const SqliteStatement &q)
{
    const quint64 entry = quint64(q.int64At(0));
    const qint64 device = q.int64At(1);
    const int kind = int(q.int64At(2));
    const qint64 conversation = q.int64At(3);
    const quint64 seq = quint64(q.int64At(4));
    const qint64 ts = q.int64At(9);
    switch (kind) {
    case inboxkind::kDeliver: {
        const auto id = MessageId::fromBytes(q.blobAt(5));
        if (!id)
            return std::nullopt;
        const bool group = int(q.int64At(15)) != 0;
        return InboxEntry{device,
                          Deliver{entry, *id, conversation, seq, q.textAt(6), q.int64At(7),
                                  group ? QString() : q.textAt(8), ts, q.blobAt(10), group}};
    }
    case inboxkind::kReceipt: {
        const auto ids = unpackIds(q.blobAt(14));
        const int receiptKind = int(q.int64At(11));
        if (!ids ||
            (receiptKind != int(ReceiptKind::Delivered) && receiptKind != int(ReceiptKind::Read)))
            return std::nullopt;
        return InboxEntry{device, Receipt{entry, ReceiptKind(receiptKind), conversation,
                                          q.textAt(12), *ids, quint64(q.int64At(13)), ts}};
    }
    case inboxkind::kGroupEvent: {
        const int op = int(q.int64At(16));
        if (q.isNullAt(16) || op < 0 || op > kMaxGroupOp)
            return std::nullopt;
        return InboxEntry{device, GroupEvent{entry, conversation, seq, q.textAt(12), GroupOp(op),
                                             q.textAt(17), q.textAt(18), ts}};
    }
    case inboxkind::kSenderKey:
        return InboxEntry{
            device, SenderKeyCopy{entry, conversation, q.textAt(6), q.int64At(7), q.blobAt(10)}};
    default:
        return std::nullopt;
    }
}

} // namespace linnet::server
