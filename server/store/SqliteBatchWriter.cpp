// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteBatchWriter.h"

#include "protocol/Limits.h"

namespace linnet::server {

namespace {

using protocol::Deliver;
using protocol::MessageId;
using protocol::Receipt;
using protocol::ReceiptKind;

/** A message id as the blob the tables hold, without a copy. */
QByteArrayView bytesOf(const MessageId &id)
{
    return {reinterpret_cast<const char *>(id.data().data()), MessageId::kSize};
}

} // namespace

using Step = SqliteStatement::Step;

SqliteBatchWriter::SqliteBatchWriter(SqliteConnection &connection, SeqFlushPolicy policy)
    : m_db(connection), m_held(policy), m_inbox(connection), m_lookups(connection),
      m_reads(connection, m_lookups, m_inbox)
{
}

bool SqliteBatchWriter::prepare(SqliteStatement &q, const char *sql)
{
    return q.prepare(m_db, sql) || fail();
}

bool SqliteBatchWriter::run(SqliteStatement &q)
{
    return q.run() || fail();
}

bool SqliteBatchWriter::fail()
{
    m_error = m_db.error();
    return false;
}

bool SqliteBatchWriter::prepareAll()
{
    m_prepared =
        prepare(m_findMessage,
                R"(SELECT conversation, seq, created_at, sender_account, delivered_at,
                          recipient_account FROM messages
                   WHERE sender_device = ?1 AND message_id = ?2)") &&
        prepare(m_insertMessage,
                R"(INSERT INTO messages (sender_device, message_id, conversation, seq,
                                         sender_account, recipient_account, created_at,
                                         delivered_at)
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))") &&
        prepare(m_markDelivered, R"(UPDATE messages SET delivered_at = ?1
                                    WHERE sender_device = ?2 AND message_id = ?3
                                      AND delivered_at IS NULL)") &&
        prepare(m_insertReservedConversation,
                R"(INSERT INTO conversations (id, kind, member_a, member_b, last_seq, created_at)
                   VALUES (?1, 0, ?2, ?3, 1, ?4))") &&
        prepare(m_updateConversation,
                R"(UPDATE conversations SET last_seq = MAX(last_seq, ?1) WHERE id = ?2)") &&
        // The check that the gateway's conversation is the database's: same id, same
        // two accounts. A read of a cached page: only writing one is dear.
        prepare(m_checkReserved, R"(SELECT 1 FROM conversations
                                    WHERE id = ?1 AND kind = 0 AND member_a = ?2
                                      AND member_b = ?3)") &&
        prepare(m_setUnflushedSince,
                R"(INSERT INTO server_state (name, value) VALUES ('seqs_unflushed_since', ?1)
                   ON CONFLICT (name) DO UPDATE SET value = excluded.value)") &&
        prepare(m_findEntry, R"(SELECT kind, from_device, message_id FROM inbox
                                WHERE entry = ?1 AND device_id = ?2)") &&
        prepare(m_deleteEntry, R"(DELETE FROM inbox WHERE entry = ?1 AND device_id = ?2)") &&
        // Only a complete blob of the sender's own account (the controller checked;
        // the blob may have gone since, and then no grant is made).
        prepare(m_grantMedia, R"(INSERT OR IGNORE INTO media_grants (blob_id, device_id)
                                 SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM media_blobs
                                     WHERE id = ?1 AND account_id = ?3 AND complete = 1))") &&
        prepare(m_referenceMedia, R"(UPDATE media_blobs SET referenced = 1
                                     WHERE id = ?1 AND account_id = ?2 AND complete = 1)") &&
        (m_inbox.prepare() || fail()) && (m_lookups.prepare() || fail()) &&
        (m_reads.prepare() || fail());
    return m_prepared;
}

protocol::Result<BatchResult> SqliteBatchWriter::apply(const WriteBatch &batch)
{
    BatchResult result;
    if (!batch.hasWrites() && (!batch.flushSeqs || m_held.isEmpty())) {
        result.seqsFlushed = m_held.isEmpty();
        return result;
    }
    if (!m_prepared && !prepareAll())
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("cannot prepare statements: %1").arg(m_error));
    // IMMEDIATE takes the write lock at once: a deferred transaction that reads
    // first could fail to upgrade (SQLITE_BUSY) while an admin process writes.
    if (!m_db.exec("BEGIN IMMEDIATE"))
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("cannot begin batch: %1").arg(m_db.error()));

    m_error.clear();
    m_lookups.clear();
    BatchState state;
    result.sends.reserve(batch.sends.size());
    for (const AckWrite &ack : batch.acks)
        for (const UnstoredDelivery &delivery : ack.unstored)
            state.earlyAcks[{delivery.fromDevice, delivery.id}].append(
                {ack.accountId, ack.timestamp});
    bool ok = true;
    for (const SendWrite &send : batch.sends)
        if (!(ok = applySend(send, state, result)))
            break;
    for (size_t i = 0; ok && i < batch.acks.size(); ++i)
        ok = applyAck(batch.acks[i], state);
    ok = ok && (state.delivered.queue(
                    m_inbox, [this](qint64 account) { return m_lookups.devicesOf(account); },
                    result.newEntries) ||
                fail());
    // A conversation's last seq may be held, by earlier batches or by this one.
    const auto heldSeq = [this, &state](qint64 conversation) {
        return std::max(m_held.seqOf(conversation), state.held.seqs.value(conversation));
    };
    for (size_t i = 0; ok && i < batch.reads.size(); ++i)
        ok = m_reads.apply(batch.reads[i], result.newEntries, heldSeq) || fail();
    ok = ok && flushConversations(batch, state) && (m_db.exec("COMMIT") || fail());

    if (!ok) {
        // SQLite may already have rolled back (e.g. disk full): then this fails, harmlessly.
        const QString reason = m_error.isEmpty() ? m_db.error() : m_error;
        m_db.exec("ROLLBACK");
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   QStringLiteral("batch not stored: %1").arg(reason));
    }
    m_held.committed(state.held, state.seqsWritten);
    result.seqsFlushed = m_held.isEmpty();
    return result;
}

bool SqliteBatchWriter::insertMessage(const SendWrite &send, qint64 conversation, quint64 seq,
                                      qint64 recipient, qint64 deliveredAt)
{
    m_insertMessage.bind(1, send.senderDevice);
    m_insertMessage.bind(2, bytesOf(send.id));
    m_insertMessage.bind(3, conversation);
    m_insertMessage.bind(4, qint64(seq));
    m_insertMessage.bind(5, send.senderAccount);
    m_insertMessage.bind(6, recipient);
    m_insertMessage.bind(7, send.timestamp);
    if (deliveredAt > 0)
        m_insertMessage.bind(8, deliveredAt);
    else
        m_insertMessage.bindNull(8);
    return run(m_insertMessage);
}

bool SqliteBatchWriter::grantMedia(const SendWrite &send, qint64 device)
{
    for (const QByteArray &blob : send.media) {
        m_grantMedia.bind(1, blob);
        m_grantMedia.bind(2, device);
        m_grantMedia.bind(3, send.senderAccount);
        if (!run(m_grantMedia))
            return false;
    }
    return true;
}

bool SqliteBatchWriter::referenceMedia(const SendWrite &send)
{
    for (const QByteArray &blob : send.media) {
        m_referenceMedia.bind(1, blob);
        m_referenceMedia.bind(2, send.senderAccount);
        if (!run(m_referenceMedia))
            return false;
    }
    return true;
}

bool SqliteBatchWriter::applySend(const SendWrite &send, BatchState &state, BatchResult &result)
{
    // A copy earlier in this batch: its row is visible to the SELECT below too, but
    // the original outcome is at hand and the round trip is saved.
    const QPair<qint64, MessageId> key{send.senderDevice, send.id};
    if (const auto it = state.sentInBatch.constFind(key); it != state.sentInBatch.cend()) {
        SendOutcome again = result.sends[*it];
        again.duplicate = true;
        state.resent.insert(key);
        result.sends.push_back(again);
        return true;
    }
    m_findMessage.bind(1, send.senderDevice);
    m_findMessage.bind(2, bytesOf(send.id));
    switch (m_findMessage.step()) {
    case Step::Error:
        return fail();
    case Step::Row: {
        SendOutcome original{send.id, m_findMessage.int64At(0), quint64(m_findMessage.int64At(1)),
                             m_findMessage.int64At(2), true};
        // One-to-one (a recipient): the original ack may have said delivered, and
        // saying it again is harmless, so any delivery recorded is repeated.
        if (m_findMessage.int64At(5) != 0 && !m_findMessage.isNullAt(4))
            original.deliveredAt = m_findMessage.int64At(4);
        m_findMessage.reset();
        state.resent.insert(key);
        result.sends.push_back(original);
        return true;
    }
    case Step::Done:
        break;
    }
    if (send.group != 0)
        return applyGroupSend(send, state, result);

    const qint64 conversation = send.conversation;
    const quint64 seq = send.seq;
    if (conversation <= 0 || seq == 0) {
        // Taken for a duplicate whose original is gone (its batch failed): no seq
        // to store it with, so the sender sends it again and gets one.
        SendOutcome again{send.id, 0, 0, send.timestamp, false};
        again.sendAgain = true;
        result.sends.push_back(again);
        return true;
    }
    if (!state.conversations.contains(conversation) && !reserveConversation(send, state))
        return false;
    quint64 &last = state.conversations[conversation].lastSeq;
    last = std::max(last, seq);
    // Seq 1 is in the row its batch inserts; a later one is held (SeqFlushPolicy).
    if (seq > 1)
        state.held.add(conversation, seq, send.timestamp);
    // Acked before its commit by a device of the recipient (not the sender's own
    // other device): delivered as it is written, and reportDelivery() says so.
    qint64 deliveredAt = 0;
    if (const auto acks = state.earlyAcks.constFind(key); acks != state.earlyAcks.cend())
        for (const EarlyAck &ack : *acks)
            if (ack.accountId != send.senderAccount)
                deliveredAt =
                    deliveredAt == 0 ? ack.timestamp : std::min(deliveredAt, ack.timestamp);
    if (!insertMessage(send, conversation, seq, send.recipientAccount, deliveredAt)) {
        // Most likely a conversation id the database does not have (its foreign key).
        m_error = QStringLiteral("message not stored in conversation %1, reserved for "
                                 "accounts %2 and %3 at seq %4: %5")
                      .arg(conversation)
                      .arg(send.senderAccount)
                      .arg(send.recipientAccount)
                      .arg(seq)
                      .arg(m_error);
        return false;
    }
    // Delivered already: the sending device learns it from its ack, which leaves
    // after this commit like the receipt would, so it needs no receipt of its own.
    // If the ack is lost, the resend's ack says it again (delivered_at is in the row).
    state.reportable.insert(
        key, {conversation, send.senderAccount, deliveredAt > 0 ? send.senderDevice : 0});

    SendOutcome outcome{send.id, conversation, seq, send.timestamp, false};
    outcome.deliveredAt = deliveredAt;
    state.sentInBatch.insert(key, result.sends.size());
    result.sends.push_back(outcome);

    Deliver deliver{0,
                    send.id,
                    conversation,
                    seq,
                    send.senderName,
                    send.senderDevice,
                    send.recipientName,
                    send.timestamp,
                    {}};
    for (qsizetype i = 0; i < send.copies.size(); ++i) {
        const LiveCopy live = size_t(i) < send.live.size() ? send.live[size_t(i)] : LiveCopy{};
        if (live.acked)
            continue; // the device has it and said so: nothing to keep
        const protocol::DeviceCopy &copy = send.copies[i];
        deliver.body = copy.body;
        if (!m_inbox.insert(copy.device, deliver, result.newEntries))
            return false;
    }
    // Every device the message is for may fetch its attachments, acked or not.
    for (const protocol::DeviceCopy &copy : send.copies)
        if (!grantMedia(send, copy.device))
            return false;
    return referenceMedia(send);
}

bool SqliteBatchWriter::applyGroupSend(const SendWrite &send, BatchState &state,
                                       BatchResult &result)
{
    BatchLookups::Group *group = m_lookups.groupFor(send.group);
    if (!group)
        return fail();
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
        if (device != send.senderDevice &&
            (!m_inbox.insert(device, deliver, result.newEntries) || !grantMedia(send, device)))
            return false;
    return referenceMedia(send);
}

bool SqliteBatchWriter::applyAck(const AckWrite &ack, BatchState &state)
{
    for (quint64 entry : ack.entries) {
        // Only the acking device's own rows: another device's entry id is ignored.
        m_findEntry.bind(1, qint64(entry));
        m_findEntry.bind(2, ack.deviceId);
        const Step found = m_findEntry.step();
        if (found == Step::Error)
            return fail();
        if (found == Step::Done)
            continue;
        const qint64 kind = m_findEntry.int64At(0);
        const qint64 fromDevice = m_findEntry.int64At(1);
        const auto id = MessageId::fromBytes(m_findEntry.blobAt(2));
        m_findEntry.reset();

        m_deleteEntry.bind(1, qint64(entry));
        m_deleteEntry.bind(2, ack.deviceId);
        if (!run(m_deleteEntry))
            return false;
        // A row without a valid id (none is stored so) has nobody to tell.
        if (kind == inboxkind::kDeliver && id &&
            !reportDelivery(ack, fromDevice, *id, state, ack.toldInAck.value(entry, 0)))
            return false;
    }
    for (const UnstoredDelivery &delivery : ack.unstored)
        if (!reportDelivery(ack, delivery.fromDevice, delivery.id, state))
            return false;
    return true;
}

bool SqliteBatchWriter::reportDelivery(const AckWrite &ack, qint64 fromDevice, const MessageId &id,
                                       BatchState &state, qint64 toldInAck)
{
    const MessageKey key{fromDevice, id};
    if (const auto it = state.reportable.constFind(key); it != state.reportable.cend()) {
        if (it->senderAccount == ack.accountId)
            return true;
        if (it->toldInAck != 0) {
            // Told in its ack: a sender whose only device that is has no one else to tell.
            const auto devices = m_lookups.devicesOf(it->senderAccount);
            if (!devices)
                return fail();
            if (devices->size() == 1 && devices->front() == it->toldInAck)
                return true;
        }
        state.delivered.note(it->senderAccount, it->conversation, ack, id, it->toldInAck);
        return true;
    }
    // The dedup record knows the sender and whether delivery was reported already.
    m_findMessage.bind(1, fromDevice);
    m_findMessage.bind(2, bytesOf(id));
    const Step message = m_findMessage.step();
    if (message == Step::Error)
        return fail();
    if (message == Step::Done) // expired meanwhile: nobody to tell
        return true;
    const qint64 conversation = m_findMessage.int64At(0);
    const qint64 senderAccount = m_findMessage.int64At(3);
    const bool reported = !m_findMessage.isNullAt(4);
    const bool group = m_findMessage.int64At(5) == 0;
    m_findMessage.reset();
    if (group)
        state.reportable.insert(key, {conversation, senderAccount});
    // The sender's own other devices acking a copy is not a delivery.
    if (senderAccount == ack.accountId)
        return true;
    if (group) {
        // Each member's delivery is news to the sender: no once-per-message record.
        state.delivered.note(senderAccount, conversation, ack, id);
        return true;
    }
    if (reported)
        return true;

    m_markDelivered.bind(1, ack.timestamp);
    m_markDelivered.bind(2, fromDevice);
    m_markDelivered.bind(3, bytesOf(id));
    if (!run(m_markDelivered))
        return false;
    // A device that sent the message again may not have had the ack that told it.
    if (state.resent.contains(key))
        toldInAck = 0;
    if (m_db.changes() == 1)
        state.delivered.note(senderAccount, conversation, ack, id, toldInAck);
    return true;
}

bool SqliteBatchWriter::flushConversations(const WriteBatch &batch, BatchState &state)
{
    for (const auto &[id, group] : m_lookups.groups()) {
        if (!group.dirty)
            continue;
        m_updateConversation.bind(1, qint64(group.lastSeq));
        m_updateConversation.bind(2, group.id);
        if (!run(m_updateConversation))
            return false;
    }
    if (state.held.isEmpty() && m_held.isEmpty())
        return true;
    if (m_held.due(state.held, batch.flushSeqs))
        return state.seqsWritten = writeHeldSeqs(state);
    // Held on: a crash now must find this batch's seqs from their messages.
    m_setUnflushedSince.bind(1, m_held.unflushedSince(state.held));
    return run(m_setUnflushedSince);
}

bool SqliteBatchWriter::writeHeldSeqs(const BatchState &state)
{
    for (const auto &[conversation, seq] : m_held.toWrite(state.held)) {
        m_updateConversation.bind(1, qint64(seq));
        m_updateConversation.bind(2, conversation);
        if (!run(m_updateConversation))
            return false;
    }
    m_setUnflushedSince.bind(1, qint64(0));
    return run(m_setUnflushedSince);
}

bool SqliteBatchWriter::reserveConversation(const SendWrite &send, BatchState &state)
{
    Reserved &r = state.conversations[send.conversation];
    r.memberA = std::min(send.senderAccount, send.recipientAccount);
    r.memberB = std::max(send.senderAccount, send.recipientAccount);
    // A later seq: the row came with the commit of the first message, since a
    // failed commit fails every send gathered after it and the gateway hands the
    // same seqs out again. Checked here; its last_seq is held (SeqFlushPolicy).
    if (send.seq != 1) {
        m_checkReserved.bind(1, send.conversation);
        m_checkReserved.bind(2, r.memberA);
        m_checkReserved.bind(3, r.memberB);
        const Step found = m_checkReserved.step();
        if (found == Step::Error)
            return fail();
        m_checkReserved.reset();
        if (found == Step::Row)
            return true;
        m_error = QStringLiteral("conversation %1 was reserved for accounts %2 and %3, "
                                 "which the database does not have as that conversation")
                      .arg(send.conversation)
                      .arg(r.memberA)
                      .arg(r.memberB);
        return false;
    }
    // Its first message: the id was reserved when it arrived (Store::reserveConversationId).
    r.created = true;
    m_insertReservedConversation.bind(1, send.conversation);
    m_insertReservedConversation.bind(2, r.memberA);
    m_insertReservedConversation.bind(3, r.memberB);
    m_insertReservedConversation.bind(4, send.timestamp);
    if (run(m_insertReservedConversation))
        return true;
    m_error = QStringLiteral("conversation %1 was reserved as new for accounts %2 and %3, "
                             "which the database cannot take: %4")
                  .arg(send.conversation)
                  .arg(r.memberA)
                  .arg(r.memberB)
                  .arg(m_error);
    return false;
}

} // namespace linnet::server
