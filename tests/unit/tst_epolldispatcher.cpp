// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventloop/EpollEventDispatcher.h"
#include "TestBase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>

#include <memory>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

using linnet::eventloop::EpollEventDispatcher;

/**
 * The server's epoll event dispatcher, installed for this test's main thread as
 * linnet-server does: timers, socket notifiers, wake-ups from other threads,
 * and real TCP and WebSocket traffic over loopback on top of it.
 */
class TestEpollDispatcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theDispatcherIsOurs();
    void singleShotsFireOnceInDeadlineOrder();
    void repeatingTimerRepeatsUntilKilled();
    void remainingTimeCountsDown();
    void readNotifierFollowsDataAndEnabling();
    void writeNotifierFiresWhileWritable();
    void hangUpActivatesTheReadNotifier();
    void reusedDescriptorIsWatchedAgain();
    void postFromAnotherThreadWakesTheLoop();
    void postFromTheLoopsOwnHandlerRunsWithoutWaiting();
    void tcpEcho();
    void manyWebSocketsRoundTrip();
};

namespace {
struct SocketPair {
    int fds[2] = {-1, -1};
    SocketPair() { QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0); }
    ~SocketPair()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
};
} // namespace

void TestEpollDispatcher::initTestCase()
{
    linnet::test::initTestEnvironment();
}

void TestEpollDispatcher::theDispatcherIsOurs()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void TestEpollDispatcher::singleShotsFireOnceInDeadlineOrder()
{
    QList<int> fired;
    QTimer::singleShot(60, this, [&] { fired.append(60); });
    QTimer::singleShot(20, this, [&] { fired.append(20); });
    QTimer::singleShot(40, this, [&] { fired.append(40); });
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE(fired.size(), 3);
    QCOMPARE(fired, (QList<int>{20, 40, 60}));
    QVERIFY(clock.elapsed() >= 60);
    QTest::qWait(100);
    QCOMPARE(fired.size(), 3); // once each
}

void TestEpollDispatcher::repeatingTimerRepeatsUntilKilled()
{
    QTimer timer;
    int shots = 0;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (++shots == 5)
            timer.stop(); // killed from its own handler
    });
    timer.start(10);
    QTRY_COMPARE(shots, 5);
    QTest::qWait(80);
    QCOMPARE(shots, 5);
    QVERIFY(!timer.isActive());
}

void TestEpollDispatcher::remainingTimeCountsDown()
{
    QTimer timer;
    timer.setSingleShot(true);
    timer.start(1000);
    const int first = timer.remainingTime();
    QVERIFY2(first > 900 && first <= 1000, qPrintable(QString::number(first)));
    QTest::qWait(120);
    const int later = timer.remainingTime();
    QVERIFY2(later < first && later > 0, qPrintable(QString::number(later)));
    timer.stop();
    QCOMPARE(timer.remainingTime(), -1);
}

void TestEpollDispatcher::readNotifierFollowsDataAndEnabling()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        char buf[64];
        while (::read(pair.fds[0], buf, sizeof buf) > 0) {
        }
    });
    QTest::qWait(30);
    QCOMPARE(activations, 0); // nothing to read yet

    QCOMPARE(::write(pair.fds[1], "a", 1), 1);
    QTRY_COMPARE(activations, 1);

    notifier.setEnabled(false);
    QCOMPARE(::write(pair.fds[1], "b", 1), 1);
    QTest::qWait(50);
    QCOMPARE(activations, 1); // disabled: not activated although readable
    notifier.setEnabled(true);
    QTRY_COMPARE(activations, 2); // level-triggered: the byte is still there
}

void TestEpollDispatcher::writeNotifierFiresWhileWritable()
{
    SocketPair pair;
    QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
    QSocketNotifier writer(pair.fds[0], QSocketNotifier::Write); // both on one descriptor
    int writes = 0, reads = 0;
    connect(&writer, &QSocketNotifier::activated, this, [&] {
        if (++writes == 3)
            writer.setEnabled(false);
    });
    connect(&reader, &QSocketNotifier::activated, this, [&] {
        ++reads;
        char buf[8];
        while (::read(pair.fds[0], buf, sizeof buf) > 0) {
        }
    });
    QTRY_COMPARE(writes, 3);
    QTest::qWait(30);
    QCOMPARE(writes, 3);
    QCOMPARE(reads, 0); // the read side is still watched, and quiet
    QCOMPARE(::write(pair.fds[1], "x", 1), 1);
    QTRY_COMPARE(reads, 1);
}

void TestEpollDispatcher::hangUpActivatesTheReadNotifier()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    bool eof = false;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        char c;
        if (::read(pair.fds[0], &c, 1) == 0) {
            eof = true;
            notifier.setEnabled(false);
        }
    });
    ::close(pair.fds[1]);
    pair.fds[1] = -1;
    QTRY_VERIFY(eof);
}

void TestEpollDispatcher::reusedDescriptorIsWatchedAgain()
{
    // Qt closes a socket right after dropping its notifier, and the next socket
    // may get the same descriptor number in the same turn of the loop.
    auto first = std::make_unique<SocketPair>();
    const int number = first->fds[0];
    auto notifier = std::make_unique<QSocketNotifier>(number, QSocketNotifier::Read);
    QTest::qWait(10); // registered with the kernel
    notifier.reset();
    first.reset();
    SocketPair second;
    QVERIFY(second.fds[0] == number || second.fds[1] == number);
    const int fd = second.fds[0] == number ? second.fds[0] : second.fds[1];
    const int peer = fd == second.fds[0] ? second.fds[1] : second.fds[0];
    QSocketNotifier again(fd, QSocketNotifier::Read);
    int activations = 0;
    connect(&again, &QSocketNotifier::activated, this, [&] {
        ++activations;
        again.setEnabled(false);
    });
    QCOMPARE(::write(peer, "z", 1), 1);
    QTRY_COMPARE(activations, 1);
}

void TestEpollDispatcher::postFromAnotherThreadWakesTheLoop()
{
    int received = 0;
    std::thread poster([this, &received] {
        for (int i = 0; i < 100; ++i)
            QMetaObject::invokeMethod(
                this, [&received] { ++received; }, Qt::QueuedConnection);
    });
    poster.join();
    QTRY_COMPARE(received, 100);
}

void TestEpollDispatcher::postFromTheLoopsOwnHandlerRunsWithoutWaiting()
{
    // An event posted by a handler on the loop's own thread sets a flag instead of
    // writing the eventfd: the next turn must still not block in epoll_wait before
    // sending it. Nothing else would wake the loop before the guard timer.
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    QEventLoop loop;
    bool ran = false;
    bool timedOut = false;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        char c = 0;
        QCOMPARE(::read(pair.fds[0], &c, 1), 1);
        notifier.setEnabled(false);
        // Posted from a posted event: Qt sends it in the next sendPostedEvents().
        QMetaObject::invokeMethod(
            this,
            [&] {
                QMetaObject::invokeMethod(
                    this,
                    [&] {
                        ran = true;
                        loop.quit();
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    });
    QTimer::singleShot(10000, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    QCOMPARE(::write(pair.fds[1], "x", 1), 1);
    loop.exec();
    QVERIFY(ran);
    QVERIFY(!timedOut);
}

void TestEpollDispatcher::tcpEcho()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *peer = server.nextPendingConnection();
        connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
    });
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    const QByteArray payload(256 * 1024, 'q'); // more than one socket buffer: write notifiers
    client.write(payload);
    QByteArray echoed;
    connect(&client, &QTcpSocket::readyRead, this, [&] { echoed += client.readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), payload.size(), 10000);
    QCOMPARE(echoed, payload);
}

void TestEpollDispatcher::manyWebSocketsRoundTrip()
{
    constexpr int kClients = 200;
    QWebSocketServer server(QStringLiteral("test"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        while (QWebSocket *peer = server.nextPendingConnection()) {
            peer->setParent(&server);
            connect(peer, &QWebSocket::binaryMessageReceived, peer,
                    [peer](const QByteArray &m) { peer->sendBinaryMessage(m + "!"); });
        }
    });
    std::vector<std::unique_ptr<QWebSocket>> clients;
    int replies = 0;
    for (int i = 0; i < kClients; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QWebSocket *s = socket.get();
        const QByteArray expected = QByteArray::number(i) + "!";
        connect(s, &QWebSocket::connected, s,
                [s, i] { s->sendBinaryMessage(QByteArray::number(i)); });
        connect(s, &QWebSocket::binaryMessageReceived, this, [&replies, expected](auto &m) {
            if (m == expected)
                ++replies;
        });
        s->open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort())));
        clients.push_back(std::move(socket));
    }
    QTRY_COMPARE_WITH_TIMEOUT(replies, kClients, 20000);
    for (auto &c : clients)
        c->close();
    clients.clear();
}

int main(int argc, char *argv[])
{
    // As linnet-server's main(): before the application object exists.
    auto *dispatcher = new EpollEventDispatcher;
    if (!dispatcher->isValid()) {
        qCritical("epoll is not available on this kernel");
        return 1;
    }
    QCoreApplication::setEventDispatcher(dispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
