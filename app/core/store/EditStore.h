// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"

#include <QSqlDatabase>

namespace linnet::client {

class LocalStore;

/**
 * Edits and deletes for everyone (protocol.md 8 `edit`, `delete`), applied to the
 * messages they act on. The actions are rows of their chat (MessageKind::Edit, Delete);
 * one counts only if its sender wrote the message, in the same chat, within the window
 * (protocol::kEditWindowMs, kDeleteWindowMs, by the author's clock: the action's
 * sender_time minus the message's). One that arrives before its message waits as a row
 * and is applied when the message is stored. The message row then holds what is shown:
 * the newest edit's text (edited_at), or nothing at all once deleted (the text, the
 * quote and the earlier edits' texts are cleared), so paging, search and the CLI read
 * the message as it is now and no history of it is kept.
 */
class EditStore {
public:
    explicit EditStore(LocalStore &store) : m_store(store) {}

    /** Inside the transaction that stored @p stored: applies it if it is an edit or a
     *  delete, or the actions waiting for it if it is a message. False on an SQL error. */
    static bool applyStored(const QSqlDatabase &db, const ChatMessage &stored);

    /** Delete for me: removes @p id and the actions on it from this profile only (the
     *  chat's preview follows). False if it is unknown or is itself an action. */
    bool deleteForMe(const protocol::MessageId &id);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
