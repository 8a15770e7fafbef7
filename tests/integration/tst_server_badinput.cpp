// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken input against the real linnet-server: every kind of bad
// frame gets its specific error, unauthenticated offenders are disconnected,
// authenticated ones keep their connection, and a healthy pair of users keeps
// chatting through all of it.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"

#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QRandomGenerator>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QString kPassword = QStringLiteral("password123");

/** A valid frame with one top-level key replaced (or added). */
QByteArray withKey(const Frame &frame, const QString &key, const QCborValue &value)
{
    QCborMap map = QCborValue::fromCbor(encodeFrame(frame)).toMap();
    map[key] = value;
    return map.toCborValue().toCbor();
}

RegisterRequest sampleRegister(quint32 requestId)
{
    return RegisterRequest{
        requestId, QStringLiteral("mallory"), kPassword, {}, QStringLiteral("bot")};
}

} // namespace

class TestServerBadInput : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<RawClient> m_alice;
    std::unique_ptr<RawClient> m_bob;
    std::unique_ptr<RawClient> m_carol; ///< authenticated, and misbehaving
    int m_messages = 0;

    /** The healthy pair still chats: a new alice->bob message is acked and delivered. */
    void verifyStillDelivering()
    {
        QVERIFY(m_alice->isConnected());
        QVERIFY(m_bob->isConnected());
        const QByteArray body = "still here #" + QByteArray::number(++m_messages);
        const auto ack = m_alice->sendMessage(QStringLiteral("bob"), body);
        QVERIFY2(ack, "alice's message was not acked");
        const auto got = m_bob->waitFor<Deliver>();
        QVERIFY2(got, "bob did not get alice's message");
        QVERIFY(got->id == ack->id);
        QCOMPARE(got->body, body);
        QCOMPARE(got->from, QStringLiteral("alice"));
        m_bob->ack({got->entry});
    }

    /** Expects one error frame with @p code and, when @p stays is false, the close. */
    static void expectError(RawClient &c, ErrorCode code, quint32 requestId, bool stays)
    {
        const auto err = c.waitFor<ErrorFrame>();
        QVERIFY2(err, "no error frame");
        QCOMPARE(err->code, code);
        QCOMPARE(err->requestId, requestId);
        QVERIFY(!err->reason.isEmpty());
        if (stays) {
            QVERIFY(c.isConnected());
        } else {
            QVERIFY(c.waitForDisconnected());
            QCOMPARE(c.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_alice = std::make_unique<RawClient>();
        m_bob = std::make_unique<RawClient>();
        m_carol = std::make_unique<RawClient>();
        QVERIFY(m_alice->connectTo(m_server->url()));
        QVERIFY(m_bob->connectTo(m_server->url()));
        QVERIFY(m_carol->connectTo(m_server->url()));
        QVERIFY(m_alice->registerUser(QStringLiteral("alice"), kPassword));
        QVERIFY(m_bob->registerUser(QStringLiteral("bob"), kPassword));
        QVERIFY(m_carol->registerUser(QStringLiteral("carol"), kPassword));
        QVERIFY(m_bob->waitFor<Synced>());
        verifyStillDelivering();
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->warnOutputIfTestFailed();
    }

    void unauthenticatedGarbage_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("asText");
        QTest::addColumn<ErrorCode>("code");

        QByteArray random(256, Qt::Uninitialized);
        QRandomGenerator gen(20240601);
        for (char &c : random)
            c = char(gen.bounded(256));
        random[0] = char(0xff); // a CBOR "break" where a value must start: never valid
        QTest::newRow("random bytes") << random << false << ErrorCode::MalformedFrame;
        QTest::newRow("empty message") << QByteArray() << false << ErrorCode::MalformedFrame;
        QTest::newRow("cbor array")
            << QCborArray{1, QStringLiteral("register"), 3}.toCborValue().toCbor() << false
            << ErrorCode::MalformedFrame;
        QTest::newRow("cbor map with trailing bytes")
            << encodeFrame(sampleRegister(1)) + QByteArray(1, '\0') << false
            << ErrorCode::MalformedFrame;
        QTest::newRow("text message")
            << QByteArray(R"({"v":1,"t":"register","username":"mallory"})") << true
            << ErrorCode::MalformedFrame;
        QTest::newRow("version 2") << withKey(sampleRegister(7), QStringLiteral("v"), 2) << false
                                   << ErrorCode::UnsupportedVersion;
        QTest::newRow("unknown type")
            << withKey(sampleRegister(8), QStringLiteral("t"), QStringLiteral("frobnicate"))
            << false << ErrorCode::UnknownType;
        // A valid register frame padded with an unknown key (which a decoder would
        // ignore): only the size check can refuse it.
        QTest::newRow("200 KiB frame")
            << withKey(sampleRegister(9), QStringLiteral("padding"), QByteArray(200 * 1024, 'x'))
            << false << ErrorCode::FrameTooLarge;
        QTest::newRow("invalid username")
            << encodeFrame(RegisterRequest{
                   11, QStringLiteral("Mallory"), kPassword, {}, QStringLiteral("bot")})
            << false << ErrorCode::InvalidField;
        QTest::newRow("send before auth")
            << encodeFrame(SendRequest{10, MessageId::generate(), QStringLiteral("bob"), {}})
            << false << ErrorCode::NotAuthenticated;
        QTest::newRow("typing before auth") << encodeFrame(Typing{QStringLiteral("bob"), true})
                                            << false << ErrorCode::NotAuthenticated;
    }

    void unauthenticatedGarbage()
    {
        QFETCH(QByteArray, payload);
        QFETCH(bool, asText);
        QFETCH(ErrorCode, code);

        RawClient mallory;
        QVERIFY(mallory.connectTo(m_server->url()));
        if (asText)
            mallory.sendText(QString::fromUtf8(payload));
        else
            mallory.sendRaw(payload);
        const auto err = mallory.waitFor<ErrorFrame>();
        QVERIFY2(err, "no error frame");
        QCOMPARE(err->code, code);
        QVERIFY(!err->reason.isEmpty());
        QVERIFY2(mallory.waitForDisconnected(), "the unauthenticated offender stays connected");
        QCOMPARE(mallory.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QVERIFY(!mallory.has<AuthOk>());

        verifyStillDelivering();
    }

    void wrongPathIsClosed()
    {
        QUrl url = m_server->url();
        url.setPath(QStringLiteral("/other"));
        RawClient lost;
        lost.open(url); // the server closes it at once: waiting for "connected" could miss it
        const auto err = lost.waitFor<ErrorFrame>();
        QVERIFY2(err, "no error frame for a wrong path");
        QCOMPARE(err->code, ErrorCode::UnknownType);
        QVERIFY(err->reason.contains(QStringLiteral("/v1/ws")));
        QVERIFY(lost.waitForDisconnected());
        verifyStillDelivering();
    }

    void authenticatedMalformedFrameKeepsConnection()
    {
        RawClient &carol = *m_carol;
        QByteArray junk(64, '\xff');
        carol.sendRaw(junk);
        expectError(carol, ErrorCode::MalformedFrame, 0, true);
        if (QTest::currentTestFailed())
            return;
        carol.sendText(QStringLiteral("hello?"));
        expectError(carol, ErrorCode::MalformedFrame, 0, true);
        if (QTest::currentTestFailed())
            return;
        carol.sendRaw(withKey(Typing{QStringLiteral("bob"), true}, QStringLiteral("v"), 2));
        expectError(carol, ErrorCode::UnsupportedVersion, 0, true);
        if (QTest::currentTestFailed())
            return;
        carol.sendRaw(withKey(SyncRequest{5}, QStringLiteral("t"), QStringLiteral("frobnicate")));
        expectError(carol, ErrorCode::UnknownType, 5, true);
        if (QTest::currentTestFailed())
            return;

        // Still a working connection: carol's next message reaches bob.
        const auto ack = carol.sendMessage(QStringLiteral("bob"), "after the junk");
        QVERIFY2(ack, "carol could not send after a malformed frame");
        const auto got = m_bob->waitFor<Deliver>();
        QVERIFY(got);
        QVERIFY(got->id == ack->id);
        QCOMPARE(got->from, QStringLiteral("carol"));
        m_bob->ack({got->entry});
        verifyStillDelivering();
    }

    void bodyLimit()
    {
        RawClient &carol = *m_carol;
        // Exactly the limit is fine.
        const QByteArray maxBody(kMaxBodyBytes, 'b');
        const auto ack = carol.sendMessage(QStringLiteral("bob"), maxBody);
        QVERIFY2(ack, "a body of exactly kMaxBodyBytes was refused");
        const auto got = m_bob->waitFor<Deliver>();
        QVERIFY(got);
        QCOMPARE(got->body.size(), kMaxBodyBytes);
        m_bob->ack({got->entry});

        // One byte more is refused; the frame itself is far below kMaxFrameBytes.
        const auto request =
            carol.makeSend(QStringLiteral("bob"), QByteArray(kMaxBodyBytes + 1, 'b'));
        QVERIFY(!request.copies.isEmpty());
        carol.send(request);
        const auto err = carol.waitFor<ErrorFrame>();
        QVERIFY2(err, "an oversized body was not refused");
        QCOMPARE(err->code, ErrorCode::InvalidField);
        QVERIFY(carol.isConnected());
        QVERIFY(!carol.has<SendAck>());
        m_bob->settle(200);
        QVERIFY2(!m_bob->has<Deliver>(), "the oversized message was delivered");
        verifyStillDelivering();
    }

    void sendToUnknownUser()
    {
        RawClient &carol = *m_carol;
        const quint32 r = carol.nextRequestId();
        const MessageId id = MessageId::generate();
        carol.send(SendRequest{r, id, QStringLiteral("nobody"), {}});
        const auto err = carol.waitFor<ErrorFrame>();
        QVERIFY(err);
        QCOMPARE(err->code, ErrorCode::UnknownUser);
        QCOMPARE(err->requestId, r);
        QVERIFY(err->id == id);
        QVERIFY(!err->id.isNull());
        QVERIFY(carol.isConnected());
        verifyStillDelivering();
    }

    void serverFramesFromClient()
    {
        RawClient &carol = *m_carol;
        carol.send(Deliver{1, MessageId::generate(), 1, 1, QStringLiteral("alice"), 1,
                           QStringLiteral("bob"), QDateTime::currentMSecsSinceEpoch(), "forged"});
        expectError(carol, ErrorCode::UnknownType, 0, true);
        if (QTest::currentTestFailed())
            return;
        carol.send(Ok{42});
        expectError(carol, ErrorCode::UnknownType, 0, true);
        if (QTest::currentTestFailed())
            return;
        m_bob->settle(200);
        QVERIFY2(!m_bob->has<Deliver>(), "a forged deliver frame reached bob");
        QVERIFY(carol.sendMessage(QStringLiteral("alice"), "still talking"));
        const auto got = m_alice->waitFor<Deliver>();
        QVERIFY(got);
        m_alice->ack({got->entry});
        verifyStillDelivering();
    }

    void silentConnectionsAreClosedAtTheirAuthDeadline()
    {
        ServerProcess server({}, "registration = open\nauth_timeout_seconds = 2\n");
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        RawClient early, late, authed;
        QVERIFY(early.connectTo(server.url()));
        QVERIFY(authed.connectTo(server.url()));
        QVERIFY(authed.registerUser(QStringLiteral("dora"), kPassword));
        QTest::qWait(1000);
        QVERIFY(late.connectTo(server.url()));

        // Each silent connection is closed at its own deadline, in the order opened.
        const auto first = early.waitFor<ErrorFrame>(5000);
        QVERIFY2(first, "no error frame for a connection that never authenticated");
        QCOMPARE(first->code, ErrorCode::NotAuthenticated);
        QVERIFY(first->reason.contains(QStringLiteral("time limit")));
        QVERIFY(early.waitForDisconnected());
        QVERIFY2(late.isConnected(), "closed before its own deadline");
        const auto second = late.waitFor<ErrorFrame>(5000);
        QVERIFY(second);
        QCOMPARE(second->code, ErrorCode::NotAuthenticated);
        QVERIFY(late.waitForDisconnected());

        // The one that authenticated in time stays, and is served.
        QVERIFY(authed.isConnected());
        QVERIFY(authed.sendMessage(QStringLiteral("dora"), "note to self")); // waits for the ack
    }
};

QTEST_GUILESS_MAIN(TestServerBadInput)
#include "tst_server_badinput.moc"
