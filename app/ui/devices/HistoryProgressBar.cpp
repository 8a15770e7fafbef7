// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryProgressBar.h"

#include "history/HistoryTransfer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace linnet::ui {

HistoryProgressBar::HistoryProgressBar(client::HistoryTransfer &history, QWidget *parent)
    : QFrame(parent), m_history(history), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_dismiss(new QToolButton(this))
{
    setObjectName(QStringLiteral("historyProgressBar"));
    setAccessibleName(tr("Chat history transfer"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_bar->setMaximumWidth(220);
    m_bar->setAccessibleName(tr("Chat history transfer progress"));
    m_dismiss->setObjectName(QStringLiteral("dismissHistory"));
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));
    connect(m_dismiss, &QToolButton::clicked, this, &QWidget::hide);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_dismiss);
    setVisible(false);

    connect(&m_history, &client::HistoryTransfer::progress, this, &HistoryProgressBar::onProgress);
    connect(&m_history, &client::HistoryTransfer::importProgress, this,
            &HistoryProgressBar::onImportProgress);
    connect(&m_history, &client::HistoryTransfer::imported, this, &HistoryProgressBar::onImported);
    connect(&m_history, &client::HistoryTransfer::failed, this, &HistoryProgressBar::onFailed);
}

QString HistoryProgressBar::text() const
{
    return m_label->text();
}

int HistoryProgressBar::percent() const
{
    if (m_bar->isHidden())
        return 100;
    return m_bar->maximum() == 0 ? -1 : m_bar->value();
}

void HistoryProgressBar::onProgress(const protocol::MessageId &message, quint64 done, quint64 total)
{
    const int percent = total > 0 ? int(std::min<quint64>(100, done * 100 / total)) : -1;
    if (m_history.isForThisDevice(message)) {
        show(tr("Receiving your chat history from your other device…"), percent, false);
    } else if (total > 0 && done >= total) {
        show(tr("Your chat history was sent to your new device. It appears there once it "
                "has arrived."),
             100, true);
    } else {
        show(tr("Sending your chat history to your new device…"), percent, false);
    }
}

void HistoryProgressBar::onImportProgress(int messages)
{
    show(tr("Adding your chat history: %n message(s) so far…", nullptr, messages), -1, false);
}

void HistoryProgressBar::onImported(int added, int total)
{
    Q_UNUSED(total)
    show(tr("Your chat history arrived: %n message(s) added.", nullptr, added), 100, true);
}

void HistoryProgressBar::onFailed(const QString &reason)
{
    show(tr("Your chat history could not be transferred: %1").arg(reason), 100, true);
}

void HistoryProgressBar::show(const QString &text, int percent, bool over)
{
    m_label->setText(text);
    m_bar->setVisible(!over);
    if (percent < 0) {
        m_bar->setRange(0, 0);
    } else {
        m_bar->setRange(0, 100);
        m_bar->setValue(percent);
    }
    m_dismiss->setVisible(over);
    setVisible(true);
}

} // namespace linnet::ui
