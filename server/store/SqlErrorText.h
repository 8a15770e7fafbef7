// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QSqlError;

namespace linnet::server {

/**
 * The reason a QtSql call failed, for the store's error strings and logs:
 * SQLite's own message (QSqlError::databaseText, e.g. "database or disk is
 * full"), the driver's (QSqlError::driverText, e.g. "Unable to commit
 * transaction") and SQLite's result code. Never empty: a failure with no text
 * at all says so, so that "cannot repair seqs of linnet.db: " cannot be
 * printed with nothing after the colon again (issue 23.10).
 */
QString sqlErrorText(const QSqlError &error);

} // namespace linnet::server
