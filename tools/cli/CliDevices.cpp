// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli and linked devices (issue 27): what every command says about devices that
// the account identity key did not approve.
#include "CliCommand.h"

namespace linnet::cli {

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
}

} // namespace linnet::cli
