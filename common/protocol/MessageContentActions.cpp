// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of a message's content that refer to another message (protocol.md 8).
#include "MessageContentParts.h"

#include <algorithm>
#include <array>

namespace linnet::protocol {

namespace {

constexpr std::array<const char *, 5> kKindNames{"file", "image", "video", "audio", "voice"};

Error replyError(const QString &why)
{
    return Error{ErrorCode::MalformedFrame,
                 QStringLiteral("message content has a bad \"reply\": %1").arg(why)};
}

} // namespace

QString fileKindName(FileKind kind)
{
    return QString::fromLatin1(kKindNames[size_t(kind)]);
}

std::optional<FileKind> fileKindFromName(const QCborValue &name)
{
    if (!name.isString())
        return std::nullopt;
    for (size_t i = 0; i < kKindNames.size(); ++i) {
        if (name.toString() == QLatin1String(kKindNames[i]))
            return FileKind(i);
    }
    return std::nullopt;
}

QString quoteOf(const QString &text)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            return trimmed.left(kMaxQuoteLength);
    }
    return {};
}

QCborMap encodeReply(const ReplyRef &reply)
{
    QCborMap map;
    map.insert(QStringLiteral("id"), reply.id.toBytes());
    map.insert(QStringLiteral("from"), reply.from);
    map.insert(QStringLiteral("text"), reply.text);
    if (reply.fileKind)
        map.insert(QStringLiteral("kind"), fileKindName(*reply.fileKind));
    return map;
}

Result<ReplyRef> decodeReply(const QCborValue &value)
{
    if (!value.isMap())
        return replyError(QStringLiteral("not a map"));
    const QCborMap map = value.toMap();
    ReplyRef reply;
    const QCborValue id = map.value(QStringLiteral("id"));
    const auto parsed = id.isByteArray() ? MessageId::fromBytes(id.toByteArray()) : std::nullopt;
    if (!parsed || parsed->isNull())
        return replyError(QStringLiteral("\"id\" is not a message id"));
    reply.id = *parsed;
    const QCborValue from = map.value(QStringLiteral("from"));
    const QCborValue text = map.value(QStringLiteral("text"));
    if (!from.isString() || !text.isString())
        return replyError(QStringLiteral("\"from\" or \"text\" is missing or not text"));
    if (text.toString().size() > kMaxQuoteLength)
        return replyError(
            QStringLiteral("\"text\" is longer than %1 characters").arg(kMaxQuoteLength));
    reply.from = from.toString();
    reply.text = text.toString();
    const QCborValue kind = map.value(QStringLiteral("kind"));
    if (!kind.isUndefined()) {
        reply.fileKind = fileKindFromName(kind);
        if (!reply.fileKind)
            return replyError(QStringLiteral("\"kind\" is not an attachment kind"));
    }
    return reply;
}

QCborMap encodeTarget(const MessageId &id)
{
    return QCborMap{{QStringLiteral("id"), id.toBytes()}};
}

Result<MessageId> decodeTarget(const QCborValue &value, const QString &key)
{
    const QCborValue id = value.isMap() ? value.toMap().value(QStringLiteral("id")) : QCborValue();
    const auto parsed = id.isByteArray() ? MessageId::fromBytes(id.toByteArray()) : std::nullopt;
    if (!parsed || parsed->isNull())
        return Error{ErrorCode::MalformedFrame,
                     QStringLiteral("message content has a bad \"%1\": not a map with a "
                                    "message id \"id\"")
                         .arg(key)};
    return *parsed;
}

bool isValidReaction(const QString &emoji)
{
    return emoji.size() <= kMaxReactionLength &&
           std::none_of(emoji.cbegin(), emoji.cend(), [](QChar c) {
               return c.isSpace() || c.category() == QChar::Other_Control;
           });
}

QCborMap encodeReaction(const ReactionRef &reaction)
{
    return QCborMap{{QStringLiteral("id"), reaction.id.toBytes()},
                    {QStringLiteral("emoji"), reaction.emoji}};
}

Result<ReactionRef> decodeReaction(const QCborValue &value)
{
    const auto error = [](const QString &why) {
        return Error{ErrorCode::MalformedFrame,
                     QStringLiteral("message content has a bad \"react\": %1").arg(why)};
    };
    if (!value.isMap())
        return error(QStringLiteral("not a map"));
    const QCborValue id = value.toMap().value(QStringLiteral("id"));
    const auto parsed = id.isByteArray() ? MessageId::fromBytes(id.toByteArray()) : std::nullopt;
    if (!parsed || parsed->isNull())
        return error(QStringLiteral("\"id\" is not a message id"));
    const QCborValue emoji = value.toMap().value(QStringLiteral("emoji"));
    if (!emoji.isString() || !isValidReaction(emoji.toString()))
        return error(QStringLiteral("\"emoji\" is not text of at most %1 characters without "
                                    "white space")
                         .arg(kMaxReactionLength));
    return ReactionRef{*parsed, emoji.toString()};
}

} // namespace linnet::protocol
