// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <variant>
#include <vector>

namespace linnet::server {

struct AccountRecord {
    qint64 id = 0;
    QString username;
    QByteArray passwordHash; ///< crypto_pwhash_str output (Argon2id)
    bool disabled = false;
    qint64 createdAt = 0; ///< ms UTC
    qint64 lastSeen = 0;  ///< ms UTC, 0 = never
    protocol::LastSeenVisibility lastSeenVisibility = protocol::LastSeenVisibility::Everyone;
    bool serverAdmin = false; ///< may create and list invites (invite_create, invites_get)
    bool operator==(const AccountRecord &) const = default;
};

/** An invite as the server's admins see it (the code itself is stored hashed only). */
struct InviteRecord {
    qint64 createdAt = 0; ///< ms UTC
    qint64 expiresAt = 0; ///< ms UTC
    QString usedBy;       ///< the account it created; empty: not used
    qint64 usedAt = 0;    ///< ms UTC; 0: not used
    bool operator==(const InviteRecord &) const = default;
};

/** A one-to-one conversation and its last seq as committed. */
struct ConversationSeq {
    qint64 id = 0;
    quint64 lastSeq = 0;
};

/** A one-to-one conversation with its two accounts (memberA <= memberB). */
struct OneToOneConversation {
    qint64 memberA = 0;
    qint64 memberB = 0;
    ConversationSeq seq;
};

/** An account created together with its first device (Store::createAccountWithDevice). */
struct NewAccount {
    qint64 accountId = 0;
    qint64 deviceId = 0;
    bool operator==(const NewAccount &) const = default;
};

struct DeviceRecord {
    qint64 id = 0;
    qint64 accountId = 0;
    QString name;
    QByteArray tokenHash; ///< BLAKE2b of the token; the token itself is never stored
    qint64 createdAt = 0;
    qint64 lastSeen = 0;  ///< ms UTC, last connected or disconnected; 0 = never
    qint64 revokedAt = 0; ///< ms UTC; 0 = not revoked
    bool operator==(const DeviceRecord &) const = default;
};

/**
 * A copy pushed to its device before the commit (see MessageController): the
 * device knows it under @p id until the commit gives it an entry id. Once the
 * device has acknowledged it, @p acked is set and the copy is not stored.
 */
struct LiveCopy {
    quint64 id = 0; ///< 0: not pushed; stored and delivered after the commit
    bool acked = false;
};

/**
 * A message to store: deduped on (senderDevice, id), then one inbox entry per
 * copy; a group message (group != 0) gets one entry per device of every current
 * member except the sending device, all with the same body.
 */
struct SendWrite {
    qint64 senderAccount = 0;
    qint64 senderDevice = 0;
    QString senderName;
    qint64 recipientAccount = 0;
    QString recipientName;
    protocol::MessageId id;
    QList<protocol::DeviceCopy> copies; ///< one inbox entry each (checked by the caller)
    qint64 timestamp = 0;               ///< server time of acceptance, ms UTC
    qint64 group = 0;                   ///< a group message: the group's conversation id
    QByteArray body{};                  ///< a group message: the one sender-key envelope
    /**
     * One-to-one: the conversation and seq the gateway reserved (ConversationSeqs).
     * The first message of a conversation (seq 1) writes its row; a later seq
     * names a conversation whose row a committed batch wrote (after a failed
     * commit the gateway hands the same seqs out again), or fails. seq 0: the
     * gateway took it for a duplicate; if it is not one, it is not stored and
     * the outcome says sendAgain.
     */
    qint64 conversation = 0;
    quint64 seq = 0;
    std::vector<LiveCopy> live{}; ///< empty, or one per copy
    /**
     * Blob ids of the message's attachments (checked by the caller: complete and the
     * sender's): every device the message is stored for gets a download grant for
     * each, in the message's own transaction, and the blobs become referenced.
     */
    QList<QByteArray> media{};
};

/** What the server tells the sender: the original values when the id was seen before. */
struct SendOutcome {
    protocol::MessageId id;
    qint64 conversation = 0;
    quint64 seq = 0;
    qint64 timestamp = 0;
    bool duplicate = false;
    bool notMember = false; ///< a group send refused: the sender is not (or no longer) a member
    /** Not stored: sent without a seq as a likely duplicate, and it was not one. */
    bool sendAgain = false;
    /** One-to-one: when the recipient had it, if that was before its commit (SendAck). */
    qint64 deliveredAt = 0;
    bool operator==(const SendOutcome &) const = default;
};

/** A pushed copy acknowledged before its row was written: the message it delivered. */
struct UnstoredDelivery {
    qint64 fromDevice = 0;
    protocol::MessageId id;
};

/** A device acknowledged these inbox entries: delete them, emit delivered receipts. */
struct AckWrite {
    qint64 accountId = 0;
    QString accountName;
    qint64 deviceId = 0;
    QList<quint64> entries;
    qint64 timestamp = 0;
    /** Deliveries acknowledged before their commit: receipts as for entries, no row. */
    QList<UnstoredDelivery> unstored{};
    /**
     * Entry -> the sender's device whose SendAck already said the message was
     * delivered (acked while its batch was being written): that device gets no
     * receipt for it.
     */
    QHash<quint64, qint64> toldInAck{};
};

/** A user read a conversation up to seq: queue read receipts to the other side. */
struct ReadWrite {
    qint64 accountId = 0;
    QString accountName;
    qint64 deviceId = 0;
    qint64 conversation = 0;
    quint64 upToSeq = 0;
    qint64 timestamp = 0;
};

/** One row of a device inbox, ready to be sent as its frame. */
struct InboxEntry {
    qint64 deviceId = 0;
    /** The frame with its entry id set inside. */
    std::variant<protocol::Deliver, protocol::Receipt, protocol::GroupEvent,
                 protocol::SenderKeyCopy>
        frame;
    quint64 entryId() const;
    bool operator==(const InboxEntry &) const = default;
};

/** Everything the server collected during one event-loop turn: one transaction. */
struct WriteBatch {
    std::vector<SendWrite> sends;
    std::vector<AckWrite> acks;
    std::vector<ReadWrite> reads;
    /**
     * Write every one-to-one conversation's last_seq that the store still holds
     * in memory (they are written lazily, see SqliteBatchWriter), so that the
     * database is the reference for seqs once this batch is committed.
     */
    bool flushSeqs = false;
    bool hasWrites() const { return !sends.empty() || !acks.empty() || !reads.empty(); }
    bool empty() const { return !hasWrites() && !flushSeqs; }
};

/** When SqliteBatchWriter writes the last_seq of one-to-one conversations it holds. */
struct SeqFlushPolicy {
    /** The oldest held seq is written at the latest with the first batch after this. */
    std::chrono::milliseconds interval{5000};
    /** Or as soon as this many conversations are held (~40 bytes each). */
    qsizetype maxHeld = 50000;
};

struct BatchResult {
    std::vector<SendOutcome> sends;     ///< one per WriteBatch::sends, same order
    std::vector<InboxEntry> newEntries; ///< every inbox row created, in entry order
    /** After this commit, conversations.last_seq holds every seq committed so far. */
    bool seqsFlushed = false;
};

} // namespace linnet::server
