// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"
#include "storage/SqlMigrations.h"

#include <QSqlDatabase>

#include <functional>
#include <vector>

namespace linnet::server {

/** One schema step (see storage::Migration). */
using Migration = storage::Migration;

/** The server's schema history, oldest first. */
const std::vector<Migration> &schemaMigrations();

/** The version a fully migrated database has (the last entry's). */
int latestSchemaVersion();

/**
 * Brings @p db to the latest schema: every pending step in ONE transaction,
 * then PRAGMA user_version. Returns the resulting version. A database newer
 * than this server is refused with InternalError; a failed step rolls back
 * and leaves the database at its old version. Run it with PRAGMA foreign_keys
 * OFF (the default of a new connection): step 3 rebuilds a referenced table.
 */
protocol::Result<int> migrate(QSqlDatabase &db);

/** The same with an explicit step list (tests append a failing step). */
protocol::Result<int> migrate(QSqlDatabase &db, const std::vector<Migration> &steps);

using storage::execStatements;

using storage::schemaVersion;

} // namespace linnet::server
