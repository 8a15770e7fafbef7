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

/** conversations.kind of a group. */
constexpr int kConversationGroup = 1;

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
      m_updateConversation(db), m_members(db), m_devicesOfAccount(db), m_findGroup(db),
      m_groupDevices(db), m_readPosition(db), m_setReadPosition(db), m_readSenders(db),
      m_findEntry(db), m_deleteEntry(db), m_inbox(db)
{
}

bool SqliteBatchWriter::prepare(QSqlQuery &q, const char *sql)
{
    // Rows are read once, in order: without this QtSql caches every row it steps
    // over as QVariants (a tenth of the server's CPU in the fan-out profile).
    q.setForwardOnly(true);
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
                R"(SELECT conversation, seq, created_at, sender_account, delivered_at,
                          recipient_account FROM messages
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
        prepare(m_members,
                R"(SELECT kind, member_a, member_b FROM conversations WHERE id = :id)") &&
        prepare(m_devicesOfAccount,
                R"(SELECT id FROM devices WHERE account_id = :account ORDER BY id)") &&
        prepare(m_findGroup, R"(SELECT last_seq FROM conversations WHERE id = :id AND kind = 1)") &&
        // One query for the whole fan-out: members without devices still count as members.
        prepare(m_groupDevices,
                R"(SELECT m.account_id, d.id FROM group_members m
                   LEFT JOIN devices d ON d.account_id = m.account_id
                   WHERE m.conversation = :id ORDER BY d.id)") &&
        prepare(m_readPosition, R"(SELECT read_seq FROM group_members
                                   WHERE conversation = :c AND account_id = :a)") &&
        prepare(m_setReadPosition, R"(UPDATE group_members SET read_seq = :seq
                                      WHERE conversation = :c AND account_id = :a)") &&
        prepare(m_readSenders, R"(SELECT DISTINCT sender_account FROM messages
                                  WHERE conversation = :c AND seq > :after AND seq <= :upTo)") &&
        prepare(m_findEntry,
                R"(SELECT kind, from_device, message_id FROM inbox
                   WHERE entry = :entry AND device_id = :device)") &&
        prepare(m_deleteEntry, R"(DELETE FROM inbox WHERE entry = :entry AND device_id = :device)");
    if (m_prepared && !m_inbox.prepare()) {
        m_error = m_inbox.error();
        m_prepared = false;
    }
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
        const QString reason = m_error.isEmpty() ? m_inbox.error() : m_error;
        if (!m_rollback.exec()) // SQLite may already have rolled back (e.g. disk full)
            m_rollback.finish();
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("batch not stored: %1").arg(reason));
    }
    return result;
}

bool SqliteBatchWriter::insertMessage(const SendWrite &send, qint64 conversation, quint64 seq,
                                      qint64 recipient)
{
    m_insertMessage.bindValue(QStringLiteral(":device"), send.senderDevice);
    m_insertMessage.bindValue(QStringLiteral(":id"), send.id.toBytes());
    m_insertMessage.bindValue(QStringLiteral(":conversation"), conversation);
    m_insertMessage.bindValue(QStringLiteral(":seq"), qint64(seq));
    m_insertMessage.bindValue(QStringLiteral(":sender"), send.senderAccount);
    m_insertMessage.bindValue(QStringLiteral(":recipient"), recipient);
    m_insertMessage.bindValue(QStringLiteral(":created"), send.timestamp);
    return exec(m_insertMessage);
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
    m_findMessage.bindValue(QStringLiteral(":device"), send.senderDevice);
    m_findMessage.bindValue(QStringLiteral(":id"), send.id.toBytes());
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
    if (send.group != 0)
        return applyGroupSend(send, state, result);

    Conversation *conv =
        conversationFor(send.senderAccount, send.recipientAccount, send.timestamp, state);
    if (!conv)
        return false;
    const quint64 seq = ++conv->lastSeq;
    conv->dirty = true;
    if (!insertMessage(send, conv->id, seq, send.recipientAccount))
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
        if (!m_inbox.insert(copy.device, deliver, result.newEntries))
            return false;
    }
    return true;
}

bool SqliteBatchWriter::applyGroupSend(const SendWrite &send, BatchState &state,
                                       BatchResult &result)
{
    Group *group = groupFor(send.group, state);
    if (!group)
        return false;
    // Membership is checked again here: a remove committed after the controller
    // looked (in the same event-loop turn) must win.
    if (!group->exists || !group->members.contains(send.senderAccount)) {
        SendOutcome refused{send.id, send.group, 0, send.timestamp, false};
        refused.notMember = true;
        result.sends.push_back(refused);
        return true;
    }
    const quint64 seq = ++group->lastSeq;
    group->dirty = true;
    // recipient_account 0: a group message (the members are in group_members).
    if (!insertMessage(send, group->id, seq, 0))
        return false;
    state.sentInBatch.insert({send.senderDevice, send.id}, result.sends.size());
    result.sends.push_back(SendOutcome{send.id, group->id, seq, send.timestamp, false});

    const Deliver deliver{0,  send.id,        group->id, seq, send.senderName, send.senderDevice,
                          {}, send.timestamp, send.body, true};
    for (qint64 device : std::as_const(group->devices))
        if (device != send.senderDevice && !m_inbox.insert(device, deliver, result.newEntries))
            return false;
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
        if (kind != inboxkind::kDeliver)
            continue;

        const auto id = MessageId::fromBytes(idBytes);
        const QPair<qint64, QByteArray> key{fromDevice, idBytes};
        if (const auto it = state.groupMessages.constFind(key); it != state.groupMessages.cend()) {
            if (it->senderAccount != ack.accountId && id)
                noteDelivered(it->senderAccount, it->conversation, ack, *id, state);
            continue;
        }
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
        const bool group = m_findMessage.value(5).toLongLong() == 0;
        m_findMessage.finish();
        if (group)
            state.groupMessages.insert(key, {conversation, senderAccount});
        // The sender's own other devices acking a copy is not a delivery.
        if (senderAccount == ack.accountId || !id)
            continue;
        if (group) {
            // Each member's delivery is news to the sender: no once-per-message record.
            noteDelivered(senderAccount, conversation, ack, *id, state);
            continue;
        }
        if (reported)
            continue;

        m_markDelivered.bindValue(QStringLiteral(":at"), ack.timestamp);
        m_markDelivered.bindValue(QStringLiteral(":device"), fromDevice);
        m_markDelivered.bindValue(QStringLiteral(":id"), idBytes);
        if (!exec(m_markDelivered))
            return false;
        if (m_markDelivered.numRowsAffected() == 1)
            noteDelivered(senderAccount, conversation, ack, *id, state);
    }
    return true;
}

void SqliteBatchWriter::noteDelivered(qint64 senderAccount, qint64 conversation,
                                      const AckWrite &ack, const MessageId &id, BatchState &state)
{
    const auto key = std::make_tuple(senderAccount, conversation, ack.accountId);
    auto it = state.deliveredIndex.find(key);
    if (it == state.deliveredIndex.end()) {
        it = state.deliveredIndex.emplace(key, state.delivered.size()).first;
        state.delivered.push_back({senderAccount, conversation, ack.accountName, 0, {}, {}});
    }
    DeliveredGroup &group = state.delivered[it->second];
    if (group.seen.contains(id))
        return;
    group.seen.insert(id);
    group.ids.append(id);
    group.timestamp = std::max(group.timestamp, ack.timestamp);
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
                if (!m_inbox.insert(device, receipt, result.newEntries))
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
    const int kind = m_members.value(0).toInt();
    const qint64 memberA = m_members.value(1).toLongLong();
    const qint64 memberB = m_members.value(2).toLongLong();
    m_members.finish();
    if (kind == kConversationGroup)
        return applyGroupRead(read, state, result);
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
        if (!m_inbox.insert(device, receipt, result.newEntries))
            return false;
    return true;
}

bool SqliteBatchWriter::applyGroupRead(const ReadWrite &read, BatchState &state,
                                       BatchResult &result)
{
    Group *group = groupFor(read.conversation, state);
    if (!group)
        return false;
    if (!group->exists || !group->members.contains(read.accountId))
        return true; // not a member: nothing to record, nobody to tell
    m_readPosition.bindValue(QStringLiteral(":c"), read.conversation);
    m_readPosition.bindValue(QStringLiteral(":a"), read.accountId);
    if (!exec(m_readPosition))
        return false;
    const quint64 previous =
        m_readPosition.next() ? quint64(m_readPosition.value(0).toLongLong()) : 0;
    m_readPosition.finish();
    // A position past the last message would mark later messages read in advance.
    const quint64 upTo = std::min(read.upToSeq, group->lastSeq);
    if (upTo <= previous)
        return true;
    m_setReadPosition.bindValue(QStringLiteral(":seq"), qint64(upTo));
    m_setReadPosition.bindValue(QStringLiteral(":c"), read.conversation);
    m_setReadPosition.bindValue(QStringLiteral(":a"), read.accountId);
    if (!exec(m_setReadPosition))
        return false;

    m_readSenders.bindValue(QStringLiteral(":c"), read.conversation);
    m_readSenders.bindValue(QStringLiteral(":after"), qint64(previous));
    m_readSenders.bindValue(QStringLiteral(":upTo"), qint64(upTo));
    if (!exec(m_readSenders))
        return false;
    QList<qint64> senders;
    while (m_readSenders.next())
        senders.append(m_readSenders.value(0).toLongLong());
    m_readSenders.finish();

    QList<qint64> targets;
    senders.removeAll(read.accountId);
    senders.append(read.accountId); // the reader's other devices follow the position too
    for (qint64 account : std::as_const(senders)) {
        const auto devices = devicesOf(account, state);
        if (!devices)
            return false;
        for (qint64 d : *devices)
            addDevice(targets, d, read.deviceId);
    }
    Receipt receipt;
    receipt.kind = ReceiptKind::Read;
    receipt.conversation = read.conversation;
    receipt.by = read.accountName;
    receipt.upToSeq = upTo;
    receipt.timestamp = read.timestamp;
    for (qint64 device : std::as_const(targets))
        if (!m_inbox.insert(device, receipt, result.newEntries))
            return false;
    return true;
}

bool SqliteBatchWriter::flushConversations(BatchState &state)
{
    auto update = [this](qint64 id, quint64 lastSeq) {
        m_updateConversation.bindValue(QStringLiteral(":seq"), qint64(lastSeq));
        m_updateConversation.bindValue(QStringLiteral(":id"), id);
        return exec(m_updateConversation);
    };
    for (const Conversation &conv : std::as_const(state.conversations))
        if (conv.dirty && !update(conv.id, conv.lastSeq))
            return false;
    for (const Group &group : std::as_const(state.groups))
        if (group.dirty && !update(group.id, group.lastSeq))
            return false;
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

SqliteBatchWriter::Group *SqliteBatchWriter::groupFor(qint64 conversation, BatchState &state)
{
    if (auto it = state.groups.find(conversation); it != state.groups.end())
        return &*it;
    Group group;
    group.id = conversation;
    m_findGroup.bindValue(QStringLiteral(":id"), conversation);
    if (!exec(m_findGroup))
        return nullptr;
    if (m_findGroup.next()) {
        group.exists = true;
        group.lastSeq = quint64(m_findGroup.value(0).toLongLong());
    }
    m_findGroup.finish();
    if (group.exists) {
        m_groupDevices.bindValue(QStringLiteral(":id"), conversation);
        if (!exec(m_groupDevices))
            return nullptr;
        while (m_groupDevices.next()) {
            group.members.insert(m_groupDevices.value(0).toLongLong());
            if (!m_groupDevices.value(1).isNull())
                group.devices.append(m_groupDevices.value(1).toLongLong());
        }
        m_groupDevices.finish();
    }
    return &*state.groups.insert(conversation, group);
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

} // namespace linnet::server
