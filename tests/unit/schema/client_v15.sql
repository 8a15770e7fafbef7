-- The client schema at version 15: app/core/store/ClientMigrations.cpp, steps 1 to 15,
-- as SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name lists it.
-- Written by tst_schemasnapshots (LINNET_WRITE_SCHEMA_SNAPSHOTS=1); compared with whitespace folded.

-- table account_keys
CREATE TABLE account_keys (
    peer TEXT PRIMARY KEY NOT NULL,
    account_key BLOB NOT NULL,
    pinned_at INTEGER NOT NULL
);

-- table attachments
CREATE TABLE attachments (
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
    , source_path TEXT NOT NULL DEFAULT '', prepared INTEGER NOT NULL DEFAULT 1);

-- index attachments_by_state on attachments
CREATE INDEX attachments_by_state ON attachments (state);

-- table contacts
CREATE TABLE contacts (
    username TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    last_seen INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

-- table conversations
CREATE TABLE conversations (
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
    , draft TEXT NOT NULL DEFAULT '', pinned INTEGER NOT NULL DEFAULT 0, muted_until INTEGER NOT NULL DEFAULT 0, archived INTEGER NOT NULL DEFAULT 0, marked_unread INTEGER NOT NULL DEFAULT 0);

-- index conversations_by_activity on conversations
CREATE INDEX conversations_by_activity ON conversations (last_activity);

-- table group_events
CREATE TABLE group_events (
    message_id BLOB PRIMARY KEY NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    op INTEGER NOT NULL,
    actor TEXT NOT NULL,
    subject TEXT NOT NULL,
    name TEXT NOT NULL
);

-- table group_members
CREATE TABLE group_members (
    conversation TEXT NOT NULL REFERENCES groups (conversation) ON DELETE CASCADE,
    user TEXT NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation, user)
);

-- table group_receipts
CREATE TABLE group_receipts (
    message_id BLOB NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    member TEXT NOT NULL,
    recipient INTEGER NOT NULL DEFAULT 0,
    state INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (message_id, member)
);

-- table groups
CREATE TABLE groups (
    conversation TEXT PRIMARY KEY NOT NULL REFERENCES conversations (key),
    server_id INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    member INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

-- table message_search
CREATE VIRTUAL TABLE message_search USING fts5 (
    text, content = 'messages', content_rowid = 'pos',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

-- table message_search_config
CREATE TABLE 'message_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table message_search_data
CREATE TABLE 'message_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- trigger message_search_delete on messages
CREATE TRIGGER message_search_delete AFTER DELETE ON messages
    WHEN old.kind IN (0, 4) AND old.text <> '' BEGIN
    INSERT INTO message_search (message_search, rowid, text)
    VALUES ('delete', old.pos, old.text);
    END;

-- table message_search_docsize
CREATE TABLE 'message_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table message_search_idx
CREATE TABLE 'message_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- trigger message_search_insert on messages
CREATE TRIGGER message_search_insert AFTER INSERT ON messages
    WHEN new.kind IN (0, 4) AND new.text <> '' BEGIN
    INSERT INTO message_search (rowid, text) VALUES (new.pos, new.text);
    END;

-- trigger message_search_update on messages
CREATE TRIGGER message_search_update AFTER UPDATE OF text, kind ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, text)
    SELECT 'delete', old.pos, old.text WHERE old.kind IN (0, 4) AND old.text <> '';
    INSERT INTO message_search (rowid, text)
    SELECT new.pos, new.text WHERE new.kind IN (0, 4) AND new.text <> '';
    END;

-- table messages
CREATE TABLE messages (
    pos INTEGER PRIMARY KEY AUTOINCREMENT,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    conversation TEXT NOT NULL REFERENCES conversations (key),
    seq INTEGER NULL,
    sender TEXT NOT NULL,
    outgoing INTEGER NOT NULL,
    text TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    state INTEGER NOT NULL
    , kind INTEGER NOT NULL DEFAULT 0, sender_time INTEGER NOT NULL DEFAULT 0, reply_to BLOB NULL, reply_from TEXT NULL, reply_text TEXT NULL, reply_kind INTEGER NULL, target BLOB NULL, edited_at INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0, forwarded INTEGER NOT NULL DEFAULT 0);

-- index messages_by_conversation_seq on messages
CREATE INDEX messages_by_conversation_seq ON messages (conversation, seq);

-- index messages_by_target on messages
CREATE INDEX messages_by_target ON messages (target) WHERE target IS NOT NULL;

-- table one_time_prekeys
CREATE TABLE one_time_prekeys (
    id INTEGER PRIMARY KEY NOT NULL,
    public_key BLOB NOT NULL,
    secret BLOB NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0
);

-- table outbox
CREATE TABLE outbox (
    id BLOB PRIMARY KEY NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
    , media BLOB NOT NULL DEFAULT x'');

-- table own_sender_keys
CREATE TABLE own_sender_keys (
    conversation INTEGER PRIMARY KEY NOT NULL,
    key_id INTEGER NOT NULL,
    record BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

-- table peer_devices
CREATE TABLE peer_devices (
    peer TEXT NOT NULL,
    device INTEGER NOT NULL,
    registration_id INTEGER NOT NULL,
    identity BLOB NOT NULL,
    first_seen INTEGER NOT NULL, approved INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (peer, device)
);

-- table received_sender_keys
CREATE TABLE received_sender_keys (
    conversation INTEGER NOT NULL,
    sender TEXT NOT NULL,
    device INTEGER NOT NULL,
    record BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (conversation, sender, device)
);

-- table sender_key_holders
CREATE TABLE sender_key_holders (
    conversation INTEGER NOT NULL,
    key_id INTEGER NOT NULL,
    peer TEXT NOT NULL,
    device INTEGER NOT NULL,
    PRIMARY KEY (conversation, key_id, peer, device)
);

-- table sessions
CREATE TABLE sessions (
    peer TEXT NOT NULL,
    device INTEGER NOT NULL,
    record BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (peer, device)
);

-- table settings
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- table signed_prekeys
CREATE TABLE signed_prekeys (
    id INTEGER PRIMARY KEY NOT NULL,
    public_key BLOB NOT NULL,
    secret BLOB NOT NULL,
    signature BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

-- index sqlite_autoindex_account_keys_1 on account_keys
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_attachments_1 on attachments
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_contacts_1 on contacts
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_conversations_1 on conversations
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_conversations_2 on conversations
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_group_events_1 on group_events
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_group_members_1 on group_members
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_group_receipts_1 on group_receipts
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_groups_1 on groups
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_groups_2 on groups
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_messages_1 on messages
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_outbox_1 on outbox
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_peer_devices_1 on peer_devices
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_received_sender_keys_1 on received_sender_keys
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_sender_key_holders_1 on sender_key_holders
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_sessions_1 on sessions
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_settings_1 on settings
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_verified_1 on verified
-- (made by SQLite itself, no SQL)

-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);

-- table verified
CREATE TABLE verified (
    peer TEXT PRIMARY KEY NOT NULL,
    safety_number TEXT NOT NULL,
    verified_at INTEGER NOT NULL
);
