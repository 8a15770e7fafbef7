// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodec.h"

#include "CborFields.h"
#include "DeviceFrameFields.h"
#include "InviteFrameFields.h"
#include "GroupFrameFields.h"
#include "KeyFrameFields.h"
#include "LinkFrameFields.h"
#include "MediaFrameFields.h"
#include "Limits.h"

#include <algorithm>
#include <array>
#include <utility>

namespace linnet::protocol {

using detail::FieldReader;
using detail::Need;

namespace {

struct TypeInfo {
    const char *name;
    /** A C->S request that expects a reply: "r" must be present and nonzero. */
    bool needsRequestId;
};

// Indexed like the Frame variant; docs/protocol.md lists the same names.
constexpr std::array<TypeInfo, std::variant_size_v<Frame>> kTypes{{
    {"register", true},       {"login", true},         {"auth", true},
    {"auth_ok", false},       {"send", true},          {"ack", false},
    {"deliver", false},       {"deliver_ack", false},  {"read", false},
    {"receipt", false},       {"typing", false},       {"presence_sub", true},
    {"presence", false},      {"privacy", true},       {"sync", true},
    {"synced", false},        {"ok", false},           {"error", false},
    {"keys_upload", true},    {"prekeys", false},      {"keys_get", true},
    {"keys", false},          {"group_create", true},  {"group_update", true},
    {"group_get", true},      {"group", false},        {"group_event", false},
    {"group_keys", true},     {"sender_key", false},   {"media_upload", true},
    {"media_download", true}, {"media_ticket", false}, {"media_done", true},
    {"devices_get", true},    {"devices", false},      {"device_rename", true},
    {"device_revoke", true},  {"invite_create", true}, {"invite_created", false},
    {"invites_get", true},    {"invites", false},      {"link_request", true},
    {"link_fetch", true},     {"link_pending", false}, {"link_approve", true},
    {"link_approved", false}, {"link_sealed", false},
}};

constexpr qint64 kMaxInt = INT64_MAX;

const char *receiptKindName(ReceiptKind kind)
{
    return kind == ReceiptKind::Read ? "read" : "delivered";
}

const char *visibilityName(LastSeenVisibility v)
{
    switch (v) {
    case LastSeenVisibility::Contacts:
        return "contacts";
    case LastSeenVisibility::Nobody:
        return "nobody";
    case LastSeenVisibility::Everyone:
        break;
    }
    return "everyone";
}

// --- the fields of each frame, beyond v/t/r --------------------------------
// One function per frame serves both encoding passes (count, then write), so
// the map size written up front always matches what follows.

template <typename S> void fields(S &s, const RegisterRequest &f)
{
    s("username", f.username);
    s("password", f.password);
    if (!f.invite.isEmpty())
        s("invite", f.invite);
    if (!f.deviceName.isEmpty())
        s("device_name", f.deviceName);
}

template <typename S> void fields(S &s, const LoginRequest &f)
{
    s("username", f.username);
    s("password", f.password);
    if (!f.deviceName.isEmpty())
        s("device_name", f.deviceName);
    if (f.startOver)
        s("start_over", true);
    if (f.proofTime != 0) {
        s("proof_time", f.proofTime);
        s("proof", f.proof);
    }
}

template <typename S> void fields(S &s, const AuthRequest &f)
{
    s("device", f.deviceId);
    s("token", f.token);
}

template <typename S> void fields(S &s, const AuthOk &f)
{
    s("username", f.username);
    s("device", f.deviceId);
    if (!f.token.isEmpty())
        s("token", f.token);
    s("server_time", f.serverTime);
    s("pending", f.pending);
    if (f.preKeys != 0)
        s("prekeys", f.preKeys);
    if (!f.accountKey.isEmpty())
        s("account_key", f.accountKey);
}

template <typename S> void fields(S &s, const DeviceCopy &f)
{
    s("dev", f.device);
    s("reg", quint64(f.registrationId));
    s("body", f.body);
}

template <typename S> void fields(S &s, const SendRequest &f)
{
    s("id", f.id);
    if (f.again)
        s("again", true);
    if (!f.media.isEmpty())
        s("media", f.media);
    if (f.group != 0) {
        s("group", f.group);
        s("body", f.body);
        return;
    }
    s("to", f.to);
    s("copies", f.copies, [](auto &w, const DeviceCopy &c) { fields(w, c); });
}

template <typename S> void fields(S &s, const GroupKeys &f)
{
    s("conv", f.conversation);
    s("copies", f.copies, [](auto &w, const DeviceCopy &c) { fields(w, c); });
}

template <typename S> void fields(S &s, const SendAck &f)
{
    s("id", f.id);
    s("conv", f.conversation);
    s("seq", f.seq);
    s("ts", f.timestamp);
    if (f.duplicate)
        s("dup", true);
    if (f.delivered != 0)
        s("delivered", f.delivered);
}

template <typename S> void fields(S &s, const Deliver &f)
{
    s("entry", f.entry);
    s("id", f.id);
    s("conv", f.conversation);
    s("seq", f.seq);
    s("from", f.from);
    s("from_dev", f.fromDevice);
    if (f.group)
        s("group", true);
    else
        s("to", f.to);
    s("ts", f.timestamp);
    s("body", f.body);
}

template <typename S> void fields(S &s, const DeliverAck &f)
{
    s("entries", f.entries);
}

template <typename S> void fields(S &s, const ReadRequest &f)
{
    s("conv", f.conversation);
    s("up_to", f.upToSeq);
}

template <typename S> void fields(S &s, const Receipt &f)
{
    s("entry", f.entry);
    s("kind", receiptKindName(f.kind));
    s("conv", f.conversation);
    s("by", f.by);
    if (!f.ids.isEmpty())
        s("ids", f.ids);
    if (f.upToSeq != 0)
        s("up_to", f.upToSeq);
    s("ts", f.timestamp);
}

template <typename S> void fields(S &s, const Typing &f)
{
    if (!f.peer.isEmpty())
        s("peer", f.peer);
    if (f.group != 0)
        s("group", f.group);
    s("active", f.active);
}

template <typename S> void fields(S &s, const PresenceSubscribe &f)
{
    s("users", f.users);
}

template <typename S> void fields(S &s, const Presence &f)
{
    s("user", f.user);
    s("online", f.online);
    s("last_seen", f.lastSeen);
}

template <typename S> void fields(S &s, const SetPrivacy &f)
{
    s("last_seen", visibilityName(f.lastSeen));
}

template <typename S> void fields(S &, const SyncRequest &) {}

template <typename S> void fields(S &s, const Synced &f)
{
    s("count", f.count);
}

template <typename S> void fields(S &, const Ok &) {}

template <typename S> void fields(S &s, const ErrorFrame &f)
{
    s("code", quint64(f.code));
    if (!f.reason.isEmpty())
        s("reason", f.reason);
    if (!f.id.isNull())
        s("id", f.id);
}

// --- decoding: read and validate the same fields ---------------------------

QString password(FieldReader &in)
{
    return in.textBytes("password", kMinPasswordBytes, kMaxPasswordBytes);
}

QString deviceName(FieldReader &in)
{
    return in.text("device_name", 0, kMaxDeviceNameLength, Need::Optional);
}

void read(FieldReader &in, RegisterRequest &f)
{
    f.username = in.username("username");
    f.password = password(in);
    f.invite = in.text("invite", 0, kMaxInviteLength, Need::Optional);
    f.deviceName = deviceName(in);
}

void read(FieldReader &in, LoginRequest &f)
{
    f.username = in.username("username");
    f.password = password(in);
    f.deviceName = deviceName(in);
    f.startOver = in.boolean("start_over", Need::Optional);
    // The proof comes with its time, or not at all.
    f.proofTime = in.integer("proof_time", 1, kMaxInt, Need::Optional);
    if (f.proofTime != 0)
        f.proof = in.bytes("proof", kSignatureBytes, kSignatureBytes);
    else if (!in.failed() && in.has("proof"))
        in.fail(ErrorCode::InvalidField,
                QStringLiteral("field \"proof\" needs its \"proof_time\""));
}

void read(FieldReader &in, AuthRequest &f)
{
    f.deviceId = in.positiveId("device");
    f.token = in.bytes("token", kTokenBytes, kTokenBytes);
}

void read(FieldReader &in, AuthOk &f)
{
    f.username = in.username("username");
    f.deviceId = in.positiveId("device");
    f.token = in.bytes("token", kTokenBytes, kTokenBytes, Need::Optional);
    f.serverTime = in.timestamp("server_time");
    f.pending = in.unsignedInt("pending");
    f.preKeys = in.unsignedInt("prekeys", quint64(INT64_MAX), Need::Optional);
    f.accountKey = in.bytes("account_key", kKeyBytes, kKeyBytes, Need::Optional);
}

/** A "copies" array: one envelope per device, no device twice. */
QList<DeviceCopy> deviceCopies(FieldReader &in, qsizetype minCount, qsizetype maxCount)
{
    QList<DeviceCopy> out;
    auto copies = in.mapList("copies", minCount, maxCount);
    for (qsizetype i = 0; i < qsizetype(copies.size()) && !in.failed(); ++i) {
        FieldReader &c = copies[size_t(i)];
        DeviceCopy copy;
        copy.device = c.positiveId("dev");
        copy.registrationId = keyfields::registrationId(c);
        copy.body = c.bytes("body", 0, kMaxBodyBytes);
        in.absorb(c, "copies", i);
        const bool twice = std::any_of(out.cbegin(), out.cend(),
                                       [&](const auto &o) { return o.device == copy.device; });
        if (!in.failed() && twice)
            in.fail(ErrorCode::InvalidField,
                    QStringLiteral("field \"copies\" names device %1 twice").arg(copy.device));
        out.append(std::move(copy));
    }
    return out;
}

void read(FieldReader &in, SendRequest &f)
{
    f.id = in.messageId("id");
    f.again = in.boolean("again", Need::Optional);
    f.media = in.fixedBytesList("media", kBlobIdBytes, 0, kMaxAttachments, Need::Optional);
    if (in.has("group")) {
        // A group message: one sender-key envelope that every member's device receives.
        f.group = in.positiveId("group");
        f.body = in.bytes("body", 0, kMaxBodyBytes);
        if (!in.failed() && (in.has("to") || in.has("copies")))
            in.fail(ErrorCode::InvalidField,
                    QStringLiteral("a group send has \"body\", not \"to\" or \"copies\""));
        return;
    }
    f.to = in.username("to");
    f.copies = deviceCopies(in, 0, kMaxCopies);
}

void read(FieldReader &in, GroupKeys &f)
{
    f.conversation = in.positiveId("conv");
    f.copies = deviceCopies(in, 1, kMaxKeyCopies);
}

void read(FieldReader &in, SendAck &f)
{
    f.id = in.messageId("id");
    f.conversation = in.positiveId("conv");
    f.seq = quint64(in.integer("seq", 1, kMaxInt));
    f.timestamp = in.timestamp("ts");
    f.duplicate = in.boolean("dup", Need::Optional);
    f.delivered = in.integer("delivered", 1, INT64_MAX, Need::Optional);
}

void read(FieldReader &in, Deliver &f)
{
    f.entry = quint64(in.integer("entry", 1, kMaxInt));
    f.id = in.messageId("id");
    f.conversation = in.positiveId("conv");
    f.seq = quint64(in.integer("seq", 1, kMaxInt));
    f.from = in.username("from");
    f.fromDevice = in.positiveId("from_dev");
    f.group = in.boolean("group", Need::Optional);
    if (!f.group)
        f.to = in.username("to");
    f.timestamp = in.timestamp("ts");
    f.body = in.bytes("body", 0, kMaxBodyBytes);
}

void read(FieldReader &in, DeliverAck &f)
{
    f.entries = in.unsignedList("entries", 1, kMaxAckEntries);
}

void read(FieldReader &in, ReadRequest &f)
{
    f.conversation = in.positiveId("conv");
    f.upToSeq = quint64(in.integer("up_to", 1, kMaxInt));
}

void read(FieldReader &in, Receipt &f)
{
    f.entry = quint64(in.integer("entry", 1, kMaxInt));
    const QString kind = in.text("kind", 0, 16);
    if (kind == QLatin1String("delivered"))
        f.kind = ReceiptKind::Delivered;
    else if (kind == QLatin1String("read"))
        f.kind = ReceiptKind::Read;
    else
        in.fail(ErrorCode::InvalidField,
                QStringLiteral("field \"kind\" must be \"delivered\" or \"read\""));
    f.conversation = in.positiveId("conv");
    f.by = in.username("by");
    // Delivered receipts name messages; read receipts a position in the conversation.
    const bool delivered = f.kind == ReceiptKind::Delivered;
    f.ids = in.messageIdList("ids", delivered ? 1 : 0, kMaxReceiptIds,
                             delivered ? Need::Required : Need::Optional);
    f.upToSeq = quint64(in.integer("up_to", delivered ? 0 : 1, kMaxInt,
                                   delivered ? Need::Optional : Need::Required));
    f.timestamp = in.timestamp("ts");
}

void read(FieldReader &in, Typing &f)
{
    // In a group the client names only the group; the server adds who is typing.
    f.group = in.has("group") ? in.positiveId("group") : 0;
    if (f.group == 0 || in.has("peer"))
        f.peer = in.username("peer");
    f.active = in.boolean("active");
}

void read(FieldReader &in, PresenceSubscribe &f)
{
    // One bad entry (a client that listed a group) must not cost the others their
    // presence: PresenceController leaves it out, like a user that does not exist.
    f.users = in.usernameList("users", kMaxPresenceSubscriptions, /*lenient=*/true);
}

void read(FieldReader &in, Presence &f)
{
    f.user = in.username("user");
    f.online = in.boolean("online");
    f.lastSeen = in.timestamp("last_seen");
}

void read(FieldReader &in, SetPrivacy &f)
{
    const QString v = in.text("last_seen", 0, 16);
    if (v == QLatin1String("everyone"))
        f.lastSeen = LastSeenVisibility::Everyone;
    else if (v == QLatin1String("contacts"))
        f.lastSeen = LastSeenVisibility::Contacts;
    else if (v == QLatin1String("nobody"))
        f.lastSeen = LastSeenVisibility::Nobody;
    else
        in.fail(ErrorCode::InvalidField,
                QStringLiteral("field \"last_seen\" must be "
                               "\"everyone\", \"contacts\" or \"nobody\""));
}

void read(FieldReader &, SyncRequest &) {}

void read(FieldReader &in, Synced &f)
{
    f.count = in.unsignedInt("count");
}

void read(FieldReader &, Ok &) {}

void read(FieldReader &in, ErrorFrame &f)
{
    const quint64 code = in.unsignedInt("code", 0xffff);
    if (!in.failed() && !isKnownErrorCode(code))
        in.fail(ErrorCode::InvalidField,
                QStringLiteral("field \"code\" is not a known error code"));
    f.code = static_cast<ErrorCode>(code);
    f.reason = in.text("reason", 0, kMaxReasonLength, Need::Optional);
    f.id = in.messageId("id", Need::Optional);
}

template <std::size_t I> Result<Frame> decodeAs(FieldReader &in, quint32 requestId)
{
    using T = std::variant_alternative_t<I, Frame>;
    T frame{};
    if constexpr (requires { frame.requestId; }) {
        frame.requestId = requestId;
        if (kTypes[I].needsRequestId && !in.has("r"))
            in.fail(ErrorCode::MalformedFrame, QStringLiteral("missing field \"r\""));
        else if (kTypes[I].needsRequestId && requestId == 0)
            in.fail(ErrorCode::InvalidField,
                    QStringLiteral("field \"r\" must be nonzero on a request"));
    }
    read(in, frame);
    if (in.failed())
        return in.error();
    return Frame{std::move(frame)};
}

using Decoder = Result<Frame> (*)(FieldReader &, quint32);

template <std::size_t... I>
constexpr std::array<Decoder, sizeof...(I)> decoders(std::index_sequence<I...>)
{
    return {&decodeAs<I>...};
}

constexpr auto kDecoders = decoders(std::make_index_sequence<std::variant_size_v<Frame>>{});

QString clipped(const QString &s)
{
    return s.size() > 40 ? s.left(40) + QStringLiteral("...") : s;
}

} // namespace

QString frameTypeName(const Frame &frame)
{
    return QString::fromLatin1(kTypes[frame.index()].name);
}

QByteArray encodeFrame(const Frame &frame)
{
    return std::visit(
        [&frame](const auto &f) {
            quint32 requestId = 0;
            if constexpr (requires { f.requestId; })
                requestId = f.requestId;
            detail::FieldCounter counter;
            fields(counter, f);

            QByteArray out;
            out.reserve(128);
            detail::CborWriter writer(out);
            writer.startMap(quint64(2 + (requestId != 0 ? 1 : 0) + counter.count));
            writer.append(QLatin1String("v"));
            writer.append(quint64(kProtocolVersion));
            writer.append(QLatin1String("t"));
            writer.append(QLatin1String(kTypes[frame.index()].name));
            if (requestId != 0) {
                writer.append(QLatin1String("r"));
                writer.append(quint64(requestId));
            }
            detail::FieldWriter fieldWriter(writer);
            fields(fieldWriter, f);
            writer.endMap();
            return out;
        },
        frame);
}

Result<Frame> decodeFrame(QByteArrayView bytes, quint32 *requestId)
{
    if (requestId)
        *requestId = 0;
    // Before any parsing: a huge frame costs nothing but this comparison.
    if (bytes.size() > kMaxFrameBytes) {
        return makeError(ErrorCode::FrameTooLarge,
                         QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                             .arg(bytes.size())
                             .arg(kMaxFrameBytes));
    }
    FieldReader in(bytes);
    if (in.failed())
        return in.error();

    // Report the request id even if the frame turns out to be bad, so that the
    // error reply can name the request it answers.
    using Type = detail::CborItem::Type;
    const detail::CborItem *r = in.item("r");
    if (requestId && r && r->type == Type::Unsigned && r->value <= UINT32_MAX)
        *requestId = quint32(r->value);

    const detail::CborItem *v = in.item("v");
    if (!v)
        return makeError(ErrorCode::MalformedFrame, QStringLiteral("missing field \"v\""));
    if (v->type != Type::Unsigned && v->type != Type::Negative)
        return makeError(ErrorCode::MalformedFrame,
                         QStringLiteral("field \"v\" must be an integer"));
    if (v->type != Type::Unsigned || v->value != quint64(kProtocolVersion)) {
        const bool huge = v->value > quint64(INT64_MAX);
        const qint64 number = v->type == Type::Unsigned ? qint64(v->value) : -1 - qint64(v->value);
        return makeError(ErrorCode::UnsupportedVersion,
                         QStringLiteral("protocol version %1 is not supported; this peer speaks %2")
                             .arg(huge ? QStringLiteral("(huge)") : QString::number(number))
                             .arg(kProtocolVersion));
    }
    const quint32 rid = quint32(in.unsignedInt("r", UINT32_MAX, Need::Optional));
    if (in.failed())
        return in.error();

    const detail::CborItem *t = in.item("t");
    if (!t)
        return makeError(ErrorCode::MalformedFrame, QStringLiteral("missing field \"t\""));
    if (t->type != Type::Text)
        return makeError(ErrorCode::MalformedFrame,
                         QStringLiteral("field \"t\" must be a text string"));
    const QByteArray type = in.utf8(*t); // shares the frame's bytes
    for (std::size_t i = 0; i < kTypes.size(); ++i) {
        if (type == kTypes[i].name)
            return kDecoders[i](in, rid);
    }
    return makeError(
        ErrorCode::UnknownType,
        QStringLiteral("unknown frame type \"%1\"").arg(clipped(QString::fromUtf8(type))));
}

QString dumpFrame(QByteArrayView bytes)
{
    return detail::cborToJson(bytes);
}

} // namespace linnet::protocol
