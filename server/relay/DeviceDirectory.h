// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Frames.h"

#include <QHash>
#include <QList>

#include <optional>

namespace linnet::server {

class KeyStore;

/**
 * Which devices of an account can receive encrypted messages (those that have
 * uploaded keys) and with which registration id: what a send's copies must
 * match. Cached per account; a keys upload invalidates its account.
 */
class DeviceDirectory {
public:
    struct Route {
        qint64 device = 0;
        quint32 registrationId = 0;
        bool operator==(const Route &) const = default;
    };

    explicit DeviceDirectory(KeyStore &keys);

    QList<Route> routesOf(qint64 accountId);
    void invalidate(qint64 accountId);

    /**
     * Checks that @p copies name exactly the recipient's devices and the sender's
     * other devices, each with its current registration id. Returns why not, or
     * nullopt when they match.
     */
    std::optional<QString> mismatch(qint64 senderAccount, qint64 senderDevice,
                                    qint64 recipientAccount,
                                    const QList<protocol::DeviceCopy> &copies);

private:
    KeyStore &m_keys;
    QHash<qint64, QList<Route>> m_cache;
};

} // namespace linnet::server
