// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlMigrations.h"

#include "SqlQuery.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcMigrations, "linnet.storage.migrations", QtInfoMsg)

namespace linnet::storage {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

bool execRaw(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace

protocol::Status execStatements(QSqlDatabase &db, std::initializer_list<const char *> statements)
{
    for (const char *sql : statements) {
        QString error;
        if (!execRaw(db, QString::fromUtf8(sql), &error))
            return makeError(ErrorCode::InternalError, error);
    }
    return {};
}

protocol::Result<int> schemaVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot read schema version: %1").arg(q.lastError().text()));
    return q.value(0).toInt();
}

protocol::Result<int> migrate(QSqlDatabase &db, const std::vector<Migration> &steps,
                              const MigrationOwner &owner)
{
    if (steps.empty())
        return makeError(ErrorCode::InternalError, QStringLiteral("no schema migrations given"));
    for (size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].version != int(i) + 1 || !steps[i].step)
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("schema migration list is malformed at entry %1: "
                                            "versions must be 1, 2, 3... with a step each")
                                 .arg(i));
    }
    const int latest = steps.back().version;

    // IMMEDIATE: take the write lock before reading the version, so that two
    // processes opening the same file cannot both run the same step.
    Transaction tx(db, lcMigrations, Transaction::Lock::Immediate);
    if (!tx.active())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot start migration: %1").arg(tx.error().text()));
    auto fail = [&tx](const QString &reason) -> protocol::Result<int> {
        tx.rollback();
        qCWarning(lcMigrations).noquote() << reason;
        return makeError(ErrorCode::InternalError, reason);
    };

    const auto current = schemaVersion(db);
    if (!current)
        return fail(current.error().reason);
    const int from = current.value();
    if (from > latest)
        return fail(QStringLiteral("database schema version %1 is newer than %2 (%3)%4")
                        .arg(from)
                        .arg(owner.newerThan)
                        .arg(latest)
                        .arg(owner.hint));
    if (from == latest)
        return from; // tx rolls back: nothing was written

    for (const Migration &m : steps) {
        if (m.version <= from)
            continue;
        qCInfo(lcMigrations, "applying schema step %d: %s", m.version, m.description);
        const auto done = m.step(db);
        if (!done)
            return fail(QStringLiteral("schema step %1 (%2) failed: %3")
                            .arg(m.version)
                            .arg(QString::fromUtf8(m.description), done.error().reason));
    }
    // PRAGMA takes no bind values; the number comes from our own list.
    if (QString error; !execRaw(db, QStringLiteral("PRAGMA user_version = %1").arg(latest), &error))
        return fail(QStringLiteral("cannot set schema version: %1").arg(error));
    if (!tx.commit())
        return fail(QStringLiteral("cannot commit migration: %1").arg(tx.error().text()));
    qCInfo(lcMigrations, "database schema migrated from version %d to %d", from, latest);
    return latest;
}

} // namespace linnet::storage
