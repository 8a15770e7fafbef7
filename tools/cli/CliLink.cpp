// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli and linking (issue 27, docs/crypto.md "Linking"): `link` joins an account as
// a new device and waits until one of its devices approves it; `approve` is that device's
// side: it shows who asks, asks "yes", hands over the account key and sends the history.
#include "CliCommand.h"
#include "CliOutput.h"
#include "crypto/DeviceLink.h"
#include "devices/NewDeviceLink.h"
#include "devices/QrCode.h"

#include <QTextStream>

#include <cstdio>

namespace linnet::cli {

using protocol::ErrorCode;

namespace {
/** @p text as a QR code in Unicode half blocks (two module rows a line), quiet zone 2. */
QStringList qrLines(const QString &text)
{
    const client::QrCode qr = client::QrCode::encode(text);
    if (qr.isNull())
        return {};
    constexpr int kQuiet = 2;
    const int size = qr.size() + 2 * kQuiet;
    // A block where a module is LIGHT: right on a terminal with a dark background (the
    // usual), inverted on a light one (most phone scanners read that too).
    auto light = [&](int x, int y) { return !qr.module(x - kQuiet, y - kQuiet); };
    QStringList lines;
    for (int y = 0; y < size; y += 2) {
        QString line;
        for (int x = 0; x < size; ++x) {
            const bool top = light(x, y), bottom = y + 1 < size && light(x, y + 1);
            line += top && bottom ? QChar(0x2588)
                    : top         ? QChar(0x2580)
                    : bottom      ? QChar(0x2584)
                                  : QChar(u' ');
        }
        lines << line;
    }
    return lines;
}
} // namespace

void CliCommand::runLink()
{
    if (!m_request.server.isValid() || m_request.server.scheme().isEmpty()) {
        fail(ExitUsage, tr("give the server with --server wss://HOST:PORT"));
        return;
    }
    if (m_client->hasAccount()) {
        fail(ExitUsage, tr("this profile has an account already; link a new profile"));
        return;
    }
    const QString user = m_request.args.value(0);
    connect(m_client.get(), &client::ChatClient::linkCodeReady, this,
            [this, user](const QString &code, const QString &qrText) {
                m_out << tr("On a device of %1, approve this one with: linnet-cli approve %2\n"
                            "(or in the app: Settings → Devices → Link a device)")
                             .arg(user, code)
                      << Qt::endl;
                for (const QString &line : qrLines(qrText))
                    m_out << line << Qt::endl;
                m_out << tr("Waiting for approval; the code works for 10 minutes…") << Qt::endl;
            });
    // Done once the server has this device's certified keys: others can write to it.
    connect(m_client.get(), &client::ChatClient::keysPublished, this, [this] {
        m_out << tr("linked as a device of %1 on %2; `linnet-cli listen` receives the history")
                     .arg(m_client->username(), m_request.server.toString())
              << Qt::endl;
        finish(ExitOk);
    });
    connect(m_client.get(), &client::ChatClient::accountFailed, this,
            [this](ErrorCode code, const QString &reason) {
                if (code == ErrorCode::InternalError && reason.startsWith(tr("cannot reach")))
                    fail(ExitUnreachable, tr("server unreachable: %1").arg(reason));
                else
                    fail(exitCodeFor(code), reason);
            });
    m_client->linkNewDevice(m_request.server, user, m_request.deviceName, m_request.pin);
}

void CliCommand::runApprove()
{
    if (!m_client->hasAccount()) {
        fail(ExitAuth, tr("not registered: run `linnet-cli register` or `login` first"));
        return;
    }
    if (!crypto::parseLinkCode(client::linkCodeFrom(m_request.args.value(0)))) {
        fail(ExitUsage, tr("\"%1\" is not a link code: 16 letters and digits, as the new "
                           "device shows them")
                            .arg(m_request.args.value(0)));
        return;
    }
    client::LinkApprover &approver = m_client->linking();
    connect(&approver, &client::LinkApprover::requestFetched, this,
            [this, &approver](const QString &name, const QString &fingerprint) {
                m_out << tr("Link the new device \"%1\" to %2?\nIts fingerprint: %3")
                             .arg(name, m_client->username(), fingerprint)
                      << Qt::endl;
                if (!m_request.yes) {
                    m_out << tr("Type yes to approve: ") << Qt::flush;
                    QTextStream in(stdin);
                    if (in.readLine().trimmed() != QLatin1String("yes")) {
                        approver.cancel();
                        fail(ExitFailure, tr("not approved"));
                        return;
                    }
                }
                approver.approve(!m_request.noHistory);
            });
    connect(&approver, &client::LinkApprover::approved, this, [this](qint64 device) {
        m_out << tr("approved: device %1 is linked to %2").arg(device).arg(m_client->username())
              << Qt::endl;
        if (m_request.noHistory)
            finish(ExitOk);
        else
            m_err << tr("waiting for the new device to come online to send it the history…")
                  << Qt::endl;
    });
    connect(&approver, &client::LinkApprover::historyStarted, this,
            [this](const protocol::MessageId &transfer) { awaitHistory(transfer); });
    connect(&approver, &client::LinkApprover::failed, this,
            [this](ErrorCode code, const QString &reason) { fail(exitCodeFor(code), reason); });
    connect(&m_client->history(), &client::HistoryTransfer::failed, this,
            [this](const QString &reason) { fail(ExitFailure, tr("history: %1").arg(reason)); });
    // Online with this device's keys confirmed: the account key is known to be the server's.
    connect(
        m_client.get(), &client::ChatClient::keysPublished, this,
        [this, &approver] { approver.fetch(m_request.args.value(0)); }, Qt::SingleShotConnection);
    m_client->start();
}

} // namespace linnet::cli
