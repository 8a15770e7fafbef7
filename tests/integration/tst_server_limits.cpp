// SPDX-License-Identifier: GPL-3.0-or-later
// Connection limits of the real linnet-server under floods: connections that never
// sign in are limited per address and in total, apart from signed-in ones, and a
// server out of file descriptors waits without spinning and recovers.
//
// Every address in 127.0.0.0/8 is this host, so 127.0.0.2, 127.0.0.3... stand for
// other machines.
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "WebSocketTcp.h"
#include "WebSocketTestFrames.h"

#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QtTest>

#include <memory>
#include <vector>

#include <unistd.h>

using namespace linnet::protocol;
using namespace linnet::test;

namespace {

const QString kPassword = QStringLiteral("password123");

using Sockets = std::vector<std::unique_ptr<QTcpSocket>>;

/** @p count TCP connections from @p from that never say a word (a flood). */
Sockets flood(const QUrl &url, const QHostAddress &from, int count)
{
    Sockets out;
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        if (!socket->bind(from))
            break;
        socket->connectToHost(url.host(), quint16(url.port()));
        if (!socket->waitForConnected(10000))
            break;
        out.push_back(std::move(socket));
    }
    return out;
}

/**
 * Opens the WebSocket on @p tcp, sends @p request if given, and returns the first frame
 * the server sends (decoded), or nullopt if none came.
 */
std::optional<Frame> firstAnswer(WebSocketTcp &tcp, const std::optional<Frame> &request = {})
{
    tcp.write(WebSocketTcp::handshake());
    if (!tcp.readHead().startsWith("HTTP/1.1 101"))
        return std::nullopt;
    if (request)
        tcp.write(clientFrame(0x2, encodeFrame(*request)));
    const auto frame = tcp.readFrame();
    if (!frame)
        return std::nullopt;
    auto decoded = decodeFrame(frame->second);
    if (!decoded)
        return std::nullopt;
    return decoded.value();
}

std::optional<ErrorCode> errorCodeOf(const std::optional<Frame> &frame)
{
    const auto *error = frame ? std::get_if<ErrorFrame>(&*frame) : nullptr;
    return error ? std::optional(error->code) : std::nullopt;
}

/** utime + stime of process @p pid, in clock ticks. */
qint64 cpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after "(comm)": state is field 3, utime 14 and stime 15.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return fields[11].toLongLong() + fields[12].toLongLong();
}

int openDescriptors(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid))
                   .entryList(QDir::NoDotAndDotDot | QDir::System)
                   .size());
}

} // namespace

class TestServerLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void overItsAddressLimitAConnectionIsToldWhyAndOthersStillGetIn()
    {
        ServerProcess server(ServerProcess::openRegistration(),
                             "max_unauthenticated_per_address = 8\nauth_timeout_seconds = 600\n");
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QHostAddress attacker(QStringLiteral("127.0.0.2"));

        const Sockets silent = flood(server.url(), attacker, 8);
        QCOMPARE(silent.size(), size_t(8));

        // The ninth from that address is accepted after the eight (one accept queue),
        // and told why it cannot stay.
        WebSocketTcp ninth;
        QVERIFY(ninth.connectTo(server.url(), attacker));
        const auto frame = firstAnswer(ninth);
        QVERIFY2(frame, "the connection over the limit got no frame");
        const auto *error = std::get_if<ErrorFrame>(&*frame);
        QVERIFY2(error, "the connection over the limit got another frame than error");
        QCOMPARE(error->code, ErrorCode::RateLimited);
        QVERIFY2(error->reason.contains(QStringLiteral("your address")), qPrintable(error->reason));
        QVERIFY(ninth.waitForClosed());

        // Someone else signs in as usual, and so does the flooded address once its
        // silent connections are gone (the server notices their close in its own time).
        RawClient user;
        QVERIFY(user.connectTo(server.url()));
        QVERIFY2(user.registerUser(QStringLiteral("alice"), kPassword), "a real user was refused");
        for (const auto &s : silent)
            s->abort();
        const Frame auth = AuthRequest{1, 4242, QByteArray(kTokenBytes, 'x')};
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                WebSocketTcp again;
                return again.connectTo(server.url(), attacker) &&
                       errorCodeOf(firstAnswer(again, auth)) == ErrorCode::BadCredentials;
            }(),
            10000);
    }

    void overAllLimitsAConnectionIsClosedAtOnce()
    {
        ServerProcess server({}, "max_unauthenticated_per_address = 4\nmax_unauthenticated = 6\n"
                                 "auth_timeout_seconds = 600\n");
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        // 4 from one address and 2 from another fill the total of 6.
        const Sockets first = flood(server.url(), QHostAddress(QStringLiteral("127.0.0.2")), 4);
        const Sockets second = flood(server.url(), QHostAddress(QStringLiteral("127.0.0.3")), 2);
        QCOMPARE(first.size() + second.size(), size_t(6));
        WebSocketTcp late;
        QVERIFY(late.connectTo(server.url(), QHostAddress(QStringLiteral("127.0.0.4"))));
        late.write(WebSocketTcp::handshake());
        QVERIFY(late.waitForClosed());
        QVERIFY(late.readHead().isEmpty()); // not a byte of an answer
    }

    void signedInConnectionsAreCountedApartFromUnauthenticatedOnes()
    {
        // max_connections counts users who signed in: three connections that never
        // do (but finished their handshake) must not take the places of two who do.
        ServerProcess server(ServerProcess::openRegistration(),
                             "max_connections = 2\nauth_timeout_seconds = 600\n");
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        std::vector<std::unique_ptr<WebSocketTcp>> idle;
        for (int i = 0; i < 3; ++i) {
            auto tcp = std::make_unique<WebSocketTcp>();
            QVERIFY(tcp->connectTo(server.url(), QHostAddress(QStringLiteral("127.0.0.3"))));
            tcp->write(WebSocketTcp::handshake());
            QVERIFY(tcp->readHead().startsWith("HTTP/1.1 101"));
            idle.push_back(std::move(tcp));
        }

        RawClient a, b, c;
        QVERIFY(a.connectTo(server.url()));
        QVERIFY2(a.registerUser(QStringLiteral("alice"), kPassword), "first user refused");
        QVERIFY(b.connectTo(server.url()));
        QVERIFY2(b.registerUser(QStringLiteral("bob"), kPassword), "second user refused");

        // The limit itself still holds for signed-in connections.
        c.open(server.url()); // closed right after its handshake
        const auto refused = c.waitFor<ErrorFrame>();
        QVERIFY(refused);
        QCOMPARE(refused->code, ErrorCode::RateLimited);
        QVERIFY2(refused->reason.contains(QStringLiteral("too many connections")),
                 qPrintable(refused->reason));
        QVERIFY(a.isConnected() && b.isConnected());
    }

    void atTheOpenFileLimitTheServerIdlesAndTakesClientsOnceDescriptorsFree()
    {
        constexpr int kLimit = 64;
        ServerProcess server(ServerProcess::openRegistration(),
                             "max_unauthenticated = 1000\nmax_unauthenticated_per_address = "
                             "1000\nauth_timeout_seconds = 600\n");
        server.setOpenFileLimit(kLimit);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const qint64 pid = server.pid();
        QVERIFY(pid > 0);
        QVERIFY(openDescriptors(pid) < kLimit - 8);

        // More connections than the server has descriptors left: the rest wait in the
        // kernel's accept queue.
        Sockets silent =
            flood(server.url(), QHostAddress(QStringLiteral("127.0.0.2")), kLimit + 20);
        QCOMPARE(silent.size(), size_t(kLimit + 20));
        // Descriptors are taken lowest first: the last one in use means all are.
        const QString lastDescriptor = QStringLiteral("/proc/%1/fd/%2").arg(pid).arg(kLimit - 1);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lastDescriptor), 10000);

        // Sitting at the limit costs (almost) no CPU: it used a whole core before.
        // CPU time, not wall time: a busy machine does not change it.
        const qint64 before = cpuTicks(pid);
        QVERIFY(before >= 0);
        QTest::qWait(2000);
        const qint64 spent = cpuTicks(pid) - before;
        const long ticksPerSecond = sysconf(_SC_CLK_TCK);
        QVERIFY2(spent < ticksPerSecond / 5, // < 0.2 s of CPU in 2 s
                 qPrintable(QStringLiteral("the server used %1 ticks (%2/s) at its file limit")
                                .arg(spent)
                                .arg(ticksPerSecond)));

        // Once descriptors are free again a real user gets in.
        for (const auto &s : silent)
            s->abort();
        silent.clear();
        RawClient user;
        QVERIFY(user.connectTo(server.url()));
        QVERIFY2(user.registerUser(QStringLiteral("alice"), kPassword),
                 "no one got in after the descriptors were freed");
        QVERIFY(server.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_server_limits.moc"
