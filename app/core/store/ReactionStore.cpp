// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ReactionStore.h"

#include "ClientLog.h"
#include "store/LocalStore.h"
#include "storage/SqlQuery.h"

#include <QVariant>

#include <algorithm>

namespace linnet::client {

using storage::Query;

QList<Reaction> ReactionStore::reactionsTo(const protocol::MessageId &message)
{
    QList<Reaction> out;
    // Each sender's newest reaction row whose chat is the message's own (a reaction
    // routed into another chat never counts).
    Query q(m_store.database(), lcLocalStore, R"(SELECT r.sender, r.text FROM messages AS r
                      JOIN messages AS t ON t.id = r.target AND t.conversation = r.conversation
                      WHERE r.target = :id AND r.kind = :reaction
                        AND NOT EXISTS (SELECT 1 FROM messages AS n
                            WHERE n.target = r.target AND n.kind = :reaction
                              AND n.conversation = r.conversation AND n.sender = r.sender
                              AND (n.sender_time, n.pos) > (r.sender_time, r.pos))
                      ORDER BY r.sender_time, r.pos)");
    if (!q.bind(":id", message.toBytes()).bind(":reaction", int(MessageKind::Reaction)).exec())
        return out;
    while (q.next()) {
        const QString emoji = q.value(1).toString();
        if (emoji.isEmpty())
            continue;
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const Reaction &r) { return r.emoji == emoji; });
        if (it == out.end())
            out.append(Reaction{emoji, {q.value(0).toString()}});
        else
            it->from.append(q.value(0).toString());
    }
    std::stable_sort(out.begin(), out.end(), [](const Reaction &a, const Reaction &b) {
        return a.from.size() > b.from.size();
    });
    return out;
}

QString ReactionStore::reactionOf(const protocol::MessageId &message, const QString &user)
{
    for (const Reaction &r : reactionsTo(message))
        if (r.from.contains(user))
            return r.emoji;
    return {};
}

} // namespace linnet::client
