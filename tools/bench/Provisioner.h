// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchConnection.h"
#include "protocol/Frames.h"

#include <QHash>
#include <QUrl>

#include <optional>
#include <vector>

namespace linnet::bench {

/**
 * Creates the bench's devices by registering accounts over the protocol, a
 * few in parallel (the server hashes each password with Argon2id, so this is
 * the slow part of setting up). With a cache file, the device tokens are kept
 * so that a later run against the same data directory reuses them. A name
 * already taken (registered by an earlier run whose answer was lost) is logged
 * in to with the bench's password instead, which makes a new device of it.
 * Runs on the calling (main) thread's event loop.
 */
class Provisioner {
public:
    Provisioner(QUrl url, QString cacheFile, int parallel);

    /** Devices named "<prefix>-0" .. "<prefix>-<count-1>", registered where not cached. */
    std::optional<std::vector<DeviceCredentials>> devices(const QString &prefix, int count,
                                                          int timeoutMs);

    int registered() const { return m_registered; }
    double registrationSeconds() const { return m_seconds; }
    QString error() const { return m_error; }

private:
    void loadCache();
    void appendToCache(const DeviceCredentials &device);

    QUrl m_url;
    QString m_cacheFile;
    int m_parallel;
    QHash<QString, DeviceCredentials> m_cache;
    protocol::KeysUpload m_keys; ///< one valid key set, uploaded for every device
    int m_registered = 0;
    double m_seconds = 0;
    QString m_error;
};

} // namespace linnet::bench
