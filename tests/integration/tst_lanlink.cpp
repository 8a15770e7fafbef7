// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanTestSupport.h"
#include "TestBase.h"
#include "crypto/Keys.h"
#include "lan/LanFrameCodec.h"
#include "lan/LanHandshake.h"
#include "lan/LanLink.h"
#include "lan/LanPeerServer.h"

#include <QSignalSpy>
#include <QWebSocketServer>
#include <QtTest>

#include <memory>

using namespace linnet;
using client::LanLink;
using client::LanPeerServer;
using client::LanTrust;
using lan::LanDevice;
using lan::LanFrame;
using protocol::MessageId;

namespace {

using Device = test::LanTestDevice;

/** @p self (signing with @p keys) trusts @p known and is in @p groups. */
std::shared_ptr<const LanTrust> trust(const LanDevice &self, const crypto::IdentityKeyPair &keys,
                                      const QList<LanDevice> &known, QList<qint64> groups = {})
{
    auto t = std::make_shared<LanTrust>();
    t->identity = keys;
    t->self = self;
    t->knownDevice = [known](const QString &account, qint64 device) -> std::optional<LanDevice> {
        for (const LanDevice &d : known) {
            if (d.account == account && d.device == device)
                return d;
        }
        return std::nullopt;
    };
    t->isMember = [groups](qint64 group) { return groups.contains(group); };
    return t;
}

QUrl urlOf(quint16 port, const QString &path = QStringLiteral("/v1/lan"))
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(path));
}

/**
 * A listener that does its side of the handshake without checking anything, and answers
 * as @p claimed with a signature by @p keys: what a device at a replayed address, or an
 * impostor, would do.
 */
class FakeListener : public QObject {
public:
    FakeListener(LanDevice claimed, crypto::IdentityKeyPair keys, LanDevice dialer)
        : m_claimed(std::move(claimed)), m_keys(std::move(keys)), m_dialer(std::move(dialer))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            m_socket->sendBinaryMessage(
                lan::encodeLanFrame(lan::LanHello{m_handshake.ephemeral()}));
            connect(m_socket, &QWebSocket::binaryMessageReceived, this, &FakeListener::onMessage);
        });
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    void onMessage(const QByteArray &bytes)
    {
        if (!m_in.isValid()) {
            const auto hello = std::get<lan::LanHello>(lan::decodeLanFrame(bytes).value());
            QVERIFY(m_handshake.takePeerEphemeral(hello.ephemeral));
            m_out = m_handshake.takeSending();
            m_in = m_handshake.takeReceiving();
            return;
        }
        QVERIFY(m_in.open(bytes)); // the dialer's lan_auth: answered without a look
        m_socket->sendBinaryMessage(m_out.seal(lan::encodeLanFrame(lan::LanAuth{
            m_claimed.account, m_claimed.device, m_handshake.sign(m_keys, m_claimed, m_dialer)})));
    }

    LanDevice m_claimed;
    crypto::IdentityKeyPair m_keys;
    LanDevice m_dialer;
    QWebSocketServer m_server{QStringLiteral("fake"), QWebSocketServer::NonSecureMode};
    QWebSocket *m_socket = nullptr;
    lan::LanHandshake m_handshake{lan::LanHandshake::Role::Listener};
    lan::LanFrameSealer m_out;
    lan::LanFrameSealer m_in;
};

} // namespace

/**
 * Peer links (docs/protocol.md 12.4, 12.5) over real WebSockets on loopback: the mutual
 * challenge, and every way a peer gets refused.
 */
class TestLanLink : public QObject {
    Q_OBJECT

    Device ana{"ana", 11};
    Device ana2{"ana", 12};
    Device ben{"ben", 21};
    Device carl{"carl", 31};

    std::unique_ptr<LanPeerServer> m_server;
    QList<LanLink *> m_accepted;

    /** ben listens, knowing ana, ana's other device and carl (unless told otherwise). */
    quint16 benListens(QList<LanDevice> known = {}, int timeoutMs = 5000)
    {
        if (known.isEmpty())
            known = {ana.device, ana2.device};
        m_server =
            std::make_unique<LanPeerServer>(trust(ben.device, ben.keys, known, {12}), timeoutMs);
        m_accepted.clear();
        connect(m_server.get(), &LanPeerServer::linkUp, this,
                [this](LanLink *link) { m_accepted.append(link); });
        if (!m_server->listen(QHostAddress::LocalHost))
            return 0;
        return m_server->port();
    }

    /** ana's link to ben, up on both sides. */
    std::unique_ptr<LanLink> anaLinkedToBen()
    {
        const quint16 port = benListens();
        auto link = std::make_unique<LanLink>(urlOf(port), ben.device,
                                              trust(ana.device, ana.keys, {ben.device}), 5000);
        QSignalSpy up(link.get(), &LanLink::up);
        if (!up.wait(5000) || m_accepted.size() != 1)
            return nullptr;
        return link;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::initTestEnvironment();
        qRegisterMetaType<LanFrame>();
        qInfo("peer links are tested on loopback (127.0.0.1)");
    }

    void cleanup()
    {
        m_server.reset();
        m_accepted.clear();
    }

    void twoKnownDevicesAuthenticateEachOtherAndFramesFlowBothWays()
    {
        auto link = anaLinkedToBen();
        QVERIFY(link);
        QCOMPARE(link->peer(), ben.device);
        LanLink *benSide = m_accepted.first();
        QCOMPARE(benSide->peer(), ana.device);
        QCOMPARE(benSide->role(), LanLink::Role::Listener);

        QSignalSpy benGot(benSide, &LanLink::frameReceived);
        const lan::LanMessage message{
            MessageId::generate(), 21, QStringLiteral("ben"), 0, QByteArray(300, 'c'),
            1765000000000,         {}};
        QVERIFY(link->send(message));
        QTRY_COMPARE(benGot.size(), 1);
        QVERIFY(benGot.first().first().value<LanFrame>() == LanFrame(message));

        QSignalSpy anaGot(link.get(), &LanLink::frameReceived);
        QVERIFY(benSide->send(lan::LanAck{{message.id}}));
        QTRY_COMPARE(anaGot.size(), 1);
        QVERIFY(anaGot.first().first().value<LanFrame>() == LanFrame(lan::LanAck{{message.id}}));
    }

    void aLinkNotUpYetSendsNothing()
    {
        LanLink link(urlOf(1), ben.device, trust(ana.device, ana.keys, {ben.device}), 5000);
        QVERIFY(!link.send(lan::LanAck{{MessageId::generate()}}));
    }

    void aStrangerIsRefusedAndLogged()
    {
        const quint16 port = benListens();
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral(
                "^refused peer link with .*: carl device 31 is not a known device$")));
        LanLink link(urlOf(port), ben.device, trust(carl.device, carl.keys, {ben.device}), 5000);
        QSignalSpy closed(&link, &LanLink::closed);
        QVERIFY(closed.wait(5000));
        QVERIFY(!link.isUp());
        QVERIFY(m_accepted.isEmpty());
    }

    void aDialerThatFailsTheChallengeIsRefusedAndLogged()
    {
        // mallory claims to be ana's device but holds another key.
        const quint16 port = benListens();
        const auto mallory = crypto::IdentityKeyPair::generate();
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral(
                              "^refused peer link with ana device 11 .*: failed the challenge")));
        LanLink link(urlOf(port), ben.device, trust(ana.device, mallory, {ben.device}), 5000);
        QSignalSpy closed(&link, &LanLink::closed);
        QVERIFY(closed.wait(5000));
        QVERIFY(m_accepted.isEmpty());
    }

    void aDialerWhoseChallengeNamedAnotherListenerIsRefused()
    {
        // ana follows a replayed announcement of carl's to ben's address.
        const quint16 port = benListens();
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral(
                              "^refused peer link with ana device 11 .*: failed the challenge")));
        LanLink link(urlOf(port), carl.device, trust(ana.device, ana.keys, {carl.device}), 5000);
        QSignalSpy closed(&link, &LanLink::closed);
        QVERIFY(closed.wait(5000));
        QVERIFY(m_accepted.isEmpty());
    }

    void aListenerThatIsNotTheDeviceDialledIsRefusedAndLogged()
    {
        FakeListener impostor(carl.device, carl.keys, ana.device);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral(
                                 "^refused peer link with .*: answered as carl device 31, not the "
                                 "device dialled$")));
        LanLink link(urlOf(impostor.port()), ben.device,
                     trust(ana.device, ana.keys, {ben.device, carl.device}), 5000);
        QSignalSpy closed(&link, &LanLink::closed);
        QVERIFY(closed.wait(5000));
        QVERIFY(!link.isUp());
    }

    void aListenerThatFailsTheChallengeIsRefusedAndLogged()
    {
        // Answers as ben, but cannot sign as ben.
        FakeListener impostor(ben.device, carl.keys, ana.device);
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral(
                              "^refused peer link with ben device 21 .*: failed the challenge")));
        LanLink link(urlOf(impostor.port()), ben.device, trust(ana.device, ana.keys, {ben.device}),
                     5000);
        QSignalSpy up(&link, &LanLink::up);
        QSignalSpy closed(&link, &LanLink::closed);
        QVERIFY(closed.wait(5000));
        QVERIFY(up.isEmpty());
    }

    void framesForAnotherAccountOrDeviceAreRefusedAndLogged_data()
    {
        QTest::addColumn<LanFrame>("frame");
        QTest::addColumn<QString>("why");
        const MessageId id = MessageId::generate();
        QTest::newRow("message to another account")
            << LanFrame(lan::LanMessage{id, 21, QStringLiteral("carl"), 0, "x", 1, {}})
            << QStringLiteral("lan_msg for account carl");
        QTest::newRow("message for another device")
            << LanFrame(lan::LanMessage{id, 99, QStringLiteral("ben"), 0, "x", 1, {}})
            << QStringLiteral("lan_msg for device 99");
        QTest::newRow("message to a group ben is not in")
            << LanFrame(lan::LanMessage{id, 21, {}, 77, "x", 1, {}})
            << QStringLiteral("lan_msg for group 77, which this account is not in");
        QTest::newRow("read receipt to another account")
            << LanFrame(lan::LanRead{QStringLiteral("carl"), 0, {id}})
            << QStringLiteral("lan_read for account carl");
        QTest::newRow("typing to another account")
            << LanFrame(lan::LanTyping{QStringLiteral("carl"), 0, true})
            << QStringLiteral("lan_typing for account carl");
        QTest::newRow("sender key of a group ben is not in")
            << LanFrame(lan::LanSenderKey{77, "k"})
            << QStringLiteral("lan_sender_key for group 77, which this account is not in");
        QTest::newRow("a second handshake") << LanFrame(lan::LanHello{QByteArray(32, 'e')})
                                            << QStringLiteral("lan_hello after the handshake");
    }

    void framesForAnotherAccountOrDeviceAreRefusedAndLogged()
    {
        QFETCH(LanFrame, frame);
        QFETCH(QString, why);
        auto link = anaLinkedToBen();
        QVERIFY(link);
        LanLink *benSide = m_accepted.first();
        QSignalSpy benGot(benSide, &LanLink::frameReceived);
        QSignalSpy anaClosed(link.get(), &LanLink::closed);
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("^refused peer link with ana device "
                                                            "11 .*: sent ") +
                                             QRegularExpression::escape(why) + QLatin1Char('$')));
        QVERIFY(link->send(frame));
        QVERIFY(anaClosed.wait(5000));
        QVERIFY(benGot.isEmpty());
    }

    void framesForThisAccountAndItsGroupsPass()
    {
        auto link = anaLinkedToBen();
        QVERIFY(link);
        QSignalSpy benGot(m_accepted.first(), &LanLink::frameReceived);
        const MessageId id = MessageId::generate();
        QVERIFY(link->send(lan::LanMessage{id, 21, {}, 12, "g", 1, {}}));
        QVERIFY(link->send(lan::LanRead{QStringLiteral("ben"), 0, {id}}));
        QVERIFY(link->send(lan::LanTyping{{}, 12, true}));
        QVERIFY(link->send(lan::LanSenderKey{12, "k"}));
        QTRY_COMPARE(benGot.size(), 4);
    }

    void aCopyFromAnOwnDeviceMayNameAnyChat()
    {
        // ana's other device sends ana a copy of what it wrote to carl.
        auto listener = std::make_unique<LanPeerServer>(
            trust(ana.device, ana.keys, {ana2.device, ben.device}), 5000);
        QList<LanLink *> accepted;
        connect(listener.get(), &LanPeerServer::linkUp, this,
                [&accepted](LanLink *l) { accepted.append(l); });
        QVERIFY(listener->listen(QHostAddress::LocalHost));
        LanLink link(urlOf(listener->port()), ana.device,
                     trust(ana2.device, ana2.keys, {ana.device}), 5000);
        QSignalSpy up(&link, &LanLink::up);
        QVERIFY(up.wait(5000));
        QTRY_COMPARE(accepted.size(), 1);
        QSignalSpy got(accepted.first(), &LanLink::frameReceived);
        QVERIFY(link.send(
            lan::LanMessage{MessageId::generate(), 11, QStringLiteral("carl"), 0, "x", 1, {}}));
        QTRY_COMPARE(got.size(), 1);
    }

    void aFrameThatDoesNotOpenClosesTheLink()
    {
        const quint16 port = benListens();
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral(
                                 "^refused peer link with .*: sent a frame that does not open")));
        lan::LanHandshake dialer(lan::LanHandshake::Role::Dialer);
        QWebSocket raw;
        QSignalSpy disconnected(&raw, &QWebSocket::disconnected);
        connect(&raw, &QWebSocket::connected, this, [&] {
            raw.sendBinaryMessage(lan::encodeLanFrame(lan::LanHello{dialer.ephemeral()}));
            raw.sendBinaryMessage(QByteArray(80, 'g'));
        });
        raw.open(urlOf(port));
        QVERIFY(disconnected.wait(5000));
        QCOMPARE(raw.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    }

    void aConnectionThatDoesNotStartWithAHelloIsRefused()
    {
        const quint16 port = benListens();
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral(
                                 "^refused peer link with .*: did not start with lan_hello$")));
        QWebSocket raw;
        QSignalSpy disconnected(&raw, &QWebSocket::disconnected);
        connect(&raw, &QWebSocket::connected, this, [&] {
            raw.sendBinaryMessage(lan::encodeLanFrame(lan::LanAck{{MessageId::generate()}}));
        });
        raw.open(urlOf(port));
        QVERIFY(disconnected.wait(5000));
    }

    void aConnectionThatDoesNotAuthenticateInTimeIsClosed()
    {
        const quint16 port = benListens({}, 300);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral(
                                 "^refused peer link with .*: not authenticated within 300 ms$")));
        QWebSocket raw;
        QSignalSpy disconnected(&raw, &QWebSocket::disconnected);
        raw.open(urlOf(port));
        QVERIFY(disconnected.wait(5000));
    }

    void anotherPathIsRefused()
    {
        const quint16 port = benListens();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "^refused peer link from .*: path /v1/ws$")));
        QWebSocket raw;
        QSignalSpy disconnected(&raw, &QWebSocket::disconnected);
        raw.open(urlOf(port, QStringLiteral("/v1/ws")));
        QVERIFY(disconnected.wait(5000));
    }

    void aLinkReportsItsEndWhenThePeerGoesAway()
    {
        auto link = anaLinkedToBen();
        QVERIFY(link);
        QSignalSpy closed(link.get(), &LanLink::closed);
        m_server->close();
        QVERIFY(closed.wait(5000));
        QVERIFY(!link->isUp());
        QVERIFY(!link->send(lan::LanAck{{MessageId::generate()}}));
    }
};

QTEST_GUILESS_MAIN(TestLanLink)
#include "tst_lanlink.moc"
