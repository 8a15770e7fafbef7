// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QSqlDatabase>

#include <functional>
#include <vector>

namespace linnet::server {

/**
 * One schema step. Steps run in version order; step N takes the schema from
 * version N-1 to N. Adding a migration = appending an entry to the list in
 * Migrations.cpp; nothing else changes.
 */
struct Migration {
    int version = 0;
    const char *description = "";
    /** Runs inside the migration transaction; returns the driver's error on failure. */
    std::function<protocol::Result<bool>(QSqlDatabase &)> step;
};

/** The server's schema history, oldest first. */
const std::vector<Migration> &schemaMigrations();

/** The version a fully migrated database has (the last entry's). */
int latestSchemaVersion();

/**
 * Brings @p db to the latest schema: every pending step in ONE transaction,
 * then PRAGMA user_version. Returns the resulting version. A database newer
 * than this server is refused with InternalError; a failed step rolls back
 * and leaves the database at its old version.
 */
protocol::Result<int> migrate(QSqlDatabase &db);

/** The same with an explicit step list (tests append a failing step). */
protocol::Result<int> migrate(QSqlDatabase &db, const std::vector<Migration> &steps);

/** Executes @p statements in order (one statement each); the first failure is returned. */
protocol::Result<bool> execStatements(QSqlDatabase &db,
                                      std::initializer_list<const char *> statements);

/** PRAGMA user_version of @p db, or an error. */
protocol::Result<int> schemaVersion(QSqlDatabase &db);

} // namespace linnet::server
