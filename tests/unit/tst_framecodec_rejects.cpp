// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodecSamples.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QRandomGenerator>
#include <QtTest>

using namespace linnet::protocol;
using namespace linnet::protocol::testing;

/** FrameCodec: exact errors for bad input, the request id they report, and fuzzing. */
class TestFrameCodecRejects : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rejects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("reasonHas");

        const auto row = [](const char *name, const QByteArray &bytes, ErrorCode code,
                            const char *reasonHas = "") {
            QTest::newRow(name) << bytes << code << QString::fromLatin1(reasonHas);
        };
        const QByteArray send = encodeFrame(kSend);
        const QCborValue textOne(QStringLiteral("1"));
        const auto M = ErrorCode::MalformedFrame;
        const auto I = ErrorCode::InvalidField;

        // Not a frame at all.
        row("empty", QByteArray(), M);
        row("random bytes", QByteArray::fromHex("ff fe fd 17 42"), M);
        row("truncated", send.left(send.size() / 2), M);
        row("array", QCborArray{1, 2}.toCborValue().toCbor(), M);
        row("text", QCborValue(QStringLiteral("send")).toCbor(), M);
        row("trailing garbage", send + QByteArray("\x00", 1), M, "trailing");
        row("two frames", send + send, M, "trailing");
        row("integer key", QByteArray::fromHex("a3617601617465746f6b656e0102"), M, "keys");
        row("invalid utf-8", QByteArray::fromHex("a261760161746263c328"), M);
        row("too large", QByteArray(kMaxFrameBytes + 1, '\0'), ErrorCode::FrameTooLarge);
        row("too large valid cbor",
            with(kSend, QStringLiteral("pad"), QByteArray(kMaxFrameBytes, 'p')),
            ErrorCode::FrameTooLarge);
        {
            QByteArray dup;
            QCborStreamWriter w(&dup);
            w.startMap(5);
            w.append(QLatin1String("v")), w.append(1);
            w.append(QLatin1String("t")), w.append(QLatin1String("typing"));
            w.append(QLatin1String("peer")), w.append(QLatin1String("bob"));
            w.append(QLatin1String("active")), w.append(true);
            w.append(QLatin1String("active")), w.append(false);
            w.endMap();
            row("duplicate key", dup, M, "duplicate");
        }

        // Envelope.
        row("missing v", without(kSend, QStringLiteral("v")), M, "\"v\"");
        row("v as text", with(kSend, QStringLiteral("v"), textOne), M, "\"v\"");
        row("v = 2", with(kSend, QStringLiteral("v"), 2), ErrorCode::UnsupportedVersion);
        row("v = 0", with(kSend, QStringLiteral("v"), 0), ErrorCode::UnsupportedVersion);
        row("v huge", spliced(kSend, QStringLiteral("v"), "1bffffffffffffffff"),
            ErrorCode::UnsupportedVersion);
        row("missing t", without(kSend, QStringLiteral("t")), M, "\"t\"");
        row("t as integer", with(kSend, QStringLiteral("t"), 5), M, "\"t\"");
        row("unknown type", with(kSend, QStringLiteral("t"), QStringLiteral("teleport")),
            ErrorCode::UnknownType, "teleport");
        row("send missing r", without(kSend, QStringLiteral("r")), M, "\"r\"");
        row("send r = 0", with(kSend, QStringLiteral("r"), 0), I, "\"r\"");
        row("r negative", with(kSend, QStringLiteral("r"), -1), I, "\"r\"");
        row("r too big", with(kSend, QStringLiteral("r"), qint64(1) << 32), I, "\"r\"");
        row("r as text", with(kSend, QStringLiteral("r"), textOne), M, "\"r\"");
        row("register missing r", without(kRegister, QStringLiteral("r")), M, "\"r\"");
        row("sync missing r", without(SyncRequest{3}, QStringLiteral("r")), M, "\"r\"");

        // Missing fields.
        row("send missing id", without(kSend, QStringLiteral("id")), M, "\"id\"");
        row("send missing to", without(kSend, QStringLiteral("to")), M, "\"to\"");
        row("send missing copies", without(kSend, QStringLiteral("copies")), M, "\"copies\"");
        row("copy missing body",
            with(kSend, QStringLiteral("copies"), copyWith(QStringLiteral("body"), QCborValue())),
            M, "\"body\"");
        row("copy missing reg",
            with(kSend, QStringLiteral("copies"), copyWith(QStringLiteral("reg"), QCborValue())), M,
            "\"reg\"");
        row("upload missing identity", without(kUpload, QStringLiteral("identity")), M,
            "\"identity\"");
        row("keys_get missing user",
            without(KeysRequest{4, QStringLiteral("bob"), {}}, QStringLiteral("user")), M,
            "\"user\"");
        row("register missing username", without(kRegister, QStringLiteral("username")), M,
            "\"username\"");
        row("register missing password", without(kRegister, QStringLiteral("password")), M,
            "\"password\"");
        row("auth missing token", without(kAuth, QStringLiteral("token")), M, "\"token\"");
        row("auth missing device", without(kAuth, QStringLiteral("device")), M, "\"device\"");
        row("deliver_ack missing entries", without(kDeliverAck, QStringLiteral("entries")), M,
            "\"entries\"");
        row("read missing up_to", without(kRead, QStringLiteral("up_to")), M, "\"up_to\"");
        row("typing missing active", without(kTyping, QStringLiteral("active")), M, "\"active\"");
        row("receipt missing ids", without(kReceipt, QStringLiteral("ids")), M, "\"ids\"");
        row("ack missing seq", without(kAck, QStringLiteral("seq")), M, "\"seq\"");
        row("error missing code", without(ErrorFrame{}, QStringLiteral("code")), M, "\"code\"");

        // Wrong types.
        row("send id as text", with(kSend, QStringLiteral("id"), QString(16, QLatin1Char('a'))), M,
            "\"id\"");
        row("copy body as text",
            with(kSend, QStringLiteral("copies"),
                 copyWith(QStringLiteral("body"), QStringLiteral("hi"))),
            M, "\"body\"");
        row("copies of integers", with(kSend, QStringLiteral("copies"), QCborArray{1, 2}), M,
            "\"copies\"");
        row("copies as map", with(kSend, QStringLiteral("copies"), QCborMap{}), M, "\"copies\"");
        row("send to as bytes", with(kSend, QStringLiteral("to"), QByteArray("bob")), M, "\"to\"");
        row("auth device as text", with(kAuth, QStringLiteral("device"), textOne), M, "\"device\"");
        row("auth device as double", with(kAuth, QStringLiteral("device"), 4.5), M, "\"device\"");
        row("typing active as int", with(kTyping, QStringLiteral("active"), 1), M, "\"active\"");
        row("send again as int", with(kSend, QStringLiteral("again"), 1), M, "\"again\"");
        row("entries as map", with(kDeliverAck, QStringLiteral("entries"), QCborMap{}), M,
            "\"entries\"");
        row("entries of text", with(kDeliverAck, QStringLiteral("entries"), QCborArray{textOne}), M,
            "\"entries\"");
        row("users of ints", with(PresenceSubscribe{1, {}}, QStringLiteral("users"), QCborArray{1}),
            M, "\"users\"");
        row("ids of text", with(kReceipt, QStringLiteral("ids"), QCborArray{textOne}), M,
            "\"ids\"");

        // Out of range.
        row("body too large",
            with(kSend, QStringLiteral("copies"),
                 copyWith(QStringLiteral("body"), QByteArray(kMaxBodyBytes + 1, 'b'))),
            I, "\"body\"");
        row("copy reg zero",
            with(kSend, QStringLiteral("copies"), copyWith(QStringLiteral("reg"), 0)), I,
            "\"reg\"");
        row("copy device zero",
            with(kSend, QStringLiteral("copies"), copyWith(QStringLiteral("dev"), 0)), I,
            "\"dev\"");
        row("same device twice",
            with(kSend, QStringLiteral("copies"),
                 QCborArray{copyWith(QStringLiteral("reg"), 9).at(0),
                            copyWith(QStringLiteral("reg"), 10).at(0)}),
            I, "\"copies\"");
        QCborArray copiesOver;
        for (qsizetype i = 0; i <= kMaxCopies; ++i)
            copiesOver.append(copyWith(QStringLiteral("dev"), i + 1).at(0));
        row("too many copies", with(kSend, QStringLiteral("copies"), copiesOver), I, "\"copies\"");
        row("identity too short", with(kUpload, QStringLiteral("identity"), QByteArray(31, 'i')), I,
            "\"identity\"");
        row("signature too short", with(kUpload, QStringLiteral("spk_sig"), QByteArray(63, 'g')), I,
            "\"spk_sig\"");
        row("prekey id zero",
            with(kUpload, QStringLiteral("prekeys"),
                 QCborArray{QCborMap{{QStringLiteral("id"), 0},
                                     {QStringLiteral("key"), QByteArray(32, 'k')}}}),
            I, "\"id\"");
        row("reg too large", with(kUpload, QStringLiteral("reg"), qint64(kMaxRegistrationId) + 1),
            I, "\"reg\"");
        row("send to upper case", with(kSend, QStringLiteral("to"), QStringLiteral("Bob")), I,
            "\"to\"");
        row("send to too short", with(kSend, QStringLiteral("to"), QStringLiteral("bo")), I,
            "\"to\"");
        row("username leading dot",
            with(kRegister, QStringLiteral("username"), QStringLiteral(".alice")), I,
            "\"username\"");
        row("username too long",
            with(kRegister, QStringLiteral("username"), QString(33, QLatin1Char('a'))), I,
            "\"username\"");
        row("login bad username",
            with(LoginRequest{1, QStringLiteral("bob"), QStringLiteral("password1"), {}},
                 QStringLiteral("username"), QStringLiteral("bob smith")),
            I, "\"username\"");
        row("password too short",
            with(kRegister, QStringLiteral("password"), QStringLiteral("1234567")), I,
            "\"password\"");
        row("password too long",
            with(kRegister, QStringLiteral("password"),
                 QString(kMaxPasswordBytes + 1, QLatin1Char('p'))),
            I, "\"password\"");
        row("password too long utf-8",
            with(kRegister, QStringLiteral("password"),
                 QString(kMaxPasswordBytes / 2 + 1, QChar(0x00e9))),
            I, "\"password\"");
        row("device name too long",
            with(kRegister, QStringLiteral("device_name"),
                 QString(kMaxDeviceNameLength + 1, QLatin1Char('d'))),
            I, "\"device_name\"");
        row("invite too long",
            with(kRegister, QStringLiteral("invite"),
                 QString(kMaxInviteLength + 1, QLatin1Char('i'))),
            I, "\"invite\"");
        row("zero message id", with(kSend, QStringLiteral("id"), QByteArray(16, '\0')), I,
            "\"id\"");
        row("short message id", with(kSend, QStringLiteral("id"), QByteArray(15, '\1')), I,
            "\"id\"");
        row("token 31 bytes", with(kAuth, QStringLiteral("token"), QByteArray(31, 't')), I,
            "\"token\"");
        row("token 33 bytes", with(kAuth, QStringLiteral("token"), QByteArray(33, 't')), I,
            "\"token\"");
        row("device 0", with(kAuth, QStringLiteral("device"), 0), I, "\"device\"");
        row("device negative", with(kAuth, QStringLiteral("device"), -5), I, "\"device\"");
        row("conv 0", with(kRead, QStringLiteral("conv"), 0), I, "\"conv\"");
        row("up_to 0", with(kRead, QStringLiteral("up_to"), 0), I, "\"up_to\"");
        row("ack seq 0", with(kAck, QStringLiteral("seq"), 0), I, "\"seq\"");
        row("ack seq huge", spliced(kAck, QStringLiteral("seq"), "1bffffffffffffffff"), I,
            "\"seq\"");
        row("ack ts -2^64", spliced(kAck, QStringLiteral("ts"), "3bffffffffffffffff"), I, "\"ts\"");
        row("ack ts wraps", spliced(kAck, QStringLiteral("ts"), "3bfffffffffffffffa"), I, "\"ts\"");
        row("ack ts negative", with(kAck, QStringLiteral("ts"), -1), I, "\"ts\"");
        row("ack delivered 0", with(kAck, QStringLiteral("delivered"), 0), I, "\"delivered\"");
        row("ack delivered text", with(kAck, QStringLiteral("delivered"), QStringLiteral("now")), M,
            "\"delivered\"");
        {
            QCborArray tooMany;
            for (int i = 0; i <= kMaxAckEntries; ++i)
                tooMany.append(i + 1);
            row("too many ack entries", with(kDeliverAck, QStringLiteral("entries"), tooMany), I,
                "\"entries\"");
        }
        row("no ack entries", with(kDeliverAck, QStringLiteral("entries"), QCborArray{}), I,
            "\"entries\"");
        row("ack entry 0", with(kDeliverAck, QStringLiteral("entries"), QCborArray{1, 0}), I,
            "\"entries\"");
        row("ack entry negative", with(kDeliverAck, QStringLiteral("entries"), QCborArray{-3}), I,
            "\"entries\"");
        {
            QCborArray ids;
            for (int i = 0; i <= kMaxReceiptIds; ++i)
                ids.append(QByteArray(16, '\1'));
            row("too many receipt ids", with(kReceipt, QStringLiteral("ids"), ids), I, "\"ids\"");
        }
        row("zero receipt id",
            with(kReceipt, QStringLiteral("ids"), QCborArray{QByteArray(16, '\0')}), I, "\"ids\"");
        row("receipt kind unknown", with(kReceipt, QStringLiteral("kind"), QStringLiteral("seen")),
            I, "\"kind\"");
        row("read receipt without up_to",
            with(kReceipt, QStringLiteral("kind"), QStringLiteral("read")), M, "\"up_to\"");
        {
            QCborArray users;
            for (int i = 0; i <= kMaxPresenceSubscriptions; ++i)
                users.append(QStringLiteral("user%1").arg(i));
            row("too many users", with(PresenceSubscribe{1, {}}, QStringLiteral("users"), users), I,
                "\"users\"");
        }
        // presence_sub leaves an invalid name out instead (tst_framecodec); other lists
        // of usernames stay strict.
        row("invalid user in list",
            with(GroupCreate{1, QStringLiteral("g"), {}}, QStringLiteral("members"),
                 QCborArray{QStringLiteral("bob"), QStringLiteral("B!")}),
            I, "\"members\"");
        row("privacy unknown",
            with(SetPrivacy{1, {}}, QStringLiteral("last_seen"), QStringLiteral("friends")), I,
            "\"last_seen\"");
        row("error unknown code", with(ErrorFrame{}, QStringLiteral("code"), 499), I, "\"code\"");
        row("error code huge", with(ErrorFrame{}, QStringLiteral("code"), 65536 + 400), I,
            "\"code\"");
        row("reason too long",
            with(ErrorFrame{}, QStringLiteral("reason"),
                 QString(kMaxReasonLength + 1, QLatin1Char('r'))),
            I, "\"reason\"");
        // Groups.
        const SendRequest groupSend{9, idFrom('\x33'), QString(), {}, 3, QByteArray("x")};
        row("group send with to", with(groupSend, QStringLiteral("to"), QStringLiteral("bob")), I,
            "group send");
        row("group send with copies",
            with(groupSend, QStringLiteral("copies"), copyWith(QString(), QCborValue())), I,
            "group send");
        row("group send without body", without(groupSend, QStringLiteral("body")), M, "\"body\"");
        row("group send group zero", with(groupSend, QStringLiteral("group"), 0), I, "\"group\"");
        row("group deliver without to is only a group",
            without(Deliver{1,
                            idFrom('\x01'),
                            3,
                            1,
                            QStringLiteral("ana"),
                            1,
                            QStringLiteral("ben"),
                            1,
                            {}},
                    QStringLiteral("to")),
            M, "\"to\"");
        row("typing without peer or group", without(kTyping, QStringLiteral("peer")), M,
            "\"peer\"");
        row("group name empty",
            with(GroupCreate{1, QStringLiteral("g"), {}}, QStringLiteral("name"), QString()), I,
            "\"name\"");
        row("group name too long",
            with(GroupCreate{1, QStringLiteral("g"), {}}, QStringLiteral("name"),
                 QString(kMaxGroupNameLength + 1, QLatin1Char('n'))),
            I, "\"name\"");
        {
            QCborArray members;
            for (int i = 0; i < kMaxGroupMembers; ++i)
                members.append(QStringLiteral("user%1").arg(i));
            row("group too many members",
                with(GroupCreate{1, QStringLiteral("g"), {}}, QStringLiteral("members"), members),
                I, "\"members\"");
        }
        const GroupUpdate add{1, 3, GroupOp::Add, QStringLiteral("bob"), QString()};
        row("group op unknown", with(add, QStringLiteral("op"), QStringLiteral("ban")), I,
            "\"op\"");
        row("group op create", with(add, QStringLiteral("op"), QStringLiteral("create")), I,
            "group_create");
        row("group add without user", without(add, QStringLiteral("user")), M, "\"user\"");
        row("group rename without name", with(add, QStringLiteral("op"), QStringLiteral("rename")),
            M, "\"name\"");
        row("group_keys without copies",
            with(GroupKeys{1, 3, {{4, 1, "k"}}}, QStringLiteral("copies"), QCborArray()), I,
            "\"copies\"");
        row("group_keys device twice",
            with(GroupKeys{1, 3, {{4, 1, "k"}}}, QStringLiteral("copies"),
                 QCborArray{copyWith(QString(), QCborValue()).at(0),
                            copyWith(QString(), QCborValue()).at(0)}),
            I, "twice");
        row("group info without members",
            with(GroupInfo{0, 3, QStringLiteral("g"), {{QStringLiteral("a"), true}}},
                 QStringLiteral("members"), QCborArray()),
            I, "\"members\"");
        // Media (protocol.md 4.30-4.33).
        const QByteArray blob(16, 'b');
        row("send media not bytes", with(kSend, QStringLiteral("media"), QCborArray{1}), M,
            "\"media\"");
        row("send media blob id short",
            with(kSend, QStringLiteral("media"), QCborArray{QByteArray(15, 'b')}), I, "16 bytes");
        row("send media blob twice", with(kSend, QStringLiteral("media"), QCborArray{blob, blob}),
            I, "twice");
        {
            QCborArray many;
            for (int i = 0; i <= kMaxAttachments; ++i)
                many.append(QByteArray(16, char('a' + i)));
            row("send media too many", with(kSend, QStringLiteral("media"), many), I, "\"media\"");
        }
        row("media_upload without size or blob",
            without(MediaUploadRequest{1, 10, {}}, QStringLiteral("size")), M, "\"size\"");
        row("media_upload size zero",
            with(MediaUploadRequest{1, 10, {}}, QStringLiteral("size"), 0), I, "\"size\"");
        row("media_upload size negative",
            with(MediaUploadRequest{1, 10, {}}, QStringLiteral("size"), -5), I, "\"size\"");
        row("media_upload without r", without(MediaUploadRequest{1, 10, {}}, QStringLiteral("r")),
            M, "\"r\"");
        row("media_download blob long",
            with(MediaDownloadRequest{1, blob}, QStringLiteral("blob"), QByteArray(17, 'b')), I,
            "\"blob\"");
        row("media_download blob text",
            with(MediaDownloadRequest{1, blob}, QStringLiteral("blob"), QStringLiteral("b")), M,
            "\"blob\"");
        row("media_ticket ticket too long",
            with(MediaTicket{1, blob, "t", 10, 0, 1}, QStringLiteral("ticket"),
                 QByteArray(kMaxTicketBytes + 1, 't')),
            I, "\"ticket\"");
        row("media_ticket offset past size",
            with(MediaTicket{1, blob, "t", 10, 0, 1}, QStringLiteral("offset"), 11), I,
            "\"offset\"");
        row("media_done without blob", without(MediaDone{1, blob}, QStringLiteral("blob")), M,
            "\"blob\"");
        row("auth_ok token wrong size",
            with(AuthOk{0, QStringLiteral("alice"), 1, {}, 0, 0, 0, {}}, QStringLiteral("token"),
                 QByteArray(8, 't')),
            I, "\"token\"");
        const LoginRequest proven{1,     QStringLiteral("bob"), QStringLiteral("password1"), {},
                                  false, 1700000000123,         QByteArray(64, 'p')};
        row("login proof without its time", without(proven, QStringLiteral("proof_time")), I,
            "\"proof_time\"");
        row("login proof time without the proof", without(proven, QStringLiteral("proof")), M,
            "\"proof\"");
        row("login proof wrong size", with(proven, QStringLiteral("proof"), QByteArray(63, 'p')), I,
            "\"proof\"");
        row("login proof time zero", with(proven, QStringLiteral("proof_time"), 0), I,
            "\"proof_time\"");
        row("auth_ok account key wrong size",
            with(AuthOk{0, QStringLiteral("alice"), 1, {}, 0, 0, 0, {}},
                 QStringLiteral("account_key"), QByteArray(31, 'A')),
            I, "\"account_key\"");
        const KeysUpload certified{1,  QByteArray(32, 'i'), 9,
                                   3,  QByteArray(32, 's'), QByteArray(64, 'g'),
                                   {}, QByteArray(32, 'A'), QByteArray(64, 'c')};
        row("keys_upload account key without its certificate",
            without(certified, QStringLiteral("device_sig")), M, "\"device_sig\"");
        row("keys_upload certificate wrong size",
            with(certified, QStringLiteral("device_sig"), QByteArray(63, 'c')), I,
            "\"device_sig\"");
        row("keys_upload account key wrong size",
            with(certified, QStringLiteral("account"), QByteArray(33, 'A')), I, "\"account\"");
        // The device list frames (issue 27).
        const DeviceList list{1, {DeviceInfo{3, QStringLiteral("Laptop"), 1, 2, {}, {}}}};
        row("devices empty", with(list, QStringLiteral("devices"), QCborArray()), I, "\"devices\"");
        row("devices identity wrong size",
            encodeFrame(
                DeviceList{1, {DeviceInfo{3, QStringLiteral("L"), 1, 2, QByteArray(31, 'i'), {}}}}),
            I, "\"identity\"");
        row("device_rename empty name",
            with(DeviceRename{1, 3, QStringLiteral("x")}, QStringLiteral("name"), QString()), I,
            "\"name\"");
        row("device_rename only spaces",
            with(DeviceRename{1, 3, QStringLiteral("x")}, QStringLiteral("name"),
                 QStringLiteral("   ")),
            I, "\"name\"");
        row("device_rename name too long",
            with(DeviceRename{1, 3, QStringLiteral("x")}, QStringLiteral("name"),
                 QString(kMaxDeviceNameLength + 1, u'n')),
            I, "\"name\"");
        row("device_revoke device zero", with(DeviceRevoke{1, 3}, QStringLiteral("dev"), 0), I,
            "\"dev\"");
        row("device_revoke without r", without(DeviceRevoke{1, 3}, QStringLiteral("r")), M,
            "\"r\"");
        row("devices_get without r", without(DevicesGet{1}, QStringLiteral("r")), M, "\"r\"");
        row("invite_create for no day", with(InviteCreate{1, 7}, QStringLiteral("days"), 0), I,
            "\"days\"");
        row("invite_create for more than a year",
            with(InviteCreate{1, 7}, QStringLiteral("days"), kMaxInviteDays + 1), I, "\"days\"");
        row("invite_create without days", without(InviteCreate{1, 7}, QStringLiteral("days")), M,
            "\"days\"");
        row("invite_created without a code",
            with(InviteCreated{1, QStringLiteral("C"), 5}, QStringLiteral("code"), QString()), I,
            "\"code\"");
        // The linking frames (issue 27): the lookup is exactly 32 bytes, a sealed blob
        // 1..1024, and every request names its reply.
        const LinkRequest link{1, QStringLiteral("ana"), QByteArray(32, 'l'), QByteArray(9, 's'),
                               QString()};
        row("link_request lookup short", with(link, QStringLiteral("lookup"), QByteArray(31, 'l')),
            I, "\"lookup\"");
        row("link_request sealed empty", with(link, QStringLiteral("sealed"), QByteArray()), I,
            "\"sealed\"");
        row("link_request sealed too large",
            with(link, QStringLiteral("sealed"), QByteArray(1025, 's')), I, "\"sealed\"");
        row("link_request bad username",
            with(link, QStringLiteral("username"), QStringLiteral("a b")), I, "\"username\"");
        row("link_request without r", without(link, QStringLiteral("r")), M, "\"r\"");
        row("link_fetch without lookup",
            without(LinkFetch{1, QByteArray(32, 'l')}, QStringLiteral("lookup")), M, "\"lookup\"");
        row("link_approve without sealed",
            without(LinkApprove{1, QByteArray(32, 'l'), QByteArray(9, 'a')},
                    QStringLiteral("sealed")),
            M, "\"sealed\"");
        row("link_approved device zero", with(LinkApproved{1, 3}, QStringLiteral("device"), 0), I,
            "\"device\"");
    }

    void rejects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(ErrorCode, code);
        QFETCH(QString, reasonHas);
        const Result<Frame> decoded = decodeFrame(bytes);
        QVERIFY2(!decoded.ok(), "decoded a frame that must be rejected");
        QVERIFY2(decoded.error().code == code,
                 qPrintable(QStringLiteral("got %1 (%2)")
                                .arg(errorCodeName(decoded.error().code), decoded.error().reason)));
        QVERIFY2(decoded.error().reason.contains(reasonHas), qPrintable(decoded.error().reason));
        QVERIFY(!decoded.error().reason.isEmpty());
    }

    void requestIdReportedOnError()
    {
        quint32 requestId = 0;
        auto decoded =
            decodeFrame(with(kSend, QStringLiteral("copies"), QStringLiteral("text")), &requestId);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::MalformedFrame);
        QCOMPARE(requestId, 77u);

        requestId = 0;
        decoded =
            decodeFrame(with(kSend, QStringLiteral("copies"),
                             copyWith(QStringLiteral("body"), QByteArray(kMaxBodyBytes + 1, 'b'))),
                        &requestId);
        QCOMPARE(decoded.error().code, ErrorCode::InvalidField);
        QCOMPARE(requestId, 77u);

        requestId = 0;
        decoded = decodeFrame(with(kSend, QStringLiteral("t"), QStringLiteral("nope")), &requestId);
        QCOMPARE(decoded.error().code, ErrorCode::UnknownType);
        QCOMPARE(requestId, 77u);

        requestId = 5;
        decoded = decodeFrame(QByteArray("\xff"), &requestId);
        QVERIFY(!decoded.ok());
        QCOMPARE(requestId, 0u);
    }

    void deepNestingIsRejectedCleanly()
    {
        // 100k nested arrays under an unknown key: no stack overflow.
        QByteArray bytes = encodeFrame(kTyping);
        QCOMPARE(quint8(bytes[0]), quint8(0xa4)); // a map of four pairs...
        bytes[0] = char(0xa5);                    // ...becomes five: add "x": [[[...1]]]
        bytes += QByteArray::fromHex("6178") + QByteArray(100000, '\x81') + QByteArray("\x01", 1);
        const auto decoded = decodeFrame(bytes);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::MalformedFrame);
        QVERIFY(dumpFrame(bytes).contains(QStringLiteral("error")));
    }

    void fuzz()
    {
        QRandomGenerator rng(20240601);
        int decodedOk = 0;
        int rejected = 0;
        for (const auto &[name, frame] : sampleFrames()) {
            const QByteArray bytes = encodeFrame(frame);
            // Every strict prefix is incomplete CBOR. Large frames (64 KiB bodies):
            // both ends in full and a stride through the middle, to stay fast.
            const qsizetype edge = 512;
            for (qsizetype n = 0; n < bytes.size();
                 n += (n < edge || n > bytes.size() - edge) ? 1 : 61) {
                const auto decoded = decodeFrame(QByteArrayView(bytes).first(n));
                QVERIFY2(!decoded.ok(), name.constData());
            }
            // Single-byte mutations: a clean result either way, and anything
            // accepted must survive its own round trip.
            const int rounds = bytes.size() > 4096 ? 100 : 2000;
            for (int i = 0; i < rounds; ++i) {
                QByteArray mutated = bytes;
                const qsizetype at = qsizetype(rng.bounded(quint32(mutated.size())));
                mutated[at] = char(rng.bounded(256));
                quint32 requestId = 0;
                const auto decoded = decodeFrame(mutated, &requestId);
                if (decoded.ok()) {
                    ++decodedOk;
                    const auto again = decodeFrame(encodeFrame(decoded.value()));
                    QVERIFY2(again.ok() && again.value() == decoded.value(), name.constData());
                } else {
                    ++rejected;
                    QVERIFY(!decoded.error().reason.isEmpty());
                    QVERIFY(isKnownErrorCode(quint64(decoded.error().code)));
                }
                QVERIFY(!dumpFrame(mutated).isEmpty());
            }
        }
        qInfo("fuzz: %d mutations accepted, %d rejected", decodedOk, rejected);
        QVERIFY(rejected > 0);
    }
};

QTEST_GUILESS_MAIN(TestFrameCodecRejects)
#include "tst_framecodec_rejects.moc"
