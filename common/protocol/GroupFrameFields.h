// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to FrameCodec.cpp: the fields of the group frames, in the same
// one-function-per-frame style (found there by argument-dependent lookup).

#include "CborFields.h"
#include "Frames.h"
#include "Limits.h"

#include <array>

namespace linnet::protocol {

namespace groupfields {
constexpr std::array<const char *, 7> kOpNames{"create", "add",   "remove", "leave",
                                               "rename", "admin", "unadmin"};

inline const char *opName(GroupOp op)
{
    return kOpNames[size_t(op)];
}

inline GroupOp readOp(detail::FieldReader &in)
{
    const QString name = in.text("op", 0, 16);
    for (size_t i = 0; i < kOpNames.size(); ++i)
        if (name == QLatin1String(kOpNames[i]))
            return GroupOp(i);
    in.fail(ErrorCode::InvalidField,
            QStringLiteral("field \"op\" must be one of create, add, remove, leave, rename, "
                           "admin, unadmin"));
    return GroupOp::Create;
}

inline QString groupName(detail::FieldReader &in, detail::Need need = detail::Need::Required)
{
    return in.text("name", need == detail::Need::Required ? 1 : 0, kMaxGroupNameLength, need);
}
} // namespace groupfields

template <typename S> void fields(S &s, const GroupCreate &f)
{
    s("name", f.name);
    s("members", f.members);
}

template <typename S> void fields(S &s, const GroupUpdate &f)
{
    s("conv", f.conversation);
    s("op", groupfields::opName(f.op));
    if (!f.user.isEmpty())
        s("user", f.user);
    if (!f.name.isEmpty())
        s("name", f.name);
}

template <typename S> void fields(S &s, const GroupGet &f)
{
    s("conv", f.conversation);
}

template <typename S> void fields(S &s, const GroupMember &f)
{
    s("user", f.user);
    if (f.admin)
        s("admin", true);
}

template <typename S> void fields(S &s, const GroupInfo &f)
{
    s("conv", f.conversation);
    s("name", f.name);
    s("members", f.members, [](auto &w, const GroupMember &m) { fields(w, m); });
}

template <typename S> void fields(S &s, const GroupEvent &f)
{
    s("entry", f.entry);
    s("conv", f.conversation);
    s("seq", f.seq);
    s("by", f.by);
    s("op", groupfields::opName(f.op));
    if (!f.user.isEmpty())
        s("user", f.user);
    s("name", f.name);
    s("ts", f.timestamp);
}

template <typename S> void fields(S &s, const SenderKeyCopy &f)
{
    s("entry", f.entry);
    s("conv", f.conversation);
    s("from", f.from);
    s("from_dev", f.fromDevice);
    s("body", f.body);
}

inline void read(detail::FieldReader &in, GroupCreate &f)
{
    f.name = groupfields::groupName(in);
    f.members = in.usernameList("members", kMaxGroupMembers - 1);
}

inline void read(detail::FieldReader &in, GroupUpdate &f)
{
    f.conversation = in.positiveId("conv");
    f.op = groupfields::readOp(in);
    const bool needsUser = f.op == GroupOp::Add || f.op == GroupOp::Remove ||
                           f.op == GroupOp::MakeAdmin || f.op == GroupOp::RevokeAdmin;
    if (needsUser)
        f.user = in.username("user");
    if (f.op == GroupOp::Rename)
        f.name = groupfields::groupName(in);
    if (!in.failed() && f.op == GroupOp::Create)
        in.fail(ErrorCode::InvalidField, QStringLiteral("field \"op\" create is group_create"));
}

inline void read(detail::FieldReader &in, GroupGet &f)
{
    f.conversation = in.positiveId("conv");
}

inline void read(detail::FieldReader &in, GroupInfo &f)
{
    f.conversation = in.positiveId("conv");
    f.name = groupfields::groupName(in);
    auto members = in.mapList("members", 1, kMaxGroupMembers);
    for (qsizetype i = 0; i < qsizetype(members.size()) && !in.failed(); ++i) {
        auto &m = members[size_t(i)];
        GroupMember member{m.username("user"), m.boolean("admin", detail::Need::Optional)};
        in.absorb(m, "members", i);
        f.members.append(std::move(member));
    }
}

inline void read(detail::FieldReader &in, GroupEvent &f)
{
    f.entry = quint64(in.integer("entry", 1, INT64_MAX));
    f.conversation = in.positiveId("conv");
    f.seq = quint64(in.integer("seq", 1, INT64_MAX));
    f.by = in.username("by");
    f.op = groupfields::readOp(in);
    f.user = in.text("user", 0, kMaxUsernameLength, detail::Need::Optional);
    f.name = groupfields::groupName(in);
    f.timestamp = in.timestamp("ts");
}

inline void read(detail::FieldReader &in, SenderKeyCopy &f)
{
    f.entry = quint64(in.integer("entry", 1, INT64_MAX));
    f.conversation = in.positiveId("conv");
    f.from = in.username("from");
    f.fromDevice = in.positiveId("from_dev");
    f.body = in.bytes("body", 0, kMaxBodyBytes);
}

} // namespace linnet::protocol
