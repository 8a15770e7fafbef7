// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace linnet::protocol {

/*
 * The linking frames (issue 27; docs/protocol.md "Linking a new device", docs/crypto.md
 * "Linking"): a new device files a request under a lookup derived from its link code and
 * waits; a device of the account fetches it with the same code, and approves it. The
 * server relays two sealed blobs it cannot open and creates the new device on approval.
 * Part of the Frame variant (Frames.h); their fields are in LinkFrameFields.h.
 */

/**
 * C->S "link_request" (before auth): the new device asks to join @p username's account and
 * waits on this connection. Answered by Ok, later by LinkSealed and AuthOk (same r) once a
 * device of the account approves, or by error 424 when the request expires.
 */
struct LinkRequest {
    quint32 requestId = 0;
    QString username;
    QByteArray lookup;  ///< kLinkLookupBytes, BLAKE2b of the link code
    QByteArray sealed;  ///< 1..kMaxLinkBlobBytes: the new device's identity and name, sealed
    QString deviceName; ///< as the server will list it; optional
    bool operator==(const LinkRequest &) const = default;
};

/** C->S "link_fetch": the request filed under @p lookup for this account; answered by LinkPending.
 */
struct LinkFetch {
    quint32 requestId = 0;
    QByteArray lookup;
    bool operator==(const LinkFetch &) const = default;
};

/** S->C "link_pending": the sealed request a new device filed. */
struct LinkPending {
    quint32 requestId = 0;
    QByteArray sealed;
    qint64 expires = 0; ///< ms UTC, when the server forgets the request
    bool operator==(const LinkPending &) const = default;
};

/** C->S "link_approve": approves the request; @p sealed goes to the new device. */
struct LinkApprove {
    quint32 requestId = 0;
    QByteArray lookup;
    QByteArray sealed; ///< 1..kMaxLinkBlobBytes: the account identity key, sealed
    bool operator==(const LinkApprove &) const = default;
};

/** S->C "link_approved": the new device exists and has its token. */
struct LinkApproved {
    quint32 requestId = 0;
    qint64 device = 0; ///< the new device's id
    bool operator==(const LinkApproved &) const = default;
};

/** S->C "link_sealed": to the waiting new device, just before its auth_ok: the approval. */
struct LinkSealed {
    quint32 requestId = 0;
    QByteArray sealed;
    bool operator==(const LinkSealed &) const = default;
};

} // namespace linnet::protocol
