// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Keys.h"
#include "lan/LanFrameCodec.h"
#include "lan/LanHandshake.h"
#include "LanTestSupport.h"

#include <QtTest>

using namespace linnet::lan;
using linnet::crypto::IdentityKeyPair;
using linnet::protocol::ErrorCode;
using linnet::protocol::MessageId;
using Role = LanHandshake::Role;

namespace {

using TestDevice = linnet::test::LanTestDevice;

/** Both sides of a handshake with the hellos exchanged. */
struct Pair {
    LanHandshake dialer{Role::Dialer};
    LanHandshake listener{Role::Listener};
    Pair()
    {
        const bool a = dialer.takePeerEphemeral(listener.ephemeral());
        const bool b = listener.takePeerEphemeral(dialer.ephemeral());
        Q_ASSERT(a && b);
    }
};

using linnet::test::cborMap;

} // namespace

/** The peer link's frames and handshake (docs/protocol.md 12.4, 12.5). */
class TestLanFrames : public QObject {
    Q_OBJECT

    TestDevice ana{"ana", 11};
    TestDevice ben{"ben", 21};
    TestDevice carl{"carl", 31};

private Q_SLOTS:
    void everyFrameDecodesToWhatWasEncoded_data()
    {
        QTest::addColumn<LanFrame>("frame");
        const MessageId id = MessageId::generate();
        const MessageId after = MessageId::generate();
        QTest::newRow("lan_hello") << LanFrame(LanHello{QByteArray(32, 'e')});
        QTest::newRow("lan_auth") << LanFrame(
            LanAuth{QStringLiteral("ana"), 11, QByteArray(64, 's')});
        QTest::newRow("lan_msg one-to-one")
            << LanFrame(LanMessage{id, 21, QStringLiteral("ben"), 0, QByteArray(200, 'b'), 17, {}});
        QTest::newRow("lan_msg group with after")
            << LanFrame(LanMessage{id, 21, {}, 12, QByteArray(100, 'g'), 18, after});
        QTest::newRow("lan_ack") << LanFrame(LanAck{{id, after}});
        QTest::newRow("lan_read") << LanFrame(LanRead{QStringLiteral("ana"), 0, {id}});
        QTest::newRow("lan_typing group") << LanFrame(LanTyping{{}, 12, true});
        QTest::newRow("lan_typing stopped") << LanFrame(LanTyping{QStringLiteral("ana"), 0, false});
        QTest::newRow("lan_sender_key") << LanFrame(LanSenderKey{12, QByteArray(160, 'k')});
    }

    void everyFrameDecodesToWhatWasEncoded()
    {
        QFETCH(LanFrame, frame);
        const QByteArray bytes = encodeLanFrame(frame);
        const auto decoded = decodeLanFrame(bytes);
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : qPrintable(decoded.error().reason));
        QVERIFY(decoded.value() == frame);
        QCOMPARE(lanFrameTypeName(decoded.value()),
                 QString::fromLatin1(QTest::currentDataTag()).section(QLatin1Char(' '), 0, 0));
    }

    void badFramesAreRejectedWithTheirReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        using F = QList<QPair<const char *, QVariant>>;
        const QByteArray id = MessageId::generate().toBytes();
        const F msg{{"v", 1},    {"t", QStringLiteral("lan_msg")}, {"id", id},
                    {"dev", 21}, {"to", QStringLiteral("ben")},    {"body", QByteArray("x")},
                    {"sent", 5}};
        auto edit = [&](const char *key, QVariant value) {
            F f = msg;
            bool found = false;
            for (auto &p : f) {
                if (qstrcmp(p.first, key) == 0) {
                    p.second = value;
                    found = true;
                }
            }
            if (!found)
                f.append({key, value});
            return cborMap(f);
        };
        auto without = [&](const char *key) {
            F f = msg;
            f.removeIf([&](const auto &p) { return qstrcmp(p.first, key) == 0; });
            return cborMap(f);
        };
        const int malformed = int(ErrorCode::MalformedFrame);
        const int invalid = int(ErrorCode::InvalidField);
        QTest::newRow("not CBOR") << QByteArray("\xff\x00", 2) << malformed;
        QTest::newRow("not a map") << QByteArray::fromHex("8101") << malformed;
        QTest::newRow("too large")
            << QByteArray(128 * 1024 + 1, '\xa0') << int(ErrorCode::FrameTooLarge);
        QTest::newRow("version 2") << edit("v", 2) << int(ErrorCode::UnsupportedVersion);
        QTest::newRow("no version") << without("v") << malformed;
        QTest::newRow("unknown type")
            << edit("t", QStringLiteral("lan_steal")) << int(ErrorCode::UnknownType);
        QTest::newRow("server frame type")
            << edit("t", QStringLiteral("deliver")) << int(ErrorCode::UnknownType);
        QTest::newRow("msg without id") << without("id") << malformed;
        QTest::newRow("msg with a zero id") << edit("id", QByteArray(16, '\0')) << invalid;
        QTest::newRow("msg without dev") << without("dev") << malformed;
        QTest::newRow("msg with dev 0") << edit("dev", 0) << invalid;
        QTest::newRow("msg without to or group") << without("to") << invalid;
        QTest::newRow("msg with to and group") << edit("group", 3) << invalid;
        QTest::newRow("msg to an invalid username")
            << edit("to", QStringLiteral("Bad Name")) << invalid;
        QTest::newRow("msg body over 64 KiB") << edit("body", QByteArray(65537, 'b')) << invalid;
        QTest::newRow("msg with a short after") << edit("after", QByteArray(15, 'a')) << invalid;
        QTest::newRow("hello with a short key")
            << cborMap({{"v", 1}, {"t", QStringLiteral("lan_hello")}, {"eph", QByteArray(31, 'e')}})
            << invalid;
        QTest::newRow("auth with a short signature") << cborMap({{"v", 1},
                                                                 {"t", QStringLiteral("lan_auth")},
                                                                 {"account", QStringLiteral("ana")},
                                                                 {"device", 11},
                                                                 {"sig", QByteArray(63, 's')}})
                                                     << invalid;
        QTest::newRow("ack without ids")
            << cborMap({{"v", 1}, {"t", QStringLiteral("lan_ack")}}) << malformed;
        QTest::newRow("typing without active")
            << cborMap({{"v", 1}, {"t", QStringLiteral("lan_typing")}, {"group", 4}}) << malformed;
    }

    void badFramesAreRejectedWithTheirReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        const auto decoded = decodeLanFrame(bytes);
        QVERIFY(!decoded.ok());
        QCOMPARE(int(decoded.error().code), code);
        QVERIFY(!decoded.error().reason.isEmpty());
    }

    void bothSidesOfAHandshakeSealForEachOther()
    {
        Pair p;
        LanFrameSealer dialerOut = p.dialer.takeSending();
        LanFrameSealer dialerIn = p.dialer.takeReceiving();
        LanFrameSealer listenerOut = p.listener.takeSending();
        LanFrameSealer listenerIn = p.listener.takeReceiving();
        for (int i = 0; i < 3; ++i) {
            const QByteArray frame = QByteArray("frame ") + QByteArray::number(i);
            const QByteArray sealed = dialerOut.seal(frame);
            QVERIFY(!sealed.contains("frame"));
            QCOMPARE(listenerIn.open(sealed).value_or(QByteArray()), frame);
            QCOMPARE(dialerIn.open(listenerOut.seal(frame)).value_or(QByteArray()), frame);
        }
    }

    void aForgedReplayedReorderedOrMisdirectedFrameDoesNotOpen()
    {
        Pair p;
        LanFrameSealer out = p.dialer.takeSending();
        LanFrameSealer in = p.listener.takeReceiving();
        LanFrameSealer back = p.listener.takeSending();
        const QByteArray first = out.seal("one");
        const QByteArray second = out.seal("two");
        QVERIFY(!in.open(second)); // reordered
        QByteArray flipped = first;
        flipped[3] = char(flipped[3] ^ 1);
        QVERIFY(!in.open(flipped));                   // forged
        QVERIFY(!in.open(first.left(10)));            // cut
        QCOMPARE(*in.open(first), QByteArray("one")); // a failure moved nothing on
        QVERIFY(!in.open(first));                     // replayed
        QVERIFY(!in.open(back.seal("x")));            // the other direction's key
        QCOMPARE(*in.open(second), QByteArray("two"));
    }

    void aSmallOrderHelloKeyIsRefused()
    {
        LanHandshake h(Role::Listener);
        QVERIFY(!h.takePeerEphemeral(QByteArray(32, '\0')));
        QVERIFY(!h.takePeerEphemeral(QByteArray(31, 'x')));
        QVERIFY(!h.hasKeys());
    }

    void eachSideVerifiesTheOthersSignature()
    {
        Pair p;
        const QByteArray fromDialer = p.dialer.sign(ana.keys, ana.device, ben.device);
        const QByteArray fromListener = p.listener.sign(ben.keys, ben.device, ana.device);
        QVERIFY(p.listener.verifyPeer(ana.device, ben.device, fromDialer));
        QVERIFY(p.dialer.verifyPeer(ben.device, ana.device, fromListener));
    }

    void aSignatureFailsTheChallengeUnlessItIsTheRightOne()
    {
        Pair p;
        const QByteArray good = p.dialer.sign(ana.keys, ana.device, ben.device);
        // Another key claiming to be ana.
        QVERIFY(!p.listener.verifyPeer(ana.device, ben.device,
                                       p.dialer.sign(carl.keys, ana.device, ben.device)));
        // Meant for another listener (a relay to carl's address).
        QVERIFY(!p.listener.verifyPeer(ana.device, ben.device,
                                       p.dialer.sign(ana.keys, ana.device, carl.device)));
        // The listener's role: a signature cannot be reflected back.
        QVERIFY(!p.dialer.verifyPeer(ana.device, ben.device, good));
        // From another link (other ephemeral keys): not replayable.
        Pair other;
        QVERIFY(!other.listener.verifyPeer(ana.device, ben.device, good));
        QVERIFY(p.listener.verifyPeer(ana.device, ben.device, good));
    }

    void theTranscriptCoversBothKeysAndBothDevices()
    {
        Pair p;
        const QByteArray t = p.dialer.transcript(Role::Dialer, ana.device, ben.device);
        QVERIFY(t.startsWith("LinnetLanAuth1\x01"));
        QVERIFY(t.contains(p.dialer.ephemeral() + p.listener.ephemeral()));
        QVERIFY(t.contains(ana.device.identity));
        QVERIFY(t.contains(ben.device.identity));
        QCOMPARE(p.listener.transcript(Role::Dialer, ana.device, ben.device), t);
    }
};

QTEST_GUILESS_MAIN(TestLanFrames)
#include "tst_lanframes.moc"
