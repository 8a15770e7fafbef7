// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArray>
#include <QString>

namespace linnet::client {

/**
 * Where a device keeps its secrets (the device token now; identity keys when
 * end-to-end encryption lands). The desktop app will use the OS keychain;
 * FileSecretStore is the headless implementation.
 */
class SecretStore {
public:
    virtual ~SecretStore() = default;
    /** The stored value, an empty array if none, or an error (unreadable, locked...). */
    virtual protocol::Result<QByteArray> read(const QString &key) = 0;
    virtual protocol::Result<bool> write(const QString &key, const QByteArray &value) = 0;
    virtual protocol::Result<bool> remove(const QString &key) = 0;
};

} // namespace linnet::client
