// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace linnet::protocol {

/**
 * Error codes carried by `error` frames and returned by decoders.
 * Numbers follow HTTP where a meaning exists, so that logs read naturally.
 * Shipped values never change meaning; docs/protocol.md lists them all.
 */
enum class ErrorCode : quint16 {
    MalformedFrame = 400,       ///< not CBOR, not a map, missing or mistyped field
    InvalidField = 422,         ///< a field is present and typed but out of range
    NotAuthenticated = 401,     ///< a frame other than register/login/auth before auth
    BadCredentials = 402,       ///< wrong username/password or device token
    Forbidden = 403,            ///< registration closed, account disabled
    InviteRequired = 405,       ///< invite-only server and no or an invalid invite code
    UnknownUser = 404,          ///< the addressed user does not exist
    UnknownGroup = 410,         ///< no such group, or not a member of it
    GroupFull = 411,            ///< adding members would pass the server's max_group_members
    NotGroupAdmin = 414,        ///< a group change that only the group's admins may make
    MediaTooLarge = 415,        ///< media_upload over the server's media_max_bytes
    QuotaExceeded = 417,        ///< media_upload would pass the account's media quota
    UnknownMedia = 418,         ///< no such blob, incomplete, expired, or not this device's to use
    UnknownType = 406,          ///< a frame type this server does not know
    AlreadyAuthenticated = 407, ///< a second auth on the same connection
    UsernameTaken = 409,        ///< registration with an existing username
    DevicesChanged = 412,       ///< a send's copies do not match the current devices and keys
    FrameTooLarge = 413,        ///< frame exceeds kMaxFrameBytes (checked before decoding)
    UnsupportedVersion = 426,   ///< protocol version not spoken by the peer
    RateLimited = 429,          ///< too many attempts or frames; retry later
    InternalError = 500,        ///< the server failed; nothing was acked
    InboxUnavailable = 520,     ///< the server cannot read this device's inbox now; kept, retried
    ShuttingDown = 503,         ///< the server is stopping; reconnect later
    StorageFull = 507,          ///< the server's disk is full; nothing was reserved
    LinkRequired = 423,   ///< a password login of a new device to an account with an account key
    UnknownDevice = 419,  ///< no such device on this account (or it was revoked)
    DeviceRevoked = 421,  ///< this device was removed from its account; its token is void
    NotServerAdmin = 430, ///< invite_create / invites_get from an account that is no server admin
    UnknownLink = 424,    ///< no pending link request under that code (mistyped, expired, used)
};

/** Stable snake_case name of a code, used in logs and the JSON dump. */
QString errorCodeName(ErrorCode code);

/** True if @p value is one of the defined codes. */
bool isKnownErrorCode(quint64 value);

/** A decode or protocol failure: a code and a reason a person can read. */
struct Error {
    ErrorCode code = ErrorCode::MalformedFrame;
    QString reason;
    bool operator==(const Error &) const = default;
};

} // namespace linnet::protocol
