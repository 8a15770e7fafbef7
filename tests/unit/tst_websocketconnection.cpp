// SPDX-License-Identifier: GPL-3.0-or-later
// WebSocketConnection on an in-memory ByteStream whose peer never reads: the
// limit on waiting output, and the drained notice reaching the handler.
#include "WebSocketTcp.h"
#include "transport/WebSocketConnection.h"

#include <QObject>
#include <QtTest>

using linnet::server::ByteStream;
using linnet::server::WebSocketConnection;

namespace {

/** Keeps everything written, as a socket whose peer does not read would. */
class StuckStream final : public ByteStream {
public:
    QByteArray written;
    int aborts = 0;
    Listener *listener = nullptr;

    void setListener(Listener *l) override { listener = l; }
    void write(QByteArrayView bytes) override { written.append(bytes); }
    void closeAfterWrites() override {}
    void abort() override { ++aborts; }
    QHostAddress peerAddress() const override { return QHostAddress(QHostAddress::LocalHost); }
    qint64 pendingBytes() const override { return written.size(); }
    QObject *context() const override { return const_cast<QObject *>(&m_context); }

private:
    QObject m_context;
};

struct Handler final : WebSocketConnection::Handler {
    int opened = 0, closed = 0, drained = 0;
    /** Takes requests whose head starts so (and then the stream, into taken). */
    QByteArray takePrefix = "PUT /v1/media/";
    WebSocketConnection *connection = nullptr;
    std::unique_ptr<ByteStream> taken;
    QByteArray takenBytes;
    bool takeOverRequest(QByteArrayView head) override
    {
        if (!head.startsWith(takePrefix) || !connection)
            return false;
        std::tie(taken, takenBytes) = connection->releaseStream();
        return true;
    }
    void webSocketOpened() override { ++opened; }
    void binaryMessage(const QByteArray &) override {}
    void textMessage() override {}
    void pongReceived() override {}
    void outputDrained() override { ++drained; }
    void webSocketClosed() override { ++closed; }
};

} // namespace

class TestWebSocketConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_handler = Handler{};
        auto stream = std::make_unique<StuckStream>();
        m_stream = stream.get();
        m_connection = std::make_unique<WebSocketConnection>(std::move(stream), m_handler, 1 << 20);
        m_stream->listener->streamData(linnet::test::WebSocketTcp::handshake());
        QVERIFY(m_connection->isOpen());
        QCOMPARE(m_handler.opened, 1);
        QVERIFY(m_stream->written.startsWith("HTTP/1.1 101 "));
    }

    void cleanup() { m_connection.reset(); }

    void peerThatDoesNotReadIsDroppedAtTheLimit()
    {
        const QByteArray payload(128 * 1024, 'm');
        const qint64 fits = WebSocketConnection::kMaxPendingOutput / (payload.size() + 14);
        for (qint64 i = 0; i < fits - 1; ++i)
            m_connection->sendBinary(payload);
        QCOMPARE(m_stream->aborts, 0);
        QVERIFY(m_connection->isOpen());
        const qint64 before = m_stream->written.size();
        QVERIFY(before <= WebSocketConnection::kMaxPendingOutput);

        for (int i = 0; i < 3 && m_connection->isOpen(); ++i)
            m_connection->sendBinary(payload);
        QCOMPARE(m_stream->aborts, 1);
        QCOMPARE(m_handler.closed, 1);
        QVERIFY(!m_connection->isOpen());
        QVERIFY(m_stream->written.size() <= WebSocketConnection::kMaxPendingOutput);

        m_connection->sendBinary(payload); // ignored once closed
        QCOMPARE(m_stream->aborts, 1);
        QCOMPARE(m_handler.closed, 1);
    }

    void drainedNoticeReachesTheHandlerWhileOpen()
    {
        m_stream->listener->streamDrained();
        QCOMPARE(m_handler.drained, 1);
        m_connection->close(1000, QStringLiteral("bye"));
        m_stream->listener->streamDrained(); // closing: nothing more is sent, nobody waits
        QCOMPARE(m_handler.drained, 1);
    }

    void aRequestTheHandlerTakesLeavesWithEveryByteAndIsNotAnswered()
    {
        Handler handler;
        auto owned = std::make_unique<StuckStream>();
        StuckStream *stream = owned.get();
        WebSocketConnection connection(std::move(owned), handler, 1 << 20);
        handler.connection = &connection;
        const QByteArray request = "PUT /v1/media/00 HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Length: 4\r\n\r\nbo";
        stream->listener->streamData(request.first(20)); // the head is not complete yet
        QVERIFY(!handler.taken);
        stream->listener->streamData(request.sliced(20));
        QCOMPARE(handler.taken.get(), stream);
        QCOMPARE(handler.takenBytes, request); // the head and the body's start
        QVERIFY(stream->written.isEmpty());    // the WebSocket says nothing
        QCOMPARE(stream->listener, nullptr);
        QVERIFY(!connection.isOpen());
        QCOMPARE(handler.closed, 0);
        connection.abort(); // a closed connection without its stream does nothing
        QCOMPARE(stream->aborts, 0);
    }

    void aRequestTheHandlerDoesNotTakeIsAnsweredAsBefore()
    {
        Handler handler;
        auto owned = std::make_unique<StuckStream>();
        StuckStream *stream = owned.get();
        WebSocketConnection connection(std::move(owned), handler, 1 << 20);
        handler.connection = &connection;
        stream->listener->streamData("GET /v1/media/00 HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(!handler.taken);
        QVERIFY(stream->written.startsWith("HTTP/1.1 426 "));
    }

private:
    Handler m_handler;
    StuckStream *m_stream = nullptr;
    std::unique_ptr<WebSocketConnection> m_connection;
};

QTEST_GUILESS_MAIN(TestWebSocketConnection)
#include "tst_websocketconnection.moc"
