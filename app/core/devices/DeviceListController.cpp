// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceListController.h"

#include "ClientLog.h"
#include "crypto/AccountIdentity.h"
#include "crypto/DeviceFingerprint.h"
#include "protocol/Limits.h"
#include "protocol/Overloaded.h"

namespace linnet::client {

using protocol::ErrorCode;

DeviceListController::DeviceListController(Hooks hooks, QObject *parent)
    : QObject(parent), m_hooks(std::move(hooks))
{
}

void DeviceListController::setSelf(const QString &username, qint64 deviceId)
{
    m_self = username;
    m_selfDevice = deviceId;
}

QString DeviceListController::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("a device name cannot be empty");
    if (name.size() > protocol::kMaxDeviceNameLength)
        return tr("a device name has at most %1 characters").arg(protocol::kMaxDeviceNameLength);
    return {};
}

quint32 DeviceListController::sendRequest(Kind kind, qint64 device, const protocol::Frame &frame)
{
    if (!m_hooks.send(frame))
        return 0;
    quint32 id = 0;
    std::visit(
        [&id](const auto &f) {
            if constexpr (requires { f.requestId; })
                id = f.requestId;
        },
        frame);
    m_pending.insert(id, Pending{kind, device});
    return id;
}

quint32 DeviceListController::refresh()
{
    return sendRequest(Kind::List, 0, protocol::DevicesGet{m_hooks.nextRequestId()});
}

quint32 DeviceListController::rename(qint64 device, const QString &name)
{
    if (!nameProblem(name).isEmpty())
        return 0;
    return sendRequest(Kind::Rename, device,
                       protocol::DeviceRename{m_hooks.nextRequestId(), device, name.trimmed()});
}

quint32 DeviceListController::revoke(qint64 device)
{
    if (device == m_selfDevice)
        return 0;
    return sendRequest(Kind::Revoke, device,
                       protocol::DeviceRevoke{m_hooks.nextRequestId(), device});
}

void DeviceListController::connectionReset()
{
    const auto pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        Q_EMIT requestFailed(it.key(), ErrorCode::ShuttingDown,
                             tr("the connection to the server was lost"));
}

bool DeviceListController::handle(const protocol::Frame &frame)
{
    using namespace protocol;
    return std::visit(Overloaded{
                          [this](const DeviceList &list) {
                              if (list.requestId == 0) { // the server's: the list changed
                                  onList(list);
                                  return true;
                              }
                              if (!m_pending.contains(list.requestId))
                                  return false;
                              m_pending.remove(list.requestId);
                              onList(list);
                              Q_EMIT requestFinished(list.requestId);
                              return true;
                          },
                          [this](const Ok &ok) {
                              if (!m_pending.contains(ok.requestId))
                                  return false;
                              const Pending done = m_pending.take(ok.requestId);
                              if (done.kind == Kind::Revoke) {
                                  m_devices.removeIf(
                                      [&](const OwnDevice &d) { return d.id == done.device; });
                                  Q_EMIT deviceRevoked(done.device);
                              }
                              Q_EMIT requestFinished(ok.requestId);
                              refresh(); // names and the list as the server has them now
                              return true;
                          },
                          [this](const ErrorFrame &e) {
                              if (e.requestId == 0 || !m_pending.contains(e.requestId))
                                  return false;
                              m_pending.remove(e.requestId);
                              Q_EMIT requestFailed(e.requestId, e.code, e.reason);
                              return true;
                          },
                          [](const auto &) { return false; },
                      },
                      frame);
}

void DeviceListController::onList(const protocol::DeviceList &list)
{
    const QByteArray accountKey = m_hooks.accountKey();
    QList<OwnDevice> devices;
    for (const protocol::DeviceInfo &info : list.devices) {
        OwnDevice d;
        d.id = info.device;
        d.name = info.name;
        d.linkedAt = info.linkedAt;
        d.lastSeen = info.lastSeen;
        d.identity = info.identity;
        d.fingerprint = crypto::deviceFingerprint(info.identity);
        d.approved = !accountKey.isEmpty() && !info.identity.isEmpty() &&
                     crypto::verifyDevice(accountKey, m_self, info.device, info.identity,
                                          info.deviceSignature);
        d.current = info.device == m_selfDevice;
        devices.append(std::move(d));
    }
    m_devices = std::move(devices);
    qCDebug(lcClient) << "device list:" << m_devices.size() << "devices";
    Q_EMIT listChanged();
}

} // namespace linnet::client
