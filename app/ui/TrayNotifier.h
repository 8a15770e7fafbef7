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
 * The tray icon: shows the unread count on Linnet's icon and a notification
 * for each incoming message while the main window is not in front (if the
 * user wants notifications). Without a system tray it does nothing.
 */
class TrayNotifier : public QObject {
    Q_OBJECT
public:
    /** Uses the system tray if there is one (else does nothing). */
    TrayNotifier(client::Profile &profile, UiSettings &settings, QObject *parent = nullptr);
    /** Shows everything on @p surface instead (tests). */
    TrayNotifier(client::Profile &profile, UiSettings &settings,
                 std::unique_ptr<TraySurface> surface, QObject *parent = nullptr);
    ~TrayNotifier() override;

    /** The window to compare against and to raise when the icon is clicked. */
    void setWindow(QWidget *window);
    bool isActive() const { return m_surface != nullptr; }

    /** Linnet's icon with a badge showing @p unread (plain icon for 0). */
    static QIcon iconWithBadge(int unread);

private:
    void watch();
    void onMessage(const client::ChatMessage &message);
    void updateIcon(int unread);
    void raiseWindow();

    client::Profile &m_profile;
    UiSettings &m_settings;
    QSystemTrayIcon *m_tray = nullptr; ///< the real tray icon, when there is one
    std::unique_ptr<TraySurface> m_surface;
    QPointer<QWidget> m_window;
    QString m_lastNotified; ///< conversation of the last notification, opened on click
};

} // namespace linnet::ui
