// SPDX-License-Identifier: GPL-3.0-or-later
#include "Profile.h"

#include "models/ConversationListModel.h"
#include "Clock.h"
#include "store/ChatListStore.h"
#include "store/DraftStore.h"
#include "store/LocalStore.h"
#include "models/MessageInfoModel.h"
#include "models/MessageModel.h"
#include "models/MessageSearchModel.h"
#include "e2e/SecretStore.h"

#include <QDir>
#include <QFile>

namespace linnet::client {

Profile::Profile(QString profileDir, std::unique_ptr<SecretStore> secrets,
                 ChatClient::Options options, QObject *parent)
    : QObject(parent), m_profileDir(std::move(profileDir)), m_secrets(std::move(secrets)),
      m_options(std::move(options))
{
}

Profile::~Profile()
{
    // Models and the engine refer to the store: they go first.
    qDeleteAll(m_messageModels);
    m_messageModels.clear();
    m_conversations.reset();
    m_client.reset();
    m_store.reset();
}

protocol::Status Profile::open()
{
    if (!QDir().mkpath(m_profileDir))
        return protocol::makeError(protocol::ErrorCode::InternalError,
                                   tr("cannot create the profile directory %1").arg(m_profileDir));
    QFile::setPermissions(m_profileDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_store =
        std::make_unique<LocalStore>(QDir(m_profileDir).filePath(QStringLiteral("linnet.db")));
    const auto opened = m_store->open();
    if (!opened) {
        m_store.reset();
        return opened;
    }
    m_client = std::make_unique<ChatClient>(*m_store, *m_secrets, m_options);
    m_conversations = std::make_unique<ConversationListModel>(*m_store);
    wire();
    return {};
}

MessageModel *Profile::messages(const QString &conversation)
{
    if (auto *existing = m_messageModels.value(conversation))
        return existing;
    auto *model = new MessageModel(*m_store, conversation);
    model->setProblemSource([client = m_client.get()](const protocol::MessageId &id) {
        return client->sendProblem(id);
    });
    model->setAttachmentSource([client = m_client.get()](const protocol::MessageId &id) {
        return client->media().attachment(id);
    });
    m_messageModels.insert(conversation, model);
    return model;
}

std::unique_ptr<MessageSearchModel> Profile::searchModel()
{
    return std::make_unique<MessageSearchModel>(*m_store);
}

std::unique_ptr<MessageInfoModel> Profile::messageInfo(const protocol::MessageId &id)
{
    auto model = std::make_unique<MessageInfoModel>(*m_store, id);
    connect(&m_client->groups(), &GroupClient::receiptsChanged, model.get(),
            &MessageInfoModel::refresh);
    return model;
}

void Profile::openConversation(const QString &conversation)
{
    m_current = conversation;
    if (!isGroupKey(conversation))
        m_store->ensureConversation(conversation, conversation);
    const auto row = m_store->conversation(conversation);
    if (row && row->markedUnread)
        ChatListStore(*m_store).setMarkedUnread(conversation, false);
    m_conversations->refreshConversation(conversation);
    m_client->markRead(conversation);
    m_client->watchGroupPresence(conversation); // a group: every other member; else none
    if (!isGroupKey(conversation))
        m_client->watchPresence({conversation});
}

void Profile::setPinned(const QString &conversation, bool pinned)
{
    if (ChatListStore(*m_store).setPinned(conversation, pinned))
        m_conversations->refreshConversation(conversation);
}

void Profile::setMutedUntil(const QString &conversation, qint64 untilMs)
{
    if (ChatListStore(*m_store).setMutedUntil(conversation, untilMs))
        m_conversations->refreshConversation(conversation);
}

bool Profile::isMuted(const QString &conversation)
{
    return ChatListStore(*m_store).isMuted(conversation, nowMs());
}

void Profile::setArchived(const QString &conversation, bool archived)
{
    if (ChatListStore(*m_store).setArchived(conversation, archived))
        m_conversations->refreshConversation(conversation);
}

void Profile::markUnread(const QString &conversation)
{
    if (ChatListStore(*m_store).setMarkedUnread(conversation, true))
        m_conversations->refreshConversation(conversation);
}

bool Profile::clearHistory(const QString &conversation)
{
    return m_client->clearHistory(conversation);
}

QString Profile::draft(const QString &conversation)
{
    return DraftStore(*m_store).draft(conversation);
}

void Profile::setDraft(const QString &conversation, const QString &text)
{
    if (conversation.isEmpty())
        return;
    DraftStore drafts(*m_store);
    if (drafts.draft(conversation) == DraftStore::normalized(text))
        return;
    if (drafts.setDraft(conversation, text))
        m_conversations->refreshConversation(conversation);
}

void Profile::wire()
{
    ChatClient *c = m_client.get();
    ConversationListModel *list = m_conversations.get();
    connect(c, &ChatClient::conversationChanged, list, &ConversationListModel::refreshConversation);
    connect(c, &ChatClient::presenceChanged, list, &ConversationListModel::setPresence);
    connect(c, &ChatClient::stateChanged, list, [list](ConnectionState state) {
        if (state != ConnectionState::Online)
            list->forgetLivePresence();
    });
    connect(c, &ChatClient::typingChanged, list, &ConversationListModel::setTyping);
    connect(c, &ChatClient::groupTypingChanged, list, &ConversationListModel::setGroupTyping);
    connect(c, &ChatClient::messageAdded, this, [this](const ChatMessage &m) {
        if (auto *model = m_messageModels.value(m.conversation))
            model->addMessage(m);
        // A message arriving in the conversation the user is looking at is read.
        if (m.conversation == m_current && !m.outgoing)
            m_client->markRead(m.conversation);
    });
    connect(c, &ChatClient::messageStateChanged, this,
            [this](const protocol::MessageId &id, const QString &conversation, DeliveryState s) {
                if (auto *model = m_messageModels.value(conversation))
                    model->updateState(id, conversation, s);
            });
    connect(c, &ChatClient::sendProblemChanged, this,
            [this](const protocol::MessageId &id, const QString &conversation, const QString &) {
                if (auto *model = m_messageModels.value(conversation))
                    model->updateProblem(id, conversation);
            });
    MediaClient *media = &c->media();
    connect(media, &MediaClient::attachmentChanged, this,
            [this](const protocol::MessageId &id, const QString &conversation) {
                if (auto *model = m_messageModels.value(conversation))
                    model->updateAttachment(id, conversation);
                // A file to send is known to be a photo once its copy is made.
                m_conversations->refreshConversation(conversation);
            });
    connect(media, &MediaClient::transferProgress, this,
            [this](const protocol::MessageId &id, const QString &conversation, quint64 done,
                   quint64 total) {
                if (auto *model = m_messageModels.value(conversation))
                    model->updateProgress(id, conversation, done, total);
            });
    connect(c, &ChatClient::actionAdded, this, [this](const ChatMessage &action) {
        if (auto *model = m_messageModels.value(action.conversation))
            model->updateActions(action);
    });
    connect(c, &ChatClient::messageRemoved, this,
            [this](const protocol::MessageId &id, const QString &conversation) {
                if (auto *model = m_messageModels.value(conversation))
                    model->removeMessage(id, conversation);
            });
    connect(c, &ChatClient::historyCleared, this, [this](const QString &key) {
        if (auto *model = m_messageModels.value(key))
            model->reload();
        m_conversations->refreshConversation(key);
    });
    connect(c, &ChatClient::conversationRemoved, this, [this](const QString &key) {
        if (m_current == key)
            m_current.clear();
        if (auto *model = m_messageModels.take(key))
            model->deleteLater(); // a view may still hold it for this turn of the loop
        m_conversations->refreshConversation(key); // gone from the store: the row goes
    });
    const auto replace = [this](const protocol::MessageId &id) {
        if (const auto m = m_store->message(id)) {
            if (auto *model = m_messageModels.value(m->conversation))
                model->updateMessage(id);
        }
    };
    connect(c, &ChatClient::messageSent, this,
            [replace](const protocol::MessageId &id, quint64) { replace(id); });
    connect(c, &ChatClient::messageMoved, this, replace);
}

} // namespace linnet::client
