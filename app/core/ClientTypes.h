// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageContent.h"
#include "protocol/MessageId.h"

#include <QList>
#include <QString>

#include <optional>

namespace linnet::client {

/** Where an own message stands: clock, ✓, ✓✓, read; Failed if the server refused it. */
enum class DeliveryState : quint8 { Queued = 0, Sent = 1, Delivered = 2, Read = 3, Failed = 4 };

/** "queued", "sent", "delivered", "read", "failed" (used by linnet-cli --json). */
QString deliveryStateName(DeliveryState state);

enum class ConnectionState : quint8 {
    Offline = 0,    ///< not connected; retrying with backoff if started
    Connecting = 1, ///< socket opening or authenticating
    Online = 2,     ///< authenticated
    AuthFailed = 3, ///< the server refused the stored credentials; log in again
};

/** What a stored message is: a text, a notice by the app, one that could not be decrypted,
 *  a group membership event (its details: GroupClient::event()), or a message with an
 *  attachment (its text is the caption; the attachment: MediaClient::attachment()). */
enum class MessageKind : quint8 {
    Text = 0,
    Notice = 1,
    Undecryptable = 2,
    GroupEvent = 3,
    File = 4,
    /** Kinds from 100 on are actions on another message (ChatMessage::target): stored and
     *  sequenced like messages, never shown as rows of their own. */
    Reaction = 100, ///< its text is the emoji; empty: the sender took their reaction back
    Edit = 101,     ///< its text replaces its target's (sender only, within kEditWindowMs)
    Delete = 102,   ///< its target is deleted for everyone (sender only, kDeleteWindowMs)
};

/** True for the kinds that act on another message instead of being shown (Reaction,
 *  Edit, Delete). */
constexpr bool isAction(MessageKind kind)
{
    return quint8(kind) >= 100;
}

/** One message as the client stores and shows it. */
struct ChatMessage {
    protocol::MessageId id;
    QString conversation; ///< conversation key: the peer's username for a direct chat
    QString sender;       ///< username of the author
    bool outgoing = false;
    QString text;
    quint64 seq = 0;   ///< per-conversation server sequence; 0 until known (queued)
    qint64 sentAt = 0; ///< ms UTC: server time once known, else local creation time
    /** ms UTC by the author's clock, from inside the encrypted content; 0 if unknown
     *  (notices, events, content from older clients). */
    qint64 senderTime = 0;
    DeliveryState state = DeliveryState::Queued; ///< meaningful for outgoing messages
    MessageKind kind = MessageKind::Text;
    /** The message this one answers and its quote, if it is a reply. */
    std::optional<protocol::ReplyRef> replyTo{};
    /** Action kinds (isAction): the message it acts on; null for every other message. */
    protocol::MessageId target{};
    /** The author's time (senderTime) of the edit that gave it its text; 0: not edited. */
    qint64 editedAt = 0;
    /** Deleted for everyone by its author: its text and quote are gone. */
    bool deleted = false;
    /** Its author forwarded it from another chat (shown as "Forwarded"). */
    bool forwarded = false;
    bool operator==(const ChatMessage &) const = default;
};

/** Fills @p m from decrypted @p content: its text, the author's time, the quote, and for an
 *  action (a reaction, an edit, a delete) its kind and target; File if it carries one. */
void takeContent(ChatMessage &m, const protocol::MessageContent &content);

/** One chat in the list. */
struct Conversation {
    QString key;  ///< the peer's username for a direct chat, "group:<id>" for a group
    QString peer; ///< the peer's username; for a group, the group's name
    bool isGroup = false;
    qint64 serverId = 0;       ///< the server's conversation id, once known
    QString lastMessage;       ///< preview text of the newest message
    qint64 lastActivity = 0;   ///< ms UTC of the newest message
    int unread = 0;            ///< incoming messages not yet viewed
    quint64 readUpToSeq = 0;   ///< what this user has read (sent to the peer as a receipt)
    quint64 contiguousSeq = 0; ///< every seq 1..contiguousSeq is stored locally
    quint64 maxSeq = 0;        ///< highest seq stored locally
    QString draft;             ///< what the user typed here and did not send yet
    bool pinned = false;       ///< kept at the top of the list
    qint64 mutedUntil = 0;     ///< ms UTC; -1: muted for good; 0: not muted
    bool archived = false;     ///< moved out of the list into "Archived"
    bool markedUnread = false; ///< the user marked it unread; opening it clears the mark
    /** Whether it raises no notification at @p nowMs. */
    bool isMuted(qint64 nowMs) const { return mutedUntil < 0 || mutedUntil > nowMs; }
    bool operator==(const Conversation &) const = default;
};

/** A message waiting for the server's ack; resent with the same id until then. */
struct OutboxItem {
    protocol::MessageId id;
    QString recipient;
    QByteArray body; ///< the plaintext content, encrypted per device at each send
    qint64 createdAt = 0;
    int attempts = 0;
    QList<QByteArray> media{}; ///< blob ids of its attachments, for send's `media`
    bool operator==(const OutboxItem &) const = default;
};

} // namespace linnet::client
