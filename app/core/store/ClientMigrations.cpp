// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ClientMigrations.h"

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
protocol::Status schemaV1(QSqlDatabase &db)
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

/*
 * Version 2: the people this account talks to, with what the app last knew of
 * their presence (so a restarted app can show "last seen" before it is online).
 */
protocol::Status schemaV2(QSqlDatabase &db)
{
    return execClientStatements(db, {
                                        R"(CREATE TABLE contacts (
            username TEXT PRIMARY KEY NOT NULL,
            display_name TEXT NOT NULL DEFAULT '',
            last_seen INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        ))",
                                        R"(INSERT INTO contacts (username, created_at)
            SELECT peer, COALESCE(last_activity, 0) FROM conversations WHERE kind = 0)",
                                    });
}

/*
 * Version 3: end-to-end encryption.
 * - messages.kind: 0 text, 1 notice (e.g. a security code changed), 2 a message
 *   that could not be decrypted (kept, never silently dropped).
 * - peer_devices: the devices of each user (including this account's others)
 *   as the server last listed them, with the identity key first seen for each.
 * - sessions: one Double Ratchet record per remote device; signed_prekeys and
 *   one_time_prekeys: this device's private prekeys. Every secret column is
 *   sealed (XChaCha20-Poly1305) with the profile's state key from the
 *   SecretStore, so the file alone reveals no key.
 * - verified: the safety number the user confirmed for a peer.
 */
protocol::Status schemaV3(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(ALTER TABLE messages ADD COLUMN kind INTEGER NOT NULL DEFAULT 0)",
                R"(CREATE TABLE peer_devices (
            peer TEXT NOT NULL,
            device INTEGER NOT NULL,
            registration_id INTEGER NOT NULL,
            identity BLOB NOT NULL,
            first_seen INTEGER NOT NULL,
            PRIMARY KEY (peer, device)
        ))",
                R"(CREATE TABLE sessions (
            peer TEXT NOT NULL,
            device INTEGER NOT NULL,
            record BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (peer, device)
        ))",
                R"(CREATE TABLE signed_prekeys (
            id INTEGER PRIMARY KEY NOT NULL,
            public_key BLOB NOT NULL,
            secret BLOB NOT NULL,
            signature BLOB NOT NULL,
            created_at INTEGER NOT NULL
        ))",
                R"(CREATE TABLE one_time_prekeys (
            id INTEGER PRIMARY KEY NOT NULL,
            public_key BLOB NOT NULL,
            secret BLOB NOT NULL,
            uploaded INTEGER NOT NULL DEFAULT 0
        ))",
                R"(CREATE TABLE verified (
            peer TEXT PRIMARY KEY NOT NULL,
            safety_number TEXT NOT NULL,
            verified_at INTEGER NOT NULL
        ))",
            });
}

/*
 * Version 4: group chats.
 * - groups: one row per group conversation (conversations.kind 1, key
 *   "group:<server id>", conversations.peer holds the group's name); member is
 *   0 once this account was removed or left.
 * - group_members: the members as the server last said, with their admin flag.
 * - group_events: the structured membership event behind a system message
 *   (messages.kind 3), so the UI can word it in the user's language.
 * - group_receipts: per own group message and member, the delivery state that
 *   member reported; recipient = 1 for the members the message was sent to.
 * - own_sender_keys / received_sender_keys: sender-key state per group (server
 *   conversation id), sealed with the state key like the ratchet sessions;
 *   sender_key_holders: which devices have which of this device's keys.
 */
protocol::Status schemaV4(QSqlDatabase &db)
{
    return execClientStatements(db, {
                                        R"(CREATE TABLE groups (
            conversation TEXT PRIMARY KEY NOT NULL REFERENCES conversations (key),
            server_id INTEGER NOT NULL UNIQUE,
            name TEXT NOT NULL,
            member INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL
        ))",
                                        R"(CREATE TABLE group_members (
            conversation TEXT NOT NULL REFERENCES groups (conversation) ON DELETE CASCADE,
            user TEXT NOT NULL,
            admin INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (conversation, user)
        ))",
                                        R"(CREATE TABLE group_events (
            message_id BLOB PRIMARY KEY NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            op INTEGER NOT NULL,
            actor TEXT NOT NULL,
            subject TEXT NOT NULL,
            name TEXT NOT NULL
        ))",
                                        R"(CREATE TABLE group_receipts (
            message_id BLOB NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            member TEXT NOT NULL,
            recipient INTEGER NOT NULL DEFAULT 0,
            state INTEGER NOT NULL DEFAULT 1,
            updated_at INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (message_id, member)
        ))",
                                        R"(CREATE TABLE own_sender_keys (
            conversation INTEGER PRIMARY KEY NOT NULL,
            key_id INTEGER NOT NULL,
            record BLOB NOT NULL,
            created_at INTEGER NOT NULL
        ))",
                                        R"(CREATE TABLE sender_key_holders (
            conversation INTEGER NOT NULL,
            key_id INTEGER NOT NULL,
            peer TEXT NOT NULL,
            device INTEGER NOT NULL,
            PRIMARY KEY (conversation, key_id, peer, device)
        ))",
                                        R"(CREATE TABLE received_sender_keys (
            conversation INTEGER NOT NULL,
            sender TEXT NOT NULL,
            device INTEGER NOT NULL,
            record BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (conversation, sender, device)
        ))",
                                    });
}

/*
 * Version 5: messages.sender_time, when the author wrote the message by their own clock,
 * from inside the encrypted content (0: unknown, e.g. rows from before this step).
 */
protocol::Status schemaV5(QSqlDatabase &db)
{
    return execClientStatements(
        db, {R"(ALTER TABLE messages ADD COLUMN sender_time INTEGER NOT NULL DEFAULT 0)"});
}

/*
 * Version 6: attachments (docs/protocol.md 8, 10, 11).
 * - attachments: one row per message of kind 4 (file): the sender's description
 *   (FileRef: blob id, key, SHA-256 of the blob, sizes, type, name, thumbnail) and
 *   this device's side of the transfer (state: TransferState; bytes moved; the local
 *   file; why it failed). stream_header is the secretstream header an own upload is
 *   encrypted with, kept so that a resumed upload yields the same bytes. done_sent:
 *   the server has this device's media_done. blob is NULL until the server reserved it.
 * - outbox.media: the blob ids (16 bytes each, concatenated) a queued message
 *   references, for send's `media`.
 */
protocol::Status schemaV6(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(CREATE TABLE attachments (
            message_id BLOB PRIMARY KEY NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            blob BLOB NULL,
            file_key BLOB NOT NULL,
            sha256 BLOB NOT NULL DEFAULT x'',
            size INTEGER NOT NULL,
            cipher_size INTEGER NOT NULL,
            mime TEXT NOT NULL,
            name TEXT NOT NULL,
            kind INTEGER NOT NULL DEFAULT 0,
            thumbnail BLOB NOT NULL DEFAULT x'',
            width INTEGER NOT NULL DEFAULT 0,
            height INTEGER NOT NULL DEFAULT 0,
            duration_ms INTEGER NOT NULL DEFAULT 0,
            state INTEGER NOT NULL,
            transferred INTEGER NOT NULL DEFAULT 0,
            local_path TEXT NOT NULL DEFAULT '',
            stream_header BLOB NOT NULL DEFAULT x'',
            error TEXT NOT NULL DEFAULT '',
            done_sent INTEGER NOT NULL DEFAULT 0
        ))",
                R"(CREATE INDEX attachments_by_state ON attachments (state))",
                R"(ALTER TABLE outbox ADD COLUMN media BLOB NOT NULL DEFAULT x'')",
            });
}

/*
 * Version 7: an own attachment is copied into the profile off the GUI thread, after its
 * message is stored.
 * - attachments.source_path: the file the user chose, so that a copy the app did not
 *   finish (it quit, it crashed) is made again from it after a restart.
 * - attachments.prepared: 0 until the copy is complete and its type and preview are
 *   known (rows from before this step were prepared when they were stored).
 */
protocol::Status schemaV7(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(ALTER TABLE attachments ADD COLUMN source_path TEXT NOT NULL DEFAULT '')",
                R"(ALTER TABLE attachments ADD COLUMN prepared INTEGER NOT NULL DEFAULT 1)",
            });
}

/*
 * Version 8: conversations.draft, what the user typed in a chat and did not send, so
 * that it is still there after a restart ('' when there is none). It goes with its
 * conversation's row.
 */
protocol::Status schemaV8(QSqlDatabase &db)
{
    return execClientStatements(
        db, {R"(ALTER TABLE conversations ADD COLUMN draft TEXT NOT NULL DEFAULT '')"});
}

/*
 * Version 9: full-text search over message texts and captions (kinds 0 and 4; notices,
 * events and undecryptable messages are not searched).
 * - message_search: an FTS5 index whose content is messages.text (external content,
 *   rowid = messages.pos: the text is stored once). unicode61 with remove_diacritics 2
 *   folds case and diacritics ("munchen" finds "München", "cancion" "canción"); prefix
 *   indexes of 2 and 3 characters keep search-as-you-type fast. SearchStore handles
 *   what the tokenizer does not fold (ß and ss).
 * - triggers keep it in step with every insert, delete and change of a message.
 * - the messages stored before this step are indexed by it.
 * Needs SQLite with FTS5 (Qt's QSQLITE has it, bundled or from the system's libsqlite3).
 */
protocol::Status schemaV9(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(CREATE VIRTUAL TABLE message_search USING fts5 (
            text, content = 'messages', content_rowid = 'pos',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        ))",
                R"(CREATE TRIGGER message_search_insert AFTER INSERT ON messages
            WHEN new.kind IN (0, 4) AND new.text <> '' BEGIN
            INSERT INTO message_search (rowid, text) VALUES (new.pos, new.text);
        END)",
                R"(CREATE TRIGGER message_search_delete AFTER DELETE ON messages
            WHEN old.kind IN (0, 4) AND old.text <> '' BEGIN
            INSERT INTO message_search (message_search, rowid, text)
                VALUES ('delete', old.pos, old.text);
        END)",
                R"(CREATE TRIGGER message_search_update AFTER UPDATE OF text, kind ON messages BEGIN
            INSERT INTO message_search (message_search, rowid, text)
                SELECT 'delete', old.pos, old.text WHERE old.kind IN (0, 4) AND old.text <> '';
            INSERT INTO message_search (rowid, text)
                SELECT new.pos, new.text WHERE new.kind IN (0, 4) AND new.text <> '';
        END)",
                R"(INSERT INTO message_search (rowid, text)
            SELECT pos, text FROM messages WHERE kind IN (0, 4) AND text <> '')",
            });
}

/*
 * Version 10: how the user organises the chat list (ChatListStore).
 * - pinned: 1 for a chat kept at the top of the list.
 * - muted_until: ms UTC until which the chat raises no notification; -1 for good, 0 not
 *   muted.
 * - archived: 1 for a chat moved out of the list into "Archived".
 * - marked_unread: 1 for a chat the user marked unread; opening it clears the mark.
 */
protocol::Status schemaV10(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0)",
                R"(ALTER TABLE conversations ADD COLUMN muted_until INTEGER NOT NULL DEFAULT 0)",
                R"(ALTER TABLE conversations ADD COLUMN archived INTEGER NOT NULL DEFAULT 0)",
                R"(ALTER TABLE conversations ADD COLUMN marked_unread INTEGER NOT NULL DEFAULT 0)",
            });
}

/*
 * Version 11: linked devices (issue 27, docs/crypto.md "Account identity and device
 * certificates").
 * - account_keys: the account identity key pinned for each user (first seen, or
 *   accepted with a notice when it changed).
 * - peer_devices.approved: 1 if the device's certificate verified under that key when
 *   the list was fetched; only approved devices are encrypted to.
 */
protocol::Status schemaV11(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(CREATE TABLE account_keys (
            peer TEXT PRIMARY KEY NOT NULL,
            account_key BLOB NOT NULL,
            pinned_at INTEGER NOT NULL
        ))",
                R"(ALTER TABLE peer_devices ADD COLUMN approved INTEGER NOT NULL DEFAULT 0)",
            });
}

/*
 * Version 12: replies (issue 30, protocol.md 8 `reply`).
 * - messages.reply_to: the id of the message a reply answers (NULL for others), with
 *   the quote the author sent (reply_from, reply_text, reply_kind: FileKind + 1 of
 *   the quoted attachment, NULL if none), so the quote shows when the original is gone.
 */
protocol::Status schemaV12(QSqlDatabase &db)
{
    return execClientStatements(db,
                                {
                                    R"(ALTER TABLE messages ADD COLUMN reply_to BLOB NULL)",
                                    R"(ALTER TABLE messages ADD COLUMN reply_from TEXT NULL)",
                                    R"(ALTER TABLE messages ADD COLUMN reply_text TEXT NULL)",
                                    R"(ALTER TABLE messages ADD COLUMN reply_kind INTEGER NULL)",
                                });
}

/*
 * Version 13: reactions, and later other actions on a message (issue 30).
 * - messages.target: for the action kinds (MessageKind 100 and up, never shown as rows of
 *   their own), the id of the message acted on. Actions are rows of their chat so that
 *   they are sequenced, sent, acked and deduplicated like messages; one that arrives
 *   before its message simply waits here for it. Indexed for "the reactions to X".
 */
protocol::Status schemaV13(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(ALTER TABLE messages ADD COLUMN target BLOB NULL)",
                R"(CREATE INDEX messages_by_target ON messages (target) WHERE target IS NOT NULL)",
            });
}

/*
 * Version 14: edits and deletes for everyone (issue 30, protocol.md 8 `edit`, `delete`).
 * The actions themselves are rows of kinds 101 and 102 (target as in version 13); what
 * they did is applied to the message they act on, so that paging, search and the CLI
 * read it as it is now:
 * - messages.edited_at: the author's time of the edit that gave the text; 0: not edited.
 * - messages.deleted: 1 once its author deleted it for everyone (text and quote cleared).
 */
protocol::Status schemaV14(QSqlDatabase &db)
{
    return execClientStatements(
        db, {
                R"(ALTER TABLE messages ADD COLUMN edited_at INTEGER NOT NULL DEFAULT 0)",
                R"(ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0)",
            });
}

/*
 * Version 15: forwarded messages (issue 30, protocol.md 8 `fwd`).
 * - messages.forwarded: 1 if its author forwarded it from another chat.
 */
protocol::Status schemaV15(QSqlDatabase &db)
{
    return execClientStatements(
        db, {R"(ALTER TABLE messages ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0)"});
}

} // namespace

const std::vector<ClientMigration> &clientMigrations()
{
    // Append only. Never edit a shipped step: write a new one that alters the schema.
    static const std::vector<ClientMigration> list{
        {1, "conversations, messages, outbox, settings", schemaV1},
        {2, "contacts", schemaV2},
        {3, "message kinds, device list, sessions, prekeys, verified safety numbers", schemaV3},
        {4, "groups, members, events, per-member receipts, sender keys", schemaV4},
        {5, "the sender's own time of each message", schemaV5},
        {6, "attachments and the blobs a queued message references", schemaV6},
        {7, "the original of an own attachment, and whether its copy is complete", schemaV7},
        {8, "the unsent draft of each conversation", schemaV8},
        {9, "full-text search over message texts", schemaV9},
        {10, "pinned, muted, archived and marked-unread chats", schemaV10},
        {11, "pinned account keys, approved devices", schemaV11},
        {12, "replies: the message answered and its quote", schemaV12},
        {13, "reactions: actions on another message", schemaV13},
        {14, "edits and deletes for everyone", schemaV14},
        {15, "forwarded messages", schemaV15},
    };
    return list;
}

int latestClientSchemaVersion()
{
    return clientMigrations().back().version;
}

protocol::Status execClientStatements(QSqlDatabase &db,
                                      std::initializer_list<const char *> statements)
{
    return storage::execStatements(db, statements);
}

protocol::Result<int> clientSchemaVersion(QSqlDatabase &db)
{
    return storage::schemaVersion(db);
}

protocol::Result<int> migrateClientDatabase(QSqlDatabase &db)
{
    return migrateClientDatabase(db, clientMigrations());
}

protocol::Result<int> migrateClientDatabase(QSqlDatabase &db,
                                            const std::vector<ClientMigration> &steps)
{
    return storage::migrate(db, steps,
                            {QStringLiteral("this client supports"),
                             QStringLiteral("; update Linnet to open this profile")});
}

} // namespace linnet::client
