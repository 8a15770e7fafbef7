-- The client schema at version 1: app/core/store/ClientMigrations.cpp, steps 1 to 1,
-- as SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name lists it.
-- Written by tst_schemasnapshots (LINNET_WRITE_SCHEMA_SNAPSHOTS=1); compared with whitespace folded.

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
);

-- index conversations_by_activity on conversations
CREATE INDEX conversations_by_activity ON conversations (last_activity);

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
);

-- index messages_by_conversation_seq on messages
CREATE INDEX messages_by_conversation_seq ON messages (conversation, seq);

-- table outbox
CREATE TABLE outbox (
    id BLOB PRIMARY KEY NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
);

-- table settings
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- index sqlite_autoindex_conversations_1 on conversations
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_conversations_2 on conversations
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_messages_1 on messages
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_outbox_1 on outbox
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_settings_1 on settings
-- (made by SQLite itself, no SQL)

-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
