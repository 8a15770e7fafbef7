// SPDX-License-Identifier: GPL-3.0-or-later
// A device that stops reading while messages keep coming, against the real
// linnet-server: the server holds back instead of buffering without end or
// dropping it, keeps serving everyone else, and the device gets every message
// once, in order, when it reads again.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "WebSocketTcp.h"
#include "WebSocketTestFrames.h"

#include "protocol/FrameCodec.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

constexpr quint8 kBinary = 0x2;

/** Body @p i: its number, then padding up to @p size bytes. */
QByteArray body(int i, qsizetype size)
{
    QByteArray b = QByteArray::number(i).rightJustified(6, '0');
    b.append(QByteArray(size - b.size(), char('a' + i % 26)));
    return b;
}

} // namespace

class TestServerSlowReader : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

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

    void deviceThatStopsReadingGetsEverythingLater()
    {
        RawClient ana, carl, bobSetup;
        QVERIFY(ana.connectTo(m_server->url()));
        QVERIFY(carl.connectTo(m_server->url()));
        QVERIFY(bobSetup.connectTo(m_server->url()));
        QVERIFY(ana.registerUser(QStringLiteral("ana"), QStringLiteral("correct horse")));
        QVERIFY(carl.registerUser(QStringLiteral("carl"), QStringLiteral("correct horse")));
        const auto bob =
            bobSetup.registerUser(QStringLiteral("bob"), QStringLiteral("correct horse"));
        QVERIFY(bob);
        bobSetup.abort();

        // Bob's device, by hand: Qt reads at most 64 KiB ahead, so once the kernel's
        // buffers are full the server's output for bob has nowhere to go.
        WebSocketTcp bobTcp;
        bobTcp.setReadBufferSize(64 * 1024);
        QVERIFY(bobTcp.connectTo(m_server->url()));
        bobTcp.write(WebSocketTcp::handshake());
        QVERIFY(bobTcp.readHead().startsWith("HTTP/1.1 101 "));
        bobTcp.write(clientFrame(kBinary, encodeFrame(AuthRequest{1, bob->deviceId, bob->token})));
        bool authenticated = false, synced = false;
        while (!synced) {
            const auto frame = bobTcp.readFrame();
            QVERIFY2(frame, "no auth_ok and synced for bob");
            const auto decoded = decodeFrame(frame->second);
            QVERIFY(decoded);
            authenticated |= std::holds_alternative<AuthOk>(decoded.value());
            synced = std::holds_alternative<Synced>(decoded.value());
        }
        QVERIFY(authenticated);

        // 400 messages of 60 KB (24 MB): far more than the kernel holds and three
        // times the most output the server lets wait for one connection.
        constexpr int kCount = 400;
        constexpr qsizetype kBodySize = 60000;
        for (int i = 0; i < kCount; ++i)
            ana.send(ana.makeSend(QStringLiteral("bob"), body(i, kBodySize)));
        const auto acks = ana.collect<SendAck>(kCount, 60000);
        QCOMPARE(acks.size(), kCount);
        for (int i = 0; i < kCount; ++i)
            QCOMPARE(acks[i].seq, quint64(i + 1));

        // Everyone else is served meanwhile.
        QVERIFY(carl.sendMessage(QStringLiteral("ana"), QByteArrayLiteral("still there?")));
        const auto toAna = ana.waitFor<Deliver>();
        QVERIFY(toAna);
        QCOMPARE(toAna->body, QByteArrayLiteral("still there?"));

        // Bob reads again: every message once, in order, on the same connection.
        QList<QByteArray> bodies;
        while (bodies.size() < kCount) {
            const auto frame = bobTcp.readFrame(20000);
            QVERIFY2(frame, qPrintable(QStringLiteral("bob stopped getting messages after %1 "
                                                      "(connected: %2)")
                                           .arg(bodies.size())
                                           .arg(bobTcp.isConnected())));
            const auto decoded = decodeFrame(frame->second);
            QVERIFY(decoded);
            const auto *deliver = std::get_if<Deliver>(&decoded.value());
            if (!deliver)
                continue;
            QCOMPARE(deliver->seq, quint64(bodies.size() + 1));
            bodies.append(deliver->body);
            bobTcp.write(clientFrame(kBinary, encodeFrame(DeliverAck{{deliver->entry}})));
        }
        for (int i = 0; i < kCount; ++i)
            QCOMPARE(bodies[i], body(i, kBodySize));
        QVERIFY(bobTcp.isConnected());
        QVERIFY2(!m_server->output().contains("does not read"),
                 "the server dropped bob instead of holding back");

        // Every ack is stored once ana has a delivered receipt for every message.
        QSet<MessageId> delivered;
        while (delivered.size() < kCount) {
            const auto receipt = ana.waitFor<Receipt>();
            QVERIFY2(receipt, qPrintable(QStringLiteral("receipts for %1 of %2 messages")
                                             .arg(delivered.size())
                                             .arg(kCount)));
            for (const MessageId &id : receipt->ids)
                delivered.insert(id);
        }
        for (const SendAck &ack : acks)
            QVERIFY(delivered.contains(ack.id));

        // Nothing left, nothing twice: a new connection of bob's device drains nothing.
        RawClient bobAgain;
        QVERIFY(bobAgain.connectTo(m_server->url()));
        QVERIFY(bobAgain.auth(bob->deviceId, bob->token));
        const auto again = bobAgain.waitFor<Synced>();
        QVERIFY(again);
        QCOMPARE(again->count, 0u);
    }
};

QTEST_GUILESS_MAIN(TestServerSlowReader)
#include "tst_server_slowreader.moc"
