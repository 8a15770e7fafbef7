// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <variant>

namespace linnet::lan {

/*
 * The frames of a peer link between two devices (docs/protocol.md 12.4, 12.5), one plain
 * value struct each; LanFrameCodec.h encodes and validates them. lan_hello travels in
 * clear, every other frame sealed with the link's keys (LanLinkCrypto.h).
 */

/** "lan_hello": the first message each side sends, a fresh X25519 key for this link. */
struct LanHello {
    QByteArray ephemeral; ///< 32 bytes
    bool operator==(const LanHello &) const = default;
};

/** "lan_auth": who this side is, proven by its identity signature over the transcript. */
struct LanAuth {
    QString account;
    qint64 device = 0;
    QByteArray signature; ///< 64 bytes, LanHandshake::transcript()
    bool operator==(const LanAuth &) const = default;
};

/** "lan_msg": a message from the peer device, the link's `deliver`. */
struct LanMessage {
    protocol::MessageId id;
    qint64 device = 0;         ///< "dev": the receiving device this copy is for
    QString to;                ///< one-to-one: the chat's user; empty in a group
    qint64 group = 0;          ///< a group's conv; 0 one-to-one
    QByteArray body;           ///< the envelope for `device`, or the group's sender-key envelope
    qint64 sentAt = 0;         ///< "sent": ms, by the sender's clock
    protocol::MessageId after; ///< optional: the last message the sender had in the chat
    bool operator==(const LanMessage &) const = default;
};

/** "lan_ack": these messages are stored on the receiving device (delivered). */
struct LanAck {
    QList<protocol::MessageId> ids;
    bool operator==(const LanAck &) const = default;
};

/** "lan_read": the user read these messages (read receipts on). */
struct LanRead {
    QString to;       ///< one-to-one: the user it is addressed to; empty in a group
    qint64 group = 0; ///< a group's conv
    QList<protocol::MessageId> ids;
    bool operator==(const LanRead &) const = default;
};

/** "lan_typing": the user is (or stopped) typing. */
struct LanTyping {
    QString to;       ///< one-to-one: the user it is addressed to; empty in a group
    qint64 group = 0; ///< a group's conv
    bool active = false;
    bool operator==(const LanTyping &) const = default;
};

/** "lan_sender_key": a pairwise envelope holding the sender's sender key of a group. */
struct LanSenderKey {
    qint64 group = 0;
    QByteArray body;
    bool operator==(const LanSenderKey &) const = default;
};

using LanFrame =
    std::variant<LanHello, LanAuth, LanMessage, LanAck, LanRead, LanTyping, LanSenderKey>;

} // namespace linnet::lan
