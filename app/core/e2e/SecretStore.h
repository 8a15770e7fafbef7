// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArray>
#include <QString>

namespace linnet::client {

/**
 * Where a device keeps its secrets: the device token, the identity key and
 * the local state key that seals ratchet state in the database. The desktop
 * app uses KeychainSecretStore (the OS keychain), linnet-cli and headless
 * set-ups PassphraseSecretStore (a file encrypted under a passphrase), unit
 * tests MemorySecretStore.
 *
 * The interface is synchronous on purpose: secrets are read once at start-up
 * and written rarely (register, login, new identity), so callers stay simple.
 */
class SecretStore {
public:
    virtual ~SecretStore() = default;
    /** The stored value, an empty array if none, or an error (unreadable, locked...). */
    virtual protocol::Result<QByteArray> read(const QString &key) = 0;
    /** Stores @p value under @p key, replacing any older value; an empty key is an error. */
    virtual protocol::Status write(const QString &key, const QByteArray &value) = 0;
    /** Forgets @p key: true if a value was removed, false if there was none. */
    virtual protocol::Result<bool> remove(const QString &key) = 0;
};

} // namespace linnet::client
