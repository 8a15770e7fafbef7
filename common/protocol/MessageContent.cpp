// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageContent.h"

#include <QCborMap>
#include <QCborValue>

namespace linnet::protocol {

QByteArray encodeContent(const MessageContent &content)
{
    QCborMap map;
    map.insert(QStringLiteral("text"), content.text);
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
    MessageContent content{text.toString()};
    if (content.text.size() > kMaxTextLength)
        return makeError(
            ErrorCode::InvalidField,
            QStringLiteral("message text is longer than %1 characters").arg(kMaxTextLength));
    return content;
}

} // namespace linnet::protocol
