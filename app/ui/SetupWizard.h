// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/ErrorCode.h"

#include <QUrl>
#include <QWizard>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QRadioButton;

namespace linnet::client {
class BundledServer;
class ChatClient;
} // namespace linnet::client

namespace linnet::ui {

class UiSettings;

/**
 * First start: choose a server (or host one on this computer), then register,
 * log in, or link this device to an account in use (devices/NewDeviceLinkPage). Finish waits for
 * the engine's accountReady; failures are shown in words and the wizard stays open. In Login mode
 * only the account page is shown, for signing in again to the server the profile already knows.
 */
class SetupWizard : public QWizard {
    Q_OBJECT
public:
    enum class Mode { Setup, Login };
    enum PageId { ServerPageId = 0, AccountPageId = 1, LinkPageId = 2 };

    SetupWizard(client::ChatClient &client, client::BundledServer &server, UiSettings &settings,
                Mode mode = Mode::Setup, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    /** The server the account page registers or logs in on. */
    QUrl serverUrl() const { return m_serverUrl; }
    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    /** The pin of the server's certificate (from an invite link, or the bundled server's);
     *  empty: the system's CAs decide. */
    QByteArray serverPin() const { return m_serverPin; }
    void setServerPin(const QByteArray &pin) { m_serverPin = pin; }
    /** An invite code to pre-fill on the account page (the bundled server's, or the one
     *  in an invite link). */
    QString hostInvite() const { return m_hostInvite; }
    void setHostInvite(const QString &invite) { m_hostInvite = invite; }

    /** The default address of a server on this computer. */
    static QString defaultServerUrl();

Q_SIGNALS:
    /** The account exists and this profile is signed in. */
    void accountReady(const QString &username);

private:
    Mode m_mode;
    QUrl m_serverUrl;
    QByteArray m_serverPin;
    QString m_hostInvite;
};

/** Page 1: the address of a server, or start one on this computer. */
class ServerPage : public QWizardPage {
    Q_OBJECT
public:
    ServerPage(SetupWizard &wizard, client::BundledServer &server, UiSettings &settings);

    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override { return SetupWizard::AccountPageId; }

private:
    void onModeChanged();
    void onServerStarted(const QUrl &url);
    void onServerFailed(const QString &reason);

    SetupWizard &m_wizard;
    client::BundledServer &m_server;
    UiSettings &m_settings;
    QRadioButton *m_remote = nullptr;
    QRadioButton *m_host = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_hostStatus = nullptr;
    QLineEdit *m_shareAddress = nullptr;
    QLabel *m_otherAddresses = nullptr; ///< more addresses of this computer, if it has several
    QLineEdit *m_shareInvite = nullptr;
    QWidget *m_shareBox = nullptr;
    QUrl m_ownUrl; ///< how this app reaches the bundled server
};

/** Page 2: register (with an invite) or log in; Finish waits for the server. */
class AccountPage : public QWizardPage {
    Q_OBJECT
public:
    AccountPage(SetupWizard &wizard, client::ChatClient &client);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    /** The link page (devices/NewDeviceLinkPage) when linking this device, else none. */
    int nextId() const override;

    /** The sentence shown for an accountFailed code (empty reason = no details). */
    static QString describeFailure(protocol::ErrorCode code, const QString &reason);

private:
    bool registering() const;
    void onModeChanged();
    void setBusy(bool busy);
    void showError(const QString &text);

    SetupWizard &m_wizard;
    client::ChatClient &m_client;
    QLabel *m_serverLabel = nullptr;
    QRadioButton *m_register = nullptr;
    QRadioButton *m_login = nullptr;
    QRadioButton *m_link = nullptr; ///< link to an account in use (issue 27), on the next page
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_password2 = nullptr;
    QLineEdit *m_invite = nullptr;
    QCheckBox *m_startOver = nullptr; ///< log in: start over with the account (issue 27)
    QLabel *m_password2Label = nullptr;
    QLabel *m_inviteLabel = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace linnet::ui
