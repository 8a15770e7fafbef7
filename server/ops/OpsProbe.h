// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"
#include "store/SqliteConnection.h"

#include <QString>

#include <memory>
#include <optional>

namespace linnet::server {

/**
 * The database as /healthz and /metrics see it: a connection of its own to the
 * server's SQLite file (so a scrape never touches the store's connections or
 * their statements), on the event loop's thread. Its reads are short: one
 * page for the health check, index scans for the counts.
 */
class OpsProbe {
public:
    explicit OpsProbe(QString databaseFile) : m_file(std::move(databaseFile)) {}

    /** Reads from the database; an error says why it cannot. */
    protocol::Status check();

    struct Counts {
        qint64 inboxEntries = 0; ///< waiting for a device (one-to-one and group)
        qint64 accounts = 0;
        qint64 devices = 0;
        qint64 blobs = 0;     ///< attachments stored, complete or not
        qint64 blobBytes = 0; ///< their declared sizes
    };
    /** nullopt if the database cannot be read (check() says why). */
    std::optional<Counts> counts();

private:
    bool ensureOpen();
    std::optional<qint64> number(const char *sql);

    QString m_file;
    std::unique_ptr<SqliteConnection> m_db;
    QString m_error;
};

} // namespace linnet::server
