// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameCodecSamples.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

using namespace linnet::protocol;
using namespace linnet::protocol::testing;

/**
 * FrameCodec: round trips of every frame, the wire keys, lenient decoding, the JSON dump and
 * names. Bad input and fuzzing are in tst_framecodec_rejects.cpp.
 */
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
        QVERIFY(!dup.contains(QStringLiteral("delivered"))); // only when it was
        const QCborMap told = asMap(SendAck{1, idFrom('\x01'), 2, 3, 4, false, 9});
        QCOMPARE(told.value(QStringLiteral("delivered")).toInteger(), 9);
        QCOMPARE(asMap(Ok{}).size(), 2); // no "r" when zero

        // Group messages carry one body and the group instead of "to" and "copies".
        const QCborMap groupSend = asMap(SendRequest{1, idFrom('\x01'), QString(), {}, 3, "c"});
        QCOMPARE(groupSend.value(QStringLiteral("group")).toInteger(), 3);
        QVERIFY(groupSend.value(QStringLiteral("body")).isByteArray());
        QVERIFY(!groupSend.contains(QStringLiteral("to")));
        QVERIFY(!groupSend.contains(QStringLiteral("copies")));
        const QCborMap groupDeliver = asMap(
            Deliver{1, idFrom('\x01'), 3, 4, QStringLiteral("ana"), 5, QString(), 6, "c", true});
        QCOMPARE(groupDeliver.value(QStringLiteral("group")), QCborValue(true));
        QVERIFY(!groupDeliver.contains(QStringLiteral("to")));
        const QCborMap update =
            asMap(GroupUpdate{1, 3, GroupOp::RevokeAdmin, QStringLiteral("ben"), QString()});
        QCOMPARE(update.value(QStringLiteral("t")).toString(), QStringLiteral("group_update"));
        QCOMPARE(update.value(QStringLiteral("op")).toString(), QStringLiteral("unadmin"));
        QVERIFY(!update.contains(QStringLiteral("name")));
        const QCborMap info = asMap(GroupInfo{
            1, 3, QStringLiteral("g"), {{QStringLiteral("ana"), true}, {QStringLiteral("ben")}}});
        const QCborArray members = info.value(QStringLiteral("members")).toArray();
        QCOMPARE(members.at(0).toMap().value(QStringLiteral("admin")), QCborValue(true));
        QVERIFY(!members.at(1).toMap().contains(QStringLiteral("admin")));
        QCOMPARE(asMap(Typing{QString(), true, 3}).value(QStringLiteral("group")).toInteger(), 3);
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

    void presenceSubscriptionTakesNamesThatAreNoUsernames()
    {
        // Issue 22.5: one bad entry (a group key a client listed) must not refuse the
        // rest; the server skips it (tst_server_presence).
        const QStringList users{QStringLiteral("bob"), QStringLiteral("group:7"),
                                QStringLiteral("carol")};
        const auto decoded = decodeFrame(encodeFrame(PresenceSubscribe{4, users}));
        QVERIFY(decoded.ok());
        const auto *sub = std::get_if<PresenceSubscribe>(&decoded.value());
        QVERIFY(sub);
        QCOMPARE(sub->users, users);
        // The field itself stays strict: an element that is not text is still refused.
        const auto ints = decodeFrame(edited(PresenceSubscribe{4, {}}, [](QCborMap &m) {
            m.insert(QStringLiteral("users"), QCborArray{QStringLiteral("bob"), 1});
        }));
        QVERIFY(!ints.ok());
        QCOMPARE(ints.error().code, ErrorCode::MalformedFrame);
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
        QCOMPARE(known, 29);
        QCOMPARE(errorCodeName(ErrorCode::NotServerAdmin), QStringLiteral("not_server_admin"));
        QCOMPARE(errorCodeName(ErrorCode::UnknownDevice), QStringLiteral("unknown_device"));
        QCOMPARE(errorCodeName(ErrorCode::DeviceRevoked), QStringLiteral("device_revoked"));
        QCOMPARE(errorCodeName(ErrorCode::UnknownLink), QStringLiteral("unknown_link"));
        QCOMPARE(errorCodeName(ErrorCode::UnknownMedia), QStringLiteral("unknown_media"));
        QCOMPARE(errorCodeName(ErrorCode::StorageFull), QStringLiteral("storage_full"));
        QCOMPARE(errorCodeName(ErrorCode::InboxUnavailable), QStringLiteral("inbox_unavailable"));
        QVERIFY(isKnownErrorCode(520));
        QCOMPARE(errorCodeName(ErrorCode::GroupFull), QStringLiteral("group_full"));
        QCOMPARE(errorCodeName(ErrorCode::NotGroupAdmin), QStringLiteral("not_group_admin"));
        QCOMPARE(errorCodeName(ErrorCode::DevicesChanged), QStringLiteral("devices_changed"));
        QCOMPARE(errorCodeName(ErrorCode::LinkRequired), QStringLiteral("link_required"));
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
};

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "tst_framecodec.moc"
