// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to FrameCodec.cpp: the fields of the invite frames (invite_create,
// invite_created, invites_get, invites), one function per frame as in FrameCodec.cpp.

#include "CborFields.h"
#include "Frames.h"
#include "Limits.h"

namespace linnet::protocol {

template <typename S> void fields(S &s, const InviteCreate &f)
{
    s("days", qint64(f.validDays));
}

template <typename S> void fields(S &s, const InviteCreated &f)
{
    s("code", f.code);
    s("expires", f.expiresAt);
}

template <typename S> void fields(S &, const InvitesGet &) {}

template <typename S> void fields(S &s, const InviteInfo &f)
{
    s("created", f.createdAt);
    s("expires", f.expiresAt);
    if (!f.usedBy.isEmpty()) {
        s("used_by", f.usedBy);
        s("used_at", f.usedAt);
    }
}

template <typename S> void fields(S &s, const InviteList &f)
{
    s("invites", f.invites, [](auto &w, const InviteInfo &i) { fields(w, i); });
}

inline void read(detail::FieldReader &in, InviteCreate &f)
{
    f.validDays = int(in.integer("days", 1, kMaxInviteDays));
}

inline void read(detail::FieldReader &in, InviteCreated &f)
{
    f.code = in.text("code", 1, kMaxInviteLength);
    f.expiresAt = in.timestamp("expires");
}

inline void read(detail::FieldReader &, InvitesGet &) {}

inline void read(detail::FieldReader &in, InviteList &f)
{
    auto invites = in.mapList("invites", 0, kMaxInvitesListed);
    for (qsizetype i = 0; i < qsizetype(invites.size()) && !in.failed(); ++i) {
        detail::FieldReader &r = invites[size_t(i)];
        InviteInfo info;
        info.createdAt = r.timestamp("created");
        info.expiresAt = r.timestamp("expires");
        info.usedBy = r.text("used_by", 0, kMaxUsernameLength, detail::Need::Optional);
        if (!info.usedBy.isEmpty())
            info.usedAt = r.timestamp("used_at");
        in.absorb(r, "invites", i);
        f.invites.append(std::move(info));
    }
}

} // namespace linnet::protocol
