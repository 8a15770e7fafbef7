// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QByteArray>
#include <QString>

namespace linnet::client {

class LocalStore;

/**
 * Changes to the local history the user asks for, beside LocalStore's delivery
 * bookkeeping: send a failed message again, delete a message that never left,
 * delete a whole one-to-one chat. Only this profile's copy changes; nothing is
 * said to the server.
 */
class HistoryEditStore {
public:
    explicit HistoryEditStore(LocalStore &store) : m_store(store) {}

    /** A failed own message goes back to the outbox (state Queued) with @p wireBody,
     *  keeping its id. False if it is not a failed own message. */
    bool requeue(const protocol::MessageId &id, const QByteArray &wireBody, qint64 now);
    /** Deletes one message (and its outbox entry); the chat's preview follows the
     *  newest message left. False if unknown. */
    bool removeMessage(const protocol::MessageId &id);
    /** Deletes a one-to-one chat with its messages and outbox entries. Groups are
     *  not removed here (they have members and keys). False if none was removed. */
    bool removeConversation(const QString &key);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
