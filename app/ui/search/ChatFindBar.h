// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/MessageId.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace linnet::client {
class MessageSearchModel;
class Profile;
} // namespace linnet::client

namespace linnet::ui {

/**
 * Searching within the open chat (Ctrl+Shift+F or the header's search button): a bar
 * above the messages with the words to find, "2 of 7", older and newer. It starts at
 * the newest match; Enter goes to the next older one, Shift+Enter to the next newer
 * one, Escape closes the bar. Each match it lands on is asked for (messageFound).
 */
class ChatFindBar : public QWidget {
    Q_OBJECT
public:
    explicit ChatFindBar(client::Profile &profile, QWidget *parent = nullptr);
    ~ChatFindBar() override;

    /** The chat to search in; closes the bar when it changes. */
    void setConversation(const QString &key);
    QLineEdit *searchEdit() const { return m_edit; }
    QToolButton *olderButton() const { return m_older; }
    QToolButton *newerButton() const { return m_newer; }
    /** "2 of 7", "No results" or empty. */
    QString position() const;
    /** A search button for the chat's header that opens this bar. */
    QToolButton *createOpenButton(QWidget *parent);
    /** The match shown now: 0 is the newest; -1 if none. */
    int current() const { return m_current; }

public Q_SLOTS:
    /** Shows the bar and puts the cursor into it. */
    void open();
    void close();
    void older();
    void newer();

Q_SIGNALS:
    /** Show @p id: the match the user moved to. */
    void messageFound(const linnet::protocol::MessageId &id);
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();
    void moveTo(int index);

    client::Profile &m_profile;
    std::unique_ptr<client::MessageSearchModel> m_model;
    QString m_key;
    int m_current = -1;
    QTimer *m_delay;
    QLineEdit *m_edit;
    QLabel *m_count;
    QToolButton *m_older;
    QToolButton *m_newer;
    QToolButton *m_close;
};

} // namespace linnet::ui
