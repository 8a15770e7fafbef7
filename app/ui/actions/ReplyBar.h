// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QVariantMap>
#include <QWidget>

class QLabel;
class QModelIndex;
class QToolButton;

namespace linnet::ui {

/**
 * The strip above the compose box while the user writes a reply: "Reply to NAME", the
 * first line of the message answered and a button (or Escape in the compose box) that
 * cancels it. Hidden when no reply is being written.
 */
class ReplyBar : public QWidget {
    Q_OBJECT
public:
    explicit ReplyBar(QWidget *parent = nullptr);

    /** The quote of the message at @p index (a MessageModel row) as ReplyRole's map. */
    static QVariantMap quoteOf(const QModelIndex &index);
    /** Starts a reply to @p quote (ReplyRole's map: id, from, text, kind); shows the bar. */
    void start(const QVariantMap &quote);
    /** Ends it (sent, cancelled, another chat); hides the bar. */
    void clear();
    /** Escape in @p editor (the compose box) cancels a reply being written. */
    void cancelOnEscapeIn(QWidget *editor);
    /** The id (hex) of the message answered; empty when no reply is being written. */
    QString messageId() const { return m_quote.value(QStringLiteral("id")).toString(); }

    QLabel *titleLabel() const { return m_title; }
    QLabel *textLabel() const { return m_text; }
    QToolButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    /** The user cancelled the reply (button, Escape). */
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QVariantMap m_quote;
    QLabel *m_title;
    QLabel *m_text;
    QToolButton *m_cancel;
};

} // namespace linnet::ui
