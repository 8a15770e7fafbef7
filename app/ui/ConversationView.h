// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QHash>
#include <QPointer>
#include <QToolButton>
#include <QWidget>

class QLabel;
class QMenu;
class QListView;
class QStackedWidget;
class QTimer;

namespace linnet::client {
class Profile;
class MessageModel;
} // namespace linnet::client

namespace linnet::ui {

class AttachmentActions;
class ChatFindBar;
class MessageEditMenu;
class AttachmentSender;
class VoiceNoteComposer;
class VoiceNotePlayback;
class MessageDelegate;

class ComposeEdit;
class HistoryPagingProxy;
class ReplyBar;

/**
 * One open chat: the peer's name and presence, the messages (older history
 * paged in at the top, following new ones at the bottom), a typing line and
 * the compose box with its paperclip. Sends through the session's ChatClient
 * (files through its MediaClient).
 */
class ConversationView : public QWidget {
    Q_OBJECT
public:
    explicit ConversationView(linnet::client::Profile &profile, QWidget *parent = nullptr);
    ~ConversationView() override;

    QString conversation() const { return m_key; }
    /** Shows @p key (its draft restored), or the empty page for an empty key. */
    void setConversation(const QString &key);

    ComposeEdit *composeEdit() const { return m_compose; }
    QToolButton *sendButton() const { return m_sendButton; }
    /** "15,000 / 16,384" under the compose box near the length limit; hidden below it. */
    QLabel *lengthCounter() const { return m_counter; }
    QListView *messageList() const { return m_list; }
    /** Where Tab enters the view; the rest follows in reading order. */
    QWidget *firstInTabOrder() const { return m_infoButton; }
    /** The header button: contact info, or the group's info in a group. */
    QToolButton *infoButton() const { return m_infoButton; }
    /** The paperclip, drops and pastes: what turns files into messages here. */
    AttachmentSender *attachmentSender() const { return m_sender; }
    /** Opening, saving and fetching the attachments shown here. */
    AttachmentActions *attachmentActions() const { return m_attachments; }
    /** The microphone button and the recording bar; the voice notes playing here. */
    VoiceNoteComposer *voiceComposer() const { return m_voice; }
    VoiceNotePlayback *voicePlayback() const { return m_playback; }
    /** The header's presence line as shown ("online", "typing…", ...). */
    QString presenceLine() const;
    /** The "Reply to NAME" strip above the compose box while a reply is written. */
    ReplyBar *replyBar() const { return m_replyBar; }
    MessageEditMenu *editMenu() const { return m_edits; }
    MessageDelegate *messageDelegate() const { return m_delegate; }
    /** Searching within this chat (Ctrl+Shift+F). */
    ChatFindBar *findBar() const { return m_findBar; }
    /** The header's search button: opens the find bar. */
    QToolButton *searchButton() const { return m_searchButton; }
    /** Presence as a person reads it; empty when unknown or hidden. */
    static QString presenceText(bool online, bool typing, qint64 lastSeenMs, const QDateTime &now);

public Q_SLOTS:
    /** Copies the selected messages' text (Ctrl+C). */
    void copySelection();
    /** Opens the first link of the current message in the browser. */
    void openLink();
    /** Enter or a double click on a message: opens its attachment, else its first link. */
    void activateMessage(const QModelIndex &index);
    void focusCompose();
    /** Scrolls to message @p id of the open chat (loading older history if needed) and
     *  selects it; false if it is not in this chat. */
    bool showMessage(const linnet::protocol::MessageId &id);
    /** Opens the find bar (Ctrl+Shift+F); nothing without an open chat. */
    void findInChat();
    /** Sends a failed own message again / deletes it (its context menu's Retry, Delete). */
    void retryMessage(const linnet::protocol::MessageId &id);
    void deleteMessage(const linnet::protocol::MessageId &id);
    /** Starts writing a reply to the message at @p index (its context menu's Reply). */
    void startReply(const QModelIndex &index);
    /** A reply's quote was clicked: shows the message it answers, or says it is not here. */
    void showQuoted(const QString &messageId);
    /** Reacts to the message at @p index with @p emoji (empty: takes the reaction back). */
    void react(const QModelIndex &index, const QString &emoji);

private:
    // The constructor's parts, in the order the view reads from top to bottom.
    QWidget *buildEmptyPage();
    QWidget *buildHeader(QWidget *chat);
    void buildMessageList();
    void buildTypingIndicator();
    QWidget *buildComposeBar(QWidget *chat);
    void buildHeldBanner(QWidget *chat);
    void connectHeaderUpdates();
    /** Reply, and later the other message actions (ConversationViewMessages.cpp). */
    void connectMessageActions();
    /** The message menu's "React" part: quick emoji, "Other…", "Remove my reaction". */
    void addReactMenu(QMenu *menu, const QModelIndex &index);

    void send(const QString &text);
    /** Keeps what is typed as the open chat's draft (Profile::setDraft). */
    void saveDraft();
    void onLengthChanged(int length);
    void updateHeader();
    void fetchOlder();
    void fillViewport();
    void onRangeChanged(int min, int max);
    void showContextMenu(const QPoint &pos);
    QString currentText() const;

    void showContactInfo();
    /** "Message info" for the current own group message: who received and read it. */
    void showMessageInfo();
    /** Shows the "accept new security code" banner while messages to the peer are held. */
    void updateHeldBanner();

    linnet::client::Profile &m_profile;
    QString m_key;
    QPointer<linnet::client::MessageModel> m_model;
    HistoryPagingProxy *m_proxy;
    bool m_atBottom = true;
    bool m_paging = false;

    QStackedWidget *m_pages;
    QLabel *m_avatar;
    QLabel *m_title;
    QLabel *m_presence;
    QListView *m_list;
    QToolButton *m_infoButton = nullptr;
    MessageDelegate *m_delegate = nullptr;
    QLabel *m_typing;
    QWidget *m_heldBanner = nullptr;
    QLabel *m_heldText = nullptr;
    ComposeEdit *m_compose;
    QToolButton *m_sendButton;
    QLabel *m_counter;
    AttachmentSender *m_sender;
    AttachmentActions *m_attachments;
    VoiceNoteComposer *m_voice;
    VoiceNotePlayback *m_playback = nullptr;
    QTimer *m_draftTimer; ///< saves the draft a moment after the last keystroke
    ChatFindBar *m_findBar;
    ReplyBar *m_replyBar;
    MessageEditMenu *m_edits;
    QToolButton *m_searchButton = nullptr;
};

} // namespace linnet::ui
