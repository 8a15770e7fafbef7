// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageContent.h"

#include "MessageContentParts.h"

#include <QCborMap>
#include <QCborValue>

#include <array>
#include <utility>

namespace linnet::protocol {

namespace {

constexpr qsizetype kFileKeyBytes = 32;
constexpr qsizetype kSha256Bytes = 32;
constexpr qint64 kMaxDimension = 1 << 20;

} // namespace

QCborMap encodeFileRef(const FileRef &f)
{
    QCborMap map;
    map.insert(QStringLiteral("blob"), f.blob);
    map.insert(QStringLiteral("key"), f.key);
    map.insert(QStringLiteral("sha256"), f.sha256);
    map.insert(QStringLiteral("size"), qint64(f.size));
    map.insert(QStringLiteral("cipher_size"), qint64(f.cipherSize));
    map.insert(QStringLiteral("mime"), f.mime);
    map.insert(QStringLiteral("name"), f.name);
    map.insert(QStringLiteral("kind"), fileKindName(f.kind));
    if (!f.thumbnail.isEmpty())
        map.insert(QStringLiteral("thumb"), f.thumbnail);
    if (f.width != 0)
        map.insert(QStringLiteral("w"), qint64(f.width));
    if (f.height != 0)
        map.insert(QStringLiteral("h"), qint64(f.height));
    if (f.durationMs != 0)
        map.insert(QStringLiteral("ms"), qint64(f.durationMs));
    if (!f.waveform.isEmpty())
        map.insert(QStringLiteral("wave"), f.waveform);
    return map;
}

namespace {

Error fileError(const QString &why)
{
    return Error{ErrorCode::MalformedFrame,
                 QStringLiteral("message content has a bad \"file\": %1").arg(why)};
}

/** The byte string under @p key of exactly @p size bytes (or up to it with @p upTo). */
std::optional<QByteArray> bytesField(const QCborMap &map, const char *key, qsizetype size,
                                     bool upTo = false)
{
    const QCborValue v = map.value(QLatin1String(key));
    if (upTo && v.isUndefined())
        return QByteArray();
    if (!v.isByteArray())
        return std::nullopt;
    const QByteArray bytes = v.toByteArray();
    if (upTo ? bytes.size() > size : bytes.size() != size)
        return std::nullopt;
    return bytes;
}

/** The integer under @p key in 0..@p max (0 when absent and @p optional). */
std::optional<quint64> countField(const QCborMap &map, const char *key, qint64 max,
                                  bool optional = false)
{
    const QCborValue v = map.value(QLatin1String(key));
    if (optional && v.isUndefined())
        return 0;
    if (!v.isInteger() || v.toInteger() < 0 || v.toInteger() > max)
        return std::nullopt;
    return quint64(v.toInteger());
}

} // namespace

Result<FileRef> decodeFileRef(const QCborValue &value)
{
    if (!value.isMap())
        return fileError(QStringLiteral("not a map"));
    const QCborMap map = value.toMap();
    FileRef f;
    const auto blob = bytesField(map, "blob", kBlobIdBytes);
    const auto key = bytesField(map, "key", kFileKeyBytes);
    const auto sha = bytesField(map, "sha256", kSha256Bytes);
    const auto thumb = bytesField(map, "thumb", kMaxThumbnailBytes, /*upTo=*/true);
    const auto wave = bytesField(map, "wave", kMaxWaveformBytes, /*upTo=*/true);
    if (!blob || !key || !sha)
        return fileError(
            QStringLiteral("\"blob\", \"key\" or \"sha256\" missing or of the wrong size"));
    if (!thumb)
        return fileError(
            QStringLiteral("\"thumb\" is not bytes or over %1 bytes").arg(kMaxThumbnailBytes));
    f.blob = *blob;
    f.key = *key;
    f.sha256 = *sha;
    if (!wave)
        return fileError(
            QStringLiteral("\"wave\" is not bytes or over %1 bytes").arg(kMaxWaveformBytes));
    f.thumbnail = *thumb;
    f.waveform = *wave;
    const auto size = countField(map, "size", INT64_MAX);
    const auto cipherSize = countField(map, "cipher_size", INT64_MAX);
    const auto w = countField(map, "w", kMaxDimension, true);
    const auto h = countField(map, "h", kMaxDimension, true);
    const auto ms = countField(map, "ms", INT64_MAX, true);
    if (!size || !cipherSize || !w || !h || !ms)
        return fileError(
            QStringLiteral("a size, dimension or duration is missing or out of range"));
    f.size = *size;
    f.cipherSize = *cipherSize;
    f.width = quint32(*w);
    f.height = quint32(*h);
    f.durationMs = *ms;
    const QCborValue mime = map.value(QStringLiteral("mime"));
    const QCborValue name = map.value(QStringLiteral("name"));
    const QCborValue kind = map.value(QStringLiteral("kind"));
    if (!mime.isString() || mime.toString().isEmpty() || mime.toString().size() > kMaxMimeLength)
        return fileError(QStringLiteral("\"mime\" is missing or too long"));
    if (!name.isString() || !isValidFileName(name.toString()))
        return fileError(QStringLiteral("\"name\" is missing or not a plain file name"));
    f.mime = mime.toString();
    f.name = name.toString();
    const auto k = fileKindFromName(kind);
    if (!k)
        return fileError(QStringLiteral("\"kind\" is not one of file, image, video, audio, voice"));
    f.kind = *k;
    return f;
}

bool isValidFileName(const QString &name)
{
    if (name.isEmpty() || name.size() > kMaxFileNameLength || name == QLatin1String(".") ||
        name == QLatin1String(".."))
        return false;
    return std::none_of(name.cbegin(), name.cend(), [](QChar c) {
        return c == QLatin1Char('/') || c == QLatin1Char('\\') ||
               c.category() == QChar::Other_Control;
    });
}

QByteArray encodeContent(const MessageContent &content)
{
    QCborMap map;
    map.insert(QStringLiteral("text"), content.text);
    if (!content.to.isEmpty())
        map.insert(QStringLiteral("to"), content.to);
    if (content.sentAt > 0)
        map.insert(QStringLiteral("sent_at"), content.sentAt);
    if (content.file)
        map.insert(QStringLiteral("file"), encodeFileRef(*content.file));
    if (content.historyFor > 0)
        map.insert(QStringLiteral("history"),
                   QCborMap{{QStringLiteral("dev"), content.historyFor}});
    if (content.reply)
        map.insert(QStringLiteral("reply"), encodeReply(*content.reply));
    if (content.reaction)
        map.insert(QStringLiteral("react"), encodeReaction(*content.reaction));
    if (content.edits)
        map.insert(QStringLiteral("edit"), encodeTarget(*content.edits));
    if (content.deletes)
        map.insert(QStringLiteral("delete"), encodeTarget(*content.deletes));
    if (content.forwarded)
        map.insert(QStringLiteral("fwd"), true);
    return map.toCborValue().toCbor();
}

Result<MessageContent> decodeContent(QByteArrayView body)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(body.toByteArray(), &error);
    if (error.error != QCborError::NoError)
        return makeError(
            ErrorCode::MalformedFrame,
            QStringLiteral("message content is not CBOR: %1").arg(error.errorString()));
    if (!value.isMap())
        return makeError(ErrorCode::MalformedFrame, QStringLiteral("message content is not a map"));
    const QCborValue text = value.toMap().value(QStringLiteral("text"));
    if (!text.isString())
        return makeError(ErrorCode::MalformedFrame, QStringLiteral("message content has no text"));
    MessageContent content{text.toString(), {}, 0};
    if (content.text.size() > kMaxTextLength)
        return makeError(
            ErrorCode::InvalidField,
            QStringLiteral("message text is longer than %1 characters").arg(kMaxTextLength));
    const QCborValue to = value.toMap().value(QStringLiteral("to"));
    if (!to.isUndefined()) {
        if (!to.isString())
            return makeError(ErrorCode::MalformedFrame,
                             QStringLiteral("message content has a \"to\" that is not text"));
        content.to = to.toString();
    }
    const QCborValue sentAt = value.toMap().value(QStringLiteral("sent_at"));
    if (!sentAt.isUndefined()) {
        if (!sentAt.isInteger() || sentAt.toInteger() < 0)
            return makeError(ErrorCode::MalformedFrame,
                             QStringLiteral("message content has a bad \"sent_at\""));
        content.sentAt = sentAt.toInteger();
    }
    const QCborValue file = value.toMap().value(QStringLiteral("file"));
    if (!file.isUndefined()) {
        auto ref = decodeFileRef(file);
        if (!ref)
            return ref.error();
        content.file = std::move(ref.value());
    }
    const QCborValue history = value.toMap().value(QStringLiteral("history"));
    if (!history.isUndefined()) {
        const QCborValue dev = history.toMap().value(QStringLiteral("dev"));
        if (!history.isMap() || !dev.isInteger() || dev.toInteger() < 1 || !content.file)
            return makeError(ErrorCode::MalformedFrame,
                             QStringLiteral("message content has a bad \"history\""));
        content.historyFor = dev.toInteger();
    }
    const QCborValue reply = value.toMap().value(QStringLiteral("reply"));
    if (!reply.isUndefined()) {
        auto ref = decodeReply(reply);
        if (!ref)
            return ref.error();
        content.reply = std::move(ref.value());
    }
    const QCborValue reaction = value.toMap().value(QStringLiteral("react"));
    if (!reaction.isUndefined()) {
        auto ref = decodeReaction(reaction);
        if (!ref)
            return ref.error();
        content.reaction = std::move(ref.value());
    }
    for (auto [key, target] : {std::pair{QStringLiteral("edit"), &content.edits},
                               std::pair{QStringLiteral("delete"), &content.deletes}}) {
        const QCborValue part = value.toMap().value(key);
        if (part.isUndefined())
            continue;
        auto id = decodeTarget(part, key);
        if (!id)
            return id.error();
        *target = id.value();
    }
    const QCborValue forwarded = value.toMap().value(QStringLiteral("fwd"));
    if (!forwarded.isUndefined() && !forwarded.isBool())
        return makeError(ErrorCode::MalformedFrame,
                         QStringLiteral("message content has a \"fwd\" that is not a boolean"));
    content.forwarded = forwarded.isTrue();
    // An action is one thing: never two at once, never an attachment too.
    if (int(content.reaction.has_value()) + int(content.edits.has_value()) +
                int(content.deletes.has_value()) + int(content.file.has_value()) >
            1 &&
        (content.reaction || content.edits || content.deletes))
        return makeError(ErrorCode::MalformedFrame,
                         QStringLiteral("message content has more than one of \"react\", "
                                        "\"edit\", \"delete\" and \"file\""));
    return content;
}

} // namespace linnet::protocol
