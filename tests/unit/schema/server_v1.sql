-- The server schema at version 1: server/store/Migrations.cpp, steps 1 to 1,
-- as SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name lists it.
-- Written by tst_schemasnapshots (LINNET_WRITE_SCHEMA_SNAPSHOTS=1); compared with whitespace folded.

-- table accounts
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash BLOB NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL DEFAULT 0,
    last_seen_visibility INTEGER NOT NULL DEFAULT 0
);

-- table conversations
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL DEFAULT 0,
    member_a BIGINT NOT NULL REFERENCES accounts (id),
    member_b BIGINT NOT NULL REFERENCES accounts (id),
    last_seq BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (member_a, member_b),
    CHECK (member_a <= member_b)
);

-- index conversations_by_member_b on conversations
CREATE INDEX conversations_by_member_b ON conversations (member_b);

-- table devices
CREATE TABLE devices (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL,
    created_at BIGINT NOT NULL
);

-- index devices_by_account on devices
CREATE INDEX devices_by_account ON devices (account_id);

-- table inbox
CREATE TABLE inbox (
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
);

-- index inbox_by_created on inbox
CREATE INDEX inbox_by_created ON inbox (created_at);

-- index inbox_by_device on inbox
CREATE INDEX inbox_by_device ON inbox (device_id, entry);

-- table invites
CREATE TABLE invites (
    code_hash BLOB PRIMARY KEY,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by BIGINT NULL REFERENCES accounts (id),
    used_at BIGINT NULL
);

-- table messages
CREATE TABLE messages (
    sender_device BIGINT NOT NULL REFERENCES devices (id),
    message_id BLOB NOT NULL,
    conversation BIGINT NOT NULL REFERENCES conversations (id),
    seq BIGINT NOT NULL,
    sender_account BIGINT NOT NULL,
    recipient_account BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT NULL,
    PRIMARY KEY (sender_device, message_id)
);

-- index messages_by_created on messages
CREATE INDEX messages_by_created ON messages (created_at);

-- index sqlite_autoindex_accounts_1 on accounts
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_conversations_1 on conversations
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_invites_1 on invites
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_messages_1 on messages
-- (made by SQLite itself, no SQL)

-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
