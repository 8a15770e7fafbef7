// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace linnet::client {

class LocalStore;

/**
 * What the user typed in a chat and has not sent: kept with the conversation's row
 * (conversations.draft), so that it survives switching chats and restarting the app,
 * and goes when the chat is deleted.
 */
class DraftStore {
public:
    explicit DraftStore(LocalStore &store) : m_store(store) {}

    /** Keeps @p text as the draft of @p conversation; an empty or blank text clears it.
     *  False if there is no such conversation or the write failed. */
    bool setDraft(const QString &conversation, const QString &text);
    /** @p text as it is kept: a blank text is no draft (empty). */
    static QString normalized(const QString &text);
    /** The draft of @p conversation; empty if none (or no such conversation). */
    QString draft(const QString &conversation);

private:
    LocalStore &m_store;
};

} // namespace linnet::client
