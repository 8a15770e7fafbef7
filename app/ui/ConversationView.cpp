// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationView.h"

#include "ChatListDelegate.h"
#include "attachments/AttachmentActions.h"
#include "attachments/AttachmentSender.h"
#include "attachments/VoiceNoteComposer.h"
#include "attachments/VoiceNotePlayback.h"
#include "Profile.h"
#include "ComposeEdit.h"
#include "ContactInfoDialog.h"
#include "models/ConversationListModel.h"
#include "GroupInfoDialog.h"
#include "GroupTexts.h"
#include "HistoryPagingProxy.h"
#include "MessageDelegate.h"
#include "MessageInfoDialog.h"
#include "models/MessageInfoModel.h"
#include "models/MessageModel.h"
#include "Theme.h"
#include "protocol/Limits.h"
#include "actions/MessageEditMenu.h"
#include "actions/ReplyBar.h"
#include "search/ChatFindBar.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace linnet::ui {

using client::ConversationListModel;
using client::MessageModel;

namespace {
constexpr int kBottomSlack = 12;
constexpr int kAvatarSize = 38;
constexpr int kDraftSaveDelayMs = 400;
} // namespace

ConversationView::ConversationView(client::Profile &profile, QWidget *parent)
    : QWidget(parent), m_profile(profile), m_proxy(new HistoryPagingProxy(this)),
      m_pages(new QStackedWidget(this)), m_avatar(new QLabel(this)), m_title(new QLabel(this)),
      m_presence(new QLabel(this)), m_list(new QListView(this)), m_typing(new QLabel(this)),
      m_compose(new ComposeEdit(this)), m_sendButton(new QToolButton(this)),
      m_counter(new QLabel(this)), m_sender(new AttachmentSender(profile.client().media(), this)),
      m_attachments(new AttachmentActions(profile.client().media(), this)),
      m_voice(new VoiceNoteComposer(profile.client().media(), this)),
      m_draftTimer(new QTimer(this)), m_findBar(new ChatFindBar(profile, this)),
      m_replyBar(new ReplyBar(this)), m_edits(new MessageEditMenu(profile.client(), this))
{
    initResources();
    setAccessibleName(tr("Conversation"));

    QWidget *empty = buildEmptyPage();
    auto *chat = new QWidget(m_pages);
    QWidget *header = buildHeader(chat);
    buildMessageList();
    buildTypingIndicator();
    QWidget *composeBar = buildComposeBar(chat);
    buildHeldBanner(chat);

    auto *chatLayout = new QVBoxLayout(chat);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    chatLayout->setSpacing(0);
    chatLayout->addWidget(header);
    chatLayout->addWidget(m_findBar);
    chatLayout->addWidget(m_heldBanner);
    chatLayout->addWidget(m_list, 1);
    chatLayout->addWidget(m_typing);
    chatLayout->addWidget(m_replyBar);
    chatLayout->addWidget(composeBar);

    m_pages->addWidget(empty);
    m_pages->addWidget(chat);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    // Reading order: the contact's header, the messages, then writing; Tab enters the
    // view at the header (firstInTabOrder). No focus proxy on the view: Qt 6 skips the
    // proxy's siblings when tabbing, which left the message list out of reach.
    setTabOrder(m_infoButton, m_list);
    setTabOrder(m_list, m_sender->attachButton());
    setTabOrder(m_sender->attachButton(), m_compose);
    setTabOrder(m_compose, m_sendButton);
    setTabOrder(m_sendButton, m_voice->micButton());

    connectHeaderUpdates();
    connectMessageActions();

    // Drafts survive a restart: written shortly after typing stops, on switching chats
    // and when the view goes.
    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(kDraftSaveDelayMs);
    connect(m_draftTimer, &QTimer::timeout, this, &ConversationView::saveDraft);
    connect(m_compose, &QPlainTextEdit::textChanged, m_draftTimer, [this] {
        if (!m_key.isEmpty())
            m_draftTimer->start();
    });
}

QWidget *ConversationView::buildEmptyPage()
{
    auto *empty = new QWidget(m_pages);
    empty->setAccessibleName(tr("No chat selected"));
    auto *emptyIcon = new QLabel(empty);
    emptyIcon->setPixmap(
        QIcon(QStringLiteral(":/icons/chat-empty.svg")).pixmap(QSize(96, 96), devicePixelRatioF()));
    emptyIcon->setAlignment(Qt::AlignCenter);
    auto *emptyText = new QLabel(tr("Select a chat to start messaging"), empty);
    emptyText->setAlignment(Qt::AlignCenter);
    QFont big = emptyText->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    emptyText->setFont(big);
    auto *emptyHint = new QLabel(tr("Press Ctrl+N to start a new chat"), empty);
    emptyHint->setAlignment(Qt::AlignCenter);
    emptyHint->setForegroundRole(QPalette::PlaceholderText);
    auto *emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch();
    emptyLayout->addWidget(emptyIcon);
    emptyLayout->addSpacing(8);
    emptyLayout->addWidget(emptyText);
    emptyLayout->addWidget(emptyHint);
    emptyLayout->addStretch();
    return empty;
}

QWidget *ConversationView::buildHeader(QWidget *chat)
{
    auto *header = new QWidget(chat);
    header->setObjectName(QStringLiteral("conversationHeader"));
    header->setAutoFillBackground(true);
    header->setBackgroundRole(QPalette::Base);
    m_avatar->setFixedSize(kAvatarSize, kAvatarSize);
    m_avatar->setAccessibleName(tr("Contact picture"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setAccessibleName(tr("Contact name"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_presence->setTextFormat(Qt::PlainText);
    m_presence->setAccessibleName(tr("Contact status"));
    m_presence->setForegroundRole(QPalette::PlaceholderText);
    auto *names = new QVBoxLayout;
    names->setSpacing(0);
    names->addWidget(m_title);
    names->addWidget(m_presence);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(14, 8, 14, 8);
    headerLayout->setSpacing(10);
    headerLayout->addWidget(m_avatar);
    headerLayout->addLayout(names, 1);
    auto *info = m_infoButton = new QToolButton(header);
    info->setObjectName(QStringLiteral("contactInfoButton"));
    info->setIcon(QIcon(QStringLiteral(":/icons/shield.svg")));
    info->setIconSize(QSize(22, 22));
    info->setAutoRaise(true);
    info->setToolTip(tr("Contact info and security code"));
    info->setAccessibleName(tr("Contact info"));
    connect(info, &QToolButton::clicked, this, &ConversationView::showContactInfo);
    m_searchButton = m_findBar->createOpenButton(header);
    connect(m_findBar, &ChatFindBar::messageFound, this, &ConversationView::showMessage);
    headerLayout->addWidget(m_searchButton);
    headerLayout->addWidget(info);
    return header;
}

void ConversationView::buildMessageList()
{
    m_proxy->setObjectName(QStringLiteral("historyPagingProxy"));
    m_list->setObjectName(QStringLiteral("messageList"));
    m_list->setAccessibleName(tr("Messages"));
    m_delegate = new MessageDelegate(m_list);
    m_list->setItemDelegate(m_delegate);
    m_list->setModel(m_proxy);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->verticalScrollBar()->setSingleStep(24);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(false);
    m_list->setWordWrap(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setBackgroundRole(QPalette::Window);
    m_list->viewport()->setBackgroundRole(QPalette::Window);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QListView::customContextMenuRequested, this,
            &ConversationView::showContextMenu);
    connect(m_list, &QListView::activated, this, &ConversationView::activateMessage);
    connect(m_delegate, &MessageDelegate::attachmentActivated, m_attachments,
            &AttachmentActions::open);
    connect(m_delegate, &MessageDelegate::attachmentActionRequested, m_attachments,
            &AttachmentActions::perform);
    m_playback = new VoiceNotePlayback(m_list, m_delegate);
    auto *copy = new QAction(tr("Copy"), m_list);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ConversationView::copySelection);
    m_list->addAction(copy);
    auto *messageInfo = new QAction(tr("Message info"), m_list);
    messageInfo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    messageInfo->setShortcutContext(Qt::WidgetShortcut);
    connect(messageInfo, &QAction::triggered, this, &ConversationView::showMessageInfo);
    m_list->addAction(messageInfo);

    auto *bar = m_list->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (!m_paging)
            m_atBottom = value >= bar->maximum() - kBottomSlack;
        if (value == bar->minimum() && bar->maximum() > 0)
            fetchOlder();
    });
    connect(bar, &QScrollBar::rangeChanged, this, &ConversationView::onRangeChanged);
}

void ConversationView::buildTypingIndicator()
{
    m_typing->setAccessibleName(tr("Typing indicator"));
    m_typing->setTextFormat(Qt::PlainText);
    m_typing->setContentsMargins(16, 2, 16, 2);
    QFont italic = m_typing->font();
    italic.setItalic(true);
    m_typing->setFont(italic);
    QPalette typingPalette = m_typing->palette();
    typingPalette.setColor(QPalette::WindowText, accentColor());
    m_typing->setPalette(typingPalette);
    m_typing->setVisible(false);
}

QWidget *ConversationView::buildComposeBar(QWidget *chat)
{
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setIcon(QIcon(QStringLiteral(":/icons/send.svg")));
    m_sendButton->setIconSize(QSize(20, 20));
    m_sendButton->setFixedSize(40, 40);
    m_sendButton->setToolTip(tr("Send (Enter)"));
    m_sendButton->setAccessibleName(tr("Send"));
    m_sendButton->setAutoRaise(false);
    m_sendButton->setStyleSheet(
        QStringLiteral(
            "QToolButton { background: %1; border: none; border-radius: 20px; }"
            "QToolButton:hover { background: %2; } QToolButton:focus { border: 2px solid %3; }")
            .arg(accentColor().name(), accentColor().lighter(115).name(),
                 accentColor().darker(140).name()));
    connect(m_sendButton, &QToolButton::clicked, m_compose, &ComposeEdit::submit);
    connect(m_compose, &ComposeEdit::sendRequested, this, &ConversationView::send);
    connect(m_compose, &ComposeEdit::imagePasted, m_sender, &AttachmentSender::attachImage);
    connect(m_compose, &ComposeEdit::filesPasted, m_sender, &AttachmentSender::attach);
    connect(m_sender, &AttachmentSender::sent, this, [this] {
        m_atBottom = true;
        m_list->scrollToBottom();
    });
    connect(m_voice, &VoiceNoteComposer::sent, m_sender, &AttachmentSender::sent);
    connect(m_compose, &ComposeEdit::typing, this, [this](bool typing) {
        if (!m_key.isEmpty())
            m_profile.client().setTyping(m_key, typing);
    });
    m_counter->setObjectName(QStringLiteral("lengthCounter"));
    m_counter->setTextFormat(Qt::PlainText);
    m_counter->setVisible(false);
    connect(m_compose, &ComposeEdit::lengthChanged, this, &ConversationView::onLengthChanged);
    auto *composeBar = new QWidget(chat);
    composeBar->setAutoFillBackground(true);
    composeBar->setBackgroundRole(QPalette::AlternateBase);
    auto *composeLayout = new QHBoxLayout(composeBar);
    composeLayout->setContentsMargins(12, 8, 12, 8);
    composeLayout->setSpacing(8);
    composeLayout->addWidget(m_sender->attachButton(), 0, Qt::AlignBottom);
    auto *composeColumn = new QVBoxLayout;
    composeColumn->setSpacing(2);
    composeColumn->addWidget(m_compose);
    composeColumn->addWidget(m_counter, 0, Qt::AlignRight);
    composeLayout->addLayout(composeColumn, 1);
    composeLayout->addWidget(m_sendButton, 0, Qt::AlignBottom);
    composeLayout->addWidget(m_voice->micButton(), 0, Qt::AlignBottom);
    return m_voice->wrap(composeBar, m_compose, m_sendButton);
}

/** A verified contact's security code changed: messages wait until the user accepts it. */
void ConversationView::buildHeldBanner(QWidget *chat)
{
    m_heldBanner = new QWidget(chat);
    m_heldBanner->setObjectName(QStringLiteral("heldBanner"));
    m_heldBanner->setAutoFillBackground(true);
    m_heldBanner->setBackgroundRole(QPalette::AlternateBase);
    m_heldText = new QLabel(m_heldBanner);
    m_heldText->setTextFormat(Qt::PlainText);
    m_heldText->setWordWrap(true);
    auto *accept = new QPushButton(tr("Accept new security code"), m_heldBanner);
    accept->setObjectName(QStringLiteral("acceptSecurityCodeButton"));
    connect(accept, &QPushButton::clicked, this, [this] {
        if (!m_key.isEmpty())
            m_profile.client().acceptIdentityChange(m_key);
    });
    auto *heldLayout = new QHBoxLayout(m_heldBanner);
    heldLayout->setContentsMargins(14, 6, 14, 6);
    heldLayout->addWidget(m_heldText, 1);
    heldLayout->addWidget(accept);
    m_heldBanner->setVisible(false);
    connect(&m_profile.client(), &client::ChatClient::heldChanged, this,
            [this](const QString &peer) {
                if (peer == m_key)
                    updateHeldBanner();
            });
}

void ConversationView::connectHeaderUpdates()
{
    ConversationListModel &list = m_profile.conversations();
    connect(&list, &QAbstractItemModel::dataChanged, this, &ConversationView::updateHeader);
    connect(&list, &QAbstractItemModel::rowsInserted, this, &ConversationView::updateHeader);
    connect(&list, &QAbstractItemModel::modelReset, this, &ConversationView::updateHeader);
    connect(&m_profile.client(), &client::ChatClient::stateChanged, this,
            &ConversationView::updateHeader);
    connect(&m_profile.client(), &client::ChatClient::lanChanged, this,
            &ConversationView::updateHeader);
    connect(&m_profile.client().groups(), &client::GroupClient::groupChanged, this,
            [this](const QString &key) {
                if (key == m_key)
                    updateHeader();
            });
}

ConversationView::~ConversationView()
{
    saveDraft();
}

void ConversationView::saveDraft()
{
    m_draftTimer->stop();
    if (!m_key.isEmpty())
        m_profile.setDraft(m_key, m_compose->toPlainText());
}

void ConversationView::setConversation(const QString &key)
{
    if (key == m_key)
        return;
    if (!m_key.isEmpty()) {
        saveDraft();
        m_profile.client().setTyping(m_key, false);
    }
    m_key = key;
    m_replyBar->clear();
    m_sender->setChat(key, key);
    m_voice->setChat(key);
    m_playback->stop();
    m_delegate->setGroupConversation(client::isGroupKey(key));
    m_delegate->setOwnUsername(m_profile.client().username());
    m_model = key.isEmpty() ? nullptr : m_profile.messages(key);
    m_proxy->setSourceModel(m_model.data());
    m_compose->setDraft(key.isEmpty() ? QString() : m_profile.draft(key));
    m_findBar->setConversation(key);
    m_draftTimer->stop();
    m_pages->setCurrentIndex(key.isEmpty() ? 0 : 1);
    m_atBottom = true;
    updateHeader();
    updateHeldBanner();
    if (key.isEmpty())
        return;
    m_list->scrollToBottom();
    QTimer::singleShot(0, this, &ConversationView::fillViewport);
}

void ConversationView::updateHeldBanner()
{
    const bool held =
        !m_key.isEmpty() && !client::isGroupKey(m_key) && m_profile.client().isHeld(m_key);
    if (held)
        m_heldText->setText(tr("The security code of %1 changed. Your messages to them wait "
                               "until you accept the new one (compare it in Contact info).")
                                .arg(m_key));
    m_heldBanner->setVisible(held);
}

QString ConversationView::presenceLine() const
{
    return m_presence->text();
}

QString ConversationView::presenceText(bool online, bool typing, qint64 lastSeenMs,
                                       const QDateTime &now)
{
    if (typing)
        return tr("typing…");
    if (online)
        return tr("online");
    if (lastSeenMs <= 0)
        return {};
    const QDateTime seen = QDateTime::fromMSecsSinceEpoch(lastSeenMs).toLocalTime();
    const QLocale locale;
    const QString time = ChatListDelegate::shortTime(seen.time());
    const qint64 days = seen.date().daysTo(now.toLocalTime().date());
    if (days <= 0)
        return tr("last seen today at %1").arg(time);
    if (days == 1)
        return tr("last seen yesterday at %1").arg(time);
    return tr("last seen %1 at %2").arg(locale.toString(seen.date(), QLocale::ShortFormat), time);
}

void ConversationView::updateHeader()
{
    if (m_key.isEmpty())
        return;
    ConversationListModel &list = m_profile.conversations();
    const int row = list.rowOf(m_key);
    const QModelIndex idx = row >= 0 ? list.index(row) : QModelIndex();
    const QString title =
        idx.isValid() ? idx.data(ConversationListModel::TitleRole).toString() : m_key;
    const bool typing = idx.data(ConversationListModel::TypingRole).toBool();
    m_title->setText(title);
    m_sender->setChat(m_key, title);
    // Offline, what we last heard about the peer is stale: say nothing rather than guess.
    const bool connected = m_profile.client().state() == client::ConnectionState::Online;
    if (client::isGroupKey(m_key)) {
        const auto group = m_profile.client().groups().group(m_key);
        m_presence->setText(group ? GroupTexts::members(*group, m_profile.client().username())
                                  : QString());
        const QStringList typers = idx.data(ConversationListModel::TypingUsersRole).toStringList();
        m_typing->setText(typers.size() == 1
                              ? tr("%1 is typing…").arg(typers.constFirst())
                              : tr("%1 are typing…").arg(QLocale().createSeparatedList(typers)));
        m_typing->setVisible(connected && !typers.isEmpty());
        m_infoButton->setAccessibleName(tr("Group info"));
        m_infoButton->setToolTip(tr("Group info and members"));
    } else {
        // Offline but linked over LAN fallback (protocol.md 12): messages still reach them.
        const bool onLan = !connected && m_profile.client().lanPeers().contains(m_key);
        m_presence->setText(
            connected ? presenceText(idx.data(ConversationListModel::OnlineRole).toBool(), typing,
                                     idx.data(ConversationListModel::LastSeenRole).toLongLong(),
                                     QDateTime::currentDateTime())
                      : (onLan ? tr("on the local network") : QString()));
        m_typing->setText(tr("%1 is typing…").arg(title));
        m_typing->setVisible(typing);
        m_infoButton->setAccessibleName(tr("Contact info"));
        m_infoButton->setToolTip(tr("Contact info and security code"));
    }
    m_presence->setVisible(!m_presence->text().isEmpty());

    const qreal dpr = devicePixelRatioF();
    QPixmap avatar(QSize(kAvatarSize, kAvatarSize) * dpr);
    avatar.setDevicePixelRatio(dpr);
    avatar.fill(Qt::transparent);
    QPainter painter(&avatar);
    ChatListDelegate::paintAvatar(&painter, QRectF(0, 0, kAvatarSize, kAvatarSize), title,
                                  ConversationListModel::initialsOf(title));
    painter.end();
    m_avatar->setPixmap(avatar);
}

void ConversationView::send(const QString &text)
{
    if (m_key.isEmpty())
        return;
    // Own messages always bring the view to the bottom, wherever it was.
    m_atBottom = true;
    const auto replyTo = protocol::MessageId::fromHex(m_replyBar->messageId());
    if (replyTo)
        m_profile.client().sendReply(m_key, text, *replyTo);
    else
        m_profile.client().sendText(m_key, text);
    m_replyBar->clear();
    m_list->scrollToBottom();
}

void ConversationView::onLengthChanged(int length)
{
    // Counted where it is typed, with the limit every receiver applies.
    const bool tooLong = m_compose->isTooLong();
    m_counter->setVisible(length >= protocol::kMaxTextLength * 9 / 10);
    m_counter->setText(tr("%L1 / %L2").arg(length).arg(protocol::kMaxTextLength));
    m_counter->setToolTip(tooLong ? tr("Too long to send: shorten the message to %L1 "
                                       "characters or send it in parts")
                                        .arg(protocol::kMaxTextLength)
                                  : QString());
    m_counter->setAccessibleName(tooLong ? tr("Message too long") : tr("Message length"));
    QPalette palette = m_counter->palette();
    palette.setColor(QPalette::WindowText,
                     tooLong ? QColor(0xd0, 0x30, 0x30) : palette.color(QPalette::PlaceholderText));
    m_counter->setPalette(palette);
    m_sendButton->setEnabled(!tooLong);
    m_sendButton->setToolTip(tooLong ? tr("The message is too long to send") : tr("Send (Enter)"));
}

void ConversationView::onRangeChanged(int, int max)
{
    if (m_atBottom && !m_paging)
        m_list->verticalScrollBar()->setValue(max);
}

void ConversationView::fetchOlder()
{
    if (!m_model || m_paging || !m_model->canFetchMore({}))
        return;
    // Keep the message under the user's eyes where it is while rows appear above it.
    QScrollBar *bar = m_list->verticalScrollBar();
    const int fromBottom = bar->maximum() - bar->value();
    m_paging = true;
    m_model->fetchMore({});
    m_list->doItemsLayout();
    bar->setValue(bar->maximum() - fromBottom);
    m_paging = false;
}

void ConversationView::fillViewport()
{
    // Short pages leave no scroll bar to reach the top with: load until there is one.
    for (int i = 0; i < 20 && m_model && m_model->canFetchMore({}); ++i) {
        m_list->doItemsLayout();
        if (m_list->verticalScrollBar()->maximum() > 0)
            break;
        fetchOlder();
    }
    if (m_atBottom)
        m_list->scrollToBottom();
}

void ConversationView::showContactInfo()
{
    if (m_key.isEmpty())
        return;
    if (client::isGroupKey(m_key)) {
        GroupInfoDialog dialog(m_profile.client(), m_key, this);
        dialog.exec();
        return;
    }
    ContactInfoDialog dialog(m_profile.client(), m_key, this);
    dialog.exec();
}

} // namespace linnet::ui
