// SPDX-License-Identifier: GPL-3.0-or-later
#include "UiSettings.h"

#include <QSettings>

#include <algorithm>

namespace linnet::ui {

namespace {
const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kNotifications = QStringLiteral("notifications/enabled");
const QString kNotificationSound = QStringLiteral("notifications/sound");
const QString kAutoDownload = QStringLiteral("media/auto_download_mb");
const QString kProfileDir = QStringLiteral("profile/last_dir");
const QString kHostServer = QStringLiteral("server/host");
const QString kServerListen = QStringLiteral("server/listen");
const QString kLan = QStringLiteral("network/lan");
} // namespace

UiSettings::UiSettings(const QString &filePath)
    : m_settings(filePath.isEmpty() ? std::make_unique<QSettings>()
                                    : std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
}

UiSettings::~UiSettings() = default;

ThemeMode UiSettings::theme() const
{
    return themeFromName(m_settings->value(kTheme).toString());
}

void UiSettings::setTheme(ThemeMode mode)
{
    m_settings->setValue(kTheme, themeName(mode));
}

QString UiSettings::language() const
{
    return m_settings->value(kLanguage).toString();
}

void UiSettings::setLanguage(const QString &language)
{
    m_settings->setValue(kLanguage, language);
}

bool UiSettings::notificationsEnabled() const
{
    return m_settings->value(kNotifications, true).toBool();
}

void UiSettings::setNotificationsEnabled(bool enabled)
{
    m_settings->setValue(kNotifications, enabled);
}

bool UiSettings::notificationSound() const
{
    return m_settings->value(kNotificationSound, true).toBool();
}

void UiSettings::setNotificationSound(bool on)
{
    m_settings->setValue(kNotificationSound, on);
}

int UiSettings::autoDownloadMegabytes() const
{
    bool ok = false;
    const int mb = m_settings->value(kAutoDownload, kDefaultAutoDownloadMegabytes).toInt(&ok);
    // A hand-edited value out of range falls back rather than fetching everything.
    return ok && mb >= 0 && mb <= kMaxAutoDownloadMegabytes ? mb : kDefaultAutoDownloadMegabytes;
}

void UiSettings::setAutoDownloadMegabytes(int megabytes)
{
    m_settings->setValue(kAutoDownload, std::clamp(megabytes, 0, int(kMaxAutoDownloadMegabytes)));
}

bool UiSettings::lanEnabled() const
{
    return m_settings->value(kLan, true).toBool();
}

void UiSettings::setLanEnabled(bool enabled)
{
    m_settings->setValue(kLan, enabled);
}

QString UiSettings::lastProfileDir() const
{
    return m_settings->value(kProfileDir).toString();
}

void UiSettings::setLastProfileDir(const QString &dir)
{
    m_settings->setValue(kProfileDir, dir);
}

bool UiSettings::hostServer() const
{
    return m_settings->value(kHostServer, false).toBool();
}

void UiSettings::setHostServer(bool host)
{
    m_settings->setValue(kHostServer, host);
}

QString UiSettings::serverListen() const
{
    return m_settings->value(kServerListen, QStringLiteral("0.0.0.0:7480")).toString();
}

void UiSettings::setServerListen(const QString &listen)
{
    m_settings->setValue(kServerListen, listen);
}

void UiSettings::sync()
{
    m_settings->sync();
}

QString UiSettings::themeName(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::Light:
        return QStringLiteral("light");
    case ThemeMode::Dark:
        return QStringLiteral("dark");
    case ThemeMode::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeMode UiSettings::themeFromName(const QString &name, ThemeMode fallback)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("light"))
        return ThemeMode::Light;
    if (n == QLatin1String("dark"))
        return ThemeMode::Dark;
    if (n == QLatin1String("system"))
        return ThemeMode::System;
    return fallback;
}

} // namespace linnet::ui
