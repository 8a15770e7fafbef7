// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageContent.h"

#include <QCborMap>
#include <QCborValue>

namespace linnet::protocol {

QByteArray encodeContent(const MessageContent &content)
{
    QCborMap map;
    map.insert(QStringLiteral("text"), content.text);
    if (!content.to.isEmpty())
        map.insert(QStringLiteral("to"), content.to);
    if (content.sentAt > 0)
        map.insert(QStringLiteral("sent_at"), content.sentAt);
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
    return content;
}

} // namespace linnet::protocol
