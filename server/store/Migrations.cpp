// SPDX-License-Identifier: GPL-3.0-or-later
#include "Migrations.h"

#include "storage/SqlQuery.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace linnet::server {

namespace {

using protocol::ErrorCode;
using protocol::makeError;
using storage::sqlErrorText;

/*
 * Version 1. Portability notes for a later PostgreSQL store: 64-bit values are
 * BIGINT (INTEGER is 32-bit there), ids are "INTEGER PRIMARY KEY" because only
 * that exact spelling makes a SQLite rowid alias (BIGSERIAL/identity there),
 * BLOB maps to BYTEA. inbox.entry is AUTOINCREMENT so that an entry id is never
 * reused after deletion: clients ack by entry id.
 */
protocol::Status schemaV1(QSqlDatabase &db)
{
    return execStatements(
        db, {
                R"(CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            password_hash BLOB NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            last_seen BIGINT NOT NULL DEFAULT 0,
            last_seen_visibility INTEGER NOT NULL DEFAULT 0
        ))",
                R"(CREATE TABLE devices (
            id INTEGER PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts (id),
            name TEXT NOT NULL,
            token_hash BLOB NOT NULL,
            created_at BIGINT NOT NULL
        ))",
                R"(CREATE INDEX devices_by_account ON devices (account_id))",
                R"(CREATE TABLE invites (
            code_hash BLOB PRIMARY KEY,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_by BIGINT NULL REFERENCES accounts (id),
            used_at BIGINT NULL
        ))",
                // kind 0 = one-to-one (member_a <= member_b; equal for notes to self).
                // Groups will add a members table and use kind 1.
                R"(CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            kind INTEGER NOT NULL DEFAULT 0,
            member_a BIGINT NOT NULL REFERENCES accounts (id),
            member_b BIGINT NOT NULL REFERENCES accounts (id),
            last_seq BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            UNIQUE (member_a, member_b),
            CHECK (member_a <= member_b)
        ))",
                R"(CREATE INDEX conversations_by_member_b ON conversations (member_b))",
                // The dedup record of every accepted message; the body lives only in inbox rows.
                R"(CREATE TABLE messages (
            sender_device BIGINT NOT NULL REFERENCES devices (id),
            message_id BLOB NOT NULL,
            conversation BIGINT NOT NULL REFERENCES conversations (id),
            seq BIGINT NOT NULL,
            sender_account BIGINT NOT NULL,
            recipient_account BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            delivered_at BIGINT NULL,
            PRIMARY KEY (sender_device, message_id)
        ))",
                R"(CREATE INDEX messages_by_created ON messages (created_at))",
                // kind 0 = deliver (message_id..body), 1 = receipt (receipt_kind..receipt_ids).
                R"(CREATE TABLE inbox (
            entry INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id BIGINT NOT NULL REFERENCES devices (id),
            kind INTEGER NOT NULL,
            conversation BIGINT NOT NULL,
            seq BIGINT NOT NULL DEFAULT 0,
            message_id BLOB NULL,
            from_name TEXT NULL,
            from_device BIGINT NULL,
            to_name TEXT NULL,
            ts BIGINT NOT NULL,
            body BLOB NULL,
            receipt_kind INTEGER NULL,
            by_name TEXT NULL,
            up_to_seq BIGINT NULL,
            receipt_ids BLOB NULL,
            created_at BIGINT NOT NULL
        ))",
                R"(CREATE INDEX inbox_by_device ON inbox (device_id, entry))",
                R"(CREATE INDEX inbox_by_created ON inbox (created_at))",
            });
}

/*
 * Version 2: end-to-end encryption keys. One row of public keys per device that
 * has uploaded them, and the pool of one-time prekeys (each handed out once,
 * deleted when claimed). The server never holds a private key.
 */
protocol::Status schemaV2(QSqlDatabase &db)
{
    return execStatements(db,
                          {
                              R"(CREATE TABLE device_keys (
            device_id BIGINT PRIMARY KEY REFERENCES devices (id),
            account_id BIGINT NOT NULL REFERENCES accounts (id),
            identity_key BLOB NOT NULL,
            registration_id BIGINT NOT NULL,
            signed_prekey_id BIGINT NOT NULL,
            signed_prekey BLOB NOT NULL,
            signed_prekey_signature BLOB NOT NULL,
            updated_at BIGINT NOT NULL
        ))",
                              R"(CREATE INDEX device_keys_by_account ON device_keys (account_id))",
                              R"(CREATE TABLE one_time_prekeys (
            device_id BIGINT NOT NULL REFERENCES devices (id),
            key_id BIGINT NOT NULL,
            public_key BLOB NOT NULL,
            PRIMARY KEY (device_id, key_id)
        ))",
                          });
}

/*
 * Version 3: group chats. A group is a conversation of kind 1 with no
 * member_a/member_b (its members are in group_members), so the v1 table is
 * rebuilt with nullable members; SQLite cannot drop NOT NULL or change a CHECK
 * in place. The caller runs migrations with foreign_keys OFF (SQLite's
 * documented rebuild procedure): dropping the old table would otherwise count
 * every message referencing it as a violation. foreign_key_check afterwards
 * proves the copy kept every reference valid. Group messages use
 * recipient_account = 0 in messages; inbox kinds 2 (group_event) and 3
 * (sender_key) use the new inbox columns.
 */
protocol::Status schemaV3(QSqlDatabase &db)
{
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA foreign_keys")) || !check.next())
        return makeError(ErrorCode::InternalError, sqlErrorText(check.lastError()));
    if (check.value(0).toInt() != 0)
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("migrations must run with PRAGMA foreign_keys = OFF"));
    check.finish();
    auto done = execStatements(
        db, {
                R"(CREATE TABLE conversations_v3 (
            id INTEGER PRIMARY KEY,
            kind INTEGER NOT NULL DEFAULT 0,
            member_a BIGINT NULL REFERENCES accounts (id),
            member_b BIGINT NULL REFERENCES accounts (id),
            last_seq BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            UNIQUE (member_a, member_b),
            CHECK ((kind = 0 AND member_a IS NOT NULL AND member_b IS NOT NULL
                    AND member_a <= member_b)
                   OR (kind = 1 AND member_a IS NULL AND member_b IS NULL))
        ))",
                R"(INSERT INTO conversations_v3 (id, kind, member_a, member_b, last_seq, created_at)
           SELECT id, kind, member_a, member_b, last_seq, created_at FROM conversations)",
                R"(DROP TABLE conversations)",
                R"(ALTER TABLE conversations_v3 RENAME TO conversations)",
                R"(CREATE INDEX conversations_by_member_b ON conversations (member_b))",
                R"(CREATE TABLE chat_groups (
            conversation BIGINT PRIMARY KEY REFERENCES conversations (id),
            name TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by BIGINT NOT NULL REFERENCES accounts (id)
        ))",
                // joined orders members by arrival (the earliest becomes admin when the
                // last admin leaves); read_seq is the member's read position.
                R"(CREATE TABLE group_members (
            conversation BIGINT NOT NULL REFERENCES conversations (id),
            account_id BIGINT NOT NULL REFERENCES accounts (id),
            admin INTEGER NOT NULL DEFAULT 0,
            joined BIGINT NOT NULL,
            read_seq BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (conversation, account_id)
        ))",
                R"(CREATE INDEX group_members_by_account ON group_members (account_id))",
                R"(CREATE INDEX messages_by_conversation ON messages (conversation, seq))",
                // kind 0 with in_group = 1 is a group message (to_name NULL);
                // kind 2 = group_event (seq, by_name, group_op, subject_name, group_name);
                // kind 3 = sender_key (from_name, from_device, body).
                R"(ALTER TABLE inbox ADD COLUMN in_group INTEGER NOT NULL DEFAULT 0)",
                R"(ALTER TABLE inbox ADD COLUMN group_op INTEGER NULL)",
                R"(ALTER TABLE inbox ADD COLUMN subject_name TEXT NULL)",
                R"(ALTER TABLE inbox ADD COLUMN group_name TEXT NULL)",
            });
    if (!done)
        return done;
    if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return makeError(ErrorCode::InternalError, sqlErrorText(check.lastError()));
    if (check.next())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("rebuilt conversations break a reference from %1")
                             .arg(check.value(0).toString()));
    return {};
}

/*
 * Version 4: the messages key leads with the message id, (message_id,
 * sender_device) instead of (sender_device, message_id). Ids now begin with the
 * time they were made (MessageId::generate), so new messages go at the end of
 * that index instead of at a random place in each sender's range: about 30 %
 * less written to disk per message (docs/benchmarks.md, finding 19). Lookups
 * name both columns, so they use the new key as they used the old. SQLite cannot
 * change a primary key in place: the table is rebuilt (migrations run with
 * foreign_keys OFF; no table refers to messages).
 */
protocol::Status schemaV4(QSqlDatabase &db)
{
    return execStatements(
        db, {
                R"(CREATE TABLE messages_v4 (
            sender_device BIGINT NOT NULL REFERENCES devices (id),
            message_id BLOB NOT NULL,
            conversation BIGINT NOT NULL REFERENCES conversations (id),
            seq BIGINT NOT NULL,
            sender_account BIGINT NOT NULL,
            recipient_account BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            delivered_at BIGINT NULL,
            PRIMARY KEY (message_id, sender_device)
        ))",
                R"(INSERT INTO messages_v4 (sender_device, message_id, conversation, seq,
               sender_account, recipient_account, created_at, delivered_at)
           SELECT sender_device, message_id, conversation, seq, sender_account,
               recipient_account, created_at, delivered_at
           FROM messages ORDER BY message_id, sender_device)",
                R"(DROP TABLE messages)",
                R"(ALTER TABLE messages_v4 RENAME TO messages)",
                R"(CREATE INDEX messages_by_created ON messages (created_at))",
                R"(CREATE INDEX messages_by_conversation ON messages (conversation, seq))",
            });
}

/*
 * Version 5: messages is a WITHOUT ROWID table (the key is the table: one b-tree
 * fewer per message, and the key stored once), and its index by (conversation,
 * seq) holds group messages only (recipient_account 0), the only ones a query
 * looks up that way (a group member's read receipt). A one-to-one message is then
 * written to two b-trees instead of four: 11-17 % less written to disk per message
 * (docs/benchmarks.md, finding 24). Rebuilt like step 4 (foreign_keys OFF; no table
 * refers to messages).
 */
protocol::Status schemaV5(QSqlDatabase &db)
{
    return execStatements(
        db, {
                R"(CREATE TABLE messages_v5 (
            sender_device BIGINT NOT NULL REFERENCES devices (id),
            message_id BLOB NOT NULL,
            conversation BIGINT NOT NULL REFERENCES conversations (id),
            seq BIGINT NOT NULL,
            sender_account BIGINT NOT NULL,
            recipient_account BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            delivered_at BIGINT NULL,
            PRIMARY KEY (message_id, sender_device)
        ) WITHOUT ROWID)",
                R"(INSERT INTO messages_v5 (sender_device, message_id, conversation, seq,
               sender_account, recipient_account, created_at, delivered_at)
           SELECT sender_device, message_id, conversation, seq, sender_account,
               recipient_account, created_at, delivered_at
           FROM messages ORDER BY message_id, sender_device)",
                R"(DROP TABLE messages)",
                R"(ALTER TABLE messages_v5 RENAME TO messages)",
                R"(CREATE INDEX messages_by_created ON messages (created_at))",
                R"(CREATE INDEX messages_by_conversation ON messages (conversation, seq)
           WHERE recipient_account = 0)",
            });
}

/*
 * Version 6: a one-to-one conversation's last_seq is written lazily. The batch
 * writer keeps the seqs it committed in memory and writes them every few seconds
 * (and at shutdown) instead of in every batch: on a server with many
 * conversations each message dirtied a random page of conversations, most of the
 * bytes written per message (docs/benchmarks.md, finding 25). The messages rows
 * are what make a seq durable; server_state's seqs_unflushed_since says from
 * which created_at on messages may hold seqs that conversations does not have
 * yet (0: none), and opening the store after a crash takes them from there.
 * conversations_by_member_b goes: no query reads conversations by member_b
 * (accounts are never deleted, so its foreign key never looks children up), and
 * it cost a random page per new conversation.
 */
protocol::Status schemaV6(QSqlDatabase &db)
{
    return execStatements(db, {
                                  R"(CREATE TABLE server_state (
            name TEXT PRIMARY KEY,
            value BIGINT NOT NULL
        ))",
                                  R"(DROP INDEX conversations_by_member_b)",
                              });
}

/*
 * Version 7: the one-time prekeys already handed out, per device. A client whose
 * keys_upload confirmation was lost uploads the same prekeys again; a prekey
 * claimed meanwhile must not come back into the pool, or it would be handed out
 * twice. Rows go with the device's pool when its identity changes, and after 30
 * days (claimed_at), long after any resend.
 */
protocol::Status schemaV7(QSqlDatabase &db)
{
    return execStatements(db, {
                                  R"(CREATE TABLE claimed_prekeys (
            device_id BIGINT NOT NULL REFERENCES devices (id),
            key_id BIGINT NOT NULL,
            claimed_at BIGINT NOT NULL,
            PRIMARY KEY (device_id, key_id)
        ) WITHOUT ROWID)",
                              });
}

/*
 * Version 8: a one-to-one conversation keeps each member's read position, as a
 * group does in group_members.read_seq. A `read` that does not move it forward
 * stores nothing: 3,000 reads of the same seq had put 3,000 receipts into the
 * other member's inbox for 30 days (issue 23.1). No row: nothing read yet.
 */
protocol::Status schemaV8(QSqlDatabase &db)
{
    return execStatements(db, {
                                  R"(CREATE TABLE read_positions (
            conversation BIGINT NOT NULL REFERENCES conversations (id),
            account_id BIGINT NOT NULL REFERENCES accounts (id),
            read_seq BIGINT NOT NULL,
            PRIMARY KEY (conversation, account_id)
        ) WITHOUT ROWID)",
                              });
}

/*
 * Version 9: media blobs (docs/protocol.md 10). A blob is named by 16 random bytes;
 * its bytes live in the BlobStore, never under a client's name. size is the declared
 * size; complete once every byte is stored; referenced once a stored message names
 * it. A grant lets one device download one blob until it says media_done. Ages are
 * computed from created_at and last_write_at with the configured lifetimes, so a
 * change of retention_days applies to every blob.
 */
protocol::Status schemaV9(QSqlDatabase &db)
{
    return execStatements(db,
                          {
                              R"(CREATE TABLE media_blobs (
            id BLOB PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES accounts (id),
            device_id BIGINT NOT NULL REFERENCES devices (id),
            size BIGINT NOT NULL,
            complete INTEGER NOT NULL DEFAULT 0,
            referenced INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            last_write_at BIGINT NOT NULL
        ) WITHOUT ROWID)",
                              R"(CREATE INDEX media_blobs_by_account ON media_blobs (account_id))",
                              R"(CREATE TABLE media_grants (
            blob_id BLOB NOT NULL REFERENCES media_blobs (id),
            device_id BIGINT NOT NULL REFERENCES devices (id),
            PRIMARY KEY (blob_id, device_id)
        ) WITHOUT ROWID)",
                          });
}

/**
 * Linked devices (issue 27): the account identity key (set by the first upload that
 * carries one, NULL for accounts no upgraded device has connected to yet) and each
 * device's certificate by it (NULL: not certified).
 */
protocol::Status schemaV10(QSqlDatabase &db)
{
    return execStatements(db, {
                                  "ALTER TABLE accounts ADD COLUMN account_key BLOB NULL",
                                  "ALTER TABLE device_keys ADD COLUMN device_signature BLOB NULL",
                              });
}

/**
 * The device list (issue 27): when each device last connected or went away, and when it
 * was revoked. A revoked device's row stays (messages it sent name it); it cannot
 * authenticate and is left out of every list.
 */
/** Issue 28: the server's admins (`linnet-server user admin NAME on`) create and list
 *  invites from the app; nobody is one until the server's admin says so. */
protocol::Status schemaV12(QSqlDatabase &db)
{
    return execStatements(
        db, {"ALTER TABLE accounts ADD COLUMN server_admin INTEGER NOT NULL DEFAULT 0"});
}

protocol::Status schemaV11(QSqlDatabase &db)
{
    return execStatements(db, {
                                  "ALTER TABLE devices ADD COLUMN last_seen BIGINT NOT NULL "
                                  "DEFAULT 0",
                                  "ALTER TABLE devices ADD COLUMN revoked_at BIGINT NULL",
                              });
}

} // namespace

const std::vector<Migration> &schemaMigrations()
{
    // Append only. Never edit a shipped step: write a new one that alters the schema.
    static const std::vector<Migration> list{
        {1, "accounts, devices, invites, conversations, messages, inbox", schemaV1},
        {2, "device keys and one-time prekeys", schemaV2},
        {3, "group chats: groups, members, group inbox entries", schemaV3},
        {4, "messages keyed by message id first (time-ordered ids)", schemaV4},
        {5, "messages without rowid, indexed by conversation for groups only", schemaV5},
        {6, "conversation seqs written lazily (server_state), no index by member_b", schemaV6},
        {7, "one-time prekeys already handed out (claimed_prekeys)", schemaV7},
        {8, "read positions in one-to-one conversations", schemaV8},
        {9, "media blobs and download grants", schemaV9},
        {10, "account identity keys and device certificates", schemaV10},
        {11, "device last seen and revocation", schemaV11},
        {12, "server admins (accounts that create invites from the app)", schemaV12},
    };
    return list;
}

int latestSchemaVersion()
{
    return schemaMigrations().back().version;
}

protocol::Result<int> migrate(QSqlDatabase &db)
{
    return migrate(db, schemaMigrations());
}

protocol::Result<int> migrate(QSqlDatabase &db, const std::vector<Migration> &steps)
{
    return storage::migrate(db, steps, {QStringLiteral("this server"), QString()});
}

} // namespace linnet::server
