// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BatchLookups.h"
#include "DeliveredReceipts.h"
#include "HeldSeqs.h"
#include "SqliteConnection.h"
#include "SqliteInbox.h"
#include "SqliteReadReceipts.h"
#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace linnet::server {

/**
 * SqliteStore's hot path: applies one WriteBatch in one IMMEDIATE transaction
 * with statements prepared once, on SQLite's C API (see SqliteConnection):
 * sends (one-to-one here, groups with BatchLookups' view of the group), acks
 * and the delivered receipts they cause (DeliveredReceipts), read receipts
 * (SqliteReadReceipts) and the conversations' seqs. Internal to the server core.
 *
 * The last_seq of a one-to-one conversation is written lazily: a batch inserts
 * the row of a conversation's first message, checks the row of a later one, and
 * keeps the seq in memory ("held"); the held seqs are written together every
 * SeqFlushPolicy::interval, when too many are held, and when a batch asks
 * (WriteBatch::flushSeqs: shutdown, the gateway's cache starting over). Every
 * message row holds its seq, so nothing is lost in a crash: each batch that
 * holds a seq also writes server_state.seqs_unflushed_since, the earliest
 * created_at of a message whose seq is held, and SqliteStore::open() takes the
 * seqs of the messages from then on (repairSeqs()).
 */
class SqliteBatchWriter {
public:
    /** @p connection outlives the writer. */
    explicit SqliteBatchWriter(SqliteConnection &connection, SeqFlushPolicy policy = {});

    protocol::Result<BatchResult> apply(const WriteBatch &batch);

private:
    /** What an ack needs to know of a message to report its delivery. */
    struct MessageFacts {
        qint64 conversation = 0;
        qint64 senderAccount = 0;
        qint64 toldInAck = 0; ///< the sending device, whose SendAck says it was delivered
    };
    /** An ack of a copy before its commit (AckWrite::unstored): who acked, and when. */
    struct EarlyAck {
        qint64 accountId = 0;
        qint64 timestamp = 0;
    };
    /** A one-to-one conversation as the gateway reserved it for this batch's sends. */
    struct Reserved {
        qint64 memberA = 0, memberB = 0; ///< memberA <= memberB
        quint64 lastSeq = 0;             ///< the highest seq of this batch
        bool created = false;            ///< its first message is in this batch: row inserted
    };
    using MessageKey = QPair<qint64, protocol::MessageId>; ///< (sender device, id)
    /** Lookups cached for the duration of one batch only (admins may add devices meanwhile). */
    struct BatchState {
        /** Copies acked before their commit, gathered before the sends are applied: a
         *  message acked by its recipient is inserted as delivered, not updated later. */
        QHash<MessageKey, QList<EarlyAck>> earlyAcks;
        /**
         * Messages whose every delivery in this batch is news to the sender, so an ack
         * needs no lookup: group messages acked in this batch (each member's delivery
         * counts; looked up once per batch, not once per member) and the one-to-one
         * messages this batch inserts (delivered, if at all, by its early acks).
         */
        QHash<MessageKey, MessageFacts> reportable;
        /** The one-to-one conversations of this batch's sends, by id. */
        QHash<qint64, Reserved> conversations;
        QHash<QPair<qint64, protocol::MessageId>, size_t> sentInBatch;
        /**
         * Messages sent again in this batch and answered as duplicates: a device
         * that resends may not have had its first ack, so an ack saying delivered
         * (AckWrite::toldInAck) does not spare it the receipt.
         */
        QSet<MessageKey> resent;
        DeliveredReceipts delivered;
        HeldSeqs::Batch held;     ///< this batch's one-to-one seqs above 1
        bool seqsWritten = false; ///< this batch writes every held seq
    };

    bool prepareAll();
    bool prepare(SqliteStatement &q, const char *sql);
    /** Runs @p q to the end (rows ignored); false with m_error set on failure. */
    bool run(SqliteStatement &q);
    /** Notes the connection's error in m_error; always false. */
    bool fail();

    bool applySend(const SendWrite &send, BatchState &state, BatchResult &result);
    bool applyGroupSend(const SendWrite &send, BatchState &state, BatchResult &result);
    bool applyAck(const AckWrite &ack, BatchState &state);
    /**
     * A device acknowledged its copy of message (@p fromDevice, @p id): the receipt,
     * except to @p toldInAck, the sender's device whose SendAck said it already.
     */
    bool reportDelivery(const AckWrite &ack, qint64 fromDevice, const protocol::MessageId &id,
                        BatchState &state, qint64 toldInAck = 0);
    /** Group seqs, and the one-to-one seqs when they are due (or their mark). */
    bool flushConversations(const WriteBatch &batch, BatchState &state);
    /** Writes every held one-to-one seq, this batch's with them. */
    bool writeHeldSeqs(const BatchState &state);
    /**
     * Notes the conversation of a send, the first of this batch in it; its first
     * message ever (seq 1) writes its row, a later one checks that the row is the
     * gateway's conversation.
     */
    bool reserveConversation(const SendWrite &send, BatchState &state);

    /** Grants @p device a download of every blob of @p send (SendWrite::media). */
    bool grantMedia(const SendWrite &send, qint64 device);
    /** Marks the blobs of @p send referenced (their lifetime is now the message's). */
    bool referenceMedia(const SendWrite &send);

    /** @p deliveredAt 0: not delivered yet (NULL). */
    bool insertMessage(const SendWrite &send, qint64 conversation, quint64 seq, qint64 recipient,
                       qint64 deliveredAt = 0);

    SqliteConnection &m_db;
    HeldSeqs m_held; ///< committed one-to-one seqs not yet in conversations.last_seq
    bool m_prepared = false;
    QString m_error;
    SqliteStatement m_findMessage, m_insertMessage, m_markDelivered;
    SqliteStatement m_insertReservedConversation, m_checkReserved, m_setUnflushedSince;
    SqliteStatement m_updateConversation;
    SqliteStatement m_findEntry, m_deleteEntry;
    SqliteStatement m_grantMedia, m_referenceMedia;
    InboxRowWriter m_inbox;
    BatchLookups m_lookups; ///< devices and groups, cached per batch
    SqliteReadReceipts m_reads;
};

} // namespace linnet::server
