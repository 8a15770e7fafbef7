// SPDX-License-Identifier: GPL-3.0-or-later
// The client's Connection gives up a connection attempt whose WebSocket handshake
// never gets an answer (a black hole), and tries again, instead of waiting for TCP
// to give up many minutes later. Found by linnet-chaos --fault net.
#include "net/Connection.h"
#include "TestBase.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using linnet::client::Connection;

class TestConnectionHandshake : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void aHandshakeWithoutAnswerIsGivenUpAndTriedAgain()
    {
        // Accepts every connection and never says a word: no answer, no FIN, no reset.
        QTcpServer blackHole;
        QVERIFY(blackHole.listen(QHostAddress::LocalHost, 0));
        QList<QTcpSocket *> accepted;
        connect(&blackHole, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = blackHole.nextPendingConnection())
                accepted << s; // kept open, owned by the server
        });
        Connection connection(Connection::Options{50, 100, 200}); // gives up after 500 ms
        QSignalSpy failed(&connection, &Connection::connectFailed);
        QSignalSpy connected(&connection, &Connection::connected);
        connection.open(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/ws").arg(blackHole.serverPort())));
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 2, 20000);
        QTRY_VERIFY(accepted.size() >= 2); // a new attempt each time
        QVERIFY(connected.isEmpty());
        connection.close();
    }

    void aHandshakeThatIsAnsweredIsNotGivenUp()
    {
        // The first connection's handshake is answered only after a while, but within the
        // deadline: the attempt goes on. (A server that answers with garbage closes.)
        QTcpServer slow;
        QVERIFY(slow.listen(QHostAddress::LocalHost, 0));
        Connection connection(Connection::Options{50, 100, 2000});
        QSignalSpy failed(&connection, &Connection::connectFailed);
        int connections = 0;
        connect(&slow, &QTcpServer::newConnection, this, [&] {
            while (slow.nextPendingConnection())
                ++connections;
        });
        connection.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/ws").arg(slow.serverPort())));
        QTRY_COMPARE(connections, 1);
        QTest::qWait(1000); // half the deadline: not given up yet
        QVERIFY(failed.isEmpty());
        QCOMPARE(connections, 1);
        connection.close();
    }
};

QTEST_GUILESS_MAIN(TestConnectionHandshake)
#include "tst_connection_handshake.moc"
