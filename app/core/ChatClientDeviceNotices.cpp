// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient: notices when a device is added to or removed from an account (issue 27,
// docs/crypto.md "Device list and revocation"). A peer's approved devices changing is a
// notice in the chat with that peer; this account's own list changing is told through
// ownDeviceAdded / ownDeviceRemoved, at once when the server sends the new list, or at the
// next connection against the list last seen (kept in the profile's settings).
#include "ChatClient.h"

#include "ClientLog.h"
#include "Clock.h"
#include "devices/DeviceListController.h"
#include "store/LocalStore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace linnet::client {

namespace {
/** The device list last seen, {"id": "name", ...}; absent before the first one. */
const QString kKnownDevicesKey = QStringLiteral("account/known_devices");
} // namespace

void ChatClient::noteDeviceChanges(const E2eSessions::KeysChange &change)
{
    // Own devices are told by the device list; a new account key is its own notice.
    if (change.user == m_username || change.securityCodeChanged ||
        !m_store.conversation(change.user))
        return;
    QStringList texts;
    for (const auto &[device, name] : change.added)
        texts << tr("%1 linked a new device: %2")
                     .arg(change.user, name.isEmpty() ? tr("device %1").arg(device) : name);
    for (qsizetype i = 0; i < change.removed.size(); ++i)
        texts << tr("%1 removed a device from their account.").arg(change.user);
    for (const QString &text : std::as_const(texts)) {
        if (const auto notice = m_notices.add(change.user, text, nowMs())) {
            Q_EMIT messageAdded(*notice);
            Q_EMIT conversationChanged(change.user);
        }
    }
}

void ChatClient::watchOwnDevices()
{
    connect(m_devices.get(), &DeviceListController::listChanged, this, &ChatClient::noteOwnDevices);
    // What changed while this device was away is found by the first list of a connection.
    connect(this, &ChatClient::stateChanged, this, [this](ConnectionState state) {
        if (state == ConnectionState::Online)
            m_devices->refresh();
    });
}

void ChatClient::noteOwnDevices()
{
    const QString stored = m_store.setting(kKnownDevicesKey);
    const QJsonObject known = QJsonDocument::fromJson(stored.toUtf8()).object();
    QJsonObject current;
    for (const OwnDevice &d : m_devices->devices())
        current.insert(QString::number(d.id), d.name);
    if (!stored.isEmpty()) { // the first list of a profile is what it starts from
        for (const OwnDevice &d : m_devices->devices()) {
            if (!d.current && !known.contains(QString::number(d.id))) {
                qCInfo(lcClient) << "device" << d.id << "was added to this account";
                Q_EMIT ownDeviceAdded(d.id, d.name);
            }
        }
        for (auto it = known.constBegin(); it != known.constEnd(); ++it) {
            if (!current.contains(it.key()) && it.key().toLongLong() != m_deviceId) {
                qCInfo(lcClient) << "device" << it.key() << "was removed from this account";
                Q_EMIT ownDeviceRemoved(it.key().toLongLong(), it.value().toString());
            }
        }
    }
    const QString now = QString::fromUtf8(QJsonDocument(current).toJson(QJsonDocument::Compact));
    if (now != stored)
        m_store.setSetting(kKnownDevicesKey, now);
}

} // namespace linnet::client
