// SPDX-License-Identifier: GPL-3.0-or-later
#include "SetupWizard.h"

#include "host/BundledServer.h"
#include "ChatClient.h"
#include "UiSettings.h"
#include "devices/NewDeviceLinkPage.h"
#include "protocol/InviteLink.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QRadioButton>
#include <QVBoxLayout>

namespace linnet::ui {

namespace {

QLineEdit *readOnlyField(const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setReadOnly(true);
    edit->setAccessibleName(accessibleName);
    return edit;
}

QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("errorLabel"));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(p);
    label->hide();
    return label;
}

} // namespace

// --- SetupWizard ------------------------------------------------------------------

SetupWizard::SetupWizard(client::ChatClient &client, client::BundledServer &server,
                         UiSettings &settings, Mode mode, QWidget *parent)
    : QWizard(parent), m_mode(mode)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(mode == Mode::Setup ? tr("Welcome to Linnet") : tr("Sign in to Linnet"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    // Qt's own button texts need Qt's translations, which are not always installed.
    setButtonText(QWizard::NextButton, tr("&Next"));
    setButtonText(QWizard::BackButton, tr("&Back"));
    setButtonText(QWizard::FinishButton, tr("&Finish"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
    setMinimumWidth(560);

    if (mode == Mode::Setup) {
        m_serverUrl = QUrl(defaultServerUrl());
        setPage(ServerPageId, new ServerPage(*this, server, settings));
    } else {
        m_serverUrl = client.serverUrl();
        m_serverPin = client.serverPin();
    }
    setPage(AccountPageId, new AccountPage(*this, client));
    if (mode == Mode::Setup)
        setPage(LinkPageId, new NewDeviceLinkPage(*this, client));
    setStartId(mode == Mode::Setup ? ServerPageId : AccountPageId);

    // The account page accepts the wizard once the engine reports the account ready.
    connect(this, &QDialog::accepted, this,
            [this, &client] { Q_EMIT accountReady(client.username()); });
}

QString SetupWizard::defaultServerUrl()
{
    return QStringLiteral("ws://127.0.0.1:7480/v1/ws");
}

// --- ServerPage -------------------------------------------------------------------

ServerPage::ServerPage(SetupWizard &wizard, client::BundledServer &server, UiSettings &settings)
    : m_wizard(wizard), m_server(server), m_settings(settings)
{
    setObjectName(QStringLiteral("serverPage"));
    setTitle(tr("Connect to a server"));
    setSubTitle(tr("Linnet messages travel through a server. Use one you were invited to, "
                   "or host one on this computer for your family or team."));

    m_remote = new QRadioButton(tr("&Use a server I was given the address of"), this);
    m_remote->setObjectName(QStringLiteral("useRemote"));
    m_url = new QLineEdit(SetupWizard::defaultServerUrl(), this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setAccessibleName(tr("Server address"));
    m_url->setPlaceholderText(tr("an invite link (linnet://invite?…) or wss://host:7480/v1/ws"));
    auto *urlLabel = new QLabel(tr("Invite link or server &address:"), this);
    urlLabel->setBuddy(m_url);

    m_host = new QRadioButton(tr("&Host a server on this computer"), this);
    m_host->setObjectName(QStringLiteral("hostServer"));
    m_hostStatus = new QLabel(this);
    m_hostStatus->setObjectName(QStringLiteral("hostStatus"));
    m_hostStatus->setWordWrap(true);
    m_hostStatus->hide();

    m_shareBox = new QWidget(this);
    m_shareAddress = readOnlyField(tr("Address to share"), m_shareBox);
    m_shareAddress->setObjectName(QStringLiteral("shareAddress"));
    m_shareInvite = readOnlyField(tr("Invite link to share"), m_shareBox);
    m_shareInvite->setObjectName(QStringLiteral("shareInvite"));
    m_otherAddresses = new QLabel(m_shareBox);
    m_otherAddresses->setObjectName(QStringLiteral("otherAddresses"));
    m_otherAddresses->setTextFormat(Qt::PlainText);
    m_otherAddresses->setWordWrap(true);
    m_otherAddresses->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *shareForm = new QFormLayout(m_shareBox);
    shareForm->setContentsMargins(0, 0, 0, 0);
    shareForm->addRow(tr("Address:"), m_shareAddress);
    shareForm->addRow(QString(), m_otherAddresses);
    shareForm->addRow(tr("Invite link:"), m_shareInvite);
    m_shareBox->hide();

    auto *group = new QButtonGroup(this);
    group->addButton(m_remote);
    group->addButton(m_host);
    m_remote->setChecked(true);

    auto *urlRow = new QFormLayout;
    urlRow->setContentsMargins(24, 0, 0, 0);
    urlRow->addRow(urlLabel, m_url);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_remote);
    layout->addLayout(urlRow);
    layout->addSpacing(12);
    layout->addWidget(m_host);
    auto *hostBox = new QVBoxLayout;
    hostBox->setContentsMargins(24, 0, 0, 0);
    hostBox->addWidget(m_hostStatus);
    hostBox->addWidget(m_shareBox);
    layout->addLayout(hostBox);
    layout->addStretch();

    connect(m_remote, &QRadioButton::toggled, this, &ServerPage::onModeChanged);
    connect(m_url, &QLineEdit::textChanged, this, &ServerPage::completeChanged);
    connect(&m_server, &client::BundledServer::started, this, &ServerPage::onServerStarted);
    connect(&m_server, &client::BundledServer::failed, this, &ServerPage::onServerFailed);
}

void ServerPage::onModeChanged()
{
    const bool hosting = m_host->isChecked();
    m_url->setEnabled(!hosting);
    m_hostStatus->setVisible(hosting);
    if (hosting && !m_server.isRunning()) {
        m_hostStatus->setText(tr("Starting the server…"));
        m_shareBox->hide();
        m_ownUrl.clear();
        m_server.start();
    } else if (!hosting && m_server.isRunning()) {
        m_server.stop();
        m_shareBox->hide();
        m_ownUrl.clear();
    }
    Q_EMIT completeChanged();
}

void ServerPage::onServerStarted(const QUrl &url)
{
    // This app connects over loopback; others need an address of this computer.
    m_ownUrl = url;
    const QString host = url.host();
    if (host == QLatin1String("0.0.0.0") || host == QLatin1String("::"))
        m_ownUrl.setHost(QStringLiteral("127.0.0.1"));
    const QList<QUrl> shared = m_server.shareableUrls();
    QStringList others;
    for (qsizetype i = 1; i < shared.size(); ++i)
        others << shared.at(i).toString();
    m_shareAddress->setText(shared.isEmpty() ? QString() : shared.first().toString());
    if (auto *form = qobject_cast<QFormLayout *>(m_shareBox->layout()))
        form->setRowVisible(m_shareAddress, !shared.isEmpty());
    m_otherAddresses->setText(tr("Also reachable at: %1").arg(others.join(QStringLiteral(", "))));
    m_otherAddresses->setVisible(!others.isEmpty());
    // Invites work once: one for the owner's own account, one to hand out. The shared one
    // is a link: address, code and the pin of the server's certificate in one.
    QString error;
    const auto own = protocol::InviteLink::parse(m_server.createInvite(&error, m_ownUrl));
    const QString invite =
        own ? m_server.createInvite(&error, shared.isEmpty() ? m_ownUrl : shared.first())
            : QString();
    m_shareInvite->setText(invite);
    m_wizard.setHostInvite(own ? own.value().code : QString());
    m_wizard.setServerPin(m_server.pin());
    if (!own && error.isEmpty())
        error = own.error().reason;
    if (invite.isEmpty())
        m_hostStatus->setText(
            tr("Your server is running, but no invite could be created: %1").arg(error));
    else if (shared.isEmpty())
        m_hostStatus->setText(
            tr("Your server is running, but only this computer can reach it: it has no "
               "network address others could use (is it connected to a network?). Connect "
               "it, then start Linnet again to see the address to share."));
    else
        m_hostStatus->setText(tr("Your server is running. Give this invite link to someone you "
                                 "want to chat with on your network: it holds the address, an "
                                 "invite code and what their Linnet needs to trust your "
                                 "server's certificate. Each invite works once; your own "
                                 "account gets its own on the next page."));
    m_shareBox->show();
    Q_EMIT completeChanged();
}

void ServerPage::onServerFailed(const QString &reason)
{
    m_ownUrl.clear();
    m_shareBox->hide();
    m_hostStatus->setText(tr("The server could not be started: %1").arg(reason));
    Q_EMIT completeChanged();
}

bool ServerPage::isComplete() const
{
    if (m_host->isChecked())
        return m_server.isRunning() && m_ownUrl.isValid();
    const QString text = m_url->text().trimmed();
    if (protocol::InviteLink::looksLikeLink(text))
        return bool(protocol::InviteLink::parse(text));
    const QUrl url(text);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss"));
}

bool ServerPage::validatePage()
{
    const bool hosting = m_host->isChecked();
    if (!hosting) {
        const QString text = m_url->text().trimmed();
        const auto link = protocol::InviteLink::parse(text);
        m_wizard.setServerUrl(link ? link.value().server : QUrl(text));
        m_wizard.setServerPin(link ? link.value().pin : QByteArray());
        m_wizard.setHostInvite(link ? link.value().code : QString());
    } else {
        m_wizard.setServerUrl(m_ownUrl);
    }
    m_settings.setHostServer(hosting);
    return true;
}

// --- AccountPage ------------------------------------------------------------------

AccountPage::AccountPage(SetupWizard &wizard, client::ChatClient &client)
    : m_wizard(wizard), m_client(client)
{
    setObjectName(QStringLiteral("accountPage"));
    setTitle(tr("Your account"));
    setSubTitle(wizard.mode() == SetupWizard::Mode::Setup
                    ? tr("Create an account on the server, or log in to one you already have.")
                    : tr("The server asks you to sign in again on this computer."));

    m_serverLabel = new QLabel(this);
    m_serverLabel->setWordWrap(true);
    m_register = new QRadioButton(tr("&Create a new account"), this);
    m_register->setObjectName(QStringLiteral("register"));
    m_login = new QRadioButton(tr("&Log in to an existing account"), this);
    m_login->setObjectName(QStringLiteral("login"));
    m_link = new QRadioButton(tr("Lin&k this computer to an account I already use"), this);
    m_link->setObjectName(QStringLiteral("link"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_register);
    group->addButton(m_login);
    group->addButton(m_link);

    auto field = [this](const char *name, const QString &accessible, bool secret) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(name));
        edit->setAccessibleName(accessible);
        if (secret)
            edit->setEchoMode(QLineEdit::Password);
        connect(edit, &QLineEdit::textChanged, this, &AccountPage::completeChanged);
        return edit;
    };
    m_username = field("username", tr("Username"), false);
    m_password = field("password", tr("Password"), true);
    m_password2 = field("password2", tr("Repeat password"), true);
    m_invite = field("invite", tr("Invite code or link"), false);
    m_username->setPlaceholderText(tr("letters, digits, dot, dash"));
    m_invite->setPlaceholderText(tr("only needed if the server asks for one"));

    auto *form = new QFormLayout;
    auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    form->addRow(label(tr("&Username:"), m_username), m_username);
    form->addRow(label(tr("&Password:"), m_password), m_password);
    m_password2Label = label(tr("&Repeat password:"), m_password2);
    form->addRow(m_password2Label, m_password2);
    m_inviteLabel = label(tr("&Invite code:"), m_invite);
    form->addRow(m_inviteLabel, m_invite);

    // Only for someone who lost every device: a password alone adds no device otherwise.
    m_startOver = new QCheckBox(tr("&Start over with this account: remove all its devices and "
                                   "make a new security code (your contacts are told)"),
                                this);
    m_startOver->setObjectName(QStringLiteral("startOver"));

    m_error = errorLabel(this);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // busy: the server answers when it answers
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Waiting for the server"));
    m_progressLabel->hide();
    m_progress->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_serverLabel);
    layout->addWidget(m_register);
    layout->addWidget(m_login);
    layout->addWidget(m_link);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_startOver);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progress);

    if (wizard.mode() == SetupWizard::Mode::Login) {
        m_login->setChecked(true);
        m_register->hide();
        m_login->hide();
        m_link->hide();
        m_username->setText(client.username());
    } else {
        m_register->setChecked(true);
    }
    onModeChanged();
    connect(m_register, &QRadioButton::toggled, this, &AccountPage::onModeChanged);
    connect(m_link, &QRadioButton::toggled, this, &AccountPage::onModeChanged);

    connect(&m_client, &client::ChatClient::accountReady, this, [this] {
        if (!m_busy)
            return;
        m_done = true;
        setBusy(false);
        m_progressLabel->setText(tr("Done."));
        m_wizard.accept(); // validatePage() now lets it through
    });
    connect(&m_client, &client::ChatClient::accountFailed, this,
            [this](protocol::ErrorCode code, const QString &reason) {
                if (!m_busy)
                    return;
                setBusy(false);
                showError(describeFailure(code, reason));
            });
}

void AccountPage::initializePage()
{
    m_serverLabel->setText(
        m_wizard.serverPin().isEmpty()
            ? tr("Server: %1").arg(m_wizard.serverUrl().toString())
            : tr("Server: %1 (its certificate is pinned)").arg(m_wizard.serverUrl().toString()));
    if (!m_wizard.hostInvite().isEmpty()) {
        m_invite->setText(m_wizard.hostInvite());
        m_register->setChecked(true);
    }
    m_error->hide();
}

bool AccountPage::registering() const
{
    return m_register->isChecked();
}

int AccountPage::nextId() const
{
    return m_link->isChecked() ? SetupWizard::LinkPageId : -1;
}

void AccountPage::onModeChanged()
{
    const bool reg = registering();
    // Linking asks for its own details on the next page.
    for (QWidget *w : {static_cast<QWidget *>(m_username), static_cast<QWidget *>(m_password)})
        w->setEnabled(!m_link->isChecked());
    m_password2->setVisible(reg);
    m_password2Label->setVisible(reg);
    m_invite->setVisible(reg);
    m_inviteLabel->setVisible(reg);
    m_startOver->setVisible(m_login->isChecked());
    m_error->hide();
    // QWizard decides between Next and Finish when a page is shown; this makes it ask
    // nextId() again now that the choice changed it.
    setFinalPage(false);
    Q_EMIT completeChanged();
}

bool AccountPage::isComplete() const
{
    if (m_busy)
        return false;
    if (m_link->isChecked())
        return true;
    if (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty())
        return false;
    return !registering() || !m_password2->text().isEmpty();
}

bool AccountPage::validatePage()
{
    if (m_done || m_link->isChecked())
        return true;
    if (m_busy)
        return false;
    if (registering() && m_password->text() != m_password2->text()) {
        showError(tr("The two passwords are not the same."));
        m_password2->setFocus();
        return false;
    }
    m_error->hide();
    setBusy(true);
    QUrl server = m_wizard.serverUrl();
    QByteArray pin = m_wizard.serverPin();
    QString invite = m_invite->text().trimmed();
    if (registering() && protocol::InviteLink::looksLikeLink(invite)) {
        // A link pasted here names the server too, and wins over the first page's.
        const auto link = protocol::InviteLink::parse(invite);
        if (!link) {
            setBusy(false);
            showError(
                tr("This invite link is not complete or not valid: %1").arg(link.error().reason));
            return false;
        }
        server = link.value().server;
        pin = link.value().pin;
        invite = link.value().code;
        m_wizard.setServerUrl(server);
        m_wizard.setServerPin(pin);
    }
    const QString username = m_username->text().trimmed();
    if (registering()) {
        m_progressLabel->setText(tr("Creating your account…"));
        m_client.registerAccount(server, username, m_password->text(), invite, pin);
    } else {
        m_progressLabel->setText(tr("Signing in…"));
        m_client.login(server, username, m_password->text(), pin,
                       m_startOver->isChecked() ? client::ChatClient::LoginMode::StartOver
                                                : client::ChatClient::LoginMode::AddDevice);
    }
    return false; // accountReady finishes the wizard, accountFailed explains
}

void AccountPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w : {static_cast<QWidget *>(m_register), static_cast<QWidget *>(m_login),
                       static_cast<QWidget *>(m_username), static_cast<QWidget *>(m_password),
                       static_cast<QWidget *>(m_password2), static_cast<QWidget *>(m_invite),
                       static_cast<QWidget *>(m_startOver)})
        w->setEnabled(!busy);
    if (auto *back = m_wizard.button(QWizard::BackButton))
        back->setEnabled(!busy);
    m_progressLabel->setVisible(busy || m_done);
    m_progress->setVisible(busy);
    Q_EMIT completeChanged();
}

void AccountPage::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
    m_error->setAccessibleDescription(text);
}

QString AccountPage::describeFailure(protocol::ErrorCode code, const QString &reason)
{
    using protocol::ErrorCode;
    switch (code) {
    case ErrorCode::BadCredentials:
        return tr("Wrong username or password.");
    case ErrorCode::LinkRequired:
        return tr("This account already has devices: approve this device from one of your "
                  "devices. If you have lost all of them, tick “Start over with this account”.");
    case ErrorCode::UsernameTaken:
        return tr("This username is already taken. Please choose another one.");
    case ErrorCode::InviteRequired:
        return tr("The invite code is missing or not valid. Ask the person who runs the server "
                  "for a new invite code.");
    case ErrorCode::Forbidden:
        return tr("This server does not accept new accounts right now.");
    case ErrorCode::RateLimited:
        return tr("Too many attempts. Please wait a minute and try again.");
    case ErrorCode::InvalidField:
        return tr("The server did not accept these details: %1").arg(reason);
    case ErrorCode::UnsupportedVersion:
        return tr("This server speaks a different version of the protocol. Update Linnet or "
                  "the server.");
    case ErrorCode::InternalError:
    case ErrorCode::ShuttingDown:
        return tr("The server cannot be reached. Check the address and that the server is "
                  "running. (%1)")
            .arg(reason);
    default:
        break;
    }
    return tr("The server refused: %1").arg(reason);
}

} // namespace linnet::ui
