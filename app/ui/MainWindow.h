// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QSplitter;
class QToolButton;

namespace linnet::client {
class Profile;
}

namespace linnet::ui {

class ConnectionBanner;
class DeviceNoticeBanner;
class ChatListMenu;
class ConversationView;
class MessageSearchPanel;

/**
 * The messenger window: connection banner on top, the filterable chat list
 * beside the open conversation. Tells the session which conversation the
 * user can actually see (so only those messages are marked read).
 */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(linnet::client::Profile &profile, QWidget *parent = nullptr);
    ~MainWindow() override;

    /** The selected conversation's key, or empty. */
    QString currentConversation() const;

    // For tests and the lead's screenshot script.
    ConversationView *conversationView() const { return m_view; }
    ConnectionBanner *connectionBanner() const { return m_banner; }
    DeviceNoticeBanner *deviceNoticeBanner() const { return m_deviceNotice; }
    QListView *chatList() const { return m_chatList; }
    /** "Archived (N)" above the list, or "Back to chats" while it shows them. */
    QToolButton *archivedButton() const { return m_archivedButton; }
    QLineEdit *filterEdit() const { return m_filter; }
    /** The messages found by what is typed in the search box (under the chats). */
    MessageSearchPanel *messageSearch() const { return m_searchPanel; }

public Q_SLOTS:
    /** Starts or opens the chat with @p username and selects it. */
    void openChat(const QString &username);
    /** Asks for a username (NewChatDialog) and opens that chat. */
    void newChat();
    /** Asks for a name and members (NewGroupDialog) and creates the group. */
    void newGroup();
    /** Creates a group; it opens once the server confirms, or the refusal is shown. */
    void createGroup(const QString &name, const QStringList &members);
    /** Selects an existing chat in the list (clears a filter hiding it). */
    void selectConversation(const QString &key);
    /** Deletes a one-to-one chat and its history from this profile (no question asked). */
    bool deleteChat(const QString &key);
    /** "Delete chat…": asks, then deleteChat(). */
    void confirmDeleteChat(const QString &key);
    void focusFilter();
    /** Archives or unarchives @p key; the open chat stays open either way. */
    void setChatArchived(const QString &key, bool archived);
    /** Shows the archived chats in the list instead of the others, or back. */
    void showArchived(bool archived);
    /** Opens @p conversation at message @p id (hex; a search result), leaving the search
     *  as it is. */
    void openMessage(const QString &conversation, const QString &id);

Q_SIGNALS:
    void settingsRequested();
    /** "Log in again" on the signed-out banner. */
    void loginRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildSidebar();
    void buildMenus();
    void applyFilter(const QString &text);
    void onCurrentChanged(const QModelIndex &current);
    void updateTitle(int unread);
    void updateFocusedConversation();
    void watchListedPeers();
    void updateArchivedButton();
    /** The open chat as the list's current row if the list shows it, else no current row
     *  (call with m_filtering set: nothing opens). */
    void markOpenChatInList();

    linnet::client::Profile &m_profile;
    QString m_currentKey;
    bool m_filtering = false;
    ConnectionBanner *m_banner;
    DeviceNoticeBanner *m_deviceNotice;
    QSplitter *m_splitter;
    QLineEdit *m_filter = nullptr;
    QToolButton *m_newChatButton = nullptr;
    QToolButton *m_settingsButton = nullptr;
    QListView *m_chatList = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    ChatListMenu *m_chatMenu = nullptr;
    QToolButton *m_archivedButton = nullptr;
    bool m_showingArchived = false;
    MessageSearchPanel *m_searchPanel = nullptr;
    ConversationView *m_view;
};

} // namespace linnet::ui
