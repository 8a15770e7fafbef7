// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

namespace linnet::client {

/**
 * TEMPORARY (until the encryption issue): secrets in a file readable only by
 * the owner (0600) inside the profile directory, written atomically. It is
 * not encrypted; README and docs say so.
 */
class FileSecretStore : public SecretStore {
public:
    explicit FileSecretStore(QString filePath);

    protocol::Result<QByteArray> read(const QString &key) override;
    protocol::Result<bool> write(const QString &key, const QByteArray &value) override;
    protocol::Result<bool> remove(const QString &key) override;

private:
    QString m_path;
};

} // namespace linnet::client
