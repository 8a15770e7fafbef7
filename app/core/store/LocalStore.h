// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "protocol/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

namespace linnet::client {

/**
 * The client's durable state for one account (SQLite, WAL): conversations,
 * messages, the outbox and small settings. Every method is synchronous, runs
 * on the thread that opened the store, and leaves nothing half-written: the
 * multi-row operations are transactions. Schema changes are migrations in
 * ClientMigrations.cpp.
 */
class LocalStore {
public:
    /** @p path is the database file (e.g. PROFILE/linnet.db); ":memory:" for unit tests. */
    explicit LocalStore(QString path);
    ~LocalStore();
    LocalStore(const LocalStore &) = delete;
    LocalStore &operator=(const LocalStore &) = delete;

    /** Opens, sets WAL/synchronous=FULL and migrates. A damaged file or write-ahead log is
     *  refused with what to do, and nothing in it is changed (docs/reliability.md). */
    protocol::Status open();

    // --- outgoing ---------------------------------------------------------------
    /** Stores an own message (state Queued) and its outbox entry in one transaction;
     *  creates the conversation if needed. */
    protocol::Status addOutgoing(const ChatMessage &message, const QByteArray &wireBody);
    /** Stores an own message (state Queued) that is not ready to go out yet (its
     *  attachment is uploading): no outbox entry until queueOutgoing(). @p also runs in
     *  the same transaction after the message row is written; false rolls back. */
    protocol::Status addOutgoingHeld(const ChatMessage &message,
                                     const std::function<bool(const QSqlDatabase &)> &also);
    /** Puts a held (or failed) own message into the outbox with @p item's body and
     *  media; its state becomes Queued. False if it is not an own message not yet sent. */
    bool queueOutgoing(const OutboxItem &item);
    /** A failed own message waits again (state Queued) without an outbox entry (its
     *  attachment uploads first). False if it is not a failed own message. */
    bool setQueued(const protocol::MessageId &id);
    /** Oldest first. */
    QList<OutboxItem> outbox();
    void countAttempt(const protocol::MessageId &id);
    /** The server acked: removes the outbox entry, sets seq, server time, the server
     *  conversation id, and state Sent (never moves a state backwards). False if unknown id. */
    bool markSent(const protocol::MessageId &id, qint64 serverConversation, quint64 seq,
                  qint64 serverTime);
    /** The server refused it for good (unknown user...): outbox entry removed, state Failed. */
    bool markFailed(const protocol::MessageId &id);
    /** Removes @p id's outbox entry if it has one (also inside a caller's transaction);
     *  false only if that failed. */
    bool removeFromOutbox(const protocol::MessageId &id);

    // --- incoming ---------------------------------------------------------------
    /** Stores a received message (or an own message sent from another device).
     *  Returns true if new, false if this id is already stored (nothing changes).
     *  @p also, if set, runs in the same transaction right after the message row is
     *  written (before the seq cursors move); returning false rolls everything back. */
    protocol::Result<bool> addIncoming(const ChatMessage &message, qint64 serverConversation,
                                       const std::function<bool(const QSqlDatabase &)> &also = {});

    /** A copy of a stored message came again under another seq (the server lost the
     *  first to a crash before its commit): the message moves to @p seq, the one the
     *  sender was given. False if unknown or unchanged. */
    bool moveToSeq(const protocol::MessageId &id, quint64 seq);

    // --- receipts ---------------------------------------------------------------
    /** Moves own messages forward to @p state (never backwards). Returns the ids that changed. */
    QList<protocol::MessageId> advanceState(const QList<protocol::MessageId> &ids,
                                            DeliveryState state);
    /** The peer read up to @p seq: own messages of the conversation with seq <= it become Read.
     *  Returns the ids that changed. */
    QList<protocol::MessageId> markPeerReadUpTo(const QString &conversation, quint64 seq);
    /** This user viewed the conversation: unread = 0, readUpToSeq = maxSeq of incoming.
     *  Returns the new readUpToSeq if it moved forward, else nullopt. */
    std::optional<quint64> markViewed(const QString &conversation);

    // --- queries ----------------------------------------------------------------
    std::optional<ChatMessage> message(const protocol::MessageId &id);
    /** The conversation a stored message is in; nullopt if the id is unknown. */
    std::optional<QString> conversationOf(const protocol::MessageId &id);
    /** Pinned chats first, then newest first by lastActivity. */
    QList<Conversation> conversations();
    std::optional<Conversation> conversation(const QString &key);
    /** Conversation key for a server conversation id, if known. */
    std::optional<QString> conversationForServerId(qint64 serverId);
    /** Creates an empty conversation with @p peer if none exists. */
    void ensureConversation(const QString &key, const QString &peer);
    /**
     * A page of messages in display order (ascending by seq; messages without seq
     * — still queued — after all sequenced ones, in creation order).
     * @p before: a position from messagePosition(); 0 = from the newest.
     * Returns at most @p limit messages that come before that position, oldest first.
     */
    QList<ChatMessage> messages(const QString &conversation, int limit, qint64 before = 0);
    /** The position of a message in display order (for paging with messages()). */
    qint64 messagePosition(const protocol::MessageId &id);
    int messageCount(const QString &conversation);

    // --- settings and cursors ------------------------------------------------------
    QString setting(const QString &key, const QString &fallback = {});
    void setSetting(const QString &key, const QString &value);

    QSqlDatabase database() const;
    /** SQLite's words for the last failure on this store's connection (e.g. "database or
     *  disk is full"); empty if none. Read it right after the failure. */
    QString lastError() const;
    /** The database file given to the constructor (":memory:" for an in-memory store). */
    QString path() const { return m_path; }

private:
    /** Refuses a damaged write-ahead log (WalCheck) or database (PRAGMA quick_check, on a
     *  read-only connection of its own) before anything uses, and so changes, them. */
    protocol::Status checkFiles() const;

    QString m_path;
    QString m_connectionName;
};

} // namespace linnet::client
