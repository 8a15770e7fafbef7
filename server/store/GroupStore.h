// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"

#include <optional>
#include <vector>

namespace linnet::server {

/** One member of a group as stored. */
struct GroupMemberRecord {
    qint64 accountId = 0;
    QString username;
    bool admin = false;
    qint64 joined = 0; ///< arrival order within the group (lower joined earlier)
    bool operator==(const GroupMemberRecord &) const = default;
};

/** A group's state: its conversation, name and members in joining order. */
struct GroupRecord {
    qint64 conversation = 0;
    QString name;
    qint64 createdAt = 0;
    qint64 createdBy = 0;
    quint64 lastSeq = 0;
    QList<GroupMemberRecord> members;

    /** The member with @p accountId, or nullptr. */
    const GroupMemberRecord *member(qint64 accountId) const;
    qsizetype adminCount() const;
    bool operator==(const GroupRecord &) const = default;
};

/** A new group: @p members are the others (distinct, not the creator). */
struct GroupCreateWrite {
    qint64 creator = 0;
    QString creatorName;
    QString name;
    QList<qint64> members;
    qint64 timestamp = 0;
};

/** One event of a change; its seq and timestamp come from the store. */
struct GroupEventWrite {
    QString by;
    protocol::GroupOp op = protocol::GroupOp::Add;
    QString user;
};

/**
 * A change to an existing group, decided by the caller (GroupController) and
 * written in one transaction: membership and name first, then each event with
 * the group's next seq into the inbox of every device of every account in
 * notify (and the first event also for the departed accounts' devices).
 */
struct GroupChangeWrite {
    qint64 conversation = 0;
    QString name;      ///< the group's name after the change (stored, and carried by every event)
    QList<qint64> add; ///< accounts becoming members (not admins)
    QList<qint64> remove;                ///< accounts leaving the group
    QList<QPair<qint64, bool>> setAdmin; ///< (member, admin) after add/remove
    std::vector<GroupEventWrite> events; ///< in order
    QList<qint64> notify;                ///< accounts told about every event
    QList<qint64> departed; ///< removed or leaving accounts, told about the first event only
    qint64 timestamp = 0;
};

/** What a group write committed. */
struct GroupCommit {
    qint64 conversation = 0;
    quint64 lastSeq = 0;                ///< the seq of the last event written
    std::vector<InboxEntry> newEntries; ///< in entry order
};

/** Sender-key envelopes from one device; only copies for member devices are stored. */
struct SenderKeysWrite {
    qint64 conversation = 0;
    QString fromName;
    qint64 fromDevice = 0;
    QList<protocol::DeviceCopy> copies;
    qint64 timestamp = 0;
};

/**
 * Durable group state (groups, members, read positions) and the inbox
 * entries group changes create. Rare operations: each call is one
 * transaction. Messages in groups go through Store::commitBatch. Same thread
 * and error rules as Store.
 */
class GroupStore {
public:
    virtual ~GroupStore() = default;

    /** Creates the group (seq 1: a create event for every device of every member). */
    virtual protocol::Result<GroupCommit> createGroup(const GroupCreateWrite &write) = 0;
    /** Applies @p write; UnknownGroup if the group does not exist. */
    virtual protocol::Result<GroupCommit> changeGroup(const GroupChangeWrite &write) = 0;
    /** The group's state, or nullopt if @p conversation is not a group. */
    virtual std::optional<GroupRecord> group(qint64 conversation) = 0;
    virtual bool isMember(qint64 conversation, qint64 accountId) = 0;
    /** Account ids of the members (empty if no such group). */
    virtual QList<qint64> memberAccounts(qint64 conversation) = 0;
    /** Stores one sender_key entry per copy addressed to a device of a current member
     *  (not the sending device); other copies are skipped. Returns the entries written. */
    virtual protocol::Result<std::vector<InboxEntry>>
    storeSenderKeys(const SenderKeysWrite &write) = 0;
};

} // namespace linnet::server
