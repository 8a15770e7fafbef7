// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceDirectory.h"

#include "store/KeyStore.h"

namespace linnet::server {

namespace {
/** Accounts kept before the cache is cleared (a crude bound on memory). */
constexpr qsizetype kMaxCachedAccounts = 100000;
} // namespace

DeviceDirectory::DeviceDirectory(KeyStore &keys) : m_keys(keys) {}

QList<DeviceDirectory::Route> DeviceDirectory::routesOf(qint64 accountId)
{
    if (const auto it = m_cache.constFind(accountId); it != m_cache.cend())
        return it.value();
    QList<Route> routes;
    for (const DeviceKeysRecord &keys : m_keys.keysOfAccount(accountId))
        if (keys.routable())
            routes.append(Route{keys.deviceId, keys.registrationId});
    if (m_cache.size() >= kMaxCachedAccounts)
        m_cache.clear();
    m_cache.insert(accountId, routes);
    return routes;
}

void DeviceDirectory::invalidate(qint64 accountId)
{
    m_cache.remove(accountId);
}

std::optional<QString> DeviceDirectory::mismatch(qint64 senderAccount, qint64 senderDevice,
                                                 qint64 recipientAccount,
                                                 const QList<protocol::DeviceCopy> &copies)
{
    QList<Route> expected = routesOf(recipientAccount);
    if (expected.isEmpty() && recipientAccount != senderAccount)
        return QStringLiteral("the recipient has no device that can receive encrypted messages");
    if (senderAccount != recipientAccount)
        expected += routesOf(senderAccount);
    expected.removeIf([senderDevice](const Route &r) { return r.device == senderDevice; });

    if (expected.size() != copies.size())
        return QStringLiteral("%1 copies for %2 devices").arg(copies.size()).arg(expected.size());
    for (const Route &route : std::as_const(expected)) {
        const auto copy = std::find_if(copies.cbegin(), copies.cend(),
                                       [&](const auto &c) { return c.device == route.device; });
        if (copy == copies.cend())
            return QStringLiteral("no copy for device %1").arg(route.device);
        if (copy->registrationId != route.registrationId)
            return QStringLiteral("device %1 has new keys").arg(route.device);
    }
    return std::nullopt;
}

} // namespace linnet::server
