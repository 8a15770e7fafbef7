-- The server schema at version 12: server/store/Migrations.cpp, steps 1 to 12,
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
    , account_key BLOB NULL, server_admin INTEGER NOT NULL DEFAULT 0);

-- table chat_groups
CREATE TABLE chat_groups (
    conversation BIGINT PRIMARY KEY REFERENCES conversations (id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES accounts (id)
);

-- table claimed_prekeys
CREATE TABLE claimed_prekeys (
    device_id BIGINT NOT NULL REFERENCES devices (id),
    key_id BIGINT NOT NULL,
    claimed_at BIGINT NOT NULL,
    PRIMARY KEY (device_id, key_id)
) WITHOUT ROWID;

-- table conversations
CREATE TABLE "conversations" (
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
);

-- table device_keys
CREATE TABLE device_keys (
    device_id BIGINT PRIMARY KEY REFERENCES devices (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    identity_key BLOB NOT NULL,
    registration_id BIGINT NOT NULL,
    signed_prekey_id BIGINT NOT NULL,
    signed_prekey BLOB NOT NULL,
    signed_prekey_signature BLOB NOT NULL,
    updated_at BIGINT NOT NULL
    , device_signature BLOB NULL);

-- index device_keys_by_account on device_keys
CREATE INDEX device_keys_by_account ON device_keys (account_id);

-- table devices
CREATE TABLE devices (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL,
    created_at BIGINT NOT NULL
    , last_seen BIGINT NOT NULL DEFAULT 0, revoked_at BIGINT NULL);

-- index devices_by_account on devices
CREATE INDEX devices_by_account ON devices (account_id);

-- table group_members
CREATE TABLE group_members (
    conversation BIGINT NOT NULL REFERENCES conversations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    admin INTEGER NOT NULL DEFAULT 0,
    joined BIGINT NOT NULL,
    read_seq BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation, account_id)
);

-- index group_members_by_account on group_members
CREATE INDEX group_members_by_account ON group_members (account_id);

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
    , in_group INTEGER NOT NULL DEFAULT 0, group_op INTEGER NULL, subject_name TEXT NULL, group_name TEXT NULL);

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

-- table media_blobs
CREATE TABLE media_blobs (
    id BLOB PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    device_id BIGINT NOT NULL REFERENCES devices (id),
    size BIGINT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    referenced INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    last_write_at BIGINT NOT NULL
) WITHOUT ROWID;

-- index media_blobs_by_account on media_blobs
CREATE INDEX media_blobs_by_account ON media_blobs (account_id);

-- table media_grants
CREATE TABLE media_grants (
    blob_id BLOB NOT NULL REFERENCES media_blobs (id),
    device_id BIGINT NOT NULL REFERENCES devices (id),
    PRIMARY KEY (blob_id, device_id)
) WITHOUT ROWID;

-- table messages
CREATE TABLE "messages" (
    sender_device BIGINT NOT NULL REFERENCES devices (id),
    message_id BLOB NOT NULL,
    conversation BIGINT NOT NULL REFERENCES conversations (id),
    seq BIGINT NOT NULL,
    sender_account BIGINT NOT NULL,
    recipient_account BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT NULL,
    PRIMARY KEY (message_id, sender_device)
) WITHOUT ROWID;

-- index messages_by_conversation on messages
CREATE INDEX messages_by_conversation ON messages (conversation, seq)
    WHERE recipient_account = 0;

-- index messages_by_created on messages
CREATE INDEX messages_by_created ON messages (created_at);

-- table one_time_prekeys
CREATE TABLE one_time_prekeys (
    device_id BIGINT NOT NULL REFERENCES devices (id),
    key_id BIGINT NOT NULL,
    public_key BLOB NOT NULL,
    PRIMARY KEY (device_id, key_id)
);

-- table read_positions
CREATE TABLE read_positions (
    conversation BIGINT NOT NULL REFERENCES conversations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    read_seq BIGINT NOT NULL,
    PRIMARY KEY (conversation, account_id)
) WITHOUT ROWID;

-- table server_state
CREATE TABLE server_state (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

-- index sqlite_autoindex_accounts_1 on accounts
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_chat_groups_1 on chat_groups
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_conversations_1 on conversations
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_device_keys_1 on device_keys
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_group_members_1 on group_members
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_invites_1 on invites
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_one_time_prekeys_1 on one_time_prekeys
-- (made by SQLite itself, no SQL)

-- index sqlite_autoindex_server_state_1 on server_state
-- (made by SQLite itself, no SQL)

-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
