// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient, part four: actions on a message (issue 30, protocol.md 8): replies and
// reactions, sent and stored like messages of their chat.
#include "ChatClient.h"

#include "store/LocalStore.h"
#include "protocol/MessageContent.h"

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

namespace {
/** True if @p m is a message people can answer or react to (not the app's own lines). */
bool actionable(const std::optional<ChatMessage> &m, const QString &conversation)
{
    return m && (conversation.isEmpty() || m->conversation == conversation) &&
           m->kind != MessageKind::GroupEvent && m->kind != MessageKind::Notice &&
           !isAction(m->kind);
}
} // namespace

protocol::MessageContent ChatClient::contentOf(const ChatMessage &m)
{
    protocol::MessageContent content{m.text,
                                     isGroupKey(m.conversation) ? QString() : m.conversation,
                                     m.senderTime != 0 ? m.senderTime : m.sentAt,
                                     {},
                                     m.replyTo};
    content.forwarded = m.forwarded;
    if (m.kind == MessageKind::Reaction) {
        content.text.clear();
        content.reaction = protocol::ReactionRef{m.target, m.text};
    } else if (m.kind == MessageKind::Edit) {
        content.edits = m.target;
    } else if (m.kind == MessageKind::Delete) {
        content.text.clear();
        content.deletes = m.target;
    }
    return content;
}

void ChatClient::announce(const ChatMessage &m)
{
    if (isAction(m.kind)) {
        Q_EMIT actionAdded(m);
        return;
    }
    Q_EMIT messageAdded(m);
    Q_EMIT conversationChanged(m.conversation);
}

MessageId ChatClient::sendReply(const QString &peer, const QString &text, const MessageId &replyTo)
{
    const auto original = m_store.message(replyTo);
    if (!actionable(original, peer)) {
        Q_EMIT errorOccurred(
            ErrorCode::InvalidField,
            tr("there is no message %1 to reply to in this chat").arg(replyTo.toHex()), {});
        return {};
    }
    protocol::ReplyRef reply{replyTo, original->sender, protocol::quoteOf(original->text)};
    if (original->kind == MessageKind::File) {
        if (const auto attachment = m_media->attachment(replyTo))
            reply.fileKind = attachment->file.kind;
    }
    ChatMessage m;
    m.conversation = peer;
    m.text = text;
    m.replyTo = reply;
    return sendContent(m);
}

MessageId ChatClient::react(const MessageId &message, const QString &emoji)
{
    const auto original = m_store.message(message);
    if (!actionable(original, {})) {
        Q_EMIT errorOccurred(ErrorCode::InvalidField,
                             tr("there is no message %1 to react to").arg(message.toHex()), {});
        return {};
    }
    if (!protocol::isValidReaction(emoji)) {
        Q_EMIT errorOccurred(ErrorCode::InvalidField,
                             tr("a reaction is one emoji (at most %1 characters, no spaces)")
                                 .arg(protocol::kMaxReactionLength),
                             {});
        return {};
    }
    return sendAction(original->conversation, MessageKind::Reaction, message, emoji);
}

MessageId ChatClient::sendAction(const QString &conversation, MessageKind kind,
                                 const MessageId &target, const QString &text)
{
    ChatMessage m;
    m.conversation = conversation;
    m.kind = kind;
    m.text = text;
    m.target = target;
    return sendContent(m);
}

} // namespace linnet::client
