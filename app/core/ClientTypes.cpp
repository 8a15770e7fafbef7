// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientTypes.h"

namespace linnet::client {

QString deliveryStateName(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Queued:
        return QStringLiteral("queued");
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Read:
        return QStringLiteral("read");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

void takeContent(ChatMessage &m, const protocol::MessageContent &content)
{
    m.text = content.text;
    m.senderTime = content.sentAt;
    m.replyTo = content.reply;
    m.forwarded = content.forwarded;
    if (const auto &reaction = content.reaction) {
        m.kind = MessageKind::Reaction;
        m.target = reaction->id;
        m.text = reaction->emoji;
    } else if (content.edits) {
        m.kind = MessageKind::Edit;
        m.target = *content.edits;
    } else if (content.deletes) {
        m.kind = MessageKind::Delete;
        m.target = *content.deletes;
        m.text.clear();
    }
    if (content.file)
        m.kind = MessageKind::File;
}

} // namespace linnet::client
