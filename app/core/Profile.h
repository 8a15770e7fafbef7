// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChatClient.h"
#include "protocol/Result.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace linnet::client {

class ConversationListModel;
class LocalStore;
class MessageInfoModel;
class MessageModel;
class MessageSearchModel;
class SecretStore;

/**
 * One signed-in profile as the desktop app uses it: opens the profile's
 * LocalStore, builds the ChatClient and the item models, and keeps the models
 * in step with the engine's signals. The UI gets everything from here and
 * never touches SQL, sockets or crypto.
 */
class Profile : public QObject {
    Q_OBJECT
public:
    Profile(QString profileDir, std::unique_ptr<SecretStore> secrets, ChatClient::Options options,
            QObject *parent = nullptr);
    ~Profile() override;

    /** Opens (creating if needed) the profile's database. */
    protocol::Status open();

    ChatClient &client() { return *m_client; }
    LocalStore &store() { return *m_store; }
    ConversationListModel &conversations() { return *m_conversations; }
    /** The message model of one conversation, created on first use and kept up to date. */
    MessageModel *messages(const QString &conversation);

    /** A new, empty model for searching this profile's messages (MessageSearchModel). */
    std::unique_ptr<MessageSearchModel> searchModel();

    /** Who received and read an own group message, kept current while it lives. */
    std::unique_ptr<MessageInfoModel> messageInfo(const protocol::MessageId &id);

    /** The user opened @p conversation: read receipts, presence for its peer (for a group:
     *  its other members). */
    void openConversation(const QString &conversation);
    /** No conversation is in front of the user (switched away, window inactive). */
    void closeConversation() { m_current.clear(); }
    QString currentConversation() const { return m_current; }

    // --- organising the chat list (ChatListStore); the list's row follows each ---------
    void setPinned(const QString &conversation, bool pinned);
    /** Mutes until @p untilMs (ms UTC), for good with ChatListStore::kMutedForever (-1);
     *  0 unmutes. */
    void setMutedUntil(const QString &conversation, qint64 untilMs);
    /** Whether @p conversation raises no notification now. */
    bool isMuted(const QString &conversation);
    void setArchived(const QString &conversation, bool archived);
    /** Marks the chat unread until it is opened again. */
    void markUnread(const QString &conversation);
    /** Deletes the chat's messages on this computer (not those still waiting to go out);
     *  the chat stays. False if there is no such chat or it failed. */
    bool clearHistory(const QString &conversation);

    /** What the user typed in @p conversation and has not sent (kept across restarts). */
    QString draft(const QString &conversation);
    /** Keeps @p text as the draft of @p conversation (blank clears it); the chat list's
     *  row follows. Nothing is written if it is unchanged. */
    void setDraft(const QString &conversation, const QString &text);
    QString profileDir() const { return m_profileDir; }

private:
    void wire();

    QString m_profileDir;
    std::unique_ptr<SecretStore> m_secrets;
    ChatClient::Options m_options;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ConversationListModel> m_conversations;
    QHash<QString, MessageModel *> m_messageModels;
    QString m_current;
};

} // namespace linnet::client
