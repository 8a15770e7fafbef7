// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Theme.h"

#include <QString>

#include <memory>

class QSettings;

namespace linnet::ui {

/**
 * The desktop app's own preferences (look, language, notifications, where the
 * profile lives, whether this computer hosts the server), kept in QSettings.
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

    QString lastProfileDir() const;
    void setLastProfileDir(const QString &dir);

    /** This profile's account lives on a server this app starts (BundledServer). */
    bool hostServer() const;
    void setHostServer(bool host);
    /** host:port the bundled server listens on; 0.0.0.0 lets others on the network in. */
    QString serverListen() const;
    void setServerListen(const QString &listen);

    /** Writes pending changes to disk. */
    void sync();

    /** "system", "light", "dark" <-> ThemeMode; unknown names give @p fallback. */
    static QString themeName(ThemeMode mode);
    static ThemeMode themeFromName(const QString &name, ThemeMode fallback = ThemeMode::System);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace linnet::ui
