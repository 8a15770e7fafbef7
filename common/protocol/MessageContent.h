// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Limits.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace linnet::protocol {

/**
 * What a message says, as the sender wrote it: the plaintext that goes into a
 * send frame's `body` (and, once end-to-end encryption lands, inside the
 * ciphertext). A CBOR map so that replies, media and reactions can be added as
 * new keys; unknown keys are ignored. docs/protocol.md describes it.
 */
struct MessageContent {
    QString text;
    /** The one-to-one conversation it belongs to: the recipient's username, so a copy to
     *  the sender's other devices says which chat it is; empty if absent (group messages,
     *  content from before it existed). Inside the ciphertext, unlike the server's `to`. */
    QString to;
    /** When the sender wrote it, ms since the epoch by the sender's clock; 0 if absent. */
    qint64 sentAt = 0;
    bool operator==(const MessageContent &) const = default;
};

QByteArray encodeContent(const MessageContent &content);
/** Rejects non-CBOR, a non-map, a missing or non-text "text", text over kMaxTextLength, a
 *  "to" that is not text, or a "sent_at" that is not a non-negative integer. */
Result<MessageContent> decodeContent(QByteArrayView body);

} // namespace linnet::protocol
