// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceController.h"

#include "ServerLog.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "protocol/Limits.h"
#include "relay/DeviceDirectory.h"
#include "store/Store.h"

#include <QDateTime>

namespace linnet::server {

using protocol::ErrorCode;

DeviceController::DeviceController(Store &store, SessionRegistry &registry,
                                   DeviceDirectory &directory)
    : m_store(store), m_registry(registry), m_directory(directory)
{
}

protocol::DeviceList DeviceController::listOf(qint64 accountId, quint32 requestId)
{
    const QList<DeviceKeysRecord> keys = m_store.keys().keysOfAccount(accountId);
    protocol::DeviceList reply;
    reply.requestId = requestId;
    for (const DeviceRecord &device : m_store.devicesOfAccount(accountId)) {
        protocol::DeviceInfo info;
        info.device = device.id;
        info.name = device.name.left(protocol::kMaxDeviceNameLength);
        info.linkedAt = device.createdAt;
        info.lastSeen = device.lastSeen;
        const auto k = std::find_if(keys.cbegin(), keys.cend(),
                                    [&](const auto &r) { return r.deviceId == device.id; });
        if (k != keys.cend()) {
            info.identity = k->identity;
            info.deviceSignature = k->deviceSignature;
        }
        reply.devices.append(std::move(info));
        if (reply.devices.size() == protocol::kMaxCopies)
            break; // as many as a send can carry copies for; more cannot be used anyway
    }
    return reply;
}

void DeviceController::listChanged(qint64 accountId)
{
    const QList<Session *> live = m_registry.byAccount(accountId);
    if (live.isEmpty())
        return;
    const protocol::DeviceList list = listOf(accountId, 0);
    if (list.devices.isEmpty())
        return;
    for (Session *s : live)
        s->send(list);
}

void DeviceController::handleList(Session *session, const protocol::DevicesGet &request)
{
    const protocol::DeviceList reply = listOf(session->accountId(), request.requestId);
    if (reply.devices.isEmpty()) { // the asking device is one: the store could not be read
        session->sendError(request.requestId, ErrorCode::InternalError,
                           QStringLiteral("cannot read the device list"));
        return;
    }
    session->send(reply);
}

void DeviceController::handleRename(Session *session, const protocol::DeviceRename &request)
{
    const auto renamed =
        m_store.renameDevice(session->accountId(), request.device, request.name.trimmed());
    if (!renamed) {
        session->sendError(request.requestId, renamed.error().code, renamed.error().reason);
        return;
    }
    session->send(protocol::Ok{request.requestId});
    listChanged(session->accountId());
}

void DeviceController::handleRevoke(Session *session, const protocol::DeviceRevoke &request)
{
    if (request.device == session->deviceId()) {
        session->sendError(request.requestId, ErrorCode::InvalidField,
                           QStringLiteral("this is the device you are using: revoke it from "
                                          "another device of the account"));
        return;
    }
    const auto revoked = m_store.revokeDevice(session->accountId(), request.device,
                                              QDateTime::currentMSecsSinceEpoch());
    if (!revoked) {
        session->sendError(request.requestId, revoked.error().code, revoked.error().reason);
        return;
    }
    qCInfo(lcServer) << "device" << request.device << "of" << session->username()
                     << "revoked by device" << session->deviceId();
    devicesRemoved(session->accountId(), {request.device},
                   QStringLiteral("this device was removed from the account"));
    session->send(protocol::Ok{request.requestId});
}

void DeviceController::devicesRemoved(qint64 accountId, const QList<qint64> &devices,
                                      const QString &reason)
{
    // Senders must leave them out from now on: a send still naming one gets DevicesChanged.
    m_directory.invalidate(accountId);
    for (qint64 device : devices)
        if (Session *live = m_registry.byDevice(device))
            live->fail(0, ErrorCode::DeviceRevoked, reason);
    listChanged(accountId); // the account's other devices hear of it
}

void DeviceController::sessionSeen(Session *session)
{
    if (session->isAuthenticated())
        m_store.setDeviceLastSeen(session->deviceId(), QDateTime::currentMSecsSinceEpoch());
}

} // namespace linnet::server
