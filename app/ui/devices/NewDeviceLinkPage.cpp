// SPDX-License-Identifier: GPL-3.0-or-later
#include "NewDeviceLinkPage.h"

#include "ChatClient.h"
#include "DeviceRow.h"
#include "QrCodeView.h"
#include "SetupWizard.h"
#include "devices/DeviceListController.h"
#include "protocol/Limits.h"

#include <QAbstractButton>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSysInfo>
#include <QVBoxLayout>

namespace linnet::ui {

using protocol::ErrorCode;

namespace {

QLabel *problemLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(p);
    label->hide();
    return label;
}

} // namespace

NewDeviceLinkPage::NewDeviceLinkPage(SetupWizard &wizard, client::ChatClient &client)
    : m_wizard(wizard), m_client(client), m_serverLabel(new QLabel(this)),
      m_username(new QLineEdit(this)), m_deviceName(new QLineEdit(this)),
      m_nameProblem(problemLabel(this, "linkDeviceNameProblem")), m_codeBox(new QWidget(this)),
      m_code(new QLabel(m_codeBox)), m_fingerprint(new QLabel(m_codeBox)),
      m_qr(new QrCodeView(m_codeBox)), m_waiting(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_error(problemLabel(this, "errorLabel"))
{
    setObjectName(QStringLiteral("linkPage"));
    setTitle(tr("Link to an account you already use"));
    setSubTitle(tr("One of your devices approves this one: it then gets your messages, and "
                   "your chat history if you choose to send it."));
    setButtonText(QWizard::FinishButton, tr("&Show the code"));

    m_serverLabel->setWordWrap(true);
    m_username->setObjectName(QStringLiteral("linkUsername"));
    m_username->setAccessibleName(tr("Username"));
    m_deviceName->setObjectName(QStringLiteral("linkDeviceNameEdit"));
    m_deviceName->setAccessibleName(tr("Name of this device"));
    for (QLineEdit *edit : {m_username, m_deviceName})
        connect(edit, &QLineEdit::textChanged, this, &NewDeviceLinkPage::completeChanged);
    connect(m_deviceName, &QLineEdit::textChanged, this, [this](const QString &name) {
        const QString problem = client::DeviceListController::nameProblem(name);
        m_nameProblem->setText(problem);
        m_nameProblem->setVisible(!problem.isEmpty());
    });

    auto *form = new QFormLayout;
    auto *userLabel = new QLabel(tr("&Username:"), this);
    userLabel->setBuddy(m_username);
    auto *nameLabel = new QLabel(tr("&This device’s name:"), this);
    nameLabel->setBuddy(m_deviceName);
    form->addRow(userLabel, m_username);
    form->addRow(nameLabel, m_deviceName);
    form->addRow(QString(), m_nameProblem);

    // The code: large, monospace, selectable; the QR code beside it.
    m_code->setObjectName(QStringLiteral("linkCode"));
    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(big.pointSizeF() * 2);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setAccessibleName(tr("Link code"));
    m_qr->setAccessibleName(tr("Link code as a QR code"));
    auto *codeHint = new QLabel(tr("On a device where you already use Linnet, open Settings → "
                                   "Devices → Link a device and type this code. It works once, "
                                   "for 10 minutes."),
                                m_codeBox);
    codeHint->setWordWrap(true);
    m_fingerprint->setObjectName(QStringLiteral("ownFingerprint"));
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setTextFormat(Qt::PlainText);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setAccessibleName(tr("Fingerprint of this device"));
    auto *codeText = new QVBoxLayout;
    codeText->addWidget(m_code);
    codeText->addWidget(codeHint);
    codeText->addWidget(m_fingerprint);
    codeText->addStretch();
    auto *codeLayout = new QHBoxLayout(m_codeBox);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->addLayout(codeText, 1);
    codeLayout->addWidget(m_qr, 0, Qt::AlignTop);
    m_codeBox->hide();

    m_waiting->setObjectName(QStringLiteral("linkWaiting"));
    m_waiting->setWordWrap(true);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Waiting for your other device"));
    m_waiting->hide();
    m_progress->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_serverLabel);
    layout->addLayout(form);
    layout->addWidget(m_codeBox);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_waiting);
    layout->addWidget(m_progress);

    connect(&m_client, &client::ChatClient::linkCodeReady, this, &NewDeviceLinkPage::onCodeReady);
    connect(&m_client, &client::ChatClient::accountReady, this, [this] {
        if (!m_busy)
            return;
        m_done = true;
        setBusy(false);
        m_wizard.accept(); // validatePage() now lets it through
    });
    connect(&m_client, &client::ChatClient::accountFailed, this,
            [this](ErrorCode code, const QString &reason) {
                if (!m_busy)
                    return;
                setBusy(false);
                m_codeBox->hide();
                m_qr->clear();
                showError(describeFailure(code, reason));
            });
}

void NewDeviceLinkPage::initializePage()
{
    m_serverLabel->setText(tr("Server: %1").arg(m_wizard.serverUrl().toString()));
    if (m_deviceName->text().isEmpty()) {
        const QString host = QSysInfo::machineHostName().left(protocol::kMaxDeviceNameLength);
        m_deviceName->setText(host.trimmed().isEmpty() ? QStringLiteral("Linnet") : host);
    }
    m_error->hide();
}

bool NewDeviceLinkPage::isComplete() const
{
    return !m_busy && !m_username->text().trimmed().isEmpty() &&
           client::DeviceListController::nameProblem(m_deviceName->text()).isEmpty();
}

bool NewDeviceLinkPage::validatePage()
{
    if (m_done)
        return true;
    if (m_busy)
        return false;
    m_error->hide();
    setBusy(true);
    m_waiting->setText(tr("Asking the server for a code…"));
    m_client.linkNewDevice(m_wizard.serverUrl(), m_username->text().trimmed(),
                           m_deviceName->text().trimmed(), m_wizard.serverPin());
    return false; // accountReady finishes the wizard, accountFailed explains
}

QString NewDeviceLinkPage::code() const
{
    return m_codeBox->isHidden() ? QString() : m_code->text();
}

void NewDeviceLinkPage::onCodeReady(const QString &code, const QString &qrText)
{
    if (!m_busy)
        return;
    m_code->setText(code);
    m_qr->setText(qrText); // without a QR code the typed code still works
    const QString fingerprint = m_client.deviceFingerprint();
    m_fingerprint->setText(fingerprint.isEmpty()
                               ? QString()
                               : tr("Your other device shows the fingerprint of this one:\n%1")
                                     .arg(DeviceRow::formatFingerprint(fingerprint)));
    m_fingerprint->setVisible(!fingerprint.isEmpty());
    m_codeBox->show();
    m_waiting->setText(tr("Waiting for one of your devices to approve this one…"));
}

void NewDeviceLinkPage::setBusy(bool busy)
{
    m_busy = busy;
    m_username->setEnabled(!busy);
    m_deviceName->setEnabled(!busy);
    if (auto *back = m_wizard.button(QWizard::BackButton))
        back->setEnabled(!busy);
    m_waiting->setVisible(busy);
    m_progress->setVisible(busy);
    Q_EMIT completeChanged();
}

void NewDeviceLinkPage::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
    m_error->setAccessibleDescription(text);
}

QString NewDeviceLinkPage::describeFailure(ErrorCode code, const QString &reason)
{
    switch (code) {
    case ErrorCode::UnknownLink:
        return tr("The code expired before one of your devices approved it (a code lasts 10 "
                  "minutes). Ask for a new one with “Show the code”.");
    case ErrorCode::UnknownUser:
        return tr("There is no account with this username on this server.");
    default:
        return AccountPage::describeFailure(code, reason);
    }
}

} // namespace linnet::ui
