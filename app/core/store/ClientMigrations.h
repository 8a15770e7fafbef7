// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"
#include "storage/SqlMigrations.h"

#include <QSqlDatabase>

#include <functional>
#include <initializer_list>
#include <vector>

namespace linnet::client {

/** One step of the client's schema history (see storage::Migration). */
using ClientMigration = storage::Migration;

/** The client's schema history, oldest first. */
const std::vector<ClientMigration> &clientMigrations();

/** The version a fully migrated client database has (the last entry's). */
int latestClientSchemaVersion();

/**
 * Brings @p db to the latest schema: every pending step in ONE transaction,
 * then PRAGMA user_version. Returns the resulting version. A database newer
 * than this client is refused with InternalError ("... is newer than this
 * client ..."); a failed step rolls back and leaves the database at its old
 * version.
 */
protocol::Result<int> migrateClientDatabase(QSqlDatabase &db);

/** The same with an explicit step list (tests append a failing step). The
 *  versions must be 1, 2, 3...; any other list is refused with an error. */
protocol::Result<int> migrateClientDatabase(QSqlDatabase &db,
                                            const std::vector<ClientMigration> &steps);

/** PRAGMA user_version of @p db, or an error. */
protocol::Result<int> clientSchemaVersion(QSqlDatabase &db);

/** Executes @p statements in order (one statement each); the first failure is returned. */
protocol::Status execClientStatements(QSqlDatabase &db,
                                      std::initializer_list<const char *> statements);

} // namespace linnet::client
