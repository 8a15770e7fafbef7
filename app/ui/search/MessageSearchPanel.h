// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QListView;
class QTimer;

namespace linnet::client {
class MessageSearchModel;
class Profile;
} // namespace linnet::client

namespace linnet::ui {

/**
 * The sidebar's message results (Ctrl+F): under the chats whose names match, the
 * messages of every chat that contain what is typed, newest first, with the words
 * around the match. Hidden while the search box holds no word. Choosing a result asks
 * for that message to be shown (messageChosen).
 */
class MessageSearchPanel : public QWidget {
    Q_OBJECT
public:
    explicit MessageSearchPanel(client::Profile &profile, QWidget *parent = nullptr);
    ~MessageSearchPanel() override;

    QListView *resultList() const { return m_list; }
    client::MessageSearchModel &model() const { return *m_model; }
    /** "3 messages", "No messages found": what the header says. */
    QString summary() const;

public Q_SLOTS:
    /** Searches @p text a moment after the last change (at once if @p now). */
    void setQuery(const QString &text, bool now = false);

Q_SIGNALS:
    /** The user chose the message @p id (hex) of @p conversation. */
    void messageChosen(const QString &conversation, const QString &id);

private:
    void search();
    void showCount(int hits, const QString &error);

    client::Profile &m_profile;
    std::unique_ptr<client::MessageSearchModel> m_model;
    QString m_pending;
    QTimer *m_delay;
    QLabel *m_header;
    QListView *m_list;
};

} // namespace linnet::ui
