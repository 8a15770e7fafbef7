// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient, part five: edits and deletes (issue 30, protocol.md 8 `edit`, `delete`).
// Own messages are edited or deleted for everyone within a window, by actions sent like
// messages of their chat; EditStore applies them on every device. Delete for me is local.
#include "ChatClient.h"

#include "Clock.h"
#include "media/MediaController.h"
#include "store/EditStore.h"
#include "store/LocalStore.h"

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

std::optional<ChatMessage> ChatClient::ownMessageWithin(const MessageId &message, qint64 windowMs,
                                                        const QString &tooLate)
{
    const auto original = m_store.message(message);
    if (!original || isAction(original->kind) || original->kind == MessageKind::Notice ||
        original->kind == MessageKind::GroupEvent || original->sender != m_username) {
        Q_EMIT errorOccurred(ErrorCode::InvalidField,
                             tr("there is no message of yours %1 to change").arg(message.toHex()),
                             {});
        return std::nullopt;
    }
    if (original->deleted) {
        Q_EMIT errorOccurred(ErrorCode::InvalidField, tr("this message was deleted"), {});
        return std::nullopt;
    }
    const qint64 written = original->senderTime != 0 ? original->senderTime : original->sentAt;
    if (nowMs() - written > windowMs) {
        Q_EMIT errorOccurred(ErrorCode::InvalidField, tooLate, message);
        return std::nullopt;
    }
    return original;
}

MessageId ChatClient::editMessage(const MessageId &message, const QString &text)
{
    if (text.trimmed().isEmpty()) {
        Q_EMIT errorOccurred(ErrorCode::InvalidField,
                             tr("an edit needs text; delete the message instead"), message);
        return {};
    }
    const auto original =
        ownMessageWithin(message, protocol::kEditWindowMs,
                         tr("a message can only be edited within 15 minutes of writing it"));
    return original ? sendAction(original->conversation, MessageKind::Edit, message, text)
                    : MessageId();
}

MessageId ChatClient::deleteForEveryone(const MessageId &message)
{
    const auto original = ownMessageWithin(
        message, protocol::kDeleteWindowMs,
        tr("a message can only be deleted for everyone within 48 hours of writing it"));
    return original ? sendAction(original->conversation, MessageKind::Delete, message, {})
                    : MessageId();
}

bool ChatClient::deleteForMe(const MessageId &message)
{
    const auto m = m_store.message(message);
    if (!m || isAction(m->kind))
        return false;
    if (m->outgoing && (m->state == DeliveryState::Queued || m->state == DeliveryState::Failed))
        return deleteMessage(message);
    if (!EditStore(m_store).deleteForMe(message))
        return false;
    m_media->forget(message);
    Q_EMIT messageRemoved(message, m->conversation);
    Q_EMIT conversationChanged(m->conversation);
    return true;
}

QList<MessageId> ChatClient::forward(const MessageId &message, const QStringList &chats)
{
    const auto original = m_store.message(message);
    QString why;
    if (!original || original->deleted || original->text.isEmpty() ||
        (original->kind != MessageKind::Text && original->kind != MessageKind::File))
        why = tr("there is no message %1 with text to forward").arg(message.toHex());
    else if (original->kind == MessageKind::File)
        why = tr("messages with an attachment cannot be forwarded yet");
    else if (chats.isEmpty())
        why = tr("name at least one chat to forward to");
    for (const QString &chat : chats) {
        if (why.isEmpty())
            why = cannotSendTo(chat);
    }
    if (!why.isEmpty()) {
        Q_EMIT errorOccurred(ErrorCode::InvalidField, why, {});
        return {};
    }
    QList<MessageId> sent;
    for (const QString &chat : chats) {
        ChatMessage m;
        m.conversation = chat;
        m.text = original->text;
        m.forwarded = true;
        sent << sendContent(m);
    }
    return sent;
}

} // namespace linnet::client
