// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "protocol/Frames.h"

#include <QList>
#include <QString>

namespace linnet::client {

/** The conversation key of the group with server conversation id @p serverId. */
inline QString groupKey(qint64 serverId)
{
    return QStringLiteral("group:%1").arg(serverId);
}

/** True for a group conversation key (usernames never contain ':'). */
inline bool isGroupKey(const QString &key)
{
    return key.startsWith(QLatin1String("group:"));
}

/** The server conversation id in a group key, 0 if @p key is not one. */
inline qint64 groupIdOf(const QString &key)
{
    if (!isGroupKey(key))
        return 0;
    bool ok = false;
    const qint64 id = key.mid(6).toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

/** A group as this device knows it. */
struct Group {
    QString key; ///< conversation key, groupKey(serverId)
    qint64 serverId = 0;
    QString name;
    QList<protocol::GroupMember> members; ///< alphabetical; this account included while a member
    bool member = true;                   ///< false once this account was removed or left
    bool operator==(const Group &) const = default;

    bool hasMember(const QString &user) const
    {
        for (const auto &m : members)
            if (m.user == user)
                return true;
        return false;
    }
    bool isAdmin(const QString &user) const
    {
        for (const auto &m : members)
            if (m.user == user)
                return m.admin;
        return false;
    }
};

/** What a group_event said, behind a system message of kind GroupEvent. The UI words it
 *  ("%1 added %2") in the user's language; ChatMessage::text holds an English fallback. */
struct GroupEventRecord {
    protocol::GroupOp op = protocol::GroupOp::Create;
    QString by;   ///< who did it
    QString user; ///< whom it concerns (add, remove, leave, admin, unadmin); else empty
    QString name; ///< the group's name after the event
    bool operator==(const GroupEventRecord &) const = default;
};

/** One member's state for an own group message, for a "message info" view. */
struct MemberReceipt {
    QString member;
    DeliveryState state = DeliveryState::Sent; ///< Sent (not yet received), Delivered or Read
    qint64 updatedAt = 0;                      ///< ms UTC of the last receipt; 0 if none
    bool operator==(const MemberReceipt &) const = default;
};

} // namespace linnet::client
