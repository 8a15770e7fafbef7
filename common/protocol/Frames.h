// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceFrames.h"
#include "InviteFrames.h"
#include "LinkFrames.h"
#include "ErrorCode.h"
#include "MessageId.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

namespace linnet::protocol {

/*
 * Every frame of the Linnet protocol, one plain value struct each.
 * On the wire each is a CBOR map {"v": version, "t": type name, "r": request id
 * (when a reply is expected or this is one), ...fields}; docs/protocol.md is the
 * specification with examples. FrameCodec.h encodes and validates them.
 * C->S: client to server, S->C: server to client.
 */

/** Who may see an account's online state and last-seen time. */
enum class LastSeenVisibility : quint8 { Everyone = 0, Contacts = 1, Nobody = 2 };

/** C->S "register": create an account and this device; answered by AuthOk with a token. */
struct RegisterRequest {
    quint32 requestId = 0;
    QString username;
    QString password;
    QString invite; ///< empty when the server's registration is open
    QString deviceName;
    bool operator==(const RegisterRequest &) const = default;
};

/**
 * C->S "login": password login that creates a new device; answered by AuthOk with a token.
 * An account with an account identity key also needs the key's login proof (a device that
 * holds the key), or start_over; otherwise the answer is error LinkRequired.
 */
struct LoginRequest {
    quint32 requestId = 0;
    QString username;
    QString password;
    QString deviceName;
    /** Start over: revoke every device of the account and drop its account key first. */
    bool startOver = false;
    qint64 proofTime = 0;  ///< the login proof's time (ms UTC); 0: no proof
    QByteArray proof = {}; ///< the account key's signature (crypto::signLogin); with proofTime
    bool operator==(const LoginRequest &) const = default;
};

/** C->S "auth": the first frame of every later connection, with the device token. */
struct AuthRequest {
    quint32 requestId = 0;
    qint64 deviceId = 0;
    QByteArray token; ///< kTokenBytes random bytes
    bool operator==(const AuthRequest &) const = default;
};

/** S->C "auth_ok": the connection is authenticated; the inbox drain follows. */
struct AuthOk {
    quint32 requestId = 0;
    QString username;
    qint64 deviceId = 0;
    QByteArray token;      ///< only after register/login; empty after auth
    qint64 serverTime = 0; ///< ms since the epoch, UTC
    quint64 pending = 0;   ///< inbox entries waiting for this device
    quint64 preKeys = 0;   ///< one-time prekeys the server still holds for this device
    QByteArray accountKey; ///< the account identity key the server holds; empty: none yet
    bool operator==(const AuthOk &) const = default;
};

/** One device's copy of a message: ciphertext only that device can open. */
struct DeviceCopy {
    qint64 device = 0;
    quint32 registrationId = 0; ///< the device's keys the copy was encrypted to
    QByteArray body;            ///< opaque envelope, at most kMaxBodyBytes
    bool operator==(const DeviceCopy &) const = default;
};

/**
 * C->S "send": a one-to-one message, encrypted once per device of the recipient
 * and per other device of the sender; answered by SendAck once durable, or by
 * error DevicesChanged when the copies do not match those devices.
 */
struct SendRequest {
    quint32 requestId = 0;
    MessageId id;
    QString to;               ///< one-to-one: the recipient; empty for a group message
    QList<DeviceCopy> copies; ///< one-to-one: 0..kMaxCopies, one per device, no device twice
    qint64 group = 0;         ///< a group message: the group's conversation id
    QByteArray body{};        ///< a group message: one sender-key envelope for every member
    /**
     * A resend: this device sent this id before and did not get its ack. Only
     * then does the server look the id up before pushing the message (protocol.md 6).
     */
    bool again = false;
    /** Blob ids (kBlobIdBytes each, 0..kMaxAttachments) of attachments this account
     *  uploaded: every device the message is stored for may download them (protocol.md 10). */
    QList<QByteArray> media{};
    bool operator==(const SendRequest &) const = default;
};

/** S->C "ack": the message is durable on the server (the single tick). */
struct SendAck {
    quint32 requestId = 0;
    MessageId id;
    qint64 conversation = 0;
    quint64 seq = 0;        ///< per-conversation sequence number, from 1
    qint64 timestamp = 0;   ///< server time the message was accepted, ms UTC
    bool duplicate = false; ///< this id was already stored; the original ack is repeated
    /**
     * One-to-one only: ms UTC when a device of the recipient had the message, if it
     * had it before the message was stored. Then no delivered receipt for it comes to
     * this device (the sender's other devices still get one). 0: not yet.
     */
    qint64 delivered = 0;
    bool operator==(const SendAck &) const = default;
};

/** S->C "deliver": a message from the device's inbox (or pushed live). */
struct Deliver {
    quint64 entry = 0; ///< inbox entry id, acknowledged with DeliverAck
    MessageId id;
    qint64 conversation = 0;
    quint64 seq = 0;
    QString from;
    qint64 fromDevice = 0;
    QString to; ///< the addressed user (differs from the receiver on the sender's other devices)
    qint64 timestamp = 0;
    QByteArray body;    ///< this device's copy (an envelope only it can open)
    bool group = false; ///< a group message (conversation is the group); to is empty
    bool operator==(const Deliver &) const = default;
};

/** C->S "deliver_ack": these inbox entries are stored on the device; the server deletes them. */
struct DeliverAck {
    QList<quint64> entries; ///< 1..kMaxAckEntries
    bool operator==(const DeliverAck &) const = default;
};

/** C->S "read": the user has read the conversation up to and including seq. */
struct ReadRequest {
    qint64 conversation = 0;
    quint64 upToSeq = 0;
    bool operator==(const ReadRequest &) const = default;
};

enum class ReceiptKind : quint8 { Delivered = 0, Read = 1 };

/** S->C "receipt": delivered (ids) or read (up to seq) state of the receiver's messages. */
struct Receipt {
    quint64 entry = 0; ///< inbox entry id, acknowledged with DeliverAck like a message
    ReceiptKind kind = ReceiptKind::Delivered;
    qint64 conversation = 0;
    QString by;           ///< the user whose device received or read
    QList<MessageId> ids; ///< Delivered: the messages, 1..kMaxReceiptIds
    quint64 upToSeq = 0;  ///< Read: everything up to this seq
    qint64 timestamp = 0;
    bool operator==(const Receipt &) const = default;
};

/**
 * "typing", both ways: C->S `peer` is the addressee, S->C `peer` is who is typing.
 * In a group, C->S names only `group`; S->C carries both the group and who is typing.
 */
struct Typing {
    QString peer;
    bool active = false;
    qint64 group = 0; ///< a group conversation id, or 0 for one-to-one
    bool operator==(const Typing &) const = default;
};

/** C->S "presence_sub": replace the set of users whose presence this device watches. */
struct PresenceSubscribe {
    quint32 requestId = 0;
    /** 0..kMaxPresenceSubscriptions; decoded as any text: names that are no username are
     *  skipped by the server, not refused with the frame. */
    QStringList users;
    bool operator==(const PresenceSubscribe &) const = default;
};

/** S->C "presence": a watched user's state, sent at once on subscribe and on every change. */
struct Presence {
    QString user;
    bool online = false;
    qint64 lastSeen = 0; ///< ms UTC; 0 when hidden by privacy or never seen
    bool operator==(const Presence &) const = default;
};

/** C->S "privacy": who may see this account's online state and last seen; answered by Ok. */
struct SetPrivacy {
    quint32 requestId = 0;
    LastSeenVisibility lastSeen = LastSeenVisibility::Everyone;
    bool operator==(const SetPrivacy &) const = default;
};

/** C->S "sync": resend every entry still in this device's inbox; ends with Synced. */
struct SyncRequest {
    quint32 requestId = 0;
    bool operator==(const SyncRequest &) const = default;
};

/** S->C "synced": every inbox entry pending at auth (or at the sync request) has been sent. */
struct Synced {
    quint32 requestId = 0; ///< 0 after the automatic drain that follows auth
    quint64 count = 0;     ///< how many entries that drain sent
    bool operator==(const Synced &) const = default;
};

/** S->C "ok": a request without a richer reply succeeded. */
struct Ok {
    quint32 requestId = 0;
    bool operator==(const Ok &) const = default;
};

/** S->C "error": a request failed or a frame was rejected. */
struct ErrorFrame {
    quint32 requestId = 0; ///< the failed request, 0 if unknown
    ErrorCode code = ErrorCode::InternalError;
    QString reason; ///< for people and logs, at most kMaxReasonLength
    MessageId id;   ///< for a failed send: its message id, else null
    bool operator==(const ErrorFrame &) const = default;
};

/** A one-time prekey's public half. */
struct PreKeyPublic {
    quint32 id = 0; ///< 1..2^32-1, chosen by the device, never reused by it
    QByteArray key; ///< X25519 public key, kKeyBytes
    bool operator==(const PreKeyPublic &) const = default;
};

/**
 * C->S "keys_upload": this device's public keys. Identity, registration id and
 * signed prekey restate the current ones (a new identity replaces the old and
 * drops its one-time prekeys); preKeys are added to the pool. Answered by PreKeyCount.
 */
struct KeysUpload {
    quint32 requestId = 0;
    QByteArray identity;        ///< Ed25519 public key, kKeyBytes
    quint32 registrationId = 0; ///< 1..2^31-1, random, changes with the identity
    quint32 signedPreKeyId = 0;
    QByteArray signedPreKey;     ///< X25519 public key, kKeyBytes
    QByteArray signature;        ///< Ed25519 signature by identity, kSignatureBytes
    QList<PreKeyPublic> preKeys; ///< 0..kMaxPreKeysPerUpload
    /** The account identity key (Ed25519, kKeyBytes) and its certificate of this device
     *  (crypto::signDevice, kSignatureBytes): both or neither. */
    QByteArray accountKey;
    QByteArray deviceSignature;
    bool operator==(const KeysUpload &) const = default;
};

/** S->C "prekeys": how many one-time prekeys the server holds for this device. */
struct PreKeyCount {
    quint32 requestId = 0; ///< the keys_upload it answers; 0 when pushed because the pool ran low
    quint64 count = 0;
    bool operator==(const PreKeyCount &) const = default;
};

/**
 * C->S "keys_get": the devices of @p user with their identity keys, and a key
 * bundle (consuming one one-time prekey, if any is left) for each device in
 * @p claim. Answered by KeysReply.
 */
struct KeysRequest {
    quint32 requestId = 0;
    QString user;
    QList<quint64> claim; ///< device ids, 0..kMaxCopies
    bool operator==(const KeysRequest &) const = default;
};

/** One device in a KeysReply; the bundle fields are set only for claimed devices. */
struct DeviceKeys {
    qint64 device = 0;
    quint32 registrationId = 0;
    QByteArray identity;
    quint32 signedPreKeyId = 0; ///< 0 when not claimed
    QByteArray signedPreKey;
    QByteArray signature;
    quint32 preKeyId = 0; ///< 0 when not claimed or the pool is empty (use the signed prekey)
    QByteArray preKey;
    QByteArray deviceSignature; ///< the account key's certificate of this device; may be empty
    QString name; ///< the device's name (for "ana linked a new device: Laptop"); may be empty
    bool operator==(const DeviceKeys &) const = default;
};

/** S->C "keys": every device of the user that has uploaded keys. */
struct KeysReply {
    quint32 requestId = 0;
    QString user;
    QList<DeviceKeys> devices; ///< 0..kMaxCopies
    QByteArray accountKey;     ///< the user's account identity key; empty: none yet
    bool operator==(const KeysReply &) const = default;
};

/** What happened to a group (the op of GroupUpdate and GroupEvent). */
enum class GroupOp : quint8 { Create, Add, Remove, Leave, Rename, MakeAdmin, RevokeAdmin };

struct GroupMember {
    QString user;
    bool admin = false;
    bool operator==(const GroupMember &) const = default;
};

/** C->S "group_create": a group with this device's user as its first admin; answered by GroupInfo.
 */
struct GroupCreate {
    quint32 requestId = 0;
    QString name;        ///< 1..kMaxGroupNameLength characters
    QStringList members; ///< the others, 0..kMaxGroupMembersPerFrame usernames
    bool operator==(const GroupCreate &) const = default;
};

/** C->S "group_update": add, remove, leave, rename, make or revoke admin; answered by GroupInfo. */
struct GroupUpdate {
    quint32 requestId = 0;
    qint64 conversation = 0;
    GroupOp op = GroupOp::Add;
    QString user; ///< add, remove, admin, unadmin
    QString name; ///< rename
    bool operator==(const GroupUpdate &) const = default;
};

/** C->S "group_get": the current name and members (members only); answered by GroupInfo. */
struct GroupGet {
    quint32 requestId = 0;
    qint64 conversation = 0;
    bool operator==(const GroupGet &) const = default;
};

/** S->C "group": a group's current state. */
struct GroupInfo {
    quint32 requestId = 0;
    qint64 conversation = 0;
    QString name;
    QList<GroupMember> members; ///< 1..kMaxGroupMembers
    bool operator==(const GroupInfo &) const = default;
};

/** S->C "group_event": an inbox entry (acked like a message) with its place in the group's seq. */
struct GroupEvent {
    quint64 entry = 0;
    qint64 conversation = 0;
    quint64 seq = 0;
    QString by; ///< who did it
    GroupOp op = GroupOp::Create;
    QString user; ///< whom it concerns (add, remove, leave, admin, unadmin)
    QString name; ///< the group's name after the event
    qint64 timestamp = 0;
    bool operator==(const GroupEvent &) const = default;
};

/**
 * C->S "group_keys": pairwise envelopes (each holding this device's sender key
 * for the group) for devices of members; answered by Ok. Each becomes a
 * SenderKeyCopy in that device's inbox, ahead of later group messages.
 */
struct GroupKeys {
    quint32 requestId = 0;
    qint64 conversation = 0;
    QList<DeviceCopy> copies; ///< 1..kMaxKeyCopies
    bool operator==(const GroupKeys &) const = default;
};

/** S->C "sender_key": one of those envelopes, for this device. */
struct SenderKeyCopy {
    quint64 entry = 0;
    qint64 conversation = 0;
    QString from;
    qint64 fromDevice = 0;
    QByteArray body;
    bool operator==(const SenderKeyCopy &) const = default;
};

/**
 * C->S "media_upload": reserve a blob of @c size ciphertext bytes for an attachment,
 * or (with @c blob) a new ticket to resume this device's upload of it. Answered by
 * MediaTicket (protocol.md 4.30, 10).
 */
struct MediaUploadRequest {
    quint32 requestId = 0;
    quint64 size = 0;  ///< 1..2^63-1; required unless resuming
    QByteArray blob{}; ///< resume: kBlobIdBytes; empty for a new blob
    bool operator==(const MediaUploadRequest &) const = default;
};

/** C->S "media_download": a ticket to fetch a blob this device was sent; answered by MediaTicket.
 */
struct MediaDownloadRequest {
    quint32 requestId = 0;
    QByteArray blob; ///< kBlobIdBytes
    bool operator==(const MediaDownloadRequest &) const = default;
};

/** S->C "media_ticket": permission to PUT or GET one blob over HTTP (protocol.md 10). */
struct MediaTicket {
    quint32 requestId = 0;
    QByteArray blob;    ///< kBlobIdBytes
    QByteArray ticket;  ///< opaque, 1..kMaxTicketBytes
    quint64 size = 0;   ///< the blob's (declared) size in bytes
    quint64 offset = 0; ///< upload: bytes the server already holds
    qint64 expires = 0; ///< ms UTC
    bool operator==(const MediaTicket &) const = default;
};

/** C->S "media_done": this device has the blob (or never will fetch it); answered by Ok. */
struct MediaDone {
    quint32 requestId = 0;
    QByteArray blob; ///< kBlobIdBytes
    bool operator==(const MediaDone &) const = default;
};

using Frame =
    std::variant<RegisterRequest, LoginRequest, AuthRequest, AuthOk, SendRequest, SendAck, Deliver,
                 DeliverAck, ReadRequest, Receipt, Typing, PresenceSubscribe, Presence, SetPrivacy,
                 SyncRequest, Synced, Ok, ErrorFrame, KeysUpload, PreKeyCount, KeysRequest,
                 KeysReply, GroupCreate, GroupUpdate, GroupGet, GroupInfo, GroupEvent, GroupKeys,
                 SenderKeyCopy, MediaUploadRequest, MediaDownloadRequest, MediaTicket, MediaDone,
                 DevicesGet, DeviceList, DeviceRename, DeviceRevoke, InviteCreate, InviteCreated,
                 InvitesGet, InviteList, LinkRequest, LinkFetch, LinkPending, LinkApprove,
                 LinkApproved, LinkSealed>;

} // namespace linnet::protocol
