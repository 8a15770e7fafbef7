// SPDX-License-Identifier: GPL-3.0-or-later
// The WebSocket layer of the real linnet-server, spoken byte by byte over TCP:
// handshakes it must refuse, control frames, fragmentation, protocol errors and
// oversized messages, while a normal client keeps being served.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "WebSocketTcp.h"
#include "WebSocketTestFrames.h"

#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

quint16 closeCodeOf(const QByteArray &payload)
{
    return payload.size() < 2 ? 0 : quint16((quint8(payload[0]) << 8) | quint8(payload[1]));
}

} // namespace

class TestServerWebSocket : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    /** A normal client still registers and is served. */
    void verifyStillServing()
    {
        RawClient client;
        QVERIFY(client.connectTo(m_server->url()));
        QVERIFY(client.registerUser(QStringLiteral("walker%1").arg(++m_users),
                                    QStringLiteral("password123")));
    }
    int m_users = 0;

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup()
    {
        if (m_server)
            m_server->warnOutputIfTestFailed();
    }

    void plainHttpIsRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("no upgrade")
            << QByteArray("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") << QByteArray("426");
        QTest::newRow("version 8")
            << WebSocketTcp::handshake().replace("Version: 13", "Version: 8") << QByteArray("426");
        QTest::newRow("POST") << WebSocketTcp::handshake().replace("GET ", "POST ")
                              << QByteArray("405");
        QTest::newRow("head over 8 KiB")
            << QByteArray("GET /v1/ws HTTP/1.1\r\nX-Padding: ") + QByteArray(9000, 'p')
            << QByteArray("431");
    }

    void plainHttpIsRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        WebSocketTcp tcp;
        QVERIFY(tcp.connectTo(m_server->url()));
        tcp.write(request);
        const QByteArray head = tcp.readHead();
        QVERIFY2(head.startsWith("HTTP/1.1 " + status + ' '), head.constData());
        QVERIFY2(tcp.waitForClosed(), "the server kept the refused connection open");
        verifyStillServing();
    }

    void handshakeThenPingIsAnswered()
    {
        WebSocketTcp tcp;
        QVERIFY(tcp.connectTo(m_server->url()));
        tcp.write(WebSocketTcp::handshake());
        const QByteArray head = tcp.readHead();
        QVERIFY2(head.startsWith("HTTP/1.1 101 "), head.constData());
        QVERIFY(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        tcp.write(clientFrame(0x9, "are you there"));
        const auto pong = tcp.readFrame();
        QVERIFY(pong);
        QCOMPARE(pong->first, quint8(0x8A));
        QCOMPARE(pong->second, QByteArray("are you there"));
    }

    void pingFloodDoesNotQueuePongsWithoutEnd()
    {
        // A peer that pings and never reads: the server answers only while little of
        // its output waits, keeps the connection, and answers again once it is read.
        WebSocketTcp tcp;
        QVERIFY(tcp.connectTo(m_server->url()));
        tcp.write(WebSocketTcp::handshake());
        QVERIFY(tcp.readHead().startsWith("HTTP/1.1 101 "));
        const int pings = 200000;
        const QByteArray ping = clientFrame(0x9, QByteArray(125, 'p'));
        QByteArray flood;
        flood.reserve(ping.size() * pings);
        for (int i = 0; i < pings; ++i)
            flood += ping;
        tcp.write(flood); // 26 MB of pings, about 25 MB of pongs if each were answered
        QTest::qWait(2000);
        int pongs = 0;
        while (auto frame = tcp.readFrame(2000)) {
            QCOMPARE(frame->first, quint8(0x8A));
            ++pongs;
        }
        QVERIFY2(pongs > 0, "no ping was answered");
        QVERIFY2(pongs < pings, qPrintable(QStringLiteral("all %1 pings answered").arg(pongs)));
        tcp.write(clientFrame(0x9, "still there?"));
        const auto last = tcp.readFrame();
        QVERIFY2(last, "the connection stopped answering");
        QCOMPARE(last->second, QByteArray("still there?"));
        verifyStillServing();
    }

    void fragmentedMessageIsDecoded()
    {
        WebSocketTcp tcp;
        QVERIFY(tcp.connectTo(m_server->url()));
        // The first frame may come in the same segment as the handshake.
        const QByteArray frame = encodeFrame(Typing{QStringLiteral("bob"), true});
        const qsizetype third = frame.size() / 3;
        tcp.write(WebSocketTcp::handshake() + clientFrame(0x2, frame.first(third), false));
        QVERIFY(tcp.readHead().startsWith("HTTP/1.1 101 "));
        tcp.write(clientFrame(0xA, "unsolicited pong") +
                  clientFrame(0x0, frame.sliced(third, third), false) +
                  clientFrame(0x0, frame.sliced(2 * third), true));
        const auto reply = tcp.readFrame();
        QVERIFY(reply);
        QCOMPARE(reply->first, quint8(0x82));
        const auto decoded = decodeFrame(reply->second);
        QVERIFY(decoded);
        const auto *error = std::get_if<ErrorFrame>(&decoded.value());
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::NotAuthenticated); // it read the whole typing frame
    }

    void unmaskedFrameIsAProtocolError()
    {
        WebSocketTcp tcp;
        QVERIFY(tcp.connectTo(m_server->url()));
        tcp.write(WebSocketTcp::handshake());
        QVERIFY(tcp.readHead().startsWith("HTTP/1.1 101 "));
        tcp.write(clientFrame(0x2, encodeFrame(Typing{QStringLiteral("bob"), true}), true, false));
        const auto close = tcp.readFrame();
        QVERIFY(close);
        QCOMPARE(close->first, quint8(0x88));
        QCOMPARE(closeCodeOf(close->second), quint16(1002));
        QVERIFY(close->second.contains("masked"));
        tcp.write(clientFrame(0x8, close->second.first(2))); // the closing handshake
        QVERIFY2(tcp.waitForClosed(), "the server did not close after the close handshake");
        verifyStillServing();
    }

    void oversizedMessageIsClosedWithTooBig()
    {
        RawClient client;
        QVERIFY(client.connectTo(m_server->url()));
        client.sendRaw(QByteArray(4 * kMaxFrameBytes + 1, 'x'));
        QVERIFY(client.waitForDisconnected());
        QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        verifyStillServing();
    }

    void silentTcpIsDroppedAtTheDeadline()
    {
        // A connection that never completes its handshake may not hold a descriptor.
        ServerProcess server({}, "registration = open\nauth_timeout_seconds = 2\n");
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        WebSocketTcp silent, halfway;
        QVERIFY(silent.connectTo(server.url()));
        QVERIFY(halfway.connectTo(server.url()));
        halfway.write(WebSocketTcp::handshake().chopped(2)); // the blank line never comes
        QVERIFY2(silent.waitForClosed(), "a silent TCP connection stayed open");
        QVERIFY2(halfway.waitForClosed(), "a half-sent handshake stayed open");
    }

    void clientCloseIsAnswered()
    {
        WebSocketTcp tcp;
        QVERIFY(tcp.connectTo(m_server->url()));
        tcp.write(WebSocketTcp::handshake());
        QVERIFY(tcp.readHead().startsWith("HTTP/1.1 101 "));
        tcp.write(clientFrame(0x8, QByteArray("\x03\xe8"
                                              "bye")));
        const auto close = tcp.readFrame();
        QVERIFY(close);
        QCOMPARE(close->first, quint8(0x88));
        QCOMPARE(closeCodeOf(close->second), quint16(1000));
        QVERIFY(tcp.waitForClosed());
    }
};

QTEST_GUILESS_MAIN(TestServerWebSocket)
#include "tst_server_websocket.moc"
