// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient, linking a new device (issue 27, docs/crypto.md "Linking"): the new device
// files a request under its link code and waits; a device of the account approves it
// (LinkApprover), hands it the account key and, if asked, the history.
#include "ChatClient.h"

#include "ClientLog.h"
#include "crypto/DeviceFingerprint.h"
#include "e2e/CryptoStore.h"
#include "net/Connection.h"
#include "protocol/InviteLink.h"
#include "protocol/Overloaded.h"

namespace linnet::client {

using protocol::ErrorCode;

void ChatClient::linkNewDevice(const QUrl &server, const QString &username,
                               const QString &deviceName, const QByteArray &pin)
{
    // The request seals this device's identity key: it must exist before the code does.
    if (!ensureKeys()) {
        Q_EMIT accountFailed(ErrorCode::InternalError,
                             tr("cannot make this device's encryption keys"));
        return;
    }
    m_pendingAccount = std::make_unique<PendingAccount>();
    m_pendingAccount->username = username;
    m_pendingAccount->link = NewDeviceLink::create();
    m_pendingAccount->deviceName = deviceName.isEmpty() ? m_options.deviceName : deviceName;
    m_server = protocol::withWebSocketPath(server);
    usePin(pin);
    setState(ConnectionState::Connecting);
    m_connection->close();
    m_connection->open(m_server);
}

QString ChatClient::deviceFingerprint() const
{
    return m_ownKeys.isLoaded() ? crypto::deviceFingerprint(m_ownKeys.identity().publicKey())
                                : QString();
}

void ChatClient::makeLinking()
{
    LinkApprover::Hooks hooks;
    hooks.send = [this](const protocol::Frame &frame) {
        return m_state == ConnectionState::Online && m_connection->send(frame);
    };
    hooks.nextRequestId = [this] { return ++m_nextRequestId; };
    hooks.accountKey = [this] { return m_ownKeys.accountKeyPair(); };
    hooks.refreshOwnKeys = [this] {
        if (m_state == ConnectionState::Online)
            m_keySync.request(protocol::KeysRequest{0, m_username, {}});
    };
    hooks.deviceReady = [this](qint64 device) {
        const auto known = m_cryptoStore.device(m_username, device);
        return known && known->approved && known->registrationId != 0;
    };
    hooks.sendHistory = [this](qint64 device) { return m_history->sendTo(device); };
    m_linking = std::make_unique<LinkApprover>(std::move(hooks));
    // The device list shows the new device at once.
    connect(m_linking.get(), &LinkApprover::approved, this, [this] { m_devices->refresh(); });
}

bool ChatClient::handleLinkFrame(const protocol::Frame &frame)
{
    if (m_linking->handle(frame))
        return true;
    if (!m_pendingAccount || !m_pendingAccount->link)
        return false;
    PendingAccount &p = *m_pendingAccount;
    using namespace protocol;
    return std::visit(
        Overloaded{
            [&](const Ok &ok) {
                if (ok.requestId != p.requestId)
                    return false;
                // Filed (again, after a reconnection: the same code stays valid).
                Q_EMIT linkCodeReady(p.link->code(), p.link->qrText(p.username));
                return true;
            },
            [&](const LinkSealed &sealed) {
                if (sealed.requestId != p.requestId)
                    return false;
                const auto account = p.link->open(sealed);
                const auto kept =
                    account
                        ? m_ownKeys.adoptAccountKey(*account)
                        : protocol::Status(protocol::makeError(
                              ErrorCode::InvalidField, tr("the approval does not open with this "
                                                          "device's code")));
                if (!kept) {
                    // The auth_ok that follows must not make an account of this profile.
                    m_pendingAccount.reset();
                    m_connection->stopReconnecting();
                    m_connection->close();
                    setState(ConnectionState::Offline);
                    Q_EMIT accountFailed(ErrorCode::InternalError,
                                         tr("linking failed: %1").arg(kept.error().reason));
                    return true;
                }
                qCInfo(lcClient) << "approved by a device of" << p.username
                                 << ": this device holds the account key";
                return true; // auth_ok follows, handled as after a login
            },
            [](const auto &) { return false; },
        },
        frame);
}

} // namespace linnet::client
