// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to FrameCodec.cpp: the fields of the linking frames (link_request, link_fetch,
// link_pending, link_approve, link_approved, link_sealed), in the same
// one-function-per-frame style (found there by argument-dependent lookup).

#include "CborFields.h"
#include "Frames.h"
#include "Limits.h"

namespace linnet::protocol {

namespace linkfields {
/** Size of a link lookup (BLAKE2b-256 of the link code). */
inline constexpr qsizetype kLookupBytes = 32;
/** Largest sealed blob either side sends. */
inline constexpr qsizetype kMaxBlobBytes = 1024;

inline QByteArray lookup(detail::FieldReader &in)
{
    return in.bytes("lookup", kLookupBytes, kLookupBytes);
}

inline QByteArray sealed(detail::FieldReader &in)
{
    return in.bytes("sealed", 1, kMaxBlobBytes);
}
} // namespace linkfields

template <typename S> void fields(S &s, const LinkRequest &f)
{
    s("username", f.username);
    s("lookup", f.lookup);
    s("sealed", f.sealed);
    if (!f.deviceName.isEmpty())
        s("device_name", f.deviceName);
}

template <typename S> void fields(S &s, const LinkFetch &f)
{
    s("lookup", f.lookup);
}

template <typename S> void fields(S &s, const LinkPending &f)
{
    s("sealed", f.sealed);
    s("expires", f.expires);
}

template <typename S> void fields(S &s, const LinkApprove &f)
{
    s("lookup", f.lookup);
    s("sealed", f.sealed);
}

template <typename S> void fields(S &s, const LinkApproved &f)
{
    s("device", f.device);
}

template <typename S> void fields(S &s, const LinkSealed &f)
{
    s("sealed", f.sealed);
}

inline void read(detail::FieldReader &in, LinkRequest &f)
{
    f.username = in.username("username");
    f.lookup = linkfields::lookup(in);
    f.sealed = linkfields::sealed(in);
    f.deviceName = in.text("device_name", 0, kMaxDeviceNameLength, detail::Need::Optional);
}

inline void read(detail::FieldReader &in, LinkFetch &f)
{
    f.lookup = linkfields::lookup(in);
}

inline void read(detail::FieldReader &in, LinkPending &f)
{
    f.sealed = linkfields::sealed(in);
    f.expires = in.timestamp("expires");
}

inline void read(detail::FieldReader &in, LinkApprove &f)
{
    f.lookup = linkfields::lookup(in);
    f.sealed = linkfields::sealed(in);
}

inline void read(detail::FieldReader &in, LinkApproved &f)
{
    f.device = in.positiveId("device");
}

inline void read(detail::FieldReader &in, LinkSealed &f)
{
    f.sealed = linkfields::sealed(in);
}

} // namespace linnet::protocol
