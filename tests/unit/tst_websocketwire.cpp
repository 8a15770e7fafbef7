// SPDX-License-Identifier: GPL-3.0-or-later
// The server's RFC 6455 handshake and frame reader, without sockets.
#include "WebSocketTestFrames.h"
#include "transport/WebSocketWire.h"

#include <QtTest>

using namespace linnet::server::websocket;
using linnet::test::clientFrame;

namespace {

const QByteArray kKey = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455 section 1.3

QByteArray request(const QByteArray &extra = {}, const QByteArray &version = "13",
                   const QByteArray &line = "GET /v1/ws?x=1 HTTP/1.1")
{
    return line +
           "\r\nHost: 127.0.0.1:1\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
           "Sec-WebSocket-Key: " +
           kKey + "\r\nSec-WebSocket-Version: " + version + "\r\n" + extra + "\r\n";
}

std::vector<Event> readAll(FrameReader &reader)
{
    std::vector<Event> out;
    while (auto e = reader.next())
        out.push_back(*e);
    return out;
}

} // namespace

class TestWebSocketWire : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void handshakeIsAccepted()
    {
        const QByteArray head = request() + "first frame bytes";
        const qsizetype length = headLength(head);
        QCOMPARE(length, request().size());
        QCOMPARE(headLength(request().chopped(1)), 0);
        const auto parsed = parseHandshake(QByteArrayView(head).first(length));
        const auto *h = std::get_if<Handshake>(&parsed);
        QVERIFY(h);
        QCOMPARE(h->path, QStringLiteral("/v1/ws"));
        const QByteArray response = acceptResponse(*h);
        QVERIFY(response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QVERIFY(response.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(response.endsWith("\r\n\r\n"));
    }

    void handshakeIsRefused_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        QTest::newRow("POST") << request({}, "13", "POST /v1/ws HTTP/1.1") << 405;
        QTest::newRow("HTTP/1.0") << request({}, "13", "GET /v1/ws HTTP/1.0") << 400;
        QTest::newRow("no target") << request({}, "13", "GET HTTP/1.1") << 400;
        QTest::newRow("version 8") << request({}, "8") << 426;
        QTest::newRow("plain HTTP") << QByteArray("GET /v1/ws HTTP/1.1\r\nHost: h\r\n\r\n") << 426;
        QTest::newRow("no host")
            << QByteArray("GET /v1/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: upgrade\r\n"
                          "Sec-WebSocket-Key: " +
                          kKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            << 400;
        QTest::newRow("short key")
            << QByteArray("GET /v1/ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                          "Connection: upgrade\r\nSec-WebSocket-Key: c2hvcnQ=\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n")
            << 400;
        QTest::newRow("header without colon") << request("garbage line\r\n") << 400;
    }

    void handshakeIsRefused()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        const auto parsed = parseHandshake(head);
        const auto *r = std::get_if<HandshakeRefusal>(&parsed);
        QVERIFY2(r, "accepted");
        QCOMPARE(r->status, status);
        QVERIFY(!r->reason.isEmpty());
        const QByteArray response = refusalResponse(*r);
        QVERIFY(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '));
        QVERIFY(response.endsWith(r->reason + '\n'));
        QCOMPARE(response.contains("Sec-WebSocket-Version: 13"), status == 426);
    }

    void frameHeaders()
    {
        QCOMPARE(frameHeader(Opcode::Binary, 125), QByteArray("\x82\x7d"));
        QCOMPARE(frameHeader(Opcode::Binary, 126), QByteArray("\x82\x7e\x00\x7e", 4));
        QCOMPARE(frameHeader(Opcode::Ping, 0), QByteArray("\x89\x00", 2));
        QCOMPARE(frameHeader(Opcode::Binary, 65536),
                 QByteArray("\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10));
    }

    void closePayloadFitsAControlFrame()
    {
        const QByteArray p = closePayload(1008, QString(200, QChar(0x00e9))); // 2-byte chars
        QVERIFY(p.size() <= 125);
        QCOMPARE(quint8(p[0]), quint8(1008 >> 8));
        QCOMPARE(quint8(p[1]), quint8(1008 & 0xff));
        const QByteArray text = p.sliced(2);
        QCOMPARE(QString::fromUtf8(text).toUtf8(), text); // no sequence cut in half
        QCOMPARE(closePayload(1000, QStringLiteral("bye")), QByteArray("\x03\xe8"
                                                                       "bye"));
    }

    void messagesInOnePieceAndByteByByte()
    {
        const QByteArray big(70000, 'z');
        const QByteArray stream = clientFrame(0x2, "hello") + clientFrame(0x2, big) +
                                  clientFrame(0x9, "p") + clientFrame(0xA, {}) +
                                  clientFrame(0x8, QByteArray("\x03\xe8"
                                                              "done"));
        for (bool byteByByte : {false, true}) {
            FrameReader reader(1 << 20);
            std::vector<Event> events;
            if (byteByByte) {
                for (char c : stream) {
                    reader.feed(QByteArray(1, c));
                    for (auto &e : readAll(reader))
                        events.push_back(e);
                }
            } else {
                reader.feed(stream);
                events = readAll(reader);
            }
            QCOMPARE(events.size(), size_t(5));
            QCOMPARE(events[0].kind, Event::Kind::Message);
            QCOMPARE(events[0].payload, QByteArray("hello"));
            QCOMPARE(events[1].payload, big);
            QCOMPARE(events[2].kind, Event::Kind::Ping);
            QCOMPARE(events[2].payload, QByteArray("p"));
            QCOMPARE(events[3].kind, Event::Kind::Pong);
            QCOMPARE(events[4].kind, Event::Kind::Close);
            QCOMPARE(events[4].code, quint16(1000));
            QCOMPARE(events[4].payload, QByteArray("done"));
            QCOMPARE(reader.buffered(), 0);
        }
    }

    void fragmentsAreJoinedAroundControlFrames()
    {
        FrameReader reader(1 << 20);
        reader.feed(clientFrame(0x2, "ab", false) + clientFrame(0x9, "x") +
                    clientFrame(0x0, "cd", false) + clientFrame(0x0, "ef", true));
        const auto events = readAll(reader);
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].kind, Event::Kind::Ping);
        QCOMPARE(events[1].kind, Event::Kind::Message);
        QCOMPARE(events[1].type, Opcode::Binary);
        QCOMPARE(events[1].payload, QByteArray("abcdef"));
    }

    void manyEmptyFragmentsDoNotRecurse()
    {
        FrameReader reader(1 << 20);
        QByteArray stream = clientFrame(0x1, {}, false);
        for (int i = 0; i < 50000; ++i)
            stream += clientFrame(0x0, {}, false);
        stream += clientFrame(0x0, "end", true);
        reader.feed(stream);
        const auto events = readAll(reader);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].type, Opcode::Text);
        QCOMPARE(events[0].payload, QByteArray("end"));
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::newRow("unmasked") << clientFrame(0x2, "hi", true, false) << 1002;
        QTest::newRow("reserved bit") << clientFrame(0x2, "hi", true, true, 0x40) << 1002;
        QTest::newRow("opcode 3") << clientFrame(0x3, "hi") << 1002;
        QTest::newRow("opcode 11") << clientFrame(0xB, "hi") << 1002;
        QTest::newRow("continuation first") << clientFrame(0x0, "hi") << 1002;
        QTest::newRow("new message inside one")
            << clientFrame(0x2, "a", false) + clientFrame(0x2, "b") << 1002;
        QTest::newRow("fragmented ping") << clientFrame(0x9, "a", false) << 1002;
        QTest::newRow("long ping") << clientFrame(0x9, QByteArray(126, 'p')) << 1002;
        QTest::newRow("close of one byte") << clientFrame(0x8, "x") << 1002;
        QTest::newRow("close code 1005") << clientFrame(0x8, "\x03\xed") << 1002;
        QTest::newRow("message too big") << clientFrame(0x2, QByteArray(1025, 'b')) << 1009;
        QTest::newRow("fragments too big") << clientFrame(0x2, QByteArray(600, 'b'), false) +
                                                  clientFrame(0x0, QByteArray(600, 'b'))
                                           << 1009;
    }

    void protocolErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        FrameReader reader(1024);
        reader.feed(bytes + clientFrame(0x2, "after"));
        const auto events = readAll(reader);
        QVERIFY(!events.empty());
        QCOMPARE(events.back().kind, Event::Kind::Error);
        QCOMPARE(int(events.back().code), code);
        QVERIFY(!events.back().payload.isEmpty());
        for (size_t i = 0; i + 1 < events.size(); ++i) // nothing after the error
            QVERIFY(events[i].kind != Event::Kind::Error);
        reader.feed(clientFrame(0x2, "later"));
        QVERIFY(!reader.next());
        QCOMPARE(reader.buffered(), 0);
    }

    void tooBigIsRefusedBeforeThePayloadArrives()
    {
        FrameReader reader(1024);
        QByteArray header = clientFrame(0x2, QByteArray(1 << 20, 'x')).first(14);
        reader.feed(header);
        const auto e = reader.next();
        QVERIFY(e);
        QCOMPARE(e->kind, Event::Kind::Error);
        QCOMPARE(e->code, closecode::kTooBig);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketWire)
#include "tst_websocketwire.moc"
