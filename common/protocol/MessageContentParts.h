// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Inside MessageContent's codec: the parts of the content map kept in their own file
// (MessageContentActions.cpp: what refers to another message).

#include "MessageContent.h"

#include <QCborMap>
#include <QCborValue>

#include <optional>

namespace linnet::protocol {

/** The FileKind named by @p name ("file", "image", ...); nullopt for anything else. */
std::optional<FileKind> fileKindFromName(const QCborValue &name);

QCborMap encodeReply(const ReplyRef &reply);
Result<ReplyRef> decodeReply(const QCborValue &value);
QCborMap encodeReaction(const ReactionRef &reaction);
Result<ReactionRef> decodeReaction(const QCborValue &value);
/** `edit` and `delete`: {"id": the message acted on}; @p key names the part in errors. */
QCborMap encodeTarget(const MessageId &id);
Result<MessageId> decodeTarget(const QCborValue &value, const QString &key);

} // namespace linnet::protocol
