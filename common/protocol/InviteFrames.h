// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace linnet::protocol {

/*
 * The invite frames (issue 28; docs/protocol.md "Invites"): an account the server's
 * admin made a server admin (`linnet-server user admin NAME on`) creates and lists
 * invites from the app. Anyone else is answered NotServerAdmin. Part of the Frame
 * variant (Frames.h); their fields are in InviteFrameFields.h.
 */

/** C->S "invite_create": a new single-use invite; answered by InviteCreated. */
struct InviteCreate {
    quint32 requestId = 0;
    int validDays = 7; ///< 1..kMaxInviteDays
    bool operator==(const InviteCreate &) const = default;
};

/** S->C "invite_created": the new invite's code (shown once: the server keeps its hash). */
struct InviteCreated {
    quint32 requestId = 0;
    QString code;
    qint64 expiresAt = 0; ///< ms UTC
    bool operator==(const InviteCreated &) const = default;
};

/** C->S "invites_get": the newest invites of the server; answered by InviteList. */
struct InvitesGet {
    quint32 requestId = 0;
    bool operator==(const InvitesGet &) const = default;
};

/** One invite in an InviteList (no code: the server keeps it hashed). */
struct InviteInfo {
    qint64 createdAt = 0; ///< ms UTC
    qint64 expiresAt = 0; ///< ms UTC
    QString usedBy;       ///< the account it created; empty: not used yet
    qint64 usedAt = 0;    ///< ms UTC; 0: not used yet
    bool operator==(const InviteInfo &) const = default;
};

/** S->C "invites": at most kMaxInvitesListed invites, newest first. */
struct InviteList {
    quint32 requestId = 0;
    QList<InviteInfo> invites;
    bool operator==(const InviteList &) const = default;
};

} // namespace linnet::protocol
