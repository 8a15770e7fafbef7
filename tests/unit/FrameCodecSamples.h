// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Sample frames and CBOR editing helpers shared by tst_framecodec and tst_framecodec_rejects.

#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QMetaType>

#include <functional>
#include <utility>

Q_DECLARE_METATYPE(linnet::protocol::Frame)

namespace linnet::protocol {
// Lets QCOMPARE print frames that differ.
inline char *toString(const Frame &frame)
{
    return qstrdup(dumpFrame(encodeFrame(frame)).toUtf8().constData());
}
} // namespace linnet::protocol

namespace linnet::protocol::testing {

inline MessageId idFrom(char fill)
{
    return *MessageId::fromBytes(QByteArray(MessageId::kSize, fill));
}

inline QByteArray token()
{
    QByteArray t(kTokenBytes, Qt::Uninitialized);
    for (int i = 0; i < t.size(); ++i)
        t[i] = char(i * 7 + 1);
    return t;
}

/** One valid frame or more of every type, with non-default values. */
inline QList<std::pair<QByteArray, Frame>> sampleFrames()
{
    const MessageId a = idFrom('\x11');
    const MessageId b = idFrom('\x22');
    const QByteArray body = QByteArray(1000, '\x5a') + QByteArray("\x00\xff\x80", 3);
    QList<MessageId> manyIds;
    for (int i = 1; i <= kMaxReceiptIds; ++i)
        manyIds.append(*MessageId::fromHex(QStringLiteral("%1").arg(i, 32, 16, QLatin1Char('0'))));
    QList<quint64> manyEntries;
    for (quint64 i = 1; i <= quint64(kMaxAckEntries); ++i)
        manyEntries.append(i * 1000003);
    QStringList manyUsers;
    for (int i = 0; i < kMaxPresenceSubscriptions; ++i)
        manyUsers.append(QStringLiteral("user%1").arg(i));
    const qint64 ts = 1700000000123;

    return {
        {"register", RegisterRequest{7, QStringLiteral("alice"), QStringLiteral("correct horse"),
                                     QStringLiteral("INV-42"), QStringLiteral("Alice’s laptop")}},
        {"register open", RegisterRequest{8, QStringLiteral("a.b_c-d9"),
                                          QString(8, QLatin1Char('p')), QString(), QString()}},
        {"login", LoginRequest{9, QStringLiteral("bob"), QStringLiteral("pässwörd ü"),
                               QStringLiteral("phone")}},
        {"login starting over", LoginRequest{9, QStringLiteral("bob"), QStringLiteral("password1"),
                                             QStringLiteral("phone"), true}},
        {"login with proof", LoginRequest{9, QStringLiteral("bob"), QStringLiteral("password1"),
                                          QString(), false, ts, QByteArray(64, 'p')}},
        {"auth", AuthRequest{10, 42, token()}},
        {"auth_ok with token", AuthOk{7, QStringLiteral("alice"), 42, token(), ts, 5, 0, {}}},
        {"auth_ok after auth", AuthOk{10, QStringLiteral("alice"), 42, QByteArray(), ts, 0, 0, {}}},
        {"auth_ok with account key",
         AuthOk{10, QStringLiteral("alice"), 42, QByteArray(), ts, 0, 0, QByteArray(32, 'A')}},
        {"send", SendRequest{11, a, QStringLiteral("bob"), {{4, 77, body}, {5, 1, body}}}},
        {"send max body", SendRequest{12,
                                      b,
                                      QStringLiteral("bob"),
                                      {{4, kMaxRegistrationId, QByteArray(kMaxBodyBytes, 'x')}}}},
        {"send empty body", SendRequest{13, b, QStringLiteral("bob"), {{4, 1, QByteArray()}}}},
        {"send no copies", SendRequest{14, b, QStringLiteral("alice"), {}}},
        {"send again", SendRequest{15, a, QStringLiteral("bob"), {{4, 77, body}}, 0, {}, true}},
        {"keys_upload", KeysUpload{15,
                                   QByteArray(32, 'i'),
                                   9,
                                   3,
                                   QByteArray(32, 's'),
                                   QByteArray(64, 'g'),
                                   {{1, QByteArray(32, 'a')}, {UINT32_MAX, QByteArray(32, 'b')}},
                                   {},
                                   {}}},
        {"keys_upload no prekeys",
         KeysUpload{
             16, QByteArray(32, 'i'), 9, 3, QByteArray(32, 's'), QByteArray(64, 'g'), {}, {}, {}}},
        {"keys_upload certified", KeysUpload{16,
                                             QByteArray(32, 'i'),
                                             9,
                                             3,
                                             QByteArray(32, 's'),
                                             QByteArray(64, 'g'),
                                             {},
                                             QByteArray(32, 'A'),
                                             QByteArray(64, 'c')}},
        {"prekeys reply", PreKeyCount{15, 105}},
        {"prekeys pushed", PreKeyCount{0, 3}},
        {"keys_get list", KeysRequest{17, QStringLiteral("bob"), {}}},
        {"keys_get claim", KeysRequest{18, QStringLiteral("bob"), {4, 5}}},
        {"keys", KeysReply{18,
                           QStringLiteral("bob"),
                           {DeviceKeys{4,
                                       7,
                                       QByteArray(32, 'i'),
                                       2,
                                       QByteArray(32, 's'),
                                       QByteArray(64, 'g'),
                                       11,
                                       QByteArray(32, 'o'),
                                       {},
                                       QStringLiteral("Laptop")},
                            DeviceKeys{5,
                                       8,
                                       QByteArray(32, 'j'),
                                       2,
                                       QByteArray(32, 't'),
                                       QByteArray(64, 'h'),
                                       0,
                                       QByteArray(),
                                       {},
                                       {}},
                            DeviceKeys{6, 9, QByteArray(32, 'k'), 0, {}, {}, 0, {}, {}, {}}},
                           {}}},
        {"keys certified",
         KeysReply{
             20,
             QStringLiteral("bob"),
             {DeviceKeys{4, 7, QByteArray(32, 'i'), 0, {}, {}, 0, {}, QByteArray(64, 'c'), {}},
              DeviceKeys{6, 9, QByteArray(32, 'k'), 0, {}, {}, 0, {}, {}, {}}},
             QByteArray(32, 'A')}},
        {"keys empty", KeysReply{19, QStringLiteral("bob"), {}, {}}},
        {"auth_ok with prekeys",
         AuthOk{10, QStringLiteral("alice"), 42, QByteArray(), ts, 0, 57, {}}},
        {"ack", SendAck{11, a, 3, 17, ts, false}},
        {"ack dup", SendAck{11, a, 3, 17, ts, true}},
        {"ack delivered", SendAck{11, a, 3, 17, ts, false, ts + 5}},
        {"deliver",
         Deliver{99, a, 3, 17, QStringLiteral("alice"), 42, QStringLiteral("bob"), ts, body}},
        {"deliver_ack", DeliverAck{{1, 2, 9007199254740993ULL}}},
        {"deliver_ack max", DeliverAck{manyEntries}},
        {"read", ReadRequest{3, 17}},
        {"receipt delivered",
         Receipt{100, ReceiptKind::Delivered, 3, QStringLiteral("bob"), {a, b}, 0, ts}},
        {"receipt delivered max",
         Receipt{101, ReceiptKind::Delivered, 3, QStringLiteral("bob"), manyIds, 0, ts}},
        {"receipt read", Receipt{102, ReceiptKind::Read, 3, QStringLiteral("bob"), {}, 17, ts}},
        {"typing on", Typing{QStringLiteral("bob"), true}},
        {"typing off", Typing{QStringLiteral("bob"), false}},
        {"presence_sub", PresenceSubscribe{14, {QStringLiteral("bob"), QStringLiteral("carol")}}},
        {"presence_sub empty", PresenceSubscribe{15, {}}},
        {"presence_sub max", PresenceSubscribe{16, manyUsers}},
        {"presence online", Presence{QStringLiteral("bob"), true, ts}},
        {"presence hidden", Presence{QStringLiteral("bob"), false, 0}},
        {"privacy contacts", SetPrivacy{17, LastSeenVisibility::Contacts}},
        {"privacy nobody", SetPrivacy{18, LastSeenVisibility::Nobody}},
        {"privacy everyone", SetPrivacy{19, LastSeenVisibility::Everyone}},
        {"sync", SyncRequest{20}},
        {"synced", Synced{20, 4}},
        {"synced after auth", Synced{0, 0}},
        {"send group", SendRequest{21, a, QString(), {}, 3, body}},
        {"deliver group",
         Deliver{99, a, 3, 18, QStringLiteral("alice"), 42, QString(), ts, body, true}},
        {"typing group out", Typing{QString(), true, 3}},
        {"typing group in", Typing{QStringLiteral("bob"), false, 3}},
        {"group_create", GroupCreate{22,
                                     QStringLiteral("Team 🐦"),
                                     {QStringLiteral("bob"), QStringLiteral("carol")}}},
        {"group_create alone", GroupCreate{23, QString(kMaxGroupNameLength, QLatin1Char('g')), {}}},
        {"group_update add", GroupUpdate{24, 3, GroupOp::Add, QStringLiteral("dave"), QString()}},
        {"group_update remove",
         GroupUpdate{25, 3, GroupOp::Remove, QStringLiteral("dave"), QString()}},
        {"group_update leave", GroupUpdate{26, 3, GroupOp::Leave, QString(), QString()}},
        {"group_update rename",
         GroupUpdate{27, 3, GroupOp::Rename, QString(), QStringLiteral("New name")}},
        {"group_update admin",
         GroupUpdate{28, 3, GroupOp::MakeAdmin, QStringLiteral("bob"), QString()}},
        {"group_update unadmin",
         GroupUpdate{29, 3, GroupOp::RevokeAdmin, QStringLiteral("bob"), QString()}},
        {"group_get", GroupGet{30, 3}},
        {"group", GroupInfo{22,
                            3,
                            QStringLiteral("Team"),
                            {{QStringLiteral("alice"), true}, {QStringLiteral("bob"), false}}}},
        {"group pushed",
         GroupInfo{0, 3, QStringLiteral("Team"), {{QStringLiteral("alice"), true}}}},
        {"group_event add", GroupEvent{103, 3, 19, QStringLiteral("alice"), GroupOp::Add,
                                       QStringLiteral("dave"), QStringLiteral("Team"), ts}},
        {"group_event create", GroupEvent{104, 3, 1, QStringLiteral("alice"), GroupOp::Create,
                                          QString(), QStringLiteral("Team"), ts}},
        {"group_keys", GroupKeys{31, 3, {{4, 77, body}, {5, 1, QByteArray(73, 'k')}}}},
        {"sender_key", SenderKeyCopy{105, 3, QStringLiteral("alice"), 42, QByteArray(120, 'e')}},
        {"send with media", SendRequest{32,
                                        a,
                                        QStringLiteral("bob"),
                                        {{4, 77, body}},
                                        0,
                                        {},
                                        false,
                                        {QByteArray(16, 'm'), QByteArray(16, 'n')}}},
        {"send group with media",
         SendRequest{33, a, QString(), {}, 3, body, true, {QByteArray(16, 'm')}}},
        {"media_upload", MediaUploadRequest{34, 2147483648ULL, {}}},
        {"media_upload resume", MediaUploadRequest{35, 0, QByteArray(16, 'b')}},
        {"media_download", MediaDownloadRequest{36, QByteArray(16, 'b')}},
        {"media_ticket upload",
         MediaTicket{34, QByteArray(16, 'b'), QByteArray(66, 't'), 2147483648ULL, 0, ts + 3600000}},
        {"media_ticket resume", MediaTicket{35, QByteArray(16, 'b'),
                                            QByteArray(kMaxTicketBytes, 't'), 1048593, 65536, ts}},
        {"media_done", MediaDone{37, QByteArray(16, 'b')}},
        {"devices_get", DevicesGet{38}},
        {"devices",
         DeviceList{38,
                    {DeviceInfo{3, QStringLiteral("Laptop"), ts, ts + 5, QByteArray(kKeyBytes, 'i'),
                                QByteArray(kSignatureBytes, 's')},
                     DeviceInfo{9, QStringLiteral("device 2"), ts + 1, 0, {}, {}}}}},
        {"device_rename", DeviceRename{39, 3, QStringLiteral("Küchen-PC")}},
        {"device_revoke", DeviceRevoke{40, 9}},
        {"invite_create", InviteCreate{41, 7}},
        {"invite_created", InviteCreated{41, QStringLiteral("6QSZ-B42P-ATDN-61P5"), ts + 5}},
        {"invites_get", InvitesGet{42}},
        {"invites", InviteList{42,
                               {InviteInfo{ts, ts + 7, QStringLiteral("ana"), ts + 3},
                                InviteInfo{ts + 1, ts + kMaxInviteDays, QString(), 0}}}},
        {"invites empty", InviteList{43, {}}},
        {"link_request", LinkRequest{41, QStringLiteral("ana"), QByteArray(32, 'l'),
                                     QByteArray(90, 's'), QStringLiteral("Küchen-PC")}},
        {"link_request unnamed",
         LinkRequest{42, QStringLiteral("ana"), QByteArray(32, 'l'), QByteArray(1, 's'), {}}},
        {"link_fetch", LinkFetch{43, QByteArray(32, 'l')}},
        {"link_pending", LinkPending{43, QByteArray(1024, 's'), ts + 600000}},
        {"link_approve", LinkApprove{44, QByteArray(32, 'l'), QByteArray(88, 'a')}},
        {"link_approved", LinkApproved{44, 12}},
        {"link_sealed", LinkSealed{0, QByteArray(88, 'a')}},
        {"ok", Ok{17}},
        {"error", ErrorFrame{11, ErrorCode::UnknownUser, QStringLiteral("no such user"), a}},
        {"error bare", ErrorFrame{0, ErrorCode::MalformedFrame, QString(), MessageId()}},
        {"error max reason", ErrorFrame{4294967295U, ErrorCode::ShuttingDown,
                                        QString(kMaxReasonLength, QChar(0x00e9)), MessageId()}},
    };
}

inline QCborMap asMap(const Frame &frame)
{
    return QCborValue::fromCbor(encodeFrame(frame)).toMap();
}

/** A valid frame, changed by @p edit, encoded again. */
inline QByteArray edited(const Frame &frame, const std::function<void(QCborMap &)> &edit)
{
    QCborMap map = asMap(frame);
    edit(map);
    return map.toCborValue().toCbor();
}

inline QByteArray without(const Frame &frame, const QString &key)
{
    return edited(frame, [&](QCborMap &m) { m.remove(key); });
}

inline QByteArray with(const Frame &frame, const QString &key, const QCborValue &value)
{
    return edited(frame, [&](QCborMap &m) { m.insert(key, value); });
}

/** Marker integer whose encoding (1a 7eadbeef) the raw-byte cases splice over. */
inline constexpr qint64 kMarker = 0x7eadbeef;

inline QByteArray spliced(const Frame &frame, const QString &key, const char *hexReplacement)
{
    QByteArray bytes = with(frame, key, kMarker);
    bytes.replace(QByteArray::fromHex("1a7eadbeef"), QByteArray::fromHex(hexReplacement));
    return bytes;
}

inline const SendRequest kSend{
    77, idFrom('\x11'), QStringLiteral("bob"), {{4, 9, QByteArray("hello")}}};
/** kSend's one copy as a CBOR array, with @p key set to @p value (or removed if invalid). */
inline QCborArray copyWith(const QString &key, const QCborValue &value)
{
    QCborMap copy{{QStringLiteral("dev"), 4},
                  {QStringLiteral("reg"), 9},
                  {QStringLiteral("body"), QByteArray("hello")}};
    if (value.isInvalid())
        copy.remove(key);
    else
        copy.insert(key, value);
    return QCborArray{copy};
}

inline const KeysUpload kUpload{5,
                                QByteArray(32, 'i'),
                                9,
                                3,
                                QByteArray(32, 's'),
                                QByteArray(64, 'g'),
                                {{1, QByteArray(32, 'a')}},
                                {},
                                {}};

inline const RegisterRequest kRegister{1, QStringLiteral("alice"), QStringLiteral("password1"),
                                       QString(), QStringLiteral("laptop")};
inline const AuthRequest kAuth{2, 42, token()};
inline const DeliverAck kDeliverAck{{1, 2, 3}};
inline const ReadRequest kRead{3, 17};
inline const Typing kTyping{QStringLiteral("bob"), true};
inline const Receipt kReceipt{
    5, ReceiptKind::Delivered, 3, QStringLiteral("bob"), {idFrom('\x01')}, 0, 9};
inline const SendAck kAck{77, idFrom('\x11'), 3, 17, 1000, false};

} // namespace linnet::protocol::testing
