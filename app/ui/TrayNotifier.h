// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QObject>
#include <QPointer>

#include <memory>

class QSystemTrayIcon;
class QWidget;

namespace linnet::client {
class Profile;
struct ChatMessage;
} // namespace linnet::client

namespace linnet::ui {

class FreedesktopNotifications;
class UiSettings;

/**
 * Where the tray state goes: the system tray icon in the app, a recorder in
 * tests (offscreen there is no tray host to look at).
 */
class TraySurface {
public:
    virtual ~TraySurface() = default;
    virtual void setIcon(const QIcon &icon) = 0;
    virtual void setToolTip(const QString &text) = 0;
    virtual void showMessage(const QString &title, const QString &text, const QIcon &icon) = 0;
};

/**
 * The tray icon and notifications: shows the unread count on Linnet's icon and a
 * notification for each incoming message while the main window is not in front (if
 * the user wants notifications, and the chat is not muted). On Linux notifications go
 * to the desktop's notification service (D-Bus), with or without a tray, so that they
 * also appear where there is no tray (stock GNOME); elsewhere, and where that service
 * is missing, to the tray icon. With neither it does nothing.
 */
class TrayNotifier : public QObject {
    Q_OBJECT
public:
    /** Uses the system tray and the session bus's notification service, if there. */
    TrayNotifier(client::Profile &profile, UiSettings &settings, QObject *parent = nullptr);
    /** Shows everything on @p surface instead (tests). */
    TrayNotifier(client::Profile &profile, UiSettings &settings,
                 std::unique_ptr<TraySurface> surface, QObject *parent = nullptr);
    /** Shows the icon on @p surface (may be null: no tray) and notifications through
     *  @p desktop (tests). */
    TrayNotifier(client::Profile &profile, UiSettings &settings,
                 std::unique_ptr<TraySurface> surface,
                 std::unique_ptr<FreedesktopNotifications> desktop, QObject *parent = nullptr);
    ~TrayNotifier() override;

    /** The window to compare against and to raise when the icon is clicked. */
    void setWindow(QWidget *window);
    bool isActive() const { return m_surface != nullptr || m_desktop != nullptr; }

    /** Linnet's icon with a badge showing @p unread (plain icon for 0). */
    static QIcon iconWithBadge(int unread);

private:
    void watch();
    void openFromNotification(const QString &conversation);
    void onMessage(const client::ChatMessage &message);
    void updateIcon(int unread);
    void raiseWindow();

    client::Profile &m_profile;
    UiSettings &m_settings;
    QSystemTrayIcon *m_tray = nullptr;                   ///< the real tray icon, when there is one
    std::unique_ptr<TraySurface> m_surface;              ///< null without a tray
    std::unique_ptr<FreedesktopNotifications> m_desktop; ///< null where there is none
    QPointer<QWidget> m_window;
    QString m_lastNotified; ///< conversation of the last notification, opened on click
};

} // namespace linnet::ui
