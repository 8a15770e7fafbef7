// SPDX-License-Identifier: GPL-3.0-or-later
#include "DevicesPage.h"

#include "ChatClient.h"
#include "DeviceNameDialog.h"
#include "DeviceRow.h"
#include "LinkDeviceDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace linnet::ui {

Q_LOGGING_CATEGORY(lcDevicesUi, "linnet.ui.devices")

using protocol::ErrorCode;

DevicesPage::DevicesPage(client::ChatClient &client, QWidget *parent)
    : QWidget(parent), m_client(client), m_rows(new QVBoxLayout), m_status(new QLabel(this)),
      m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("devicesPage"));
    auto *intro = new QLabel(tr("These devices can read your messages. Revoke any device you "
                                "do not recognise or no longer use."),
                             this);
    intro->setWordWrap(true);

    auto *list = new QWidget;
    list->setObjectName(QStringLiteral("deviceList"));
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(m_rows);
    listLayout->addWidget(m_empty);
    listLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(list);
    scroll->setFocusPolicy(Qt::NoFocus);

    m_empty->setObjectName(QStringLiteral("devicesEmpty"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_status->setObjectName(QStringLiteral("devicesStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->hide();

    auto *link = new QPushButton(tr("&Link a device…"), this);
    link->setObjectName(QStringLiteral("linkDevice"));
    connect(link, &QPushButton::clicked, this, &DevicesPage::openLinkDialog);
    auto *top = new QHBoxLayout;
    top->addWidget(intro, 1);
    top->addWidget(link, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_status);

    auto &devices = m_client.devices();
    connect(&devices, &client::DeviceListController::listChanged, this, &DevicesPage::rebuild);
    connect(&devices, &client::DeviceListController::requestFinished, this,
            &DevicesPage::onFinished);
    connect(&devices, &client::DeviceListController::requestFailed, this, &DevicesPage::onFailed);
    connect(&m_client, &client::ChatClient::stateChanged, this,
            [this](client::ConnectionState state) {
                if (state == client::ConnectionState::Online)
                    refresh();
            });
    connect(&m_client, &client::ChatClient::errorOccurred, this, [this](ErrorCode code) {
        if (code != ErrorCode::DeviceRevoked)
            return;
        m_revoked = true;
        setStatus(notSentText(), true);
        rebuild(); // the rows are read-only now
    });
    rebuild();
    refresh();
}

DeviceRow *DevicesPage::row(qint64 device) const
{
    for (int i = 0; i < m_rows->count(); ++i)
        if (auto *r = qobject_cast<DeviceRow *>(m_rows->itemAt(i)->widget());
            r && r->deviceId() == device)
            return r;
    return nullptr;
}

QString DevicesPage::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void DevicesPage::refresh()
{
    const bool listing = std::any_of(m_pending.cbegin(), m_pending.cend(),
                                     [](const Pending &p) { return p.action == Action::List; });
    if (listing)
        return;
    if (track(m_client.devices().refresh(), Action::List) && m_rows->isEmpty())
        m_empty->setText(tr("Asking the server for your devices…"));
}

void DevicesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void DevicesPage::rebuild()
{
    QList<client::OwnDevice> devices = m_client.devices().devices();
    // This device first, then in the order they were linked.
    std::stable_sort(devices.begin(), devices.end(), [](const auto &a, const auto &b) {
        return a.current != b.current ? a.current : a.linkedAt < b.linkedAt;
    });
    // The server sends the list again whenever it changes (and the engine asks for it on
    // every connection): the same list leaves the rows as they are.
    QList<client::OwnDevice> shown;
    for (int i = 0; i < m_rows->count(); ++i)
        if (auto *r = qobject_cast<DeviceRow *>(m_rows->itemAt(i)->widget()); r && r->isEnabled())
            shown.append(r->device());
    if (!m_revoked && !devices.isEmpty() && shown == devices)
        return;
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const client::OwnDevice &device : devices) {
        auto *r = new DeviceRow(device, this);
        r->setEnabled(!m_revoked);
        connect(r, &DeviceRow::renameRequested, this, &DevicesPage::askRename);
        connect(r, &DeviceRow::revokeRequested, this, &DevicesPage::askRevoke);
        m_rows->addWidget(r);
    }
    m_empty->setVisible(devices.isEmpty());
}

QString DevicesPage::deviceName(qint64 device) const
{
    const DeviceRow *r = row(device);
    return r ? r->device().name : QString();
}

void DevicesPage::askRename(qint64 device)
{
    auto *dialog = new DeviceNameDialog(deviceName(device), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, device] {
        if (track(m_client.devices().rename(device, dialog->name()), Action::Rename, device))
            setStatus(tr("Renaming…"), false);
    });
    dialog->open();
}

void DevicesPage::askRevoke(qint64 device)
{
    const QString name = deviceName(device);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Revoke device"),
                                tr("Revoke “%1”?").arg(name), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("revokeConfirmation"));
    box->setInformativeText(
        tr("It is signed out at once and gets no new messages; your contacts stop encrypting "
           "to it. If the device was lost or stolen, change your password too."));
    QPushButton *revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevoke"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setText(tr("Cancel"));
    box->setDefaultButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, revoke, device](auto *clicked) {
        if (clicked != revoke)
            return;
        if (track(m_client.devices().revoke(device), Action::Revoke, device))
            setStatus(tr("Revoking…"), false);
    });
    box->open();
}

void DevicesPage::openLinkDialog()
{
    auto *dialog = new LinkDeviceDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LinkDeviceDialog::linked, this, [this] {
        setStatus({}, false);
        refresh(); // the new device, as the server lists it
    });
    dialog->open();
}

bool DevicesPage::track(quint32 id, Action action, qint64 device)
{
    if (id == 0) {
        m_listProblem = action == Action::List;
        setStatus(notSentText(), true);
        return false;
    }
    m_pending.insert(id, Pending{action, deviceName(device)});
    return true;
}

void DevicesPage::onFinished(quint32 id)
{
    if (!m_pending.contains(id))
        return;
    const Pending done = m_pending.take(id);
    switch (done.action) {
    case Action::List:
        if (std::exchange(m_listProblem, false))
            setStatus({}, false);
        break;
    case Action::Rename:
        setStatus(tr("Renamed “%1”.").arg(done.name), false);
        break;
    case Action::Revoke:
        setStatus(tr("“%1” was revoked: it is signed out and gets no new messages.").arg(done.name),
                  false);
        break;
    }
}

void DevicesPage::onFailed(quint32 id, ErrorCode code, const QString &reason)
{
    if (!m_pending.contains(id))
        return;
    const Pending failed = m_pending.take(id);
    qCInfo(lcDevicesUi) << "device request failed:" << protocol::errorCodeName(code) << reason;
    QString text;
    switch (code) {
    case ErrorCode::UnknownDevice:
        text = tr("“%1” is no longer on your account. Nothing was changed.").arg(failed.name);
        break;
    case ErrorCode::DeviceRevoked:
        m_revoked = true;
        text = notSentText();
        break;
    case ErrorCode::ShuttingDown:
        text = tr("The connection to the server was lost before it answered. Check the list "
                  "and try again.");
        break;
    default:
        text = failed.action == Action::List
                   ? tr("The device list could not be loaded: %1").arg(reason)
                   : tr("The server refused this: %1").arg(reason);
        break;
    }
    m_listProblem = failed.action == Action::List;
    setStatus(text, true);
    if (code == ErrorCode::UnknownDevice)
        refresh(); // show the list as the server has it now
}

QString DevicesPage::notSentText() const
{
    if (m_revoked)
        return tr("This device was removed from your account by one of your other devices: it "
                  "is signed out and gets no new messages. Link it again to use it.");
    if (m_client.state() == client::ConnectionState::AuthFailed)
        return tr("Signed out: the server refused this device. Nothing was changed.");
    return tr("You are offline: nothing was changed. Try again when Linnet is connected.");
}

void DevicesPage::setStatus(const QString &text, bool problem)
{
    QPalette p = palette();
    if (problem)
        p.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_status->setPalette(p);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

} // namespace linnet::ui
