// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Theme.h"

#include <QString>

#include <memory>

class QSettings;

namespace linnet::ui {

/**
 * The desktop app's own preferences (look, language, notifications, how large an
 * image may be to download by itself, where the profile lives, whether this
 * computer hosts the server), kept in QSettings.
 * Account and privacy settings belong to the profile and live in the engine.
 * Constructed once by AppController and passed by reference; no singleton.
 */
class UiSettings {
public:
    /** @p filePath empty = the platform's usual place for this application. */
    explicit UiSettings(const QString &filePath = {});
    ~UiSettings();
    UiSettings(const UiSettings &) = delete;
    UiSettings &operator=(const UiSettings &) = delete;

    ThemeMode theme() const;
    void setTheme(ThemeMode mode);

    /** "" follows the system language; otherwise "en", "de", "es"... */
    QString language() const;
    void setLanguage(const QString &language);

    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    /** Whether a notification asks the desktop for its message sound (default on). */
    bool notificationSound() const;
    void setNotificationSound(bool on);

    /** Images up to this many megabytes (10^6 bytes) download without a click; 0: never.
     *  Default 16. Applied with ChatClient::media().setAutoDownloadLimit(). */
    int autoDownloadMegabytes() const;
    void setAutoDownloadMegabytes(int megabytes);
    /** autoDownloadMegabytes() in bytes, as MediaClient takes it. */
    static qint64 megabytesToBytes(int megabytes) { return qint64(megabytes) * 1000 * 1000; }
    static constexpr int kDefaultAutoDownloadMegabytes = 16;
    static constexpr int kMaxAutoDownloadMegabytes = 2048;

    QString lastProfileDir() const;
    void setLastProfileDir(const QString &dir);

    /** This profile's account lives on a server this app starts (BundledServer). */
    bool hostServer() const;
    void setHostServer(bool host);
    /** host:port the bundled server listens on; 0.0.0.0 lets others on the network in. */
    QString serverListen() const;
    void setServerListen(const QString &listen);

    /** Chats go on over the local network while the server cannot be reached
     *  (protocol.md 12). Default on. Applied with ChatClient::setLanEnabled(). */
    bool lanEnabled() const;
    void setLanEnabled(bool enabled);

    /** Writes pending changes to disk. */
    void sync();

    /** "system", "light", "dark" <-> ThemeMode; unknown names give @p fallback. */
    static QString themeName(ThemeMode mode);
    static ThemeMode themeFromName(const QString &name, ThemeMode fallback = ThemeMode::System);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace linnet::ui
