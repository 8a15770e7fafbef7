// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientMigrations.h"

#include "ClientLog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace linnet::client {

namespace {

using protocol::ErrorCode;
using protocol::makeError;

/*
 * Version 1.
 * - conversations.key is the conversation key the app uses (the peer's
 *   username for a direct chat, kind 0); server_id is the server's id once an
 *   ack or a delivery told us (UNIQUE, so it maps back to one key).
 * - messages.pos is AUTOINCREMENT so local insertion order is never reused;
 *   seq is NULL while an own message is queued. Display order is
 *   (seq IS NULL, seq, pos); the index serves per-conversation paging and the
 *   contiguous-seq walk.
 * - outbox rows belong to their message (deleted with it).
 */
protocol::Result<bool> schemaV1(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(CREATE TABLE conversations (
            key TEXT PRIMARY KEY NOT NULL,
            kind INTEGER NOT NULL DEFAULT 0,
            peer TEXT NOT NULL,
            server_id INTEGER NULL UNIQUE,
            last_message TEXT NOT NULL DEFAULT '',
            last_activity INTEGER NOT NULL DEFAULT 0,
            unread INTEGER NOT NULL DEFAULT 0,
            read_up_to INTEGER NOT NULL DEFAULT 0,
            contiguous_seq INTEGER NOT NULL DEFAULT 0,
            max_seq INTEGER NOT NULL DEFAULT 0
        ))",
                R"(CREATE INDEX conversations_by_activity ON conversations (last_activity))",
                R"(CREATE TABLE messages (
            pos INTEGER PRIMARY KEY AUTOINCREMENT,
            id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
            conversation TEXT NOT NULL REFERENCES conversations (key),
            seq INTEGER NULL,
            sender TEXT NOT NULL,
            outgoing INTEGER NOT NULL,
            text TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            state INTEGER NOT NULL
        ))",
                R"(CREATE INDEX messages_by_conversation_seq ON messages (conversation, seq))",
                R"(CREATE TABLE outbox (
            id BLOB PRIMARY KEY NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            recipient TEXT NOT NULL,
            body BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0
        ))",
                R"(CREATE TABLE settings (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ))",
            });
}

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

const std::vector<ClientMigration> &clientMigrations()
{
    // Append only. Never edit a shipped step: write a new one that alters the schema.
    static const std::vector<ClientMigration> list{
        {1, "conversations, messages, outbox, settings", schemaV1},
    };
    return list;
}

int latestClientSchemaVersion()
{
    return clientMigrations().back().version;
}

protocol::Result<bool> execClientStatements(QSqlDatabase &db,
                                            std::initializer_list<const char *> statements)
{
    for (const char *sql : statements) {
        QString error;
        if (!execRaw(db, QString::fromUtf8(sql), &error))
            return makeError(ErrorCode::InternalError, error);
    }
    return true;
}

protocol::Result<int> clientSchemaVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return makeError(
            ErrorCode::InternalError,
            QStringLiteral("cannot read schema version: %1").arg(q.lastError().text()));
    return q.value(0).toInt();
}

protocol::Result<int> migrateClientDatabase(QSqlDatabase &db)
{
    return migrateClientDatabase(db, clientMigrations());
}

protocol::Result<int> migrateClientDatabase(QSqlDatabase &db,
                                            const std::vector<ClientMigration> &steps)
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

    QString error;
    // IMMEDIATE: take the write lock before reading the version, so that two
    // processes opening the same profile cannot both run the same step.
    if (!execRaw(db, QStringLiteral("BEGIN IMMEDIATE"), &error))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot start migration: %1").arg(error));
    auto fail = [&db](const QString &reason) -> protocol::Result<int> {
        execRaw(db, QStringLiteral("ROLLBACK"), nullptr);
        qCWarning(lcLocalStore).noquote() << reason;
        return makeError(ErrorCode::InternalError, reason);
    };

    const auto current = clientSchemaVersion(db);
    if (!current)
        return fail(current.error().reason);
    const int from = current.value();
    if (from > latest)
        return fail(QStringLiteral("database schema version %1 is newer than this client "
                                   "supports (%2); update Linnet to open this profile")
                        .arg(from)
                        .arg(latest));
    if (from == latest) {
        execRaw(db, QStringLiteral("ROLLBACK"), nullptr);
        return from;
    }

    for (const ClientMigration &m : steps) {
        if (m.version <= from)
            continue;
        qCInfo(lcLocalStore, "applying client schema step %d: %s", m.version, m.description);
        const auto done = m.step(db);
        if (!done)
            return fail(QStringLiteral("schema step %1 (%2) failed: %3")
                            .arg(m.version)
                            .arg(QString::fromUtf8(m.description), done.error().reason));
    }
    // PRAGMA takes no bind values; the number comes from our own list.
    if (!execRaw(db, QStringLiteral("PRAGMA user_version = %1").arg(latest), &error))
        return fail(QStringLiteral("cannot set schema version: %1").arg(error));
    if (!execRaw(db, QStringLiteral("COMMIT"), &error))
        return fail(QStringLiteral("cannot commit migration: %1").arg(error));
    qCInfo(lcLocalStore, "client database schema migrated from version %d to %d", from, latest);
    return latest;
}

} // namespace linnet::client
