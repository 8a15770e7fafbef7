// SPDX-License-Identifier: GPL-3.0-or-later
#include "LinkDeviceDialog.h"

#include "ChatClient.h"
#include "DeviceRow.h"
#include "devices/LinkApprover.h"
#include "history/HistoryTransfer.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace linnet::ui {

using protocol::ErrorCode;

namespace {

QLabel *wrapped(const QString &text, QWidget *parent, const char *name = nullptr)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    if (name)
        label->setObjectName(QLatin1String(name));
    return label;
}

QHBoxLayout *buttonRow(std::initializer_list<QPushButton *> buttons)
{
    auto *row = new QHBoxLayout;
    row->addStretch();
    for (QPushButton *b : buttons)
        row->addWidget(b);
    return row;
}

QString describe(ErrorCode code, const QString &reason)
{
    switch (code) {
    case ErrorCode::UnknownLink:
        return LinkDeviceDialog::tr("No new device is waiting under this code. A code lasts 10 "
                                    "minutes: check it, or start linking again on the new "
                                    "device.");
    case ErrorCode::ShuttingDown:
        return LinkDeviceDialog::tr("The connection to the server was lost. Try again when "
                                    "Linnet is connected.");
    case ErrorCode::RateLimited:
        return LinkDeviceDialog::tr("Too many attempts. Wait a minute and try again.");
    default:
        return LinkDeviceDialog::tr("Linking failed: %1").arg(reason);
    }
}

} // namespace

LinkDeviceDialog::LinkDeviceDialog(client::ChatClient &client, QWidget *parent)
    : QDialog(parent), m_client(client), m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("linkDeviceDialog"));
    setWindowTitle(tr("Link a device"));
    m_pages->addWidget(codePage());
    m_pages->addWidget(confirmPage());
    m_pages->addWidget(progressPage());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    setMinimumWidth(440);

    auto &linking = m_client.linking();
    connect(&linking, &client::LinkApprover::requestFetched, this, &LinkDeviceDialog::onFetched);
    connect(&linking, &client::LinkApprover::approved, this, &LinkDeviceDialog::onApproved);
    connect(&linking, &client::LinkApprover::failed, this, &LinkDeviceDialog::onFailed);
    connect(&linking, &client::LinkApprover::historyStarted, this,
            [this](const protocol::MessageId &transfer) {
                if (m_step != Step::Linking || !m_approved)
                    return;
                m_transfer = transfer;
                m_progressLabel->setText(
                    tr("“%1” is linked. Sending your chat history…").arg(m_name));
                m_progress->setRange(0, 100);
                m_progress->setValue(0);
            });
    // Closed before the approval: the fetched request is forgotten, nothing is linked.
    connect(this, &QDialog::rejected, this, [this] {
        if (m_step == Step::Confirm)
            m_client.linking().cancel();
    });
    connect(&m_client.history(), &client::HistoryTransfer::progress, this,
            &LinkDeviceDialog::onProgress);
    connect(&m_client.history(), &client::HistoryTransfer::failed, this,
            [this](const QString &reason) {
                if (m_step == Step::Linking && m_withHistory && !m_transfer.isNull())
                    finish(Step::Failed,
                           tr("“%1” is linked, but your chat history could not be sent: %2")
                               .arg(m_name, reason));
            });
}

QWidget *LinkDeviceDialog::codePage()
{
    auto *page = new QWidget(m_pages);
    auto *intro = wrapped(tr("On the new device, choose “Link this computer to an account I "
                             "already use” when Linnet starts. It shows a code: type it here."),
                          page);
    m_code = new QLineEdit(page);
    m_code->setObjectName(QStringLiteral("linkCodeEdit"));
    m_code->setAccessibleName(tr("Link code"));
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *label = new QLabel(tr("&Code:"), page);
    label->setBuddy(m_code);
    m_codeProblem = wrapped({}, page, "linkCodeProblem");
    m_codeProblem->hide();
    m_fetch = new QPushButton(tr("&Continue"), page);
    m_fetch->setObjectName(QStringLiteral("fetchLink"));
    m_fetch->setDefault(true);
    auto *cancel = new QPushButton(tr("Cancel"), page);
    connect(m_fetch, &QPushButton::clicked, this, &LinkDeviceDialog::fetch);
    connect(m_code, &QLineEdit::returnPressed, this, &LinkDeviceDialog::fetch);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(label);
    layout->addWidget(m_code);
    layout->addWidget(m_codeProblem);
    layout->addStretch();
    layout->addLayout(buttonRow({cancel, m_fetch}));
    return page;
}

QWidget *LinkDeviceDialog::confirmPage()
{
    auto *page = new QWidget(m_pages);
    m_deviceName = wrapped({}, page, "linkDeviceName");
    QFont bold = m_deviceName->font();
    bold.setBold(true);
    m_deviceName->setFont(bold);
    auto *explain = wrapped(tr("Check that the new device shows the same fingerprint, and only "
                               "link a device you have in front of you. It gets your account "
                               "key: it reads your new messages, and it can link and revoke "
                               "devices like this one."),
                            page);
    m_fingerprint = wrapped({}, page, "linkFingerprint");
    m_fingerprint->setWordWrap(false);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setAccessibleName(tr("Fingerprint of the new device"));
    m_sendHistory = new QCheckBox(tr("Also send my chat &history"), page);
    m_sendHistory->setObjectName(QStringLiteral("sendHistory"));
    m_sendHistory->setChecked(true);
    m_link = new QPushButton(tr("&Link"), page);
    m_link->setObjectName(QStringLiteral("approveLink"));
    auto *cancel = new QPushButton(tr("Cancel"), page);
    connect(m_link, &QPushButton::clicked, this, &LinkDeviceDialog::approve);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_deviceName);
    layout->addWidget(m_fingerprint);
    layout->addWidget(explain);
    layout->addWidget(m_sendHistory);
    layout->addStretch();
    layout->addLayout(buttonRow({cancel, m_link}));
    return page;
}

QWidget *LinkDeviceDialog::progressPage()
{
    auto *page = new QWidget(m_pages);
    m_progressLabel = wrapped({}, page, "linkProgressLabel");
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("linkProgress"));
    m_progress->setAccessibleName(tr("Linking progress"));
    m_close = new QPushButton(tr("Close"), page);
    m_close->setObjectName(QStringLiteral("closeLink"));
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progress);
    layout->addStretch();
    layout->addLayout(buttonRow({m_close}));
    return page;
}

QString LinkDeviceDialog::message() const
{
    switch (m_step) {
    case Step::Code:
        return m_codeProblem->isHidden() ? QString() : m_codeProblem->text();
    case Step::Confirm:
        return m_deviceName->text();
    case Step::Linking:
    case Step::Done:
    case Step::Failed:
        return m_progressLabel->text();
    }
    return {};
}

void LinkDeviceDialog::setStep(Step step)
{
    m_step = step;
    m_pages->setCurrentIndex(step == Step::Code ? 0 : step == Step::Confirm ? 1 : 2);
    m_close->setEnabled(step == Step::Done || step == Step::Failed);
}

void LinkDeviceDialog::showCodeProblem(const QString &text)
{
    m_codeProblem->setText(text);
    m_codeProblem->setVisible(!text.isEmpty());
}

void LinkDeviceDialog::fetch()
{
    if (m_step != Step::Code || !m_fetch->isEnabled())
        return;
    const QString code = m_code->text().trimmed();
    if (code.isEmpty()) {
        showCodeProblem(tr("Type the code the new device shows."));
        return;
    }
    if (m_client.state() != client::ConnectionState::Online) {
        showCodeProblem(tr("You are offline. Try again when Linnet is connected."));
        return;
    }
    showCodeProblem(tr("Looking for the new device…"));
    m_fetch->setEnabled(false);
    m_client.linking().fetch(code);
}

void LinkDeviceDialog::onFetched(const QString &deviceName, const QString &fingerprint)
{
    if (m_step != Step::Code)
        return;
    m_name = deviceName;
    m_deviceName->setText(tr("Link “%1” to your account?").arg(deviceName));
    m_fingerprint->setText(DeviceRow::formatFingerprint(fingerprint));
    setStep(Step::Confirm);
    m_link->setFocus();
}

void LinkDeviceDialog::approve()
{
    if (m_step != Step::Confirm)
        return;
    m_withHistory = m_sendHistory->isChecked();
    m_progressLabel->setText(tr("Linking “%1”…").arg(m_name));
    m_progress->setRange(0, 0); // busy until the server confirms
    setStep(Step::Linking);
    m_client.linking().approve(m_withHistory);
}

void LinkDeviceDialog::onApproved(qint64 device)
{
    if (m_step != Step::Linking)
        return;
    m_approved = true;
    Q_EMIT linked(device);
    if (!m_withHistory) {
        finish(Step::Done, tr("“%1” is linked. It gets every new message; your chat history "
                              "stays on this device.")
                               .arg(m_name));
        return;
    }
    // The history goes once the new device has published its keys (historyStarted).
    m_progressLabel->setText(
        tr("“%1” is linked. Waiting until it is ready for your chat history…").arg(m_name));
}

void LinkDeviceDialog::onProgress(const protocol::MessageId &message, quint64 done, quint64 total)
{
    if (m_step != Step::Linking || m_transfer.isNull() || message != m_transfer || total == 0)
        return;
    m_progress->setValue(int(std::min<quint64>(100, done * 100 / total)));
    if (done >= total)
        finish(Step::Done, tr("“%1” is linked and your chat history was sent: it appears there "
                              "once it has arrived.")
                               .arg(m_name));
}

void LinkDeviceDialog::onFailed(ErrorCode code, const QString &reason)
{
    if (m_step == Step::Code) {
        m_fetch->setEnabled(true);
        showCodeProblem(describe(code, reason));
    } else if (m_step == Step::Linking && m_approved) {
        finish(
            Step::Failed,
            tr("“%1” is linked, but your chat history could not be sent: %2").arg(m_name, reason));
    } else if (m_step == Step::Confirm || m_step == Step::Linking) {
        finish(Step::Failed, describe(code, reason));
    }
}

void LinkDeviceDialog::finish(Step step, const QString &text)
{
    m_progressLabel->setText(text);
    if (step == Step::Done) {
        m_progress->setRange(0, 100);
        m_progress->setValue(100);
    } else {
        m_progress->hide();
    }
    setStep(step);
    m_close->setFocus();
}

} // namespace linnet::ui
