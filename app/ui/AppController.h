// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/BundledServer.h"
#include "lan/LanFallback.h"
#include "Theme.h"

#include <QIcon> // main.cpp sets the window icon through this header
#include <QObject>
#include <QPointer>

#include <memory>

namespace linnet::client {
class Profile;
} // namespace linnet::client

namespace linnet::ui {

class MainWindow;
class SettingsDialog;
class SetupWizard;
class Translations;
class TrayNotifier;
class UiSettings;

/**
 * The desktop app's composition root: builds the settings, the profile's
 * Profile, the optional bundled server and the tray icon, then shows the
 * set-up wizard or the chats. Every other class gets its parts from here.
 */
class AppController : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString profileDir;    ///< empty = <AppDataLocation>/profile
        QString settingsPath;  ///< empty = the platform's QSettings for the app
        QString serverBinary;  ///< linnet-server for "host a server"; empty = found nearby
        QString serverDataDir; ///< empty = BundledServer::defaultDataDir()
        QString serverListen;  ///< overrides UiSettings::serverListen() (tests: port 0)
        /** LAN fallback (tests: loopback); UiSettings::lanEnabled() off turns it off. */
        client::LanFallback::Options lan;
    };

    explicit AppController(QObject *parent = nullptr);
    explicit AppController(Options options, QObject *parent = nullptr);
    ~AppController() override;

    /** Applies language and theme, opens the profile, shows the wizard or the chats.
     *  False if the profile cannot be opened (the reason was shown). */
    bool start();

    client::Profile &profile() { return *m_profile; }
    UiSettings &settings() { return *m_settings; }
    client::BundledServer &bundledServer() { return *m_server; }
    MainWindow *mainWindow() const { return m_mainWindow.get(); }
    /** The open set-up or sign-in wizard, if any. */
    SetupWizard *wizard() const;
    SettingsDialog *settingsDialog() const;

    /** The connection banner's words for the bundled server's @p state (empty: none). */
    static QString serverNote(client::BundledServer::State state, const QString &reason);
    /** The theme to use: $LINNET_THEME (light, dark, system) wins over the setting. */
    static ThemeMode effectiveTheme(const UiSettings &settings);

    /** <AppDataLocation>/profile: the profile of a plain launch. */
    static QString defaultProfileDir();

public Q_SLOTS:
    /** Brings the app's window forward (the wizard while there is no account). */
    void activate();
    void showSettings();
    /** Signs in again (the wizard's login page) after the server refused the token. */
    void showLogin();

private:
    void showMainWindow();
    void startAccount();

    Options m_options;
    std::unique_ptr<UiSettings> m_settings;
    std::unique_ptr<Translations> m_translations;
    std::unique_ptr<client::Profile> m_profile;
    std::unique_ptr<client::BundledServer> m_server;
    std::unique_ptr<MainWindow> m_mainWindow;
    std::unique_ptr<TrayNotifier> m_tray;
    QPointer<SetupWizard> m_wizard;
    QPointer<SettingsDialog> m_settingsDialog;
    bool m_opened = false;
};

} // namespace linnet::ui
