// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli and linked devices (issue 27): what every command says about devices that
// the account identity key did not approve, and the device list: devices, rename-device,
// revoke.
#include "CliCommand.h"
#include "CliOutput.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace linnet::cli {

using protocol::ErrorCode;

namespace {
QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

QString deviceJson(const client::OwnDevice &d)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), d.id);
    o.insert(QStringLiteral("name"), d.name);
    o.insert(QStringLiteral("linked_at"), d.linkedAt);
    o.insert(QStringLiteral("last_seen"), d.lastSeen);
    o.insert(QStringLiteral("fingerprint"), d.fingerprint);
    o.insert(QStringLiteral("approved"), d.approved);
    o.insert(QStringLiteral("this_device"), d.current);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString deviceText(const client::OwnDevice &d)
{
    QStringList parts{QString::number(d.id), d.name,
                      CliCommand::tr("linked %1").arg(when(d.linkedAt)),
                      d.lastSeen > 0 ? CliCommand::tr("last seen %1").arg(when(d.lastSeen))
                                     : CliCommand::tr("never seen"),
                      d.fingerprint.isEmpty() ? CliCommand::tr("no keys yet") : d.fingerprint};
    if (!d.approved)
        parts << CliCommand::tr("NOT APPROVED");
    if (d.current)
        parts << CliCommand::tr("(this device)");
    return parts.join(QStringLiteral("  "));
}

void CliCommand::reportDeviceTrust()
{
    // On stderr, so that the output a script parses (--json) stays as it was.
    connect(m_client.get(), &client::ChatClient::unapprovedDevices, this,
            [this](const QString &user, const QList<qint64> &devices) {
                QStringList ids;
                for (qint64 device : devices)
                    ids.append(QString::number(device));
                const QString who = user == m_client->username() ? tr("your account") : user;
                m_err << tr("warning: %1 has a device that the account key did not approve (%2); "
                            "nothing is encrypted to it")
                             .arg(who, ids.join(QStringLiteral(", ")))
                      << Qt::endl;
            });
    connect(m_client.get(), &client::ChatClient::deviceNotApproved, this,
            [this](const QString &reason) { m_err << tr("warning: %1").arg(reason) << Qt::endl; });
    connect(m_client.get(), &client::ChatClient::ownDeviceAdded, this,
            [this](qint64 device, const QString &name) { reportOwnDevice(true, device, name); });
    connect(m_client.get(), &client::ChatClient::ownDeviceRemoved, this,
            [this](qint64 device, const QString &name) { reportOwnDevice(false, device, name); });
}

void CliCommand::reportOwnDevice(bool added, qint64 device, const QString &name)
{
    // listen prints it with the messages (a row of its own with --json); others on stderr.
    const bool listen = m_request.command == QLatin1String("listen");
    if (listen && m_request.json) {
        const QJsonObject row{{QStringLiteral("kind"), added ? QStringLiteral("device_added")
                                                             : QStringLiteral("device_removed")},
                              {QStringLiteral("device"), device},
                              {QStringLiteral("name"), name}};
        m_out << QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact)) << Qt::endl;
        return;
    }
    const QString text = added ? tr("a new device was linked to your account: %1 (%2); if it "
                                    "was not you, revoke it and change your password")
                                     .arg(name, QString::number(device))
                               : tr("a device was removed from your account: %1 (%2)")
                                     .arg(name, QString::number(device));
    (listen ? m_out : m_err) << text << Qt::endl;
}

void CliCommand::runDevices()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    const QString &c = m_request.command;
    bool ok = true;
    const qint64 device =
        c == QLatin1String("devices") ? 0 : m_request.args.value(0).toLongLong(&ok);
    if (!ok || (c != QLatin1String("devices") && device <= 0)) {
        fail(ExitUsage, tr("\"%1\" is not a device id (see `linnet-cli devices`)")
                            .arg(m_request.args.value(0)));
        return;
    }
    const QString name = m_request.args.mid(1).join(QLatin1Char(' '));
    if (c == QLatin1String("rename-device")) {
        if (const QString problem = client::DeviceListController::nameProblem(name);
            !problem.isEmpty()) {
            fail(ExitUsage, problem);
            return;
        }
    }
    auto &devices = m_client->devices();
    connect(&devices, &client::DeviceListController::requestFailed, this,
            [this](quint32 id, ErrorCode code, const QString &reason) {
                if (id == m_deviceRequest && id != 0)
                    fail(exitCodeFor(code), reason);
            });
    connect(&devices, &client::DeviceListController::requestFinished, this, [this, c](quint32 id) {
        if (id != m_deviceRequest || id == 0)
            return;
        if (c == QLatin1String("rename-device"))
            m_out << tr("renamed device %1").arg(m_request.args.value(0)) << Qt::endl;
        else if (c == QLatin1String("revoke"))
            m_out << tr("revoked device %1: it can no longer connect, and nothing more is "
                        "encrypted to it")
                         .arg(m_request.args.value(0))
                  << Qt::endl;
        else
            for (const client::OwnDevice &d : m_client->devices().devices())
                m_out << (m_request.json ? deviceJson(d) : deviceText(d)) << Qt::endl;
        finish(ExitOk);
    });
    connect(m_client.get(), &client::ChatClient::connectionFailed, this,
            [this](const QString &reason) {
                fail(ExitUnreachable, tr("server unreachable: %1").arg(reason));
            });
    connect(m_client.get(), &client::ChatClient::stateChanged, this,
            [this, device, name](client::ConnectionState state) {
                if (state != client::ConnectionState::Online || m_deviceRequest != 0)
                    return;
                auto &controller = m_client->devices();
                const QString &command = m_request.command;
                m_deviceRequest = command == QLatin1String("rename-device")
                                      ? controller.rename(device, name)
                                  : command == QLatin1String("revoke") ? controller.revoke(device)
                                                                       : controller.refresh();
                if (m_deviceRequest == 0)
                    fail(command == QLatin1String("revoke") ? ExitRefused : ExitFailure,
                         command == QLatin1String("revoke")
                             ? tr("this is the device you are using: revoke it from another one")
                             : tr("could not send the request to the server"));
            });
    if (m_request.timeoutSeconds == 0) {
        connect(&m_timeout, &QTimer::timeout, this, [this] { fail(ExitFailure, tr("timed out")); });
        m_timeout.start(30 * 1000);
    }
    m_client->start();
}

} // namespace linnet::cli
