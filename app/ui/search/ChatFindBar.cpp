// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/ChatFindBar.h"

#include "Profile.h"
#include "models/MessageSearchModel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace linnet::ui {

using client::MessageSearchModel;

namespace {
constexpr int kSearchDelayMs = 150;
/** Every match of one chat that the bar can step through. */
constexpr int kMaxMatches = 1000;

QToolButton *barButton(QStyle::StandardPixmap icon, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setAutoRaise(true);
    b->setToolTip(tip);
    b->setAccessibleName(tip);
    return b;
}
} // namespace

ChatFindBar::ChatFindBar(client::Profile &profile, QWidget *parent)
    : QWidget(parent), m_profile(profile), m_model(profile.searchModel()),
      m_delay(new QTimer(this)), m_edit(new QLineEdit(this)), m_count(new QLabel(this)),
      m_older(barButton(QStyle::SP_ArrowUp, tr("Older match (Enter)"), this)),
      m_newer(barButton(QStyle::SP_ArrowDown, tr("Newer match (Shift+Enter)"), this)),
      m_close(barButton(QStyle::SP_TitleBarCloseButton, tr("Close search (Escape)"), this))
{
    setObjectName(QStringLiteral("chatFindBar"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_edit->setObjectName(QStringLiteral("chatFindEdit"));
    m_edit->setPlaceholderText(tr("Search in this chat"));
    m_edit->setAccessibleName(tr("Search in this chat"));
    m_edit->setClearButtonEnabled(true);
    m_edit->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    m_edit->installEventFilter(this);
    m_count->setTextFormat(Qt::PlainText);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    m_count->setAccessibleName(tr("Matches"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 4, 8, 4);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_older);
    layout->addWidget(m_newer);
    layout->addWidget(m_close);

    m_delay->setSingleShot(true);
    m_delay->setInterval(kSearchDelayMs);
    connect(m_delay, &QTimer::timeout, this, &ChatFindBar::search);
    connect(m_edit, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_older, &QToolButton::clicked, this, &ChatFindBar::older);
    connect(m_newer, &QToolButton::clicked, this, &ChatFindBar::newer);
    connect(m_close, &QToolButton::clicked, this, &ChatFindBar::close);
    moveTo(-1);
    setVisible(false);
}

ChatFindBar::~ChatFindBar() = default;

void ChatFindBar::setConversation(const QString &key)
{
    if (key == m_key)
        return;
    m_key = key;
    close();
}

void ChatFindBar::open()
{
    if (m_key.isEmpty())
        return;
    setVisible(true);
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void ChatFindBar::close()
{
    const bool wasOpen = isVisible();
    m_edit->clear();
    m_delay->stop();
    m_model->clear();
    moveTo(-1);
    setVisible(false);
    if (wasOpen)
        Q_EMIT closed();
}

void ChatFindBar::search()
{
    m_delay->stop();
    if (m_key.isEmpty() || client::SearchStore::matchExpression(m_edit->text()).isEmpty()) {
        m_model->clear();
        moveTo(-1);
        return;
    }
    m_model->setQuery(m_edit->text(), m_key, kMaxMatches);
    moveTo(m_model->rowCount() > 0 ? 0 : -1);
}

void ChatFindBar::older()
{
    if (m_delay->isActive())
        search(); // Enter right after typing: search what is typed first
    else if (m_current + 1 < m_model->rowCount())
        moveTo(m_current + 1);
}

void ChatFindBar::newer()
{
    if (m_delay->isActive())
        search();
    else if (m_current > 0)
        moveTo(m_current - 1);
}

void ChatFindBar::moveTo(int index)
{
    const int total = m_model->rowCount();
    m_current = index;
    const bool searched = !m_model->query().isEmpty();
    m_count->setText(index >= 0 ? tr("%1 of %2").arg(index + 1).arg(total)
                                : (searched ? tr("No results") : QString()));
    m_older->setEnabled(index >= 0 && index + 1 < total);
    m_newer->setEnabled(index > 0);
    if (index >= 0)
        Q_EMIT messageFound(m_model->hitAt(index).id);
}

QToolButton *ChatFindBar::createOpenButton(QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(QStringLiteral("chatSearchButton"));
    b->setIcon(QIcon(QStringLiteral(":/icons/search.svg")));
    b->setIconSize(QSize(20, 20));
    b->setAutoRaise(true);
    b->setToolTip(tr("Search in this chat (Ctrl+Shift+F)"));
    b->setAccessibleName(tr("Search in this chat"));
    connect(b, &QToolButton::clicked, this, &ChatFindBar::open);
    return b;
}

QString ChatFindBar::position() const
{
    return m_count->text();
}

bool ChatFindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            close();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                newer();
            else
                older();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace linnet::ui
