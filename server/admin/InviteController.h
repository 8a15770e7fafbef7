// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"
#include "protocol/Result.h"

namespace linnet::server {

class Session;
class Store;

/**
 * Invites from the app (issue 28, docs/protocol.md "Invites"): a server admin (an
 * account `linnet-server user admin NAME on` marked) creates single-use invites
 * (invite_create) and lists the newest (invites_get); any other account is answered
 * NotServerAdmin. The admin command `invite create` makes its invites here too.
 */
class InviteController {
public:
    explicit InviteController(Store &store) : m_store(store) {}

    /** Stores a new invite valid for @p validDays from @p now: its code and expiry. */
    static protocol::Result<protocol::InviteCreated> create(Store &store, int validDays,
                                                            qint64 now);

    void handleCreate(Session *session, const protocol::InviteCreate &request);
    void handleList(Session *session, const protocol::InvitesGet &request);

private:
    /** Whether @p session's account is a server admin; if not, says so to it. */
    bool admitted(Session *session, quint32 requestId, const char *what);

    Store &m_store;
};

} // namespace linnet::server
