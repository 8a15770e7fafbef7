// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "ChatListDelegate.h"
#include "ChatListMenu.h"
#include "Profile.h"
#include "ConnectionBanner.h"
#include "DeviceNoticeBanner.h"
#include "devices/HistoryProgressBar.h"
#include "models/ConversationListModel.h"
#include "ConversationView.h"
#include "NewChatDialog.h"
#include "NewGroupDialog.h"
#include "Theme.h"
#include "search/MessageSearchPanel.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace linnet::ui {

using client::ConversationListModel;

namespace {

/** Matches the filter text against a chat's title or its peer's username. */
class ChatFilterProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setNeedle(const QString &needle)
    {
        m_needle = needle;
        invalidateFilter();
    }
    void setShowArchived(bool archived)
    {
        m_archived = archived;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex idx = sourceModel()->index(row, 0, parent);
        // A search looks at every chat; otherwise the list or the archived ones.
        if (m_needle.isEmpty())
            return idx.data(ConversationListModel::ArchivedRole).toBool() == m_archived;
        for (int role : {ConversationListModel::TitleRole, ConversationListModel::PeerRole}) {
            if (idx.data(role).toString().contains(m_needle, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }

private:
    QString m_needle;
    bool m_archived = false;
};

QToolButton *iconButton(const QString &icon, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setIcon(QIcon(icon));
    b->setIconSize(QSize(20, 20));
    b->setAutoRaise(true);
    b->setToolTip(tip);
    b->setAccessibleName(tip);
    b->setFocusPolicy(Qt::StrongFocus);
    return b;
}

} // namespace

MainWindow::MainWindow(client::Profile &profile, QWidget *parent)
    : QMainWindow(parent), m_profile(profile), m_banner(new ConnectionBanner(this)),
      m_deviceNotice(new DeviceNoticeBanner(this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_view(new ConversationView(profile, this))
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setAccessibleName(tr("Linnet"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/linnet.svg")));
    resize(1000, 680);
    setMinimumSize(560, 400);

    m_splitter->setAccessibleName(tr("Chats and conversation"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildSidebar());
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({320, 680});

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_deviceNotice);
    layout->addWidget(new HistoryProgressBar(profile.client().history(), central));
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    buildMenus();

    setTabOrder(m_filter, m_newChatButton);
    setTabOrder(m_newChatButton, m_settingsButton);
    setTabOrder(m_settingsButton, m_chatList);
    setTabOrder(m_chatList, m_view->firstInTabOrder());

    client::ChatClient &chat = m_profile.client();
    connect(&chat, &client::ChatClient::stateChanged, m_banner, &ConnectionBanner::setState);
    m_banner->setState(chat.state());
    const auto showLan = [this, &chat] { m_banner->setLan(chat.lanActive(), chat.lanPeers()); };
    connect(&chat, &client::ChatClient::lanChanged, m_banner, showLan);
    showLan();
    connect(m_banner, &ConnectionBanner::loginRequested, this, &MainWindow::loginRequested);
    connect(&chat, &client::ChatClient::deviceNotApproved, m_deviceNotice,
            &DeviceNoticeBanner::showReason);
    connect(&chat, &client::ChatClient::ownDeviceAdded, m_deviceNotice,
            &DeviceNoticeBanner::showDeviceAdded);
    connect(&chat, &client::ChatClient::ownDeviceRemoved, m_deviceNotice,
            &DeviceNoticeBanner::showDeviceRemoved);

    ConversationListModel &list = m_profile.conversations();
    connect(&list, &ConversationListModel::totalUnreadChanged, this, &MainWindow::updateTitle);
    connect(&list, &QAbstractItemModel::rowsInserted, this, &MainWindow::watchListedPeers);
    connect(&list, &QAbstractItemModel::modelReset, this, [this] {
        // A reset drops the selection: put it back on the chat that was open.
        if (!m_currentKey.isEmpty())
            selectConversation(m_currentKey);
        watchListedPeers();
    });
    connect(&chat, &client::ChatClient::synced, this, &MainWindow::watchListedPeers);
    updateTitle(list.totalUnread());
}

MainWindow::~MainWindow()
{
    // The open chat's draft is written while every part of the window still exists.
    m_view->setConversation({});
}

QWidget *MainWindow::buildSidebar()
{
    auto *sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("chatSidebar"));
    sidebar->setMinimumWidth(240);

    m_filter = new QLineEdit(sidebar);
    m_filter->setObjectName(QStringLiteral("chatFilter"));
    m_filter->setPlaceholderText(tr("Search chats and messages"));
    m_filter->setAccessibleName(tr("Search chats and messages"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    m_filter->installEventFilter(this);

    m_newChatButton = iconButton(QStringLiteral(":/icons/new-chat.svg"), tr("New chat"), sidebar);
    m_newChatButton->setObjectName(QStringLiteral("newChatButton"));
    connect(m_newChatButton, &QToolButton::clicked, this, &MainWindow::newChat);
    m_settingsButton = iconButton(QStringLiteral(":/icons/settings.svg"), tr("Settings"), sidebar);
    connect(m_settingsButton, &QToolButton::clicked, this, &MainWindow::settingsRequested);

    m_proxy = new ChatFilterProxy(this);
    m_proxy->setSourceModel(&m_profile.conversations());
    m_proxy->setDynamicSortFilter(true);
    connect(m_filter, &QLineEdit::textChanged, this, &MainWindow::applyFilter);

    m_chatList = new QListView(sidebar);
    m_chatList->setObjectName(QStringLiteral("chatList"));
    m_chatList->setAccessibleName(tr("Chats"));
    m_chatList->setModel(m_proxy);
    auto *chatDelegate = new ChatListDelegate(m_chatList);
    chatDelegate->setOwnUsername(m_profile.client().username());
    connect(&m_profile.client(), &client::ChatClient::accountReady, chatDelegate,
            &ChatListDelegate::setOwnUsername);
    m_chatList->setItemDelegate(chatDelegate);
    m_chatList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chatList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_chatList->setUniformItemSizes(true);
    m_chatList->setMouseTracking(true);
    m_chatList->setFrameShape(QFrame::NoFrame);
    m_chatList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chatList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_chatList->installEventFilter(this);
    connect(m_chatList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentChanged);
    connect(m_chatList, &QListView::clicked, m_view, &ConversationView::focusCompose);
    m_chatMenu = new ChatListMenu(m_profile, this);
    connect(m_chatMenu, &ChatListMenu::deleteRequested, this, &MainWindow::confirmDeleteChat);
    connect(m_chatMenu, &ChatListMenu::archiveRequested, this, &MainWindow::setChatArchived);
    m_archivedButton = new QToolButton(sidebar);
    m_archivedButton->setObjectName(QStringLiteral("archivedButton"));
    m_archivedButton->setAutoRaise(true);
    m_archivedButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_archivedButton->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_archivedButton, &QToolButton::clicked, this,
            [this] { showArchived(!m_showingArchived); });
    connect(&m_profile.conversations(), &QAbstractItemModel::rowsInserted, this,
            &MainWindow::updateArchivedButton);
    connect(&m_profile.conversations(), &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::updateArchivedButton);
    connect(&m_profile.conversations(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::updateArchivedButton);
    connect(&m_profile.conversations(), &QAbstractItemModel::modelReset, this,
            &MainWindow::updateArchivedButton);
    m_chatList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_chatList, &QListView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex idx = m_chatList->indexAt(pos);
        if (!idx.isValid())
            return;
        QMenu menu(this);
        menu.setAccessibleName(tr("Chat actions"));
        m_chatMenu->populate(&menu, idx.data(ConversationListModel::KeyRole).toString());
        menu.exec(m_chatList->viewport()->mapToGlobal(pos));
    });

    auto *emptyHint = new QLabel(tr("No chats yet. Start one with the button above."), sidebar);
    emptyHint->setWordWrap(true);
    emptyHint->setAlignment(Qt::AlignCenter);
    emptyHint->setForegroundRole(QPalette::PlaceholderText);
    emptyHint->setContentsMargins(16, 24, 16, 24);
    auto updateEmpty = [this, emptyHint] { emptyHint->setVisible(m_proxy->rowCount() == 0); };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, emptyHint, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, emptyHint, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::modelReset, emptyHint, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, emptyHint, updateEmpty);
    connect(m_filter, &QLineEdit::textChanged, emptyHint, [emptyHint, this](const QString &t) {
        emptyHint->setText(t.isEmpty() ? tr("No chats yet. Start one with the button above.")
                                       : tr("No chats match your search."));
        emptyHint->setVisible(m_proxy->rowCount() == 0);
    });
    updateEmpty();
    updateArchivedButton();

    m_searchPanel = new MessageSearchPanel(m_profile, sidebar);
    connect(m_filter, &QLineEdit::textChanged, m_searchPanel,
            [this](const QString &text) { m_searchPanel->setQuery(text); });
    connect(m_searchPanel, &MessageSearchPanel::messageChosen, this, &MainWindow::openMessage);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(10, 10, 6, 8);
    top->setSpacing(4);
    top->addWidget(m_filter, 1);
    top->addWidget(m_newChatButton);
    top->addWidget(m_settingsButton);
    auto *layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_archivedButton);
    layout->addWidget(emptyHint);
    layout->addWidget(m_chatList, 1);
    layout->addWidget(m_searchPanel, 2);
    return sidebar;
}

void MainWindow::buildMenus()
{
    QMenu *chats = menuBar()->addMenu(tr("&Chats"));
    QAction *newChat = chats->addAction(QIcon(QStringLiteral(":/icons/new-chat.svg")),
                                        tr("&New chat…"), this, &MainWindow::newChat);
    newChat->setShortcut(QKeySequence::New);
    QAction *newGroup = chats->addAction(QIcon(QStringLiteral(":/icons/new-chat.svg")),
                                         tr("New &group…"), this, &MainWindow::newGroup);
    newGroup->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    QAction *find =
        chats->addAction(QIcon(QStringLiteral(":/icons/search.svg")),
                         tr("&Search chats and messages"), this, &MainWindow::focusFilter);
    find->setShortcut(QKeySequence::Find);
    QAction *findInChat =
        chats->addAction(tr("Search in &this chat"), m_view, &ConversationView::findInChat);
    findInChat->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    QAction *deleteChatAction =
        chats->addAction(tr("&Delete chat…"), this, [this] { confirmDeleteChat(m_currentKey); });
    // One-to-one chats only: a group is left from its info, which keeps its history.
    auto updateDelete = [this, deleteChatAction] {
        deleteChatAction->setEnabled(!m_currentKey.isEmpty() && !client::isGroupKey(m_currentKey));
    };
    connect(chats, &QMenu::aboutToShow, this, updateDelete);
    chats->addSeparator();
    QAction *settings = chats->addAction(QIcon(QStringLiteral(":/icons/settings.svg")),
                                         tr("S&ettings…"), this, &MainWindow::settingsRequested);
    settings->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence::Preferences});
    settings->setMenuRole(QAction::PreferencesRole);
    chats->addSeparator();
    QAction *quit = chats->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::confirmDeleteChat(const QString &key)
{
    if (key.isEmpty() || client::isGroupKey(key))
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete chat"),
        tr("Delete the chat with %1 and its messages from this computer? %1 keeps their copy.")
            .arg(key));
    if (answer == QMessageBox::Yes)
        deleteChat(key);
}

bool MainWindow::deleteChat(const QString &key)
{
    if (key == m_currentKey) {
        m_currentKey.clear();
        m_profile.closeConversation();
        m_view->setConversation({});
    }
    return m_profile.client().deleteConversation(key);
}

QString MainWindow::currentConversation() const
{
    return m_currentKey;
}

void MainWindow::openChat(const QString &username)
{
    const QString key = username.trimmed().toLower();
    if (key.isEmpty())
        return;
    // Profile creates the conversation; the list model gets the new row from it.
    m_profile.openConversation(key);
    if (!isActiveWindow())
        m_profile.closeConversation();
    selectConversation(key);
    m_view->focusCompose();
}

void MainWindow::newChat()
{
    NewChatDialog dialog(m_profile.client().username(), this);
    if (dialog.exec() == QDialog::Accepted)
        openChat(dialog.username());
}

void MainWindow::newGroup()
{
    NewGroupDialog dialog(m_profile.client().username(), this);
    dialog.setCreator(&m_profile.client().groups());
    if (dialog.exec() == QDialog::Accepted)
        selectConversation(dialog.createdGroup());
}

void MainWindow::createGroup(const QString &name, const QStringList &members)
{
    client::GroupClient &groups = m_profile.client().groups();
    const quint32 request = groups.createGroup(name, members);
    if (request == 0) {
        QMessageBox::warning(this, tr("New group"),
                             tr("Not connected: creating a group needs the server. Try again "
                                "when Linnet is online."));
        return;
    }
    // One answer for this request: the new group opens, or the server's reason is shown.
    auto *context = new QObject(this);
    connect(&groups, &client::GroupClient::requestFinished, context,
            [this, request, context](quint32 id, const QString &key) {
                if (id != request)
                    return;
                context->deleteLater();
                selectConversation(key);
            });
    connect(&groups, &client::GroupClient::requestFailed, context,
            [this, request, context](quint32 id, protocol::ErrorCode, const QString &reason) {
                if (id != request)
                    return;
                context->deleteLater();
                QMessageBox::warning(this, tr("New group"),
                                     tr("The group was not created: %1").arg(reason));
            });
}

void MainWindow::selectConversation(const QString &key)
{
    ConversationListModel &list = m_profile.conversations();
    const int row = list.rowOf(key);
    if (row < 0)
        return;
    QModelIndex idx = m_proxy->mapFromSource(list.index(row));
    if (!idx.isValid()) {
        m_filter->clear();
        idx = m_proxy->mapFromSource(list.index(row));
    }
    m_chatList->setCurrentIndex(idx);
    m_chatList->scrollTo(idx);
}

void MainWindow::openMessage(const QString &conversation, const QString &id)
{
    const auto messageId = protocol::MessageId::fromHex(id);
    if (conversation.isEmpty() || !messageId)
        return;
    if (conversation != m_currentKey) {
        // The results stay: the chat opens even while the search hides its row.
        const QScopedValueRollback guard(m_filtering, true);
        m_currentKey = conversation;
        m_view->setConversation(conversation);
        markOpenChatInList();
        updateFocusedConversation();
    }
    m_view->showMessage(*messageId);
}

void MainWindow::setChatArchived(const QString &key, bool archived)
{
    // The row leaves the list shown: that moves the list's current row, and opens nothing.
    const QScopedValueRollback guard(m_filtering, true);
    m_profile.setArchived(key, archived);
    markOpenChatInList();
}

void MainWindow::showArchived(bool archived)
{
    const QScopedValueRollback guard(m_filtering, true);
    m_showingArchived = archived;
    static_cast<ChatFilterProxy *>(m_proxy)->setShowArchived(archived);
    markOpenChatInList();
    updateArchivedButton();
}

void MainWindow::updateArchivedButton()
{
    const ConversationListModel &list = m_profile.conversations();
    int archived = 0;
    int unread = 0;
    for (int row = 0; row < list.rowCount(); ++row) {
        const QModelIndex idx = list.index(row);
        if (idx.data(ConversationListModel::ArchivedRole).toBool()) {
            ++archived;
            unread += idx.data(ConversationListModel::UnreadRole).toInt();
        }
    }
    if (m_showingArchived && archived == 0) {
        showArchived(false);
        return;
    }
    m_archivedButton->setText(m_showingArchived ? tr("← Back to chats")
                              : unread > 0
                                  ? tr("Archived (%1) · %2 unread").arg(archived).arg(unread)
                                  : tr("Archived (%1)").arg(archived));
    m_archivedButton->setAccessibleName(m_archivedButton->text());
    m_archivedButton->setVisible(m_showingArchived || archived > 0);
}

void MainWindow::markOpenChatInList()
{
    const int row = m_profile.conversations().rowOf(m_currentKey);
    const QModelIndex open =
        row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_profile.conversations().index(row));
    if (open.isValid())
        m_chatList->setCurrentIndex(open);
    else
        m_chatList->selectionModel()->clear();
}

void MainWindow::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void MainWindow::applyFilter(const QString &text)
{
    // Filtering moves the list's current row around; none of that opens a chat.
    const QScopedValueRollback guard(m_filtering, true);
    static_cast<ChatFilterProxy *>(m_proxy)->setNeedle(text.trimmed());
    markOpenChatInList();
}

void MainWindow::onCurrentChanged(const QModelIndex &current)
{
    // The open chat stays open while a filter hides it.
    if (!current.isValid() || m_filtering)
        return;
    const QString key = current.data(ConversationListModel::KeyRole).toString();
    if (key == m_currentKey)
        return;
    m_currentKey = key;
    m_view->setConversation(key);
    updateFocusedConversation();
}

void MainWindow::updateFocusedConversation()
{
    // Read receipts go out only for what the user can see: an active window.
    if (isActiveWindow() && !m_currentKey.isEmpty()) {
        m_profile.openConversation(m_currentKey);
        watchListedPeers();
    } else {
        m_profile.closeConversation();
    }
}

void MainWindow::watchListedPeers()
{
    // Profile watches the open chat only; the list shows presence dots for all.
    ConversationListModel &list = m_profile.conversations();
    // Users only: a group's row names the group, not a person (its members are
    // watched while it is open).
    QStringList peers;
    if (!m_currentKey.isEmpty() && !client::isGroupKey(m_currentKey))
        peers << m_currentKey;
    for (int row = 0; row < list.rowCount(); ++row) {
        const QModelIndex idx = list.index(row);
        const QString peer = idx.data(ConversationListModel::PeerRole).toString();
        if (!idx.data(ConversationListModel::IsGroupRole).toBool() && !peers.contains(peer))
            peers << peer;
    }
    if (!peers.isEmpty())
        m_profile.client().watchPresence(peers);
}

void MainWindow::updateTitle(int unread)
{
    setWindowTitle(unread > 0 ? tr("(%1) Linnet").arg(unread) : tr("Linnet"));
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange)
        updateFocusedConversation();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QMainWindow::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_filter) {
        if (key->key() == Qt::Key_Escape) {
            if (m_filter->text().isEmpty())
                m_chatList->setFocus(Qt::OtherFocusReason);
            m_filter->clear();
            return true;
        }
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return ||
            key->key() == Qt::Key_Enter) {
            // From the search box straight into the results: the chats, else the messages.
            if (m_proxy->rowCount() == 0 && m_searchPanel->isVisible()) {
                m_searchPanel->resultList()->setFocus(Qt::OtherFocusReason);
                m_searchPanel->resultList()->setCurrentIndex(
                    m_searchPanel->resultList()->model()->index(0, 0));
                return true;
            }
            m_chatList->setFocus(Qt::OtherFocusReason);
            if (m_proxy->rowCount() > 0) {
                const QModelIndex first = m_proxy->index(0, 0);
                m_chatList->setCurrentIndex(first);
                if (key->key() != Qt::Key_Down)
                    m_view->focusCompose();
            }
            return true;
        }
    } else if (watched == m_chatList) {
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_view->focusCompose();
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace linnet::ui
