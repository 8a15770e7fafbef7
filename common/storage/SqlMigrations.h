// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QSqlDatabase>

#include <functional>
#include <initializer_list>
#include <vector>

namespace linnet::storage {

/**
 * One step of a database's schema history: step N takes the schema from
 * version N-1 to N. The server and the client each keep an append-only list;
 * adding a migration = appending an entry, nothing else changes.
 */
struct Migration {
    int version = 0;
    const char *description = "";
    /** Runs inside the migration transaction; returns the driver's error on failure. */
    std::function<protocol::Status(QSqlDatabase &)> step;
};

/** How a database that is newer than the code is described to people. */
struct MigrationOwner {
    QString newerThan; ///< e.g. "this server" -> "... is newer than this server (2)"
    QString hint;      ///< appended after the version, e.g. "; update Linnet to open this profile"
};

/**
 * Brings @p db to the last version of @p steps: every pending step in ONE
 * transaction (BEGIN IMMEDIATE, so two processes cannot run the same step),
 * then PRAGMA user_version. Returns the resulting version. Refuses a list
 * whose versions are not 1, 2, 3... with a step each, and a database newer
 * than the list; a failed step rolls back and leaves the old version.
 */
protocol::Result<int> migrate(QSqlDatabase &db, const std::vector<Migration> &steps,
                              const MigrationOwner &owner);

/** Executes @p statements in order (one statement each); the first failure is returned. */
protocol::Status execStatements(QSqlDatabase &db, std::initializer_list<const char *> statements);

/** PRAGMA user_version of @p db, or an error. */
protocol::Result<int> schemaVersion(QSqlDatabase &db);

} // namespace linnet::storage
