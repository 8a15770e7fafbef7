// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "Profile.h"
#include "media/MediaClient.h"
#include "store/LocalStore.h"
#include "Theme.h"
#include "Translations.h"
#include "UiSettings.h"
#include "devices/DevicesPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>

#include <QVBoxLayout>

#include <algorithm>

namespace linnet::ui {

namespace {

/** The engine keeps the chosen visibility under this key (it has no getter yet). */
const QString kLastSeenKey = QStringLiteral("privacy/last_seen");

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(client::Profile &profile, UiSettings &settings, QWidget *parent)
    : QDialog(parent), m_profile(profile), m_settings(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    // Every tab's name whole in every language ("Benachrichtigungen"): the dialog grows
    // to fit them instead of eliding them to "Spr…".
    tabs->setElideMode(Qt::ElideNone);
    tabs->setUsesScrollButtons(false);
    tabs->addTab(accountTab(), tr("Account"));
    tabs->addTab(privacyTab(), tr("Privacy"));
    tabs->addTab(new DevicesPage(m_profile.client(), this), tr("Devices"));
    tabs->addTab(notificationsTab(), tr("Notifications"));
    tabs->addTab(mediaTab(), tr("Media"));
    tabs->addTab(appearanceTab(), tr("Appearance"));
    tabs->addTab(languageTab(), tr("Language"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    connect(this, &QDialog::finished, this, [this] { m_settings.sync(); });
    const int tabsWidth =
        tabs->tabBar()->sizeHint().width() + 2 * layout->contentsMargins().left() + 8;
    setMinimumWidth(std::max(480, tabsWidth));
    resize(std::max(480, tabsWidth), 320);
}

QWidget *SettingsDialog::accountTab()
{
    auto *page = new QWidget(this);
    auto &client = m_profile.client();
    auto *username = new QLineEdit(client.username(), page);
    username->setObjectName(QStringLiteral("accountUsername"));
    username->setReadOnly(true);
    auto *server = new QLineEdit(client.serverUrl().toString(), page);
    server->setObjectName(QStringLiteral("accountServer"));
    server->setReadOnly(true);
    auto *form = new QFormLayout(page);
    auto *userLabel = new QLabel(tr("&Username:"), page);
    userLabel->setBuddy(username);
    auto *serverLabel = new QLabel(tr("&Server:"), page);
    serverLabel->setBuddy(server);
    form->addRow(userLabel, username);
    form->addRow(serverLabel, server);
    return page;
}

QWidget *SettingsDialog::privacyTab()
{
    auto *page = new QWidget(this);
    m_lastSeen = new QComboBox(page);
    m_lastSeen->setObjectName(QStringLiteral("lastSeenCombo"));
    m_lastSeen->addItem(tr("Everyone"), int(protocol::LastSeenVisibility::Everyone));
    m_lastSeen->addItem(tr("My contacts"), int(protocol::LastSeenVisibility::Contacts));
    m_lastSeen->addItem(tr("Nobody"), int(protocol::LastSeenVisibility::Nobody));
    const int current = m_profile.store().setting(kLastSeenKey, QStringLiteral("0")).toInt();
    m_lastSeen->setCurrentIndex(qMax(0, m_lastSeen->findData(current)));
    connect(m_lastSeen, &QComboBox::currentIndexChanged, this, [this] {
        m_profile.client().setLastSeenVisibility(
            static_cast<protocol::LastSeenVisibility>(m_lastSeen->currentData().toInt()));
    });

    m_readReceipts = new QCheckBox(tr("Send &read receipts"), page);
    m_readReceipts->setObjectName(QStringLiteral("readReceipts"));
    m_readReceipts->setChecked(m_profile.client().sendReadReceipts());
    connect(m_readReceipts, &QCheckBox::toggled, this,
            [this](bool on) { m_profile.client().setSendReadReceipts(on); });

    auto *form = new QFormLayout(page);
    auto *lastSeenLabel = new QLabel(tr("Who can see when I was &last online:"), page);
    lastSeenLabel->setBuddy(m_lastSeen);
    form->addRow(lastSeenLabel, m_lastSeen);
    form->addRow(m_readReceipts);
    form->addRow(note(tr("Without read receipts, others do not see when you have read their "
                         "messages."),
                      page));

    m_lan = new QCheckBox(tr("Local &network"), page);
    m_lan->setObjectName(QStringLiteral("lanFallback"));
    m_lan->setChecked(m_settings.lanEnabled());
    connect(m_lan, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.setLanEnabled(on);
        m_profile.client().setLanEnabled(on);
    });
    form->addRow(m_lan);
    form->addRow(note(tr("Keep chatting with contacts on this network when the server cannot be "
                         "reached."),
                      page));
    return page;
}

QWidget *SettingsDialog::notificationsTab()
{
    auto *page = new QWidget(this);
    m_notifications = new QCheckBox(tr("Show a &notification for new messages"), page);
    m_notifications->setObjectName(QStringLiteral("notifications"));
    m_notifications->setChecked(m_settings.notificationsEnabled());
    m_notificationSound = new QCheckBox(tr("Play a &sound with each notification"), page);
    m_notificationSound->setObjectName(QStringLiteral("notificationSound"));
    m_notificationSound->setChecked(m_settings.notificationSound());
    m_notificationSound->setEnabled(m_settings.notificationsEnabled());
    connect(m_notifications, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.setNotificationsEnabled(on);
        m_notificationSound->setEnabled(on);
    });
    connect(m_notificationSound, &QCheckBox::toggled, this,
            [this](bool on) { m_settings.setNotificationSound(on); });
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_notifications);
    layout->addWidget(m_notificationSound);
    layout->addWidget(
        note(tr("Notifications appear while the Linnet window is not in front."), page));
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::mediaTab()
{
    auto *page = new QWidget(this);
    m_autoDownload = new QSpinBox(page);
    m_autoDownload->setObjectName(QStringLiteral("autoDownloadLimit"));
    m_autoDownload->setRange(0, UiSettings::kMaxAutoDownloadMegabytes);
    m_autoDownload->setSuffix(tr(" MB"));
    m_autoDownload->setSpecialValueText(tr("Never"));
    m_autoDownload->setValue(m_settings.autoDownloadMegabytes());
    m_autoDownload->setAccessibleName(tr("Download images automatically up to"));
    connect(m_autoDownload, &QSpinBox::valueChanged, this, [this](int megabytes) {
        m_settings.setAutoDownloadMegabytes(megabytes);
        m_profile.client().media().setAutoDownloadLimit(
            UiSettings::megabytesToBytes(m_settings.autoDownloadMegabytes()));
    });
    auto *form = new QFormLayout(page);
    auto *label = new QLabel(tr("Download &images automatically up to:"), page);
    label->setBuddy(m_autoDownload);
    form->addRow(label, m_autoDownload);
    form->addRow(
        note(tr("Larger images, videos and other files wait until you click Download."), page));
    return page;
}

QWidget *SettingsDialog::appearanceTab()
{
    auto *page = new QWidget(this);
    m_theme = new QComboBox(page);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("Same as the system"), int(ThemeMode::System));
    m_theme->addItem(tr("Light"), int(ThemeMode::Light));
    m_theme->addItem(tr("Dark"), int(ThemeMode::Dark));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(int(m_settings.theme()))));
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = static_cast<ThemeMode>(m_theme->currentData().toInt());
        m_settings.setTheme(mode);
        applyTheme(*qApp, mode);
    });
    auto *form = new QFormLayout(page);
    auto *label = new QLabel(tr("&Theme:"), page);
    label->setBuddy(m_theme);
    form->addRow(label, m_theme);
    return page;
}

QWidget *SettingsDialog::languageTab()
{
    auto *page = new QWidget(this);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    for (const auto &language : Translations::available())
        m_language->addItem(language.nativeName, language.code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_settings.language())));
    auto *restartNote = note(tr("The new language is used after restarting Linnet."), page);
    restartNote->setObjectName(QStringLiteral("restartNote"));
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { m_settings.setLanguage(m_language->currentData().toString()); });
    auto *form = new QFormLayout(page);
    auto *label = new QLabel(tr("&Language:"), page);
    label->setBuddy(m_language);
    form->addRow(label, m_language);
    form->addRow(restartNote);
    return page;
}

} // namespace linnet::ui
