// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

#include <functional>

using namespace linnet::protocol;

Q_DECLARE_METATYPE(linnet::protocol::Frame)

namespace linnet::protocol {
// Lets QCOMPARE print frames that differ.
char *toString(const Frame &frame)
{
    return qstrdup(dumpFrame(encodeFrame(frame)).toUtf8().constData());
}
} // namespace linnet::protocol

namespace {

MessageId idFrom(char fill)
{
    return *MessageId::fromBytes(QByteArray(MessageId::kSize, fill));
}

QByteArray token()
{
    QByteArray t(kTokenBytes, Qt::Uninitialized);
    for (int i = 0; i < t.size(); ++i)
        t[i] = char(i * 7 + 1);
    return t;
}

/** One valid frame or more of every type, with non-default values. */
QList<std::pair<QByteArray, Frame>> sampleFrames()
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
        {"auth", AuthRequest{10, 42, token()}},
        {"auth_ok with token", AuthOk{7, QStringLiteral("alice"), 42, token(), ts, 5}},
        {"auth_ok after auth", AuthOk{10, QStringLiteral("alice"), 42, QByteArray(), ts, 0}},
        {"send", SendRequest{11, a, QStringLiteral("bob"), {{4, 77, body}, {5, 1, body}}}},
        {"send max body", SendRequest{12,
                                      b,
                                      QStringLiteral("bob"),
                                      {{4, kMaxRegistrationId, QByteArray(kMaxBodyBytes, 'x')}}}},
        {"send empty body", SendRequest{13, b, QStringLiteral("bob"), {{4, 1, QByteArray()}}}},
        {"send no copies", SendRequest{14, b, QStringLiteral("alice"), {}}},
        {"keys_upload", KeysUpload{15,
                                   QByteArray(32, 'i'),
                                   9,
                                   3,
                                   QByteArray(32, 's'),
                                   QByteArray(64, 'g'),
                                   {{1, QByteArray(32, 'a')}, {UINT32_MAX, QByteArray(32, 'b')}}}},
        {"keys_upload no prekeys",
         KeysUpload{16, QByteArray(32, 'i'), 9, 3, QByteArray(32, 's'), QByteArray(64, 'g'), {}}},
        {"prekeys reply", PreKeyCount{15, 105}},
        {"prekeys pushed", PreKeyCount{0, 3}},
        {"keys_get list", KeysRequest{17, QStringLiteral("bob"), {}}},
        {"keys_get claim", KeysRequest{18, QStringLiteral("bob"), {4, 5}}},
        {"keys", KeysReply{18,
                           QStringLiteral("bob"),
                           {DeviceKeys{4, 7, QByteArray(32, 'i'), 2, QByteArray(32, 's'),
                                       QByteArray(64, 'g'), 11, QByteArray(32, 'o')},
                            DeviceKeys{5, 8, QByteArray(32, 'j'), 2, QByteArray(32, 't'),
                                       QByteArray(64, 'h'), 0, QByteArray()},
                            DeviceKeys{6, 9, QByteArray(32, 'k'), 0, {}, {}, 0, {}}}}},
        {"keys empty", KeysReply{19, QStringLiteral("bob"), {}}},
        {"auth_ok with prekeys", AuthOk{10, QStringLiteral("alice"), 42, QByteArray(), ts, 0, 57}},
        {"ack", SendAck{11, a, 3, 17, ts, false}},
        {"ack dup", SendAck{11, a, 3, 17, ts, true}},
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
        {"ok", Ok{17}},
        {"error", ErrorFrame{11, ErrorCode::UnknownUser, QStringLiteral("no such user"), a}},
        {"error bare", ErrorFrame{0, ErrorCode::MalformedFrame, QString(), MessageId()}},
        {"error max reason", ErrorFrame{4294967295U, ErrorCode::ShuttingDown,
                                        QString(kMaxReasonLength, QChar(0x00e9)), MessageId()}},
    };
}

QCborMap asMap(const Frame &frame)
{
    return QCborValue::fromCbor(encodeFrame(frame)).toMap();
}

/** A valid frame, changed by @p edit, encoded again. */
QByteArray edited(const Frame &frame, const std::function<void(QCborMap &)> &edit)
{
    QCborMap map = asMap(frame);
    edit(map);
    return map.toCborValue().toCbor();
}

QByteArray without(const Frame &frame, const QString &key)
{
    return edited(frame, [&](QCborMap &m) { m.remove(key); });
}

QByteArray with(const Frame &frame, const QString &key, const QCborValue &value)
{
    return edited(frame, [&](QCborMap &m) { m.insert(key, value); });
}

/** Marker integer whose encoding (1a 7eadbeef) the raw-byte cases splice over. */
constexpr qint64 kMarker = 0x7eadbeef;

QByteArray spliced(const Frame &frame, const QString &key, const char *hexReplacement)
{
    QByteArray bytes = with(frame, key, kMarker);
    bytes.replace(QByteArray::fromHex("1a7eadbeef"), QByteArray::fromHex(hexReplacement));
    return bytes;
}

const SendRequest kSend{77, idFrom('\x11'), QStringLiteral("bob"), {{4, 9, QByteArray("hello")}}};
/** kSend's one copy as a CBOR array, with @p key set to @p value (or removed if invalid). */
QCborArray copyWith(const QString &key, const QCborValue &value)
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

const KeysUpload kUpload{5,
                         QByteArray(32, 'i'),
                         9,
                         3,
                         QByteArray(32, 's'),
                         QByteArray(64, 'g'),
                         {{1, QByteArray(32, 'a')}}};

const RegisterRequest kRegister{1, QStringLiteral("alice"), QStringLiteral("password1"), QString(),
                                QStringLiteral("laptop")};
const AuthRequest kAuth{2, 42, token()};
const DeliverAck kDeliverAck{{1, 2, 3}};
const ReadRequest kRead{3, 17};
const Typing kTyping{QStringLiteral("bob"), true};
const Receipt kReceipt{5, ReceiptKind::Delivered, 3, QStringLiteral("bob"), {idFrom('\x01')}, 0, 9};
const SendAck kAck{77, idFrom('\x11'), 3, 17, 1000, false};

} // namespace

/** FrameCodec: round trips of every frame, exact errors for bad input, and fuzzing. */
class TestFrameCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyTypeHasASample()
    {
        QSet<std::size_t> seen;
        QSet<QString> names;
        for (const auto &[name, frame] : sampleFrames()) {
            seen.insert(frame.index());
            names.insert(frameTypeName(frame));
        }
        QCOMPARE(seen.size(), int(std::variant_size_v<Frame>));
        QCOMPARE(names.size(), int(std::variant_size_v<Frame>));
    }

    void roundTrip_data()
    {
        QTest::addColumn<Frame>("frame");
        for (const auto &[name, frame] : sampleFrames())
            QTest::newRow(name.constData()) << frame;
    }

    void roundTrip()
    {
        QFETCH(Frame, frame);
        const QByteArray bytes = encodeFrame(frame);
        QVERIFY(bytes.size() <= kMaxFrameBytes);
        quint32 requestId = 12345;
        const Result<Frame> decoded = decodeFrame(bytes, &requestId);
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().reason));
        QCOMPARE(decoded.value(), frame);
        QCOMPARE(frameTypeName(decoded.value()), frameTypeName(frame));
        std::visit(
            [&](const auto &f) {
                if constexpr (requires { f.requestId; })
                    QCOMPARE(requestId, f.requestId);
                else
                    QCOMPARE(requestId, 0u);
            },
            frame);

        // The envelope: a map with v, t and (when set) r.
        const QCborMap map = QCborValue::fromCbor(bytes).toMap();
        QCOMPARE(map.value(QStringLiteral("v")).toInteger(), qint64(kProtocolVersion));
        QCOMPARE(map.value(QStringLiteral("t")).toString(), frameTypeName(frame));
    }

    void wireKeys()
    {
        // The lead writes the server against these names: pin a few.
        const QCborMap send = asMap(kSend);
        QCOMPARE(send.value(QStringLiteral("r")).toInteger(), 77);
        QCOMPARE(send.value(QStringLiteral("to")).toString(), QStringLiteral("bob"));
        QVERIFY(send.value(QStringLiteral("id")).isByteArray());
        const QCborArray copies = send.value(QStringLiteral("copies")).toArray();
        QCOMPARE(copies.size(), 1);
        QCOMPARE(copies.at(0).toMap().value(QStringLiteral("dev")).toInteger(), 4);
        QCOMPARE(copies.at(0).toMap().value(QStringLiteral("reg")).toInteger(), 9);
        QVERIFY(copies.at(0).toMap().value(QStringLiteral("body")).isByteArray());
        const QCborMap upload = asMap(kUpload);
        QCOMPARE(upload.value(QStringLiteral("t")).toString(), QStringLiteral("keys_upload"));
        QVERIFY(upload.value(QStringLiteral("spk_sig")).isByteArray());
        QCOMPARE(upload.value(QStringLiteral("prekeys")).toArray().size(), 1);
        const QCborMap receipt =
            asMap(Receipt{1, ReceiptKind::Read, 3, QStringLiteral("bob"), {}, 4, 5});
        QCOMPARE(receipt.value(QStringLiteral("kind")).toString(), QStringLiteral("read"));
        QCOMPARE(receipt.value(QStringLiteral("up_to")).toInteger(), 4);
        const QCborMap privacy = asMap(SetPrivacy{1, LastSeenVisibility::Nobody});
        QCOMPARE(privacy.value(QStringLiteral("last_seen")).toString(), QStringLiteral("nobody"));
        const QCborMap dup = asMap(SendAck{1, idFrom('\x01'), 2, 3, 4, true});
        QCOMPARE(dup.value(QStringLiteral("dup")), QCborValue(true));
        QCOMPARE(asMap(Ok{}).size(), 2); // no "r" when zero
    }

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
        row("invalid user in list",
            with(PresenceSubscribe{1, {}}, QStringLiteral("users"),
                 QCborArray{QStringLiteral("bob"), QStringLiteral("B!")}),
            I, "\"users\"");
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
        row("auth_ok token wrong size",
            with(AuthOk{0, QStringLiteral("alice"), 1, {}, 0, 0}, QStringLiteral("token"),
                 QByteArray(8, 't')),
            I, "\"token\"");
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

    void unknownKeysIgnored()
    {
        const QByteArray bytes = edited(kSend, [](QCborMap &m) {
            m.insert(QStringLiteral("future"), QCborMap{{1, QCborArray{1, 2}}});
            m.insert(QStringLiteral("zz"), 3);
        });
        const auto decoded = decodeFrame(bytes);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value(), Frame(kSend));
    }

    void indefiniteLengthAccepted()
    {
        QByteArray bytes;
        QCborStreamWriter w(&bytes);
        w.startMap();
        w.append(QLatin1String("t")), w.append(QLatin1String("read"));
        w.append(QLatin1String("v")), w.append(1);
        w.append(QLatin1String("conv")), w.append(3);
        w.append(QLatin1String("up_to")), w.append(17);
        w.endMap();
        const auto decoded = decodeFrame(bytes);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value(), Frame(kRead));
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

    void dump()
    {
        const QString json = dumpFrame(encodeFrame(kSend));
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(json.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("t")).toString(), QStringLiteral("send"));
        QCOMPARE(o.value(QStringLiteral("r")).toInt(), 77);
        QCOMPARE(o.value(QStringLiteral("id")).toString(), kSend.id.toHex());
        QCOMPARE(o.value(QStringLiteral("copies"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("body"))
                     .toString(),
                 QStringLiteral("68656c6c6f"));
        QVERIFY(!json.contains(QLatin1Char('\n')));

        QCOMPARE(dumpFrame(QCborValue(5).toCbor()), QStringLiteral("5"));
        for (const QByteArray &bad : {QByteArray(), QByteArray("\xff"), QByteArray("\xa1\x61")}) {
            const QJsonObject e = QJsonDocument::fromJson(dumpFrame(bad).toUtf8()).object();
            QVERIFY(e.contains(QStringLiteral("error")));
        }
    }

    void errorCodeNames()
    {
        QCOMPARE(errorCodeName(ErrorCode::MalformedFrame), QStringLiteral("malformed_frame"));
        QCOMPARE(errorCodeName(ErrorCode::FrameTooLarge), QStringLiteral("frame_too_large"));
        QCOMPARE(errorCodeName(ErrorCode::UnsupportedVersion),
                 QStringLiteral("unsupported_version"));
        QVERIFY(isKnownErrorCode(429));
        QVERIFY(!isKnownErrorCode(499));
        QVERIFY(!isKnownErrorCode(65536 + 400));
        int known = 0;
        for (quint64 c = 0; c < 1000; ++c) {
            if (isKnownErrorCode(c)) {
                ++known;
                QVERIFY(!errorCodeName(ErrorCode(c)).startsWith(QStringLiteral("error_")));
            }
        }
        QCOMPARE(known, 16);
        QCOMPARE(errorCodeName(ErrorCode::DevicesChanged), QStringLiteral("devices_changed"));
    }

    void usernames()
    {
        for (const char *good :
             {"bob", "a.b", "0day", "a_b-c.d", "abcdefghijklmnopqrstuvwxyz012345"})
            QVERIFY2(isValidUsername(QString::fromLatin1(good)), good);
        for (const char *bad : {"", "bo", "Bob", "_bob", ".bob", "-bob", "bob smith", "bob@x",
                                "abcdefghijklmnopqrstuvwxyz0123456"})
            QVERIFY2(!isValidUsername(QString::fromLatin1(bad)), bad);
        QVERIFY(!isValidUsername(QStringLiteral("b\u00f6b")));
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

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "tst_framecodec.moc"
