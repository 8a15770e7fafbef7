// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeysController.h"

#include "ServerLog.h"
#include "crypto/Keys.h"
#include "gateway/DeviceDirectory.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "protocol/Limits.h"
#include "store/Store.h"

#include <QDateTime>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Bundles a connection may claim at once and per second: a contact list's worth, not a pool. */
constexpr double kClaimBurst = 256;
constexpr double kClaimsPerSecond = 4;
} // namespace

KeysController::KeysController(Store &store, SessionRegistry &registry, DeviceDirectory &directory)
    : m_store(store), m_registry(registry), m_directory(directory)
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
    const auto stored = m_store.keys().storeKeys(session->accountId(), session->deviceId(), upload,
                                                 QDateTime::currentMSecsSinceEpoch());
    if (!stored) {
        session->sendError(upload.requestId, stored.error().code, stored.error().reason);
        return;
    }
    m_directory.invalidate(session->accountId());
    qCDebug(lcKeys) << "device" << session->deviceId() << "uploaded keys;" << stored.value()
                    << "one-time prekeys in the pool";
    session->send(protocol::PreKeyCount{upload.requestId, stored.value()});
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
    for (const DeviceKeysRecord &keys : m_store.keys().keysOfAccount(account->id)) {
        protocol::DeviceKeys device;
        device.device = keys.deviceId;
        device.registrationId = keys.registrationId;
        device.identity = keys.identity;
        if (request.claim.contains(quint64(keys.deviceId)) &&
            keys.deviceId != session->deviceId()) {
            device.signedPreKeyId = keys.signedPreKeyId;
            device.signedPreKey = keys.signedPreKey;
            device.signature = keys.signature;
            if (const auto preKey = claim(session, keys.deviceId)) {
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

std::optional<protocol::PreKeyPublic> KeysController::claim(Session *session, qint64 deviceId)
{
    const auto claimed = m_store.keys().claimPreKey(deviceId);
    if (!claimed || !claimed.value())
        return std::nullopt; // the signed prekey alone still starts a session
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
