// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanFrameCodec.h"

#include "LanCbor.h"
#include "protocol/Limits.h"

#include <array>
#include <utility>

namespace linnet::lan {

using protocol::ErrorCode;
using protocol::makeError;
using protocol::detail::FieldReader;
using protocol::detail::Need;

namespace {

// Indexed like the LanFrame variant; docs/protocol.md 12.4 and 12.5 list the same names.
constexpr std::array<const char *, std::variant_size_v<LanFrame>> kTypes{
    "lan_hello", "lan_auth", "lan_msg", "lan_ack", "lan_read", "lan_typing", "lan_sender_key"};

// --- the fields of each frame, beyond v/t: one function per frame for both passes -----

/** A one-to-one frame names the user ("to"), a group frame the group. */
template <typename S> void chat(S &s, const QString &to, qint64 group)
{
    if (group != 0)
        s("group", group);
    else
        s("to", to);
}

template <typename S> void fields(S &s, const LanHello &f)
{
    s("eph", f.ephemeral);
}

template <typename S> void fields(S &s, const LanAuth &f)
{
    s("account", f.account);
    s("device", f.device);
    s("sig", f.signature);
}

template <typename S> void fields(S &s, const LanMessage &f)
{
    s("id", f.id);
    s("dev", f.device);
    chat(s, f.to, f.group);
    s("body", f.body);
    s("sent", f.sentAt);
    if (!f.after.isNull())
        s("after", f.after);
}

template <typename S> void fields(S &s, const LanAck &f)
{
    s("ids", f.ids);
}

template <typename S> void fields(S &s, const LanRead &f)
{
    chat(s, f.to, f.group);
    s("ids", f.ids);
}

template <typename S> void fields(S &s, const LanTyping &f)
{
    chat(s, f.to, f.group);
    s("active", f.active);
}

template <typename S> void fields(S &s, const LanSenderKey &f)
{
    s("group", f.group);
    s("body", f.body);
}

// --- decoding -------------------------------------------------------------------------

/** "to" (a username) or "group" (a conv id), exactly one of them. */
void readChat(FieldReader &in, QString &to, qint64 &group)
{
    const bool hasTo = in.has("to");
    if (hasTo == in.has("group")) {
        in.fail(ErrorCode::InvalidField,
                QStringLiteral("exactly one of \"to\" and \"group\" must be present"));
        return;
    }
    if (hasTo)
        to = in.username("to");
    else
        group = in.positiveId("group");
}

void read(FieldReader &in, LanHello &f)
{
    f.ephemeral = in.bytes("eph", protocol::kKeyBytes, protocol::kKeyBytes);
}

void read(FieldReader &in, LanAuth &f)
{
    f.account = in.username("account");
    f.device = in.positiveId("device");
    f.signature = in.bytes("sig", protocol::kSignatureBytes, protocol::kSignatureBytes);
}

void read(FieldReader &in, LanMessage &f)
{
    f.id = in.messageId("id");
    f.device = in.positiveId("dev");
    readChat(in, f.to, f.group);
    f.body = in.bytes("body", 0, protocol::kMaxBodyBytes);
    f.sentAt = in.timestamp("sent");
    f.after = in.messageId("after", Need::Optional);
}

void read(FieldReader &in, LanAck &f)
{
    f.ids = in.messageIdList("ids", 1, protocol::kMaxReceiptIds);
}

void read(FieldReader &in, LanRead &f)
{
    readChat(in, f.to, f.group);
    f.ids = in.messageIdList("ids", 1, protocol::kMaxReceiptIds);
}

void read(FieldReader &in, LanTyping &f)
{
    readChat(in, f.to, f.group);
    f.active = in.boolean("active");
}

void read(FieldReader &in, LanSenderKey &f)
{
    f.group = in.positiveId("group");
    f.body = in.bytes("body", 0, protocol::kMaxBodyBytes);
}

template <std::size_t I> protocol::Result<LanFrame> decodeAs(FieldReader &in)
{
    std::variant_alternative_t<I, LanFrame> frame{};
    read(in, frame);
    if (in.failed())
        return in.error();
    return LanFrame{std::move(frame)};
}

using Decoder = protocol::Result<LanFrame> (*)(FieldReader &);

template <std::size_t... I>
constexpr std::array<Decoder, sizeof...(I)> decoders(std::index_sequence<I...>)
{
    return {&decodeAs<I>...};
}

constexpr auto kDecoders = decoders(std::make_index_sequence<std::variant_size_v<LanFrame>>{});

} // namespace

QString lanFrameTypeName(const LanFrame &frame)
{
    return QString::fromLatin1(kTypes[frame.index()]);
}

QByteArray encodeLanFrame(const LanFrame &frame)
{
    return std::visit(
        [&frame](const auto &f) {
            return detail::encodeMap(kTypes[frame.index()], [&f](auto &s) { fields(s, f); });
        },
        frame);
}

protocol::Result<LanFrame> decodeLanFrame(QByteArrayView bytes)
{
    if (bytes.size() > protocol::kMaxFrameBytes)
        return makeError(ErrorCode::FrameTooLarge,
                         QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                             .arg(bytes.size())
                             .arg(protocol::kMaxFrameBytes));
    FieldReader in(bytes);
    if (in.failed())
        return in.error();
    const detail::Envelope envelope = detail::readEnvelope(in);
    if (!envelope.ok)
        return makeError(envelope.versionMismatch ? ErrorCode::UnsupportedVersion
                                                  : ErrorCode::MalformedFrame,
                         envelope.reason);
    for (std::size_t i = 0; i < kTypes.size(); ++i) {
        if (envelope.type == kTypes[i])
            return kDecoders[i](in);
    }
    return makeError(ErrorCode::UnknownType, QStringLiteral("unknown peer-link frame \"%1\"")
                                                 .arg(QString::fromUtf8(envelope.type.left(40))));
}

} // namespace linnet::lan
