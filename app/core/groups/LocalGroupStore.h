// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "groups/GroupTypes.h"
#include "protocol/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace linnet::client {

class LocalStore;

/**
 * The group tables of a profile's LocalStore (schema step 4): each group's name
 * and members, the membership events shown as system messages, and the
 * per-member receipts of own group messages. Same threading rules as LocalStore.
 */
class LocalGroupStore {
public:
    explicit LocalGroupStore(LocalStore &store) : m_store(store) {}

    // --- groups ----------------------------------------------------------------------
    /** Creates the group (and its conversation, kind 1) or updates it to @p group: name,
     *  member flag and the whole member list. */
    bool saveGroup(const Group &group, qint64 now);
    /** Creates an empty group row (name only) if none exists; true if it had to. */
    bool ensureGroup(qint64 serverId, const QString &name, qint64 now);
    std::optional<Group> group(const QString &key);
    std::optional<Group> groupById(qint64 serverId);
    /** Every group, by name. */
    QList<Group> groups();
    /** Keys of the groups called @p name (names need not be unique). */
    QStringList keysNamed(const QString &name);
    /** The members of a group as usernames, alphabetical. */
    QStringList memberNames(const QString &key);

    // --- events ----------------------------------------------------------------------
    /** The deterministic id of the system message for event @p seq of a group, so that an
     *  event delivered twice is stored once. */
    static protocol::MessageId eventMessageId(qint64 serverId, quint64 seq);
    /**
     * Stores the event as a system message in the group's conversation and applies it to
     * the stored state (members, admins, name, this account's membership) in one
     * transaction. @p self is this account. Returns the stored message, nullopt if that
     * event was stored before (nothing changes then).
     */
    protocol::Result<std::optional<ChatMessage>>
    addEvent(const protocol::GroupEvent &event, const QString &self, const QString &fallbackText);
    std::optional<GroupEventRecord> event(const protocol::MessageId &id);
    /** The seq of the newest membership event stored for the group, 0 if none. */
    quint64 lastEventSeq(const QString &key);

    // --- per-member receipts -------------------------------------------------------------
    /** Records whom an own message was sent to (the members as of sending, not self). */
    bool setRecipients(const protocol::MessageId &id, const QStringList &members);
    /** @p member received these messages. Returns the ids whose row changed. */
    QList<protocol::MessageId> noteDelivered(const QList<protocol::MessageId> &ids,
                                             const QString &member, qint64 at);
    /** @p member read the group up to @p seq. Returns the own messages that changed. */
    QList<protocol::MessageId> noteReadUpTo(const QString &key, const QString &member, quint64 seq,
                                            qint64 at);
    /** Delivered once every recipient has received it, Read once all have read it, else
     *  Sent; nullopt while no recipients are recorded. */
    std::optional<DeliveryState> combinedState(const protocol::MessageId &id);
    /** The recipients of an own message and how far each got, alphabetical. */
    QList<MemberReceipt> receipts(const protocol::MessageId &id);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
