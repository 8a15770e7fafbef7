// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QMenu;
class QWidget;

namespace linnet::client {
class Profile;
}

namespace linnet::ui {

/**
 * The context menu of a chat in the list: pin, mute (8 hours, a week, always) or
 * unmute, archive or unarchive, mark unread, clear history and, for a one-to-one chat,
 * delete. Clearing and deleting ask first. Everything goes through the Profile; the
 * list's row follows.
 */
class ChatListMenu : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kEightHoursMs = 8LL * 3600 * 1000;
    static constexpr qint64 kOneWeekMs = 7LL * 24 * 3600 * 1000;

    ChatListMenu(client::Profile &profile, QWidget *window);

    /** Fills @p menu with the actions for the chat @p key. */
    void populate(QMenu *menu, const QString &key);

    /** Asks, then clears the history of @p key. */
    void confirmClearHistory(const QString &key);

Q_SIGNALS:
    /** "Delete chat…" was chosen (MainWindow asks and deletes). */
    void deleteRequested(const QString &key);
    /** "Archive" / "Unarchive" was chosen (MainWindow keeps the open chat open). */
    void archiveRequested(const QString &key, bool archived);

private:
    client::Profile &m_profile;
    QWidget *m_window;
};

} // namespace linnet::ui
