// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace linnet::protocol {

/** Longest text of one message, in characters (QString::size()). */
inline constexpr qsizetype kMaxTextLength = 16 * 1024;

/**
 * What a message says, as the sender wrote it: the plaintext that goes into a
 * send frame's `body` (and, once end-to-end encryption lands, inside the
 * ciphertext). A CBOR map so that replies, media and reactions can be added as
 * new keys; unknown keys are ignored. docs/protocol.md describes it.
 */
struct MessageContent {
    QString text;
    bool operator==(const MessageContent &) const = default;
};

QByteArray encodeContent(const MessageContent &content);
/** Rejects non-CBOR, a non-map, a missing or non-text "text", or text over kMaxTextLength. */
Result<MessageContent> decodeContent(QByteArrayView body);

} // namespace linnet::protocol
