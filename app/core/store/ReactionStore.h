// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace linnet::client {

class LocalStore;

/** One emoji under a message and who chose it. */
struct Reaction {
    QString emoji;
    QStringList from; ///< usernames, in the order they reacted
    bool operator==(const Reaction &) const = default;
};

/**
 * The reactions to a message, read from the reaction rows (MessageKind::Reaction) of its
 * chat: each person's newest reaction counts (by their own clock, then arrival), an empty
 * one takes theirs back. A reaction stored before its message (it arrived first, or the
 * message came later through history) counts once the message is there.
 */
class ReactionStore {
public:
    explicit ReactionStore(LocalStore &store) : m_store(store) {}

    /** The reactions to @p message, the most chosen first (then the earliest); empty if
     *  there are none or the message is not stored. */
    QList<Reaction> reactionsTo(const protocol::MessageId &message);
    /** @p user's current reaction to @p message; empty if none. */
    QString reactionOf(const protocol::MessageId &message, const QString &user);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
