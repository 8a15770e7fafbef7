// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace linnet::client {
class ChatSession;
struct ChatMessage;
} // namespace linnet::client

namespace linnet::ui {

class UiSettings;

/**
 * The tray icon: shows the unread count on Linnet's icon and a notification
 * for each incoming message while the main window is not in front (if the
 * user wants notifications). Without a system tray it does nothing.
 */
class TrayNotifier : public QObject {
    Q_OBJECT
public:
    TrayNotifier(client::ChatSession &session, UiSettings &settings, QObject *parent = nullptr);
    ~TrayNotifier() override;

    /** The window to compare against and to raise when the icon is clicked. */
    void setWindow(QWidget *window);
    bool isActive() const { return m_tray != nullptr; }

    /** Linnet's icon with a badge showing @p unread (plain icon for 0). */
    static QIcon iconWithBadge(int unread);

private:
    void onMessage(const client::ChatMessage &message);
    void updateIcon(int unread);
    void raiseWindow();

    client::ChatSession &m_session;
    UiSettings &m_settings;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<QWidget> m_window;
    QString m_lastNotified; ///< conversation of the last notification, opened on click
};

} // namespace linnet::ui
