// SPDX-License-Identifier: GPL-3.0-or-later
#include "actions/ReplyBar.h"

#include "actions/QuotePainter.h"
#include "models/MessageModel.h"
#include "protocol/MessageContent.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QModelIndex>
#include <QToolButton>
#include <QVBoxLayout>

namespace linnet::ui {

using client::MessageModel;

ReplyBar::ReplyBar(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_text(new QLabel(this)),
      m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("replyBar"));
    setAccessibleName(tr("Reply"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_cancel->setText(QStringLiteral("✕"));
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Cancel the reply (Esc)"));
    m_cancel->setAccessibleName(tr("Cancel the reply"));
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT cancelled();
    });
    auto *texts = new QVBoxLayout;
    texts->setSpacing(0);
    texts->addWidget(m_title);
    texts->addWidget(m_text);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 6, 12, 0);
    layout->addLayout(texts, 1);
    layout->addWidget(m_cancel, 0, Qt::AlignTop);
    setVisible(false);
}

QVariantMap ReplyBar::quoteOf(const QModelIndex &index)
{
    const QVariantMap attachment = index.data(MessageModel::AttachmentRole).toMap();
    return {
        {QStringLiteral("id"), index.data(MessageModel::IdRole).toString()},
        {QStringLiteral("from"), index.data(MessageModel::SenderRole).toString()},
        {QStringLiteral("text"), protocol::quoteOf(index.data(MessageModel::TextRole).toString())},
        {QStringLiteral("kind"), attachment.value(QStringLiteral("kind")).toString()}};
}

void ReplyBar::start(const QVariantMap &quote)
{
    m_quote = quote;
    m_title->setText(tr("Reply to %1").arg(quote.value(QStringLiteral("from")).toString()));
    m_text->setText(
        m_text->fontMetrics().elidedText(QuotePainter::quotedText(quote), Qt::ElideRight, 600));
    setVisible(true);
}

void ReplyBar::cancelOnEscapeIn(QWidget *editor)
{
    editor->installEventFilter(this);
}

bool ReplyBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && isVisible() &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        clear();
        Q_EMIT cancelled();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ReplyBar::clear()
{
    m_quote.clear();
    setVisible(false);
}

} // namespace linnet::ui
