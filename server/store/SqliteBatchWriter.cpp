// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteBatchWriter.h"

#include "protocol/Limits.h"

#include <QSqlError>
#include <QVariant>

namespace linnet::server {

namespace {

using protocol::Deliver;
using protocol::MessageId;
using protocol::Receipt;
using protocol::ReceiptKind;

constexpr int kKindDeliver = 0;
constexpr int kKindReceipt = 1;

QVariant nullValue()
{
    return QVariant();
}

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

/** Appends @p device to @p out unless it is @p skip or already there (notes to self). */
void addDevice(QList<qint64> &out, qint64 device, qint64 skip)
{
    if (device != skip && !out.contains(device))
        out.append(device);
}

} // namespace

SqliteBatchWriter::SqliteBatchWriter(const QSqlDatabase &db)
    : m_db(db), m_begin(db), m_commit(db), m_rollback(db), m_findMessage(db), m_insertMessage(db),
      m_markDelivered(db), m_findConversation(db), m_insertConversation(db),
      m_updateConversation(db), m_members(db), m_devicesOfAccount(db), m_findEntry(db),
      m_deleteEntry(db), m_insertEntry(db)
{
}

bool SqliteBatchWriter::prepare(QSqlQuery &q, const char *sql)
{
    if (q.prepare(QString::fromUtf8(sql)))
        return true;
    m_error = q.lastError().text();
    return false;
}

bool SqliteBatchWriter::exec(QSqlQuery &q)
{
    if (q.exec())
        return true;
    m_error = q.lastError().text();
    return false;
}

bool SqliteBatchWriter::prepareAll()
{
    // IMMEDIATE takes the write lock at once: a deferred transaction that reads
    // first could fail to upgrade (SQLITE_BUSY) while an admin process writes.
    m_prepared =
        prepare(m_begin, "BEGIN IMMEDIATE") && prepare(m_commit, "COMMIT") &&
        prepare(m_rollback, "ROLLBACK") &&
        prepare(m_findMessage,
                R"(SELECT conversation, seq, created_at, sender_account, delivered_at FROM messages
                                  WHERE sender_device = :device AND message_id = :id)") &&
        prepare(m_insertMessage,
                R"(INSERT INTO messages (sender_device, message_id, conversation, seq,
                                         sender_account, recipient_account, created_at)
                   VALUES (:device, :id, :conversation, :seq, :sender, :recipient, :created))") &&
        prepare(m_markDelivered, R"(UPDATE messages SET delivered_at = :at
                                    WHERE sender_device = :device AND message_id = :id
                                      AND delivered_at IS NULL)") &&
        prepare(m_findConversation, R"(SELECT id, last_seq FROM conversations
                                       WHERE member_a = :a AND member_b = :b)") &&
        prepare(m_insertConversation,
                R"(INSERT INTO conversations (kind, member_a, member_b, last_seq, created_at)
                   VALUES (0, :a, :b, 0, :created))") &&
        prepare(m_updateConversation,
                R"(UPDATE conversations SET last_seq = :seq WHERE id = :id)") &&
        prepare(m_members, R"(SELECT member_a, member_b FROM conversations WHERE id = :id)") &&
        prepare(m_devicesOfAccount,
                R"(SELECT id FROM devices WHERE account_id = :account ORDER BY id)") &&
        prepare(m_findEntry,
                R"(SELECT kind, from_device, message_id FROM inbox
                   WHERE entry = :entry AND device_id = :device)") &&
        prepare(m_deleteEntry,
                R"(DELETE FROM inbox WHERE entry = :entry AND device_id = :device)") &&
        prepare(m_insertEntry,
                R"(INSERT INTO inbox (device_id, kind, conversation, seq, message_id, from_name,
                                      from_device, to_name, ts, body, receipt_kind, by_name,
                                      up_to_seq, receipt_ids, created_at)
                   VALUES (:device, :kind, :conversation, :seq, :id, :from, :fromDevice, :to,
                           :ts, :body, :receiptKind, :by, :upToSeq, :receiptIds, :created))");
    return m_prepared;
}

protocol::Result<BatchResult> SqliteBatchWriter::apply(const WriteBatch &batch)
{
    BatchResult result;
    if (batch.empty())
        return result;
    if (!m_prepared && !prepareAll())
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("cannot prepare statements: %1").arg(m_error));
    if (!exec(m_begin))
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("cannot begin batch: %1").arg(m_error));

    BatchState state;
    result.sends.reserve(batch.sends.size());
    bool ok = true;
    for (const SendWrite &send : batch.sends)
        if (!(ok = applySend(send, state, result)))
            break;
    for (size_t i = 0; ok && i < batch.acks.size(); ++i)
        ok = applyAck(batch.acks[i], state);
    ok = ok && emitDelivered(state, result);
    for (size_t i = 0; ok && i < batch.reads.size(); ++i)
        ok = applyRead(batch.reads[i], state, result);
    ok = ok && flushConversations(state) && exec(m_commit);

    if (!ok) {
        const QString reason = m_error;
        if (!m_rollback.exec()) // SQLite may already have rolled back (e.g. disk full)
            m_rollback.finish();
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("batch not stored: %1").arg(reason));
    }
    return result;
}

bool SqliteBatchWriter::applySend(const SendWrite &send, BatchState &state, BatchResult &result)
{
    // A copy earlier in this batch: its row is visible to the SELECT below too, but
    // the original outcome is at hand and the round trip is saved.
    const QPair<qint64, MessageId> key{send.senderDevice, send.id};
    if (const auto it = state.sentInBatch.constFind(key); it != state.sentInBatch.cend()) {
        SendOutcome again = result.sends[*it];
        again.duplicate = true;
        result.sends.push_back(again);
        return true;
    }
    const QByteArray idBytes = send.id.toBytes();
    m_findMessage.bindValue(QStringLiteral(":device"), send.senderDevice);
    m_findMessage.bindValue(QStringLiteral(":id"), idBytes);
    if (!exec(m_findMessage))
        return false;
    if (m_findMessage.next()) {
        SendOutcome original{send.id, m_findMessage.value(0).toLongLong(),
                             quint64(m_findMessage.value(1).toLongLong()),
                             m_findMessage.value(2).toLongLong(), true};
        m_findMessage.finish();
        result.sends.push_back(original);
        return true;
    }
    m_findMessage.finish();

    Conversation *conv =
        conversationFor(send.senderAccount, send.recipientAccount, send.timestamp, state);
    if (!conv)
        return false;
    const quint64 seq = ++conv->lastSeq;
    conv->dirty = true;

    m_insertMessage.bindValue(QStringLiteral(":device"), send.senderDevice);
    m_insertMessage.bindValue(QStringLiteral(":id"), idBytes);
    m_insertMessage.bindValue(QStringLiteral(":conversation"), conv->id);
    m_insertMessage.bindValue(QStringLiteral(":seq"), qint64(seq));
    m_insertMessage.bindValue(QStringLiteral(":sender"), send.senderAccount);
    m_insertMessage.bindValue(QStringLiteral(":recipient"), send.recipientAccount);
    m_insertMessage.bindValue(QStringLiteral(":created"), send.timestamp);
    if (!exec(m_insertMessage))
        return false;

    const SendOutcome outcome{send.id, conv->id, seq, send.timestamp, false};
    state.sentInBatch.insert(key, result.sends.size());
    result.sends.push_back(outcome);

    Deliver deliver{0,
                    send.id,
                    conv->id,
                    seq,
                    send.senderName,
                    send.senderDevice,
                    send.recipientName,
                    send.timestamp,
                    {}};
    for (const protocol::DeviceCopy &copy : send.copies) {
        deliver.body = copy.body;
        if (!insertEntry(copy.device, deliver, result))
            return false;
    }
    return true;
}

bool SqliteBatchWriter::applyAck(const AckWrite &ack, BatchState &state)
{
    for (quint64 entry : ack.entries) {
        // Only the acking device's own rows: another device's entry id is ignored.
        m_findEntry.bindValue(QStringLiteral(":entry"), qint64(entry));
        m_findEntry.bindValue(QStringLiteral(":device"), ack.deviceId);
        if (!exec(m_findEntry))
            return false;
        if (!m_findEntry.next()) {
            m_findEntry.finish();
            continue;
        }
        const int kind = m_findEntry.value(0).toInt();
        const qint64 fromDevice = m_findEntry.value(1).toLongLong();
        const QByteArray idBytes = m_findEntry.value(2).toByteArray();
        m_findEntry.finish();

        m_deleteEntry.bindValue(QStringLiteral(":entry"), qint64(entry));
        m_deleteEntry.bindValue(QStringLiteral(":device"), ack.deviceId);
        if (!exec(m_deleteEntry))
            return false;
        if (kind != kKindDeliver)
            continue;

        // The dedup record knows the sender and whether delivery was reported already.
        m_findMessage.bindValue(QStringLiteral(":device"), fromDevice);
        m_findMessage.bindValue(QStringLiteral(":id"), idBytes);
        if (!exec(m_findMessage))
            return false;
        if (!m_findMessage.next()) { // expired meanwhile: nobody to tell
            m_findMessage.finish();
            continue;
        }
        const qint64 conversation = m_findMessage.value(0).toLongLong();
        const qint64 senderAccount = m_findMessage.value(3).toLongLong();
        const bool reported = !m_findMessage.value(4).isNull();
        m_findMessage.finish();
        // The sender's own other devices acking a copy is not a delivery.
        if (reported || senderAccount == ack.accountId)
            continue;

        m_markDelivered.bindValue(QStringLiteral(":at"), ack.timestamp);
        m_markDelivered.bindValue(QStringLiteral(":device"), fromDevice);
        m_markDelivered.bindValue(QStringLiteral(":id"), idBytes);
        if (!exec(m_markDelivered))
            return false;
        const auto id = MessageId::fromBytes(idBytes);
        if (m_markDelivered.numRowsAffected() != 1 || !id)
            continue;

        const auto key = std::make_tuple(senderAccount, conversation, ack.accountId);
        auto it = state.deliveredIndex.find(key);
        if (it == state.deliveredIndex.end()) {
            it = state.deliveredIndex.emplace(key, state.delivered.size()).first;
            state.delivered.push_back({senderAccount, conversation, ack.accountName, 0, {}});
        }
        DeliveredGroup &group = state.delivered[it->second];
        group.ids.append(*id);
        group.timestamp = std::max(group.timestamp, ack.timestamp);
    }
    return true;
}

bool SqliteBatchWriter::emitDelivered(BatchState &state, BatchResult &result)
{
    for (const DeliveredGroup &group : state.delivered) {
        const auto devices = devicesOf(group.senderAccount, state);
        if (!devices)
            return false;
        for (qsizetype i = 0; i < group.ids.size(); i += protocol::kMaxReceiptIds) {
            Receipt receipt;
            receipt.kind = ReceiptKind::Delivered;
            receipt.conversation = group.conversation;
            receipt.by = group.by;
            receipt.ids = group.ids.mid(i, protocol::kMaxReceiptIds);
            receipt.timestamp = group.timestamp;
            for (qint64 device : *devices)
                if (!insertEntry(device, receipt, result))
                    return false;
        }
    }
    return true;
}

bool SqliteBatchWriter::applyRead(const ReadWrite &read, BatchState &state, BatchResult &result)
{
    m_members.bindValue(QStringLiteral(":id"), read.conversation);
    if (!exec(m_members))
        return false;
    if (!m_members.next()) { // no such conversation: ignored like any foreign id
        m_members.finish();
        return true;
    }
    const qint64 memberA = m_members.value(0).toLongLong();
    const qint64 memberB = m_members.value(1).toLongLong();
    m_members.finish();
    if (read.accountId != memberA && read.accountId != memberB)
        return true;
    const qint64 other = read.accountId == memberA ? memberB : memberA;

    const auto otherDevices = devicesOf(other, state);
    const auto ownDevices = devicesOf(read.accountId, state);
    if (!otherDevices || !ownDevices)
        return false;
    QList<qint64> targets;
    for (qint64 d : *otherDevices)
        addDevice(targets, d, read.deviceId);
    for (qint64 d : *ownDevices)
        addDevice(targets, d, read.deviceId);

    Receipt receipt;
    receipt.kind = ReceiptKind::Read;
    receipt.conversation = read.conversation;
    receipt.by = read.accountName;
    receipt.upToSeq = read.upToSeq;
    receipt.timestamp = read.timestamp;
    for (qint64 device : std::as_const(targets))
        if (!insertEntry(device, receipt, result))
            return false;
    return true;
}

bool SqliteBatchWriter::flushConversations(BatchState &state)
{
    for (const Conversation &conv : std::as_const(state.conversations)) {
        if (!conv.dirty)
            continue;
        m_updateConversation.bindValue(QStringLiteral(":seq"), qint64(conv.lastSeq));
        m_updateConversation.bindValue(QStringLiteral(":id"), conv.id);
        if (!exec(m_updateConversation))
            return false;
    }
    return true;
}

std::optional<QList<qint64>> SqliteBatchWriter::devicesOf(qint64 accountId, BatchState &state)
{
    if (const auto it = state.devices.constFind(accountId); it != state.devices.cend())
        return *it;
    m_devicesOfAccount.bindValue(QStringLiteral(":account"), accountId);
    if (!exec(m_devicesOfAccount))
        return std::nullopt;
    QList<qint64> ids;
    while (m_devicesOfAccount.next())
        ids.append(m_devicesOfAccount.value(0).toLongLong());
    m_devicesOfAccount.finish();
    state.devices.insert(accountId, ids);
    return ids;
}

SqliteBatchWriter::Conversation *SqliteBatchWriter::conversationFor(qint64 a, qint64 b, qint64 now,
                                                                    BatchState &state)
{
    const QPair<qint64, qint64> key{std::min(a, b), std::max(a, b)};
    if (auto it = state.conversations.find(key); it != state.conversations.end())
        return &*it;

    Conversation conv;
    m_findConversation.bindValue(QStringLiteral(":a"), key.first);
    m_findConversation.bindValue(QStringLiteral(":b"), key.second);
    if (!exec(m_findConversation))
        return nullptr;
    if (m_findConversation.next()) {
        conv.id = m_findConversation.value(0).toLongLong();
        conv.lastSeq = quint64(m_findConversation.value(1).toLongLong());
        m_findConversation.finish();
    } else {
        m_findConversation.finish();
        m_insertConversation.bindValue(QStringLiteral(":a"), key.first);
        m_insertConversation.bindValue(QStringLiteral(":b"), key.second);
        m_insertConversation.bindValue(QStringLiteral(":created"), now);
        if (!exec(m_insertConversation))
            return nullptr;
        conv.id = m_insertConversation.lastInsertId().toLongLong();
    }
    return &*state.conversations.insert(key, conv);
}

bool SqliteBatchWriter::insertEntry(qint64 deviceId, Deliver deliver, BatchResult &result)
{
    QSqlQuery &q = m_insertEntry;
    q.bindValue(QStringLiteral(":device"), deviceId);
    q.bindValue(QStringLiteral(":kind"), kKindDeliver);
    q.bindValue(QStringLiteral(":conversation"), deliver.conversation);
    q.bindValue(QStringLiteral(":seq"), qint64(deliver.seq));
    q.bindValue(QStringLiteral(":id"), deliver.id.toBytes());
    q.bindValue(QStringLiteral(":from"), deliver.from);
    q.bindValue(QStringLiteral(":fromDevice"), deliver.fromDevice);
    q.bindValue(QStringLiteral(":to"), deliver.to);
    q.bindValue(QStringLiteral(":ts"), deliver.timestamp);
    q.bindValue(QStringLiteral(":body"), deliver.body);
    q.bindValue(QStringLiteral(":receiptKind"), nullValue());
    q.bindValue(QStringLiteral(":by"), nullValue());
    q.bindValue(QStringLiteral(":upToSeq"), nullValue());
    q.bindValue(QStringLiteral(":receiptIds"), nullValue());
    q.bindValue(QStringLiteral(":created"), deliver.timestamp);
    if (!exec(q))
        return false;
    deliver.entry = quint64(q.lastInsertId().toLongLong());
    result.newEntries.push_back(InboxEntry{deviceId, std::move(deliver)});
    return true;
}

bool SqliteBatchWriter::insertEntry(qint64 deviceId, Receipt receipt, BatchResult &result)
{
    QSqlQuery &q = m_insertEntry;
    q.bindValue(QStringLiteral(":device"), deviceId);
    q.bindValue(QStringLiteral(":kind"), kKindReceipt);
    q.bindValue(QStringLiteral(":conversation"), receipt.conversation);
    q.bindValue(QStringLiteral(":seq"), 0);
    q.bindValue(QStringLiteral(":id"), nullValue());
    q.bindValue(QStringLiteral(":from"), nullValue());
    q.bindValue(QStringLiteral(":fromDevice"), nullValue());
    q.bindValue(QStringLiteral(":to"), nullValue());
    q.bindValue(QStringLiteral(":ts"), receipt.timestamp);
    q.bindValue(QStringLiteral(":body"), nullValue());
    q.bindValue(QStringLiteral(":receiptKind"), int(receipt.kind));
    q.bindValue(QStringLiteral(":by"), receipt.by);
    q.bindValue(QStringLiteral(":upToSeq"), qint64(receipt.upToSeq));
    q.bindValue(QStringLiteral(":receiptIds"), packIds(receipt.ids));
    q.bindValue(QStringLiteral(":created"), receipt.timestamp);
    if (!exec(q))
        return false;
    receipt.entry = quint64(q.lastInsertId().toLongLong());
    result.newEntries.push_back(InboxEntry{deviceId, std::move(receipt)});
    return true;
}

std::optional<InboxEntry> readInboxRow(const QSqlQuery &q)
{
    const quint64 entry = quint64(q.value(0).toLongLong());
    const qint64 device = q.value(1).toLongLong();
    const qint64 conversation = q.value(3).toLongLong();
    const qint64 ts = q.value(9).toLongLong();
    if (q.value(2).toInt() == kKindDeliver) {
        const auto id = MessageId::fromBytes(q.value(5).toByteArray());
        if (!id)
            return std::nullopt;
        return InboxEntry{device,
                          Deliver{entry, *id, conversation, quint64(q.value(4).toLongLong()),
                                  q.value(6).toString(), q.value(7).toLongLong(),
                                  q.value(8).toString(), ts, q.value(10).toByteArray()}};
    }
    const auto ids = unpackIds(q.value(14).toByteArray());
    const int kind = q.value(11).toInt();
    if (!ids || (kind != int(ReceiptKind::Delivered) && kind != int(ReceiptKind::Read)))
        return std::nullopt;
    return InboxEntry{device,
                      Receipt{entry, ReceiptKind(kind), conversation, q.value(12).toString(), *ids,
                              quint64(q.value(13).toLongLong()), ts}};
}

} // namespace linnet::server
