// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GroupStore.h"
#include "KeyStore.h"
#include "MediaStore.h"
#include "StoreTypes.h"
#include "protocol/Result.h"

#include <optional>

namespace linnet::server {

/**
 * Durable server state behind one narrow interface: accounts, devices,
 * invites, conversations, the dedup record of messages and per-device inboxes.
 * SqliteStore is the default; a PostgreSQL store can serve several nodes.
 * Every method is synchronous and is called from one thread.
 * Failures (disk full, I/O) come back as ErrorCode::InternalError with a reason;
 * a failed call has changed nothing.
 */
class Store {
public:
    virtual ~Store() = default;

    /** Public end-to-end keys of devices, on the same database. */
    virtual KeyStore &keys() = 0;
    /** Groups and their members, on the same database. */
    virtual GroupStore &groups() = 0;
    /** Media blobs and their download grants, on the same database. */
    virtual MediaStore &media() = 0;

    // --- accounts and devices -------------------------------------------------
    /** Creates an account. If @p inviteHash is set the invite must exist, be unused
     *  and unexpired, and is consumed in the same transaction (InviteRequired otherwise).
     *  UsernameTaken if the name exists. */
    virtual protocol::Result<qint64> createAccount(const QString &username,
                                                   const QByteArray &passwordHash,
                                                   const std::optional<QByteArray> &inviteHash,
                                                   qint64 now) = 0;
    /** createAccount() and createDevice() in ONE transaction: both exist afterwards, or
     *  neither (register must never leave an account without a device). */
    virtual protocol::Result<NewAccount>
    createAccountWithDevice(const QString &username, const QByteArray &passwordHash,
                            const std::optional<QByteArray> &inviteHash, const QString &deviceName,
                            const QByteArray &tokenHash, qint64 now) = 0;
    virtual std::optional<AccountRecord> accountByName(const QString &username) = 0;
    virtual std::optional<AccountRecord> accountById(qint64 id) = 0;
    virtual QList<AccountRecord> listAccounts() = 0;
    /** False if no such account. */
    virtual bool setAccountDisabled(const QString &username, bool disabled) = 0;
    /** Makes @p username one of the server's admins (invites from the app) or not; false
     *  if there is no such account. */
    virtual bool setServerAdmin(const QString &username, bool admin) = 0;
    /** Ids of every disabled account (the server polls this to drop live sessions). */
    virtual QList<qint64> disabledAccountIds() = 0;
    virtual void setLastSeen(qint64 accountId, qint64 when) = 0;
    virtual void setLastSeenVisibility(qint64 accountId, protocol::LastSeenVisibility v) = 0;
    /** True if the two accounts share a conversation or a group (the "contacts" of privacy). */
    virtual bool areContacts(qint64 accountA, qint64 accountB) = 0;

    virtual protocol::Result<qint64> createDevice(qint64 accountId, const QString &name,
                                                  const QByteArray &tokenHash, qint64 now) = 0;
    /** The device, revoked or not (DeviceRecord::revokedAt). */
    virtual std::optional<DeviceRecord> deviceById(qint64 id) = 0;
    /** The account's devices that are not revoked, by id. */
    virtual QList<qint64> deviceIdsOfAccount(qint64 accountId) = 0;
    /** The account's devices that are not revoked, oldest first. */
    virtual QList<DeviceRecord> devicesOfAccount(qint64 accountId) = 0;
    /** UnknownDevice if @p deviceId is not a device of @p accountId or is revoked. */
    virtual protocol::Status renameDevice(qint64 accountId, qint64 deviceId,
                                          const QString &name) = 0;
    /**
     * Revokes a device of @p accountId in one transaction: it is marked revoked (its token
     * no longer authenticates), its keys, one-time prekeys, inbox and download grants are
     * deleted; the row stays for the messages it sent. UnknownDevice if it is not the account's or
     * already revoked.
     */
    virtual protocol::Status revokeDevice(qint64 accountId, qint64 deviceId, qint64 now) = 0;
    virtual void setDeviceLastSeen(qint64 deviceId, qint64 when) = 0;

    // --- invites --------------------------------------------------------------
    virtual protocol::Status createInvite(const QByteArray &codeHash, qint64 now,
                                          qint64 expiresAt) = 0;
    /** The newest @p limit invites, used or not, newest first. */
    virtual protocol::Result<QList<InviteRecord>> listInvites(int limit) = 0;

    // --- messages -------------------------------------------------------------
    /**
     * Applies a whole batch in ONE transaction (group commit): sends are deduped
     * on (sender device, id) — a duplicate returns its original outcome and
     * writes nothing; a new one-to-one send is stored with the conversation and
     * seq reserved for it (reserveConversationId(), SendWrite::seq) and gets one
     * inbox entry per device of the recipient and per other device of the sender.
     * Acks delete the acking device's entries (others' entries are ignored) and
     * queue one delivered receipt per (sender, conversation) for messages not yet
     * reported delivered. Reads queue read receipts for the other member's devices
     * and the reader's other devices. Group sends (SendWrite::group) fan out to
     * every device of every current member except the sending device, or are
     * refused (SendOutcome::notMember); a group delivery ack queues a delivered
     * receipt for the sender's devices each time; a group read moves the
     * reader's read position and queues read receipts for the senders in the
     * newly read range. Nothing is visible before the commit.
     * A one-to-one send may come with copies already pushed (SendWrite::live): a copy
     * acknowledged before the commit is not stored (its ack is in
     * AckWrite::unstored), the others are stored like any copy.
     */
    virtual protocol::Result<BatchResult> commitBatch(const WriteBatch &batch) = 0;

    /**
     * Inbox entries of @p deviceId with entry id > @p afterEntry, oldest first: @p limit
     * of them unless the inbox ends first (a row that cannot be decoded is skipped
     * and logged, and does not shorten the page). An error if the inbox cannot be
     * read (I/O error, a damaged page): never a short page that looks like its end.
     */
    virtual protocol::Result<std::vector<InboxEntry>> loadInbox(qint64 deviceId, quint64 afterEntry,
                                                                int limit) = 0;
    virtual quint64 inboxCount(qint64 deviceId) = 0;

    /** The one-to-one conversation of two accounts (in either order), if it exists. */
    virtual std::optional<ConversationSeq> conversationBetween(qint64 accountA,
                                                               qint64 accountB) = 0;
    /**
     * Every one-to-one conversation, if there are at most @p limit of them; nullopt
     * if there are more, or if they cannot be read.
     */
    virtual std::optional<std::vector<OneToOneConversation>>
    oneToOneConversations(qsizetype limit) = 0;
    /**
     * A conversation id nothing uses yet, for a one-to-one conversation whose row
     * the batch that carries its first message writes (SendWrite::conversation).
     */
    virtual qint64 reserveConversationId() = 0;
    /**
     * Before serving, once: if the server did not stop cleanly since the last
     * start, moves the last_seq of every one-to-one conversation @p pushAhead on, so
     * that no seq pushed before a commit lost in a crash is given again (see
     * ConversationSeqs); then records that this run may push seqs ahead.
     */
    virtual protocol::Status beginServing(quint64 pushAhead) = 0;
    /** At a clean stop, once every seq pushed is committed and written: the next
     *  start need not move on. */
    virtual protocol::Status endServing() = 0;

    /** True if message (@p senderDevice, @p id) was committed (or cannot be looked up). */
    virtual bool messageStored(qint64 senderDevice, const protocol::MessageId &id) = 0;
    /** Members (account ids) of a conversation or group; empty if it does not exist. */
    virtual QList<qint64> conversationMembers(qint64 conversation) = 0;

    /** Deletes inbox entries and dedup records created before @p cutoff; returns entries removed.
     */
    virtual qint64 expireBefore(qint64 cutoff) = 0;
};

} // namespace linnet::server
