// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppController.h"

#include "host/BundledServer.h"
#include "Profile.h"
#include "ConnectionBanner.h"
#include "e2e/KeychainSecretStore.h"
#include "MainWindow.h"
#include "media/MediaClient.h"
#include "SettingsDialog.h"
#include "SetupWizard.h"
#include "Translations.h"
#include "TrayNotifier.h"
#include "UiSettings.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

// Resources compiled into the static Linnet::Ui library are not registered on their own.
static void initUiResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace linnet::ui {

AppController::AppController(QObject *parent) : AppController(Options{}, parent) {}

AppController::AppController(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)),
      m_settings(std::make_unique<UiSettings>(m_options.settingsPath)),
      m_translations(std::make_unique<Translations>())
{
    initUiResources();
    if (m_options.profileDir.isEmpty())
        m_options.profileDir = defaultProfileDir();
    // Device token, identity key and local state key live in the OS keychain,
    // one set of entries per profile directory.
    auto secrets = std::make_unique<client::KeychainSecretStore>(
        QStringLiteral("Linnet"),
        client::KeychainSecretStore::accountPrefixForProfile(m_options.profileDir));
    client::ChatClient::Options chatOptions;
    chatOptions.lan = m_options.lan;
    chatOptions.lan.enabled = m_options.lan.enabled && m_settings->lanEnabled();
    m_profile =
        std::make_unique<client::Profile>(m_options.profileDir, std::move(secrets), chatOptions);
    client::BundledServer::Options serverOptions;
    serverOptions.binary = m_options.serverBinary;
    serverOptions.dataDir = m_options.serverDataDir;
    serverOptions.listen =
        m_options.serverListen.isEmpty() ? m_settings->serverListen() : m_options.serverListen;
    m_server = std::make_unique<client::BundledServer>(serverOptions);
}

AppController::~AppController()
{
    // Windows refer to the profile: close them before it goes.
    delete m_wizard.data();
    delete m_settingsDialog.data();
    m_tray.reset();
    m_mainWindow.reset();
    if (m_opened)
        m_profile->client().stop();
    m_server->stop();
    m_settings->sync();
}

QString AppController::defaultProfileDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/profile");
}

void AppController::activate()
{
    QWidget *window = m_wizard ? static_cast<QWidget *>(m_wizard.data()) : m_mainWindow.get();
    if (!window)
        return;
    window->showNormal();
    window->raise();
    window->activateWindow();
}

SetupWizard *AppController::wizard() const
{
    return m_wizard.data();
}

SettingsDialog *AppController::settingsDialog() const
{
    return m_settingsDialog.data();
}

ThemeMode AppController::effectiveTheme(const UiSettings &settings)
{
    return UiSettings::themeFromName(qEnvironmentVariable("LINNET_THEME"), settings.theme());
}

bool AppController::start()
{
    m_translations->load(m_settings->language());
    applyTheme(*qApp, effectiveTheme(*m_settings));

    const auto opened = m_profile->open();
    if (!opened) {
        QMessageBox::critical(
            nullptr, tr("Linnet"),
            tr("Your profile could not be opened: %1").arg(opened.error().reason));
        return false;
    }
    m_opened = true;
    m_settings->setLastProfileDir(m_options.profileDir);
    m_profile->client().media().setAutoDownloadLimit(
        UiSettings::megabytesToBytes(m_settings->autoDownloadMegabytes()));

    if (m_profile->client().hasAccount()) {
        startAccount();
        showMainWindow();
        return true;
    }

    m_wizard =
        new SetupWizard(m_profile->client(), *m_server, *m_settings, SetupWizard::Mode::Setup);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &SetupWizard::accountReady, this, [this] {
        // Registering or logging in left the engine connected (and reconnecting): no start().
        m_settings->sync();
        showMainWindow();
    });
    connect(m_wizard, &QDialog::rejected, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    m_wizard->show();
    return true;
}

void AppController::startAccount()
{
    auto &client = m_profile->client();
    if (!m_settings->hostServer() || m_server->isRunning()) {
        client.start();
        return;
    }
    // Connect once our own server is up (or has failed: the banner then says offline).
    auto *guard = new QObject(this);
    auto go = [this, guard] {
        guard->deleteLater();
        m_profile->client().start();
    };
    connect(m_server.get(), &client::BundledServer::started, guard, go);
    connect(m_server.get(), &client::BundledServer::failed, guard, go);
    m_server->start();
}

void AppController::showMainWindow()
{
    if (!m_mainWindow) {
        m_mainWindow = std::make_unique<MainWindow>(*m_profile);
        connect(m_mainWindow.get(), &MainWindow::settingsRequested, this,
                &AppController::showSettings);
        connect(m_mainWindow.get(), &MainWindow::loginRequested, this, &AppController::showLogin);
        m_tray = std::make_unique<TrayNotifier>(*m_profile, *m_settings);
        m_tray->setWindow(m_mainWindow.get());
        // The server on this computer died: say so (and that it comes back) instead of
        // the generic offline text.
        ConnectionBanner *banner = m_mainWindow->connectionBanner();
        connect(m_server.get(), &client::BundledServer::stateChanged, banner,
                [this, banner](client::BundledServer::State state, const QString &reason) {
                    banner->setServerNote(serverNote(state, reason));
                });
        banner->setServerNote(serverNote(m_server->state(), m_server->lastError()));
    }
    m_mainWindow->show();
    m_mainWindow->raise();
    m_mainWindow->activateWindow();
}

QString AppController::serverNote(client::BundledServer::State state, const QString &reason)
{
    switch (state) {
    case client::BundledServer::State::Restarting:
        return tr("The server on this computer stopped (%1). Starting it again…").arg(reason);
    case client::BundledServer::State::Starting:
        return tr("Starting the server on this computer…");
    case client::BundledServer::State::Running:
    case client::BundledServer::State::Stopped:
        break;
    }
    return {};
}

void AppController::showSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(*m_profile, *m_settings, m_mainWindow.get());
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void AppController::showLogin()
{
    if (m_wizard) {
        m_wizard->raise();
        return;
    }
    m_profile->client().stop();
    m_wizard = new SetupWizard(m_profile->client(), *m_server, *m_settings,
                               SetupWizard::Mode::Login, m_mainWindow.get());
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    // Logging in leaves the engine connected; giving up goes back to retrying the old token.
    connect(m_wizard, &QDialog::rejected, this, [this] { m_profile->client().start(); });
    m_wizard->show();
}

} // namespace linnet::ui
