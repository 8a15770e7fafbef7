// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to FrameCodec.cpp: the fields of the media frames (media_upload,
// media_download, media_ticket, media_done), in the same one-function-per-frame style
// (found there by argument-dependent lookup).

#include "CborFields.h"
#include "Frames.h"
#include "Limits.h"

namespace linnet::protocol {

template <typename S> void fields(S &s, const MediaUploadRequest &f)
{
    if (!f.blob.isEmpty())
        s("blob", f.blob);
    else
        s("size", f.size);
}

template <typename S> void fields(S &s, const MediaDownloadRequest &f)
{
    s("blob", f.blob);
}

template <typename S> void fields(S &s, const MediaTicket &f)
{
    s("blob", f.blob);
    s("ticket", f.ticket);
    s("size", f.size);
    if (f.offset != 0)
        s("offset", f.offset);
    s("expires", f.expires);
}

template <typename S> void fields(S &s, const MediaDone &f)
{
    s("blob", f.blob);
}

namespace mediafields {
inline QByteArray blobId(detail::FieldReader &in, detail::Need need = detail::Need::Required)
{
    return in.bytes("blob", kBlobIdBytes, kBlobIdBytes, need);
}
} // namespace mediafields

inline void read(detail::FieldReader &in, MediaUploadRequest &f)
{
    f.blob = mediafields::blobId(in, detail::Need::Optional);
    if (f.blob.isEmpty())
        f.size = quint64(in.integer("size", 1, INT64_MAX));
}

inline void read(detail::FieldReader &in, MediaDownloadRequest &f)
{
    f.blob = mediafields::blobId(in);
}

inline void read(detail::FieldReader &in, MediaTicket &f)
{
    f.blob = mediafields::blobId(in);
    f.ticket = in.bytes("ticket", 1, kMaxTicketBytes);
    f.size = quint64(in.integer("size", 0, INT64_MAX));
    f.offset = quint64(in.integer("offset", 0, INT64_MAX, detail::Need::Optional));
    f.expires = in.timestamp("expires");
    if (!in.failed() && f.offset > f.size)
        in.fail(ErrorCode::InvalidField,
                QStringLiteral("field \"offset\" is past the blob's \"size\""));
}

inline void read(detail::FieldReader &in, MediaDone &f)
{
    f.blob = mediafields::blobId(in);
}

} // namespace linnet::protocol
