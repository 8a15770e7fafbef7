// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Limits.h"
#include "MessageId.h"
#include "Result.h"

#include <QByteArray>
#include <QCborMap>
#include <QString>

#include <optional>

namespace linnet::protocol {

/** How an attachment is shown ("kind" in protocol.md 8). */
enum class FileKind : quint8 { File = 0, Image = 1, Video = 2, Audio = 3, Voice = 4 };

/** "file", "image", "video", "audio", "voice". */
QString fileKindName(FileKind kind);

/**
 * An attachment as the sender describes it inside the encrypted content: what a
 * recipient needs to fetch the blob, check it and decrypt it (protocol.md 8, 10, 11).
 */
struct FileRef {
    QByteArray blob;   ///< kBlobIdBytes, from media_ticket
    QByteArray key;    ///< 32 bytes, the secretstream key
    QByteArray sha256; ///< 32 bytes, of the whole blob (ciphertext)
    quint64 size = 0;  ///< plaintext bytes
    quint64 cipherSize = 0;
    QString mime; ///< 1..kMaxMimeLength
    QString name; ///< 1..kMaxFileNameLength, no path separators or control characters
    FileKind kind = FileKind::File;
    QByteArray thumbnail; ///< JPEG, 0..kMaxThumbnailBytes
    quint32 width = 0;
    quint32 height = 0;
    quint64 durationMs = 0;
    /** Voice notes: loudness 0..255 of equal slices of the note, in order (`wave`),
     *  0..kMaxWaveformBytes bytes; empty if the sender sent none. */
    QByteArray waveform;
    bool operator==(const FileRef &) const = default;
};

/** A reply's quote (protocol.md 8): the quoted message's first line, at most this long. */
inline constexpr qsizetype kMaxQuoteLength = 200;

/**
 * What a reply quotes (`reply`, protocol.md 8): the message it answers and what that said,
 * as its author saw it, so the quote shows even where the original is gone.
 */
struct ReplyRef {
    MessageId id; ///< the quoted message
    QString from; ///< its author's username
    QString text; ///< its first line, 0..kMaxQuoteLength (empty for a bare attachment)
    /** The attachment it carried, if any: shown as "Photo", "Voice message"... */
    std::optional<FileKind> fileKind{};
    bool operator==(const ReplyRef &) const = default;
};

/** A reaction's emoji (protocol.md 8): at most this many UTF-16 code units. */
inline constexpr qsizetype kMaxReactionLength = 32;

/**
 * A reaction (`react`, protocol.md 8): the sender's one reaction to a message, replacing
 * any earlier one of theirs; an empty emoji takes it back.
 */
struct ReactionRef {
    MessageId id;  ///< the message reacted to
    QString emoji; ///< 0..kMaxReactionLength, no white space or control characters
    bool operator==(const ReactionRef &) const = default;
};

/** How long after writing a message its author may edit it (`edit`, protocol.md 8): 15
 *  minutes by the author's clock (`sent_at` of the edit minus `sent_at` of the message). */
inline constexpr qint64 kEditWindowMs = 15 * 60 * 1000;
/** How long after writing a message its author may delete it for everyone (`delete`):
 *  48 hours, measured like kEditWindowMs. */
inline constexpr qint64 kDeleteWindowMs = 48 * 60 * 60 * 1000;

/** True if @p emoji may be a reaction: empty (taken back), or 1..kMaxReactionLength
 *  characters without white space or control characters. */
bool isValidReaction(const QString &emoji);

/** The quote of @p text: its first non-empty line, trimmed, cut to kMaxQuoteLength. */
QString quoteOf(const QString &text);

/**
 * What a message says, as the sender wrote it: the plaintext that goes into a
 * send frame's `body` (and, once end-to-end encryption lands, inside the
 * ciphertext). A CBOR map so that replies, media and reactions can be added as
 * new keys; unknown keys are ignored. docs/protocol.md describes it.
 */
struct MessageContent {
    QString text; ///< the message, or an attachment's caption
    /** The one-to-one conversation it belongs to: the recipient's username, so a copy to
     *  the sender's other devices says which chat it is; empty if absent (group messages,
     *  content from before it existed). Inside the ciphertext, unlike the server's `to`. */
    QString to;
    /** When the sender wrote it, ms since the epoch by the sender's clock; 0 if absent. */
    qint64 sentAt = 0;
    /** An attachment ("file"), if the message carries one. */
    std::optional<FileRef> file{};
    /** The message this one answers, if it is a reply. */
    std::optional<ReplyRef> reply{};
    /** A reaction to another message instead of a message to show (`text` is then empty). */
    std::optional<ReactionRef> reaction{};
    /** An edit (`edit`): the new text (`text`) of this earlier message of the sender's. */
    std::optional<MessageId> edits{};
    /** A delete for everyone (`delete`): this earlier message of the sender's is gone. */
    std::optional<MessageId> deletes{};
    /** Forwarded (`fwd`): the sender passes on a message they did not write here. */
    bool forwarded = false;
    /** A history transfer (`history`, protocol.md 13): `file` is this account's history for
     *  its device with this id, sent by another of its devices to the account itself; 0 if
     *  the message is none. */
    qint64 historyFor = 0;
    bool operator==(const MessageContent &) const = default;
};

/** The MIME type of a history transfer's attachment (protocol.md 13). */
inline const QString kHistoryMime = QStringLiteral("application/vnd.linnet.history");

/** True if @p name may be an attachment's name: 1..kMaxFileNameLength characters, no
 *  '/', '\\' or control characters, not "." or "..". */
bool isValidFileName(const QString &name);

/** @p file as the CBOR map of protocol.md 8 ("file"); history streams reuse it. */
QCborMap encodeFileRef(const FileRef &file);
/** Reads a "file" map, checking it as decodeContent() does (MalformedFrame if broken). */
Result<FileRef> decodeFileRef(const QCborValue &value);

QByteArray encodeContent(const MessageContent &content);
/** Rejects non-CBOR, a non-map, a missing or non-text "text", text over kMaxTextLength, a
 *  "to" that is not text, a "sent_at" that is not a non-negative integer, a "file"
 *  that breaks protocol.md 8, a "history" that is not a map with a "dev" >= 1 beside a
 *  "file", a "reply" whose id is not 16 bytes, whose "from" is not text or whose "text" is
 *  over kMaxQuoteLength, a "react" that breaks isValidReaction, an "edit" or "delete"
 *  that is not a map with a 16-byte "id", or more than one of "react", "edit", "delete"
 *  (or one of them beside a "file"), or a "fwd" that is not a boolean. */
Result<MessageContent> decodeContent(QByteArrayView body);

} // namespace linnet::protocol
