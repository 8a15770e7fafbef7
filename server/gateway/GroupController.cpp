// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupController.h"

#include "ServerLog.h"
#include "relay/MessageController.h"
#include "gateway/Session.h"
#include "protocol/Limits.h"
#include "store/Store.h"

#include <QDateTime>
#include <QSet>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::GroupOp;
using protocol::makeError;

namespace {
/** Group requests (create, update, get, keys) per connection: a burst of 100, then 10/s. */
constexpr double kGroupBurst = 100;
constexpr double kGroupRequestsPerSecond = 10;

QString unknownUser(const QString &name)
{
    return QStringLiteral("there is no user \"%1\" on this server").arg(name);
}

QString notMember(const QString &name)
{
    return QStringLiteral("%1 is not a member of this group").arg(name);
}
} // namespace

GroupController::GroupController(Store &store, MessageController &messages,
                                 const ServerConfig &config)
    : m_store(store), m_messages(messages), m_config(config)
{
}

bool GroupController::takeToken(Session *session, quint32 requestId)
{
    if (session->groupBucket().take(kGroupBurst, kGroupRequestsPerSecond,
                                    QDateTime::currentMSecsSinceEpoch()))
        return true;
    session->sendError(requestId, ErrorCode::RateLimited,
                       QStringLiteral("too many group requests; try again in a moment"));
    return false;
}

QString GroupController::limitReason(qsizetype wanted) const
{
    return QStringLiteral("the group would have %1 members; this server allows at most %2 "
                          "(max_group_members)")
        .arg(wanted)
        .arg(m_config.maxGroupMembers);
}

std::optional<GroupRecord> GroupController::memberGroup(Session *session, quint32 requestId,
                                                        qint64 conversation)
{
    auto group = m_store.groups().group(conversation);
    if (group && group->member(session->accountId()))
        return group;
    // The same answer whether the group exists or not: ids reveal nothing.
    session->sendError(requestId, ErrorCode::UnknownGroup,
                       QStringLiteral("you are not a member of group %1").arg(conversation));
    return std::nullopt;
}

void GroupController::reply(Session *session, quint32 requestId, const GroupRecord &group)
{
    protocol::GroupInfo info{requestId, group.conversation, group.name, {}};
    info.members.reserve(group.members.size());
    for (const GroupMemberRecord &m : group.members)
        info.members.append(protocol::GroupMember{m.username, m.admin});
    session->send(info);
}

void GroupController::handleCreate(Session *session, const protocol::GroupCreate &request)
{
    if (!takeToken(session, request.requestId))
        return;
    // Duplicates and the creator's own name are ignored.
    QStringList names;
    QSet<QString> seen{session->username()};
    for (const QString &name : request.members)
        if (!seen.contains(name)) {
            seen.insert(name);
            names.append(name);
        }
    if (1 + names.size() > m_config.maxGroupMembers) {
        session->sendError(request.requestId, ErrorCode::GroupFull, limitReason(1 + names.size()));
        return;
    }
    GroupCreateWrite write;
    write.creator = session->accountId();
    write.creatorName = session->username();
    write.name = request.name;
    write.timestamp = QDateTime::currentMSecsSinceEpoch();
    for (const QString &name : std::as_const(names)) {
        const auto account = m_store.accountByName(name);
        if (!account) {
            session->sendError(request.requestId, ErrorCode::UnknownUser, unknownUser(name));
            return;
        }
        write.members.append(account->id);
    }
    m_messages.settleCommits(); // these entries must come after those delivered
    const auto created = m_store.groups().createGroup(write);
    if (!created) {
        session->sendError(request.requestId, ErrorCode::InternalError,
                           QStringLiteral("the server could not store the group; try again"));
        return;
    }
    qCInfo(lcGroups) << session->username() << "created group" << created.value().conversation
                     << "with" << write.members.size() + 1 << "members";
    if (const auto group = m_store.groups().group(created.value().conversation))
        reply(session, request.requestId, *group);
    m_messages.deliverNew(created.value().newEntries);
}

std::optional<protocol::Error> GroupController::plan(Session *session,
                                                     const protocol::GroupUpdate &request,
                                                     const GroupRecord &group,
                                                     GroupChangeWrite &change)
{
    const GroupMemberRecord *me = group.member(session->accountId());
    const bool needsAdmin = request.op != GroupOp::Leave;
    if (needsAdmin && !me->admin)
        return makeError(ErrorCode::NotGroupAdmin,
                         QStringLiteral("only the group's admins can do that"));
    QList<qint64> members;
    for (const GroupMemberRecord &m : group.members)
        members.append(m.accountId);

    const GroupMemberRecord *target = nullptr;
    qint64 targetId = 0;
    if (!request.user.isEmpty()) {
        const auto account = m_store.accountByName(request.user);
        if (!account)
            return makeError(ErrorCode::UnknownUser, unknownUser(request.user));
        targetId = account->id;
        target = group.member(targetId);
    }
    const QString by = session->username();
    switch (request.op) {
    case GroupOp::Add:
        if (target)
            return makeError(
                ErrorCode::InvalidField,
                QStringLiteral("%1 is already a member of this group").arg(request.user));
        if (group.members.size() + 1 > m_config.maxGroupMembers)
            return makeError(ErrorCode::GroupFull, limitReason(group.members.size() + 1));
        change.add = {targetId};
        members.append(targetId);
        change.events = {{by, GroupOp::Add, request.user}};
        change.notify = members;
        return std::nullopt;
    case GroupOp::Remove:
        if (!target)
            return makeError(ErrorCode::UnknownUser, notMember(request.user));
        if (targetId == me->accountId)
            return makeError(ErrorCode::InvalidField,
                             QStringLiteral("admins leave a group with \"leave\", not \"remove\""));
        change.remove = {targetId};
        change.events = {{by, GroupOp::Remove, request.user}};
        members.removeAll(targetId);
        change.notify = members;
        change.departed = {targetId}; // their devices learn they are out
        return std::nullopt;
    case GroupOp::Leave: {
        change.remove = {me->accountId};
        change.events = {{by, GroupOp::Leave, by}};
        members.removeAll(me->accountId);
        change.notify = members;
        change.departed = {me->accountId};
        // The last admin leaving hands the group to whoever joined earliest.
        if (me->admin && group.adminCount() == 1) {
            for (const GroupMemberRecord &m : group.members) { // in joining order
                if (m.accountId == me->accountId)
                    continue;
                change.setAdmin = {{m.accountId, true}};
                change.events.push_back({by, GroupOp::MakeAdmin, m.username});
                break;
            }
        }
        return std::nullopt;
    }
    case GroupOp::Rename:
        change.name = request.name;
        change.events = {{by, GroupOp::Rename, {}}};
        change.notify = members;
        return std::nullopt;
    case GroupOp::MakeAdmin:
    case GroupOp::RevokeAdmin: {
        if (!target)
            return makeError(ErrorCode::UnknownUser, notMember(request.user));
        const bool makeAdmin = request.op == GroupOp::MakeAdmin;
        if (target->admin == makeAdmin)
            return makeError(ErrorCode::InvalidField,
                             (makeAdmin ? QStringLiteral("%1 is already an admin")
                                        : QStringLiteral("%1 is not an admin"))
                                 .arg(request.user));
        if (!makeAdmin && group.adminCount() == 1)
            return makeError(ErrorCode::InvalidField,
                             QStringLiteral("a group needs an admin; make someone else admin "
                                            "first"));
        change.setAdmin = {{targetId, makeAdmin}};
        change.events = {{by, request.op, request.user}};
        change.notify = members;
        return std::nullopt;
    }
    case GroupOp::Create:
        break;
    }
    return makeError(ErrorCode::InvalidField, QStringLiteral("create is group_create"));
}

void GroupController::handleUpdate(Session *session, const protocol::GroupUpdate &request)
{
    if (!takeToken(session, request.requestId))
        return;
    const auto group = memberGroup(session, request.requestId, request.conversation);
    if (!group)
        return;
    GroupChangeWrite change;
    change.conversation = group->conversation;
    change.name = group->name;
    change.timestamp = QDateTime::currentMSecsSinceEpoch();
    if (const auto error = plan(session, request, *group, change)) {
        session->sendError(request.requestId, error->code, error->reason);
        return;
    }
    m_messages.settleCommits(); // these entries must come after those delivered
    const auto committed = m_store.groups().changeGroup(change);
    if (!committed) {
        session->sendError(request.requestId, committed.error().code,
                           committed.error().code == ErrorCode::InternalError
                               ? QStringLiteral("the server could not store the change; try again")
                               : committed.error().reason);
        return;
    }
    qCInfo(lcGroups) << session->username() << "changed group" << group->conversation << "(seq"
                     << committed.value().lastSeq << ")";
    // After the change; a leaver who was the last member gets what they last saw.
    const auto after = m_store.groups().group(group->conversation);
    reply(session, request.requestId, after && !after->members.isEmpty() ? *after : *group);
    m_messages.deliverNew(committed.value().newEntries);
}

void GroupController::handleGet(Session *session, const protocol::GroupGet &request)
{
    if (!takeToken(session, request.requestId))
        return;
    if (const auto group = memberGroup(session, request.requestId, request.conversation))
        reply(session, request.requestId, *group);
}

void GroupController::handleKeys(Session *session, const protocol::GroupKeys &request)
{
    if (!takeToken(session, request.requestId))
        return;
    if (!m_store.groups().isMember(request.conversation, session->accountId())) {
        session->sendError(
            request.requestId, ErrorCode::UnknownGroup,
            QStringLiteral("you are not a member of group %1").arg(request.conversation));
        return;
    }
    const SenderKeysWrite write{request.conversation, session->username(), session->deviceId(),
                                request.copies, QDateTime::currentMSecsSinceEpoch()};
    m_messages.settleCommits(); // these entries must come after those delivered
    const auto stored = m_store.groups().storeSenderKeys(write);
    if (!stored) {
        session->sendError(request.requestId, ErrorCode::InternalError,
                           QStringLiteral("the server could not store the keys; send them again"));
        return;
    }
    const qsizetype skipped = request.copies.size() - qsizetype(stored.value().size());
    if (skipped > 0)
        qCDebug(lcGroups) << "device" << session->deviceId() << "sent" << skipped
                          << "sender-key copies for devices outside group" << request.conversation;
    // Ok only after the commit: a message sent after it is always behind the keys.
    session->send(protocol::Ok{request.requestId});
    m_messages.deliverNew(stored.value());
}

} // namespace linnet::server
