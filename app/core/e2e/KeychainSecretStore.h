// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "e2e/SecretStore.h"

#include <QCoreApplication>
#include <QHash>

#include <optional>

class QThread;

namespace linnet::client {

/**
 * Secrets in the operating system's keychain through QtKeychain (the Secret
 * Service, i.e. gnome-keyring or KWallet, on Linux; Keychain on macOS;
 * Credential Manager on Windows). The desktop app's store.
 *
 * Each secret is one keychain entry of @p service named "<accountPrefix>/<key>",
 * so two profiles with different prefixes never see each other's secrets.
 * Values are stored as binary data; a missing entry reads as an empty array.
 * Every key is read from the keychain at most once per instance: the value is
 * cached (and updated by write() and remove()).
 *
 * QtKeychain is asynchronous; this class waits for each job in a local
 * QEventLoop because SecretStore is synchronous. That is acceptable here
 * because secrets are read once at start-up and written rarely; the wait can
 * still deliver other events (not user input), so callers must not rely on
 * nothing else running meanwhile. Use it only from the thread that created it,
 * with a QCoreApplication running.
 */
class KeychainSecretStore : public SecretStore {
    Q_DECLARE_TR_FUNCTIONS(KeychainSecretStore)

public:
    /**
     * @param service       the keychain service name, e.g. "Linnet"
     * @param accountPrefix names this profile's entries; must be non-empty and
     *                      contain no '/' (see accountPrefixForProfile())
     */
    KeychainSecretStore(QString service, QString accountPrefix);
    ~KeychainSecretStore() override;
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

    protocol::Result<QByteArray> read(const QString &key) override;
    protocol::Status write(const QString &key, const QByteArray &value) override;
    protocol::Result<bool> remove(const QString &key) override;

    /**
     * A stable prefix for the profile in @p profileDir: "profile-" and 16 hex
     * digits of the SHA-256 of its absolute, cleaned path (not resolving
     * symlinks, so the prefix does not change once the directory exists).
     */
    static QString accountPrefixForProfile(const QString &profileDir);

    QString service() const { return m_service; }
    QString accountPrefix() const { return m_prefix; }
    /** The keychain entry name of @p key: "<accountPrefix>/<key>". */
    QString accountFor(const QString &key) const;

private:
    /** An error for a bad prefix or key, or none. */
    std::optional<protocol::Error> checkNames(const QString &key) const;

    QString m_service;
    QString m_prefix;
    QHash<QString, QByteArray> m_cache;
    QThread *m_thread;
};

} // namespace linnet::client
