// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/MessageSearchPanel.h"

#include "Profile.h"
#include "models/MessageSearchModel.h"
#include "search/SearchResultDelegate.h"

#include <QLabel>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

namespace linnet::ui {

using client::MessageSearchModel;

namespace {
/** Typing pauses shorter than this are one search. */
constexpr int kSearchDelayMs = 150;
} // namespace

MessageSearchPanel::MessageSearchPanel(client::Profile &profile, QWidget *parent)
    : QWidget(parent), m_profile(profile), m_model(profile.searchModel()),
      m_delay(new QTimer(this)), m_header(new QLabel(this)), m_list(new QListView(this))
{
    setObjectName(QStringLiteral("messageSearchPanel"));
    setAccessibleName(tr("Messages found"));
    QFont small = m_header->font();
    small.setBold(true);
    m_header->setFont(small);
    m_header->setForegroundRole(QPalette::PlaceholderText);
    m_header->setContentsMargins(12, 8, 12, 4);
    m_header->setTextFormat(Qt::PlainText);

    m_list->setObjectName(QStringLiteral("messageResults"));
    m_list->setAccessibleName(tr("Messages found"));
    m_list->setModel(m_model.get());
    m_list->setItemDelegate(new SearchResultDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setMouseTracking(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const auto choose = [this](const QModelIndex &index) {
        Q_EMIT messageChosen(index.data(MessageSearchModel::ConversationRole).toString(),
                             index.data(MessageSearchModel::IdRole).toString());
    };
    connect(m_list, &QListView::clicked, this, choose);
    connect(m_list, &QListView::activated, this, choose);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_list, 1);

    m_delay->setSingleShot(true);
    m_delay->setInterval(kSearchDelayMs);
    connect(m_delay, &QTimer::timeout, this, &MessageSearchPanel::search);
    connect(m_model.get(), &MessageSearchModel::searched, this, &MessageSearchPanel::showCount);
    // Messages that come in (or are sent) while the results are shown are found too.
    connect(&m_profile.client(), &client::ChatClient::messageAdded, this, [this] {
        if (isVisible())
            m_delay->start();
    });
    setVisible(false);
}

MessageSearchPanel::~MessageSearchPanel() = default;

void MessageSearchPanel::setQuery(const QString &text, bool now)
{
    m_pending = text;
    if (client::SearchStore::matchExpression(text).isEmpty()) {
        m_delay->stop();
        m_model->clear();
        setVisible(false);
        return;
    }
    if (now)
        search();
    else
        m_delay->start();
}

void MessageSearchPanel::search()
{
    m_delay->stop();
    m_model->setQuery(m_pending);
    setVisible(true);
}

void MessageSearchPanel::showCount(int hits, const QString &error)
{
    if (!error.isEmpty())
        m_header->setText(tr("Search failed: %1").arg(error));
    else if (hits == 0)
        m_header->setText(tr("No messages found"));
    else
        m_header->setText(tr("Messages (%1)").arg(hits));
    m_list->setVisible(hits > 0);
}

QString MessageSearchPanel::summary() const
{
    return m_header->text();
}

} // namespace linnet::ui
