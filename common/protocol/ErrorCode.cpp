// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorCode.h"

namespace linnet::protocol {

namespace {

const char *knownName(quint64 value)
{
    switch (static_cast<ErrorCode>(value)) {
    case ErrorCode::MalformedFrame:
        return "malformed_frame";
    case ErrorCode::InvalidField:
        return "invalid_field";
    case ErrorCode::NotAuthenticated:
        return "not_authenticated";
    case ErrorCode::BadCredentials:
        return "bad_credentials";
    case ErrorCode::Forbidden:
        return "forbidden";
    case ErrorCode::InviteRequired:
        return "invite_required";
    case ErrorCode::UnknownUser:
        return "unknown_user";
    case ErrorCode::UnknownGroup:
        return "unknown_group";
    case ErrorCode::GroupFull:
        return "group_full";
    case ErrorCode::NotGroupAdmin:
        return "not_group_admin";
    case ErrorCode::UnknownType:
        return "unknown_type";
    case ErrorCode::AlreadyAuthenticated:
        return "already_authenticated";
    case ErrorCode::UsernameTaken:
        return "username_taken";
    case ErrorCode::DevicesChanged:
        return "devices_changed";
    case ErrorCode::FrameTooLarge:
        return "frame_too_large";
    case ErrorCode::UnsupportedVersion:
        return "unsupported_version";
    case ErrorCode::RateLimited:
        return "rate_limited";
    case ErrorCode::InternalError:
        return "internal_error";
    case ErrorCode::InboxUnavailable:
        return "inbox_unavailable";
    case ErrorCode::ShuttingDown:
        return "shutting_down";
    case ErrorCode::MediaTooLarge:
        return "media_too_large";
    case ErrorCode::QuotaExceeded:
        return "quota_exceeded";
    case ErrorCode::UnknownMedia:
        return "unknown_media";
    case ErrorCode::StorageFull:
        return "storage_full";
    case ErrorCode::LinkRequired:
        return "link_required";
    case ErrorCode::UnknownDevice:
        return "unknown_device";
    case ErrorCode::DeviceRevoked:
        return "device_revoked";
    case ErrorCode::NotServerAdmin:
        return "not_server_admin";
    case ErrorCode::UnknownLink:
        return "unknown_link";
    }
    return nullptr;
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    if (const char *name = knownName(static_cast<quint64>(code)))
        return QString::fromLatin1(name);
    // A code from a newer peer: still give logs something stable to grep for.
    return QStringLiteral("error_%1").arg(static_cast<quint16>(code));
}

bool isKnownErrorCode(quint64 value)
{
    // The cast to ErrorCode truncates to 16 bits, so range-check first.
    return value <= 0xffff && knownName(value) != nullptr;
}

} // namespace linnet::protocol
