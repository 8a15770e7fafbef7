// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QList>
#include <QString>

#include <optional>

namespace linnet::client {

class LocalStore;

/**
 * How the user organises the chat list, kept in each conversation's row: pinned chats
 * first, muted ones (until a time, or for good) raise no notification, archived ones
 * live apart, and a chat marked unread shows so until it is opened. Also clearing a
 * chat's history while the chat stays. Only this profile's copy changes; nothing is said
 * to the server or the peer.
 */
class ChatListStore {
public:
    /** muted_until of a chat muted until it is unmuted. */
    static constexpr qint64 kMutedForever = -1;

    explicit ChatListStore(LocalStore &store) : m_store(store) {}

    /** Each setter: false if there is no such conversation or the write failed. */
    bool setPinned(const QString &conversation, bool pinned);
    /** Mutes until @p untilMs (ms UTC), for good with kMutedForever; 0 unmutes. */
    bool setMutedUntil(const QString &conversation, qint64 untilMs);
    bool setArchived(const QString &conversation, bool archived);
    bool setMarkedUnread(const QString &conversation, bool marked);

    /** Whether @p conversation is muted at @p nowMs. */
    bool isMuted(const QString &conversation, qint64 nowMs);

    /** Deletes the chat's messages (with their receipts, attachments' rows and outbox
     *  entries), except own messages still queued: they have not left yet. The chat stays,
     *  empty, with its place in the list, and its seq cursors (so nothing comes again).
     *  The ids of the deleted messages that had a file (their copies go too), or nullopt
     *  if there is no such conversation or it failed. */
    std::optional<QList<protocol::MessageId>> clearHistory(const QString &conversation);

private:
    bool setColumn(const char *sql, const QString &conversation, qint64 value);

    LocalStore &m_store;
};

} // namespace linnet::client
