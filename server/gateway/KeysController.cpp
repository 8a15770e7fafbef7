// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeysController.h"

#include "ServerLog.h"
#include "crypto/AccountIdentity.h"
#include "crypto/Keys.h"
#include "relay/DeviceDirectory.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "protocol/Limits.h"
#include "store/Store.h"

#include <QDateTime>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Bundles a connection may claim at once and per second: server load, not prekeys (those
 *  have budgets of their own per account). */
constexpr double kClaimBurst = 256;
constexpr double kClaimsPerSecond = 4;
} // namespace

KeysController::KeysController(Store &store, SessionRegistry &registry, DeviceDirectory &directory,
                               const ServerConfig &config)
    : m_store(store), m_registry(registry), m_directory(directory),
      m_preKeysTakenBy(config.preKeyClaimBurst, config.preKeyClaimsPerMinute / 60.0),
      m_preKeysTakenFrom(config.preKeyClaimBurst, config.preKeyClaimsPerMinute / 60.0)
{
}

void KeysController::handleUpload(Session *session, const protocol::KeysUpload &upload)
{
    if (!crypto::verifySignedPreKey(upload.identity, upload.signedPreKeyId, upload.signedPreKey,
                                    upload.signature)) {
        session->sendError(upload.requestId, ErrorCode::InvalidField,
                           QStringLiteral("field \"spk_sig\" is not a valid signature of the "
                                          "signed prekey by the identity key"));
        return;
    }
    if (!crypto::identityDhPublic(upload.identity)) {
        session->sendError(upload.requestId, ErrorCode::InvalidField,
                           QStringLiteral("field \"identity\" is not a valid Ed25519 public key"));
        return;
    }
    if (!upload.accountKey.isEmpty() &&
        !crypto::verifyDevice(upload.accountKey, session->username(), session->deviceId(),
                              upload.identity, upload.deviceSignature)) {
        session->sendError(upload.requestId, ErrorCode::InvalidField,
                           QStringLiteral("field \"device_sig\" is not a valid certificate of "
                                          "this device by the account key"));
        return;
    }
    const auto before = storedIdentity(session->accountId(), session->deviceId());
    const auto stored = m_store.keys().storeKeys(session->accountId(), session->deviceId(), upload,
                                                 QDateTime::currentMSecsSinceEpoch());
    if (!stored) {
        session->sendError(upload.requestId, stored.error().code, stored.error().reason);
        return;
    }
    m_directory.invalidate(session->accountId());
    if (m_onDeviceKeysChanged &&
        storedIdentity(session->accountId(), session->deviceId()) != before)
        m_onDeviceKeysChanged(session->accountId());
    qCDebug(lcKeys) << "device" << session->deviceId() << "uploaded keys;" << stored.value()
                    << "one-time prekeys in the pool";
    session->send(protocol::PreKeyCount{upload.requestId, stored.value()});
}

QPair<QByteArray, QByteArray> KeysController::storedIdentity(qint64 accountId, qint64 deviceId)
{
    for (const DeviceKeysRecord &keys : m_store.keys().keysOfAccount(accountId))
        if (keys.deviceId == deviceId)
            return {keys.identity, keys.deviceSignature};
    return {};
}

void KeysController::handleRequest(Session *session, const protocol::KeysRequest &request)
{
    const auto account = m_store.accountByName(request.user);
    if (!account) {
        session->sendError(
            request.requestId, ErrorCode::UnknownUser,
            QStringLiteral("there is no user \"%1\" on this server").arg(request.user));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!request.claim.isEmpty() && !session->keysBucket().take(kClaimBurst, kClaimsPerSecond, now,
                                                                double(request.claim.size()))) {
        session->sendError(request.requestId, ErrorCode::RateLimited,
                           QStringLiteral("too many key bundles requested; try again later"));
        return;
    }
    protocol::KeysReply reply;
    reply.requestId = request.requestId;
    reply.user = request.user;
    reply.accountKey = m_store.keys().accountKey(account->id);
    QHash<qint64, QString> names; // peers tell their users "ana linked a new device: Laptop"
    for (const DeviceRecord &d : m_store.devicesOfAccount(account->id))
        names.insert(d.id, d.name.left(protocol::kMaxDeviceNameLength));
    for (const DeviceKeysRecord &keys : m_store.keys().keysOfAccount(account->id)) {
        protocol::DeviceKeys device;
        device.device = keys.deviceId;
        device.name = names.value(keys.deviceId);
        device.registrationId = keys.registrationId;
        device.identity = keys.identity;
        device.deviceSignature = keys.deviceSignature;
        if (request.claim.contains(quint64(keys.deviceId)) &&
            keys.deviceId != session->deviceId()) {
            device.signedPreKeyId = keys.signedPreKeyId;
            device.signedPreKey = keys.signedPreKey;
            device.signature = keys.signature;
            if (const auto preKey = claim(session, account->id, keys.deviceId, now)) {
                device.preKeyId = preKey->id;
                device.preKey = preKey->key;
            }
        }
        reply.devices.append(std::move(device));
        if (reply.devices.size() == protocol::kMaxCopies)
            break;
    }
    session->send(reply);
}

std::optional<protocol::PreKeyPublic> KeysController::claim(Session *session, qint64 targetAccount,
                                                            qint64 deviceId, qint64 now)
{
    // Without these budgets one account drained another's whole pool in a fraction of a
    // second (and again after reconnecting): later contacts then got no one-time prekey.
    const QString taker = QString::number(session->accountId());
    const QString target = QString::number(targetAccount);
    if (!m_preKeysTakenBy.wouldAllow(taker, now) || !m_preKeysTakenFrom.wouldAllow(target, now)) {
        qCDebug(lcKeys) << "device" << session->deviceId() << "gets no one-time prekey of device"
                        << deviceId << ": a one-time prekey budget is used up";
        return std::nullopt; // the signed prekey alone still starts a session
    }
    const auto claimed = m_store.keys().claimPreKey(deviceId, now);
    if (!claimed || !claimed.value())
        return std::nullopt; // the signed prekey alone still starts a session
    m_preKeysTakenBy.consume(taker, now);
    m_preKeysTakenFrom.consume(target, now);
    const quint64 left = m_store.keys().preKeyCount(deviceId);
    qCDebug(lcKeys) << "device" << session->deviceId() << "claimed prekey" << claimed.value()->id
                    << "of device" << deviceId << ";" << left << "left";
    if (left < quint64(protocol::kPreKeyLowWater)) {
        if (Session *owner = m_registry.byDevice(deviceId))
            owner->send(protocol::PreKeyCount{0, left});
    }
    return claimed.value();
}

} // namespace linnet::server
