// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace linnet::client {
class Profile;
}

namespace linnet::ui {

class UiSettings;

/**
 * Account details, privacy (with LAN fallback), the account's devices (devices/DevicesPage),
 * notifications, media downloads, look and language.
 * Every change takes effect (and is saved) at once; the language after a restart.
 */
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(client::Profile &profile, UiSettings &settings, QWidget *parent = nullptr);

private:
    QWidget *accountTab();
    QWidget *privacyTab();
    QWidget *notificationsTab();
    QWidget *mediaTab();
    QWidget *appearanceTab();
    QWidget *languageTab();

    client::Profile &m_profile;
    UiSettings &m_settings;
    QComboBox *m_lastSeen = nullptr;
    QCheckBox *m_readReceipts = nullptr;
    QCheckBox *m_lan = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_notificationSound = nullptr;
    QSpinBox *m_autoDownload = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
};

} // namespace linnet::ui
