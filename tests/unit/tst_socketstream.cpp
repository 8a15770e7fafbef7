// SPDX-License-Identifier: GPL-3.0-or-later
// SocketStream on one end of a real socketpair, the test reading and writing the other.
#include "transport/QtSocketStream.h"
#include "transport/SocketStream.h"

#include <QtTest>

#include <cerrno>

#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using linnet::server::ByteStream;
using linnet::server::QtSocketStream;
using linnet::server::SocketStream;

namespace {

struct Recorder final : ByteStream::Listener {
    QByteArray data;
    int closed = 0;
    int drained = 0;
    void streamData(const QByteArray &bytes) override { data += bytes; }
    void streamClosed() override { ++closed; }
    void streamDrained() override { ++drained; }
};

/** Everything the peer can read without blocking; sets @p eof when the stream ended. */
QByteArray readPeer(int fd, bool *eof = nullptr)
{
    QByteArray out;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) {
            out.append(buf, qsizetype(n));
            continue;
        }
        if (n == 0 && eof)
            *eof = true;
        return out;
    }
}

/** A loopback TCP connection: @p client connected to @p server; the accepted end, or null. */
QTcpSocket *acceptLoopback(QTcpServer &server, QTcpSocket &client)
{
    if (!server.listen(QHostAddress::LocalHost))
        return nullptr;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    return server.waitForNewConnection(5000) ? server.nextPendingConnection() : nullptr;
}

/** A temporary file holding @p bytes, open for reading (its descriptor: handle()). */
std::unique_ptr<QTemporaryFile> fileWith(const QByteArray &bytes)
{
    auto file = std::make_unique<QTemporaryFile>();
    if (!file->open() || file->write(bytes) != bytes.size() || !file->flush())
        return nullptr;
    return file;
}

/** Bytes that differ from offset to offset (so a range in the wrong place shows). */
QByteArray varied(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + i / 251) & 0xff);
    return bytes;
}

} // namespace

class TestSocketStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM, 0, m_fds) == 0);
        m_stream = std::make_unique<SocketStream>(m_fds[0]);
        m_stream->setListener(&m_recorder);
        m_recorder = Recorder{};
    }

    void cleanup()
    {
        m_stream.reset();
        ::close(m_fds[1]);
    }

    void writesOfOnePassGoOutTogether()
    {
        m_stream->write("one ");
        m_stream->write("two ");
        m_stream->write("three");
        QByteArray got = readPeer(m_fds[1]);
        QCOMPARE(got, QByteArray()); // nothing before the event loop runs
        QTRY_VERIFY((got += readPeer(m_fds[1])) == "one two three");
    }

    void readsWhatThePeerSends()
    {
        QByteArray sent;
        for (int i = 0; i < 5; ++i) {
            const QByteArray chunk(100000 + i, char('a' + i));
            sent += chunk;
            QVERIFY(::send(m_fds[1], chunk.constData(), size_t(chunk.size()), 0) > 0 ||
                    errno == EAGAIN);
            QTRY_COMPARE(m_recorder.data.size(), sent.size());
        }
        QCOMPARE(m_recorder.data, sent);
        QCOMPARE(m_recorder.closed, 0);
    }

    void slowReaderGetsEverythingInOrder()
    {
        QByteArray sent;
        for (int i = 0; i < 64; ++i) {
            const QByteArray chunk(128 * 1024, char(i));
            sent += chunk;
            m_stream->write(chunk); // 8 MiB, far more than the kernel buffers
        }
        QCOMPARE(m_stream->pendingBytes(), sent.size());
        QCoreApplication::processEvents();
        QVERIFY(m_stream->pendingBytes() > 0); // what the kernel did not take yet
        QByteArray got = readPeer(m_fds[1]);
        QVERIFY2(got.size() < sent.size(), "the kernel took 8 MiB at once");
        QTRY_VERIFY_WITH_TIMEOUT((got += readPeer(m_fds[1])).size() == sent.size(), 20000);
        QCOMPARE(got, sent);
        QCOMPARE(m_stream->pendingBytes(), 0);
        QCOMPARE(m_recorder.closed, 0);
        QTRY_COMPARE(m_recorder.drained, 1); // once, when the last byte went
    }

    void smallWritesSayNothingWhenSent()
    {
        // The drained notice is for writers that held back: not after every write.
        for (int i = 0; i < 100; ++i) {
            m_stream->write(QByteArray(100, 'x'));
            QCoreApplication::processEvents();
        }
        QByteArray got;
        QTRY_COMPARE((got += readPeer(m_fds[1])).size(), 100 * 100);
        QCOMPARE(m_recorder.drained, 0);
        m_stream->write(QByteArray(ByteStream::kDrainNoticeBytes, 'y')); // fits the kernel
        QTRY_COMPARE(m_stream->pendingBytes(), 0);
        QTRY_COMPARE(m_recorder.drained, 1);
    }

    void closeAfterWritesSendsEverythingFirst()
    {
        const QByteArray big(3 * 1024 * 1024, 'x');
        m_stream->write(big);
        m_stream->closeAfterWrites();
        m_stream->write("ignored after close");
        QByteArray got;
        bool eof = false;
        QTRY_VERIFY_WITH_TIMEOUT((got += readPeer(m_fds[1], &eof), eof), 20000);
        QCOMPARE(got, big);
        QCOMPARE(m_recorder.closed, 0); // our side is half closed; the peer has not closed yet
        ::shutdown(m_fds[1], SHUT_WR);
        QTRY_COMPARE(m_recorder.closed, 1);
    }

    void peerCloseDeliversDataThenCloses()
    {
        QVERIFY(::send(m_fds[1], "last words", 10, 0) == 10);
        ::shutdown(m_fds[1], SHUT_WR);
        QTRY_COMPARE(m_recorder.closed, 1);
        QCOMPARE(m_recorder.data, QByteArray("last words"));
        m_stream->write("too late"); // ignored, no crash
        QCoreApplication::processEvents();
        QCOMPARE(m_recorder.closed, 1);
    }

    void aFileRangeGoesOutBetweenTheWritesAroundIt()
    {
        const QByteArray content = varied(3 * 1024 * 1024 + 17);
        auto file = fileWith(content);
        QVERIFY(file);
        QVERIFY(m_stream->canSendFile());
        m_stream->write("head|");
        QVERIFY(m_stream->writeFile(int(file->handle()), 1000, 2 * 1024 * 1024));
        file.reset();                           // the stream keeps a descriptor of its own
        QVERIFY(!m_stream->writeFile(0, 0, 1)); // one file at a time
        m_stream->write("|tail");
        QCOMPARE(m_stream->pendingBytes(), qint64(5 + 2 * 1024 * 1024 + 5));
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += readPeer(m_fds[1])).size() >= 2 * 1024 * 1024 + 10, 20000);
        QCOMPARE(got, "head|" + content.sliced(1000, 2 * 1024 * 1024) + "|tail");
        QTRY_COMPARE(m_stream->pendingBytes(), 0);
        QTRY_VERIFY(m_recorder.drained >= 1);
        QCOMPARE(m_recorder.closed, 0);
    }

    void aFileThenCloseAfterWritesSendsItAllBeforeTheEnd()
    {
        const QByteArray content = varied(1024 * 1024);
        auto file = fileWith(content);
        QVERIFY(file);
        QVERIFY(m_stream->writeFile(int(file->handle()), 0, content.size()));
        m_stream->closeAfterWrites();
        QVERIFY(!m_stream->writeFile(int(file->handle()), 0, 1)); // closing
        QByteArray got;
        bool eof = false;
        QTRY_VERIFY_WITH_TIMEOUT((got += readPeer(m_fds[1], &eof), eof), 20000);
        QCOMPARE(got, content);
    }

    void aFileShorterThanSaidDropsTheConnection()
    {
        const QByteArray content = varied(100000);
        auto file = fileWith(content);
        QVERIFY(file);
        QVERIFY(m_stream->writeFile(int(file->handle()), 0, content.size() + 5000));
        QByteArray got;
        bool eof = false;
        QTRY_VERIFY_WITH_TIMEOUT((got += readPeer(m_fds[1], &eof), eof), 20000);
        QCOMPARE(got, content); // a short body: the peer sees it cut, never other bytes
        QTRY_COMPARE(m_recorder.closed, 1);
    }

    void aFileToAPeerThatIsGoneClosesTheStreamWithoutSigpipe()
    {
        auto file = fileWith(varied(4 * 1024 * 1024));
        QVERIFY(file);
        ::close(m_fds[1]);
        m_fds[1] = ::open("/dev/null", O_RDONLY); // for cleanup()
        QVERIFY(m_stream->writeFile(int(file->handle()), 0, 4 * 1024 * 1024));
        // With SIGPIPE's default action this process would end here.
        QTRY_COMPARE(m_recorder.closed, 1);
    }

    void aTlsStreamCannotSendFiles()
    {
        QTcpServer server;
        QTcpSocket client;
        QTcpSocket *accepted = acceptLoopback(server, client);
        QVERIFY(accepted);
        QtSocketStream stream(accepted);
        QVERIFY(!stream.canSendFile());
        QVERIFY(!stream.writeFile(0, 0, 1));
    }

    void tcpConnectionsDoNotWaitForAcks()
    {
        // Nagle off on a real TCP connection: the stream gathers its writes itself.
        QTcpServer server;
        QTcpSocket client;
        QTcpSocket *accepted = acceptLoopback(server, client);
        QVERIFY(accepted);
        const int fd = ::dup(int(accepted->socketDescriptor()));
        SocketStream stream(fd);
        int noDelay = 0;
        socklen_t length = sizeof noDelay;
        QVERIFY(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &length) == 0);
        QCOMPARE(noDelay, 1);
        QCOMPARE(stream.peerAddress(), QHostAddress(QHostAddress::LocalHost));
    }

    void qtSocketStreamSaysWhenItsOutputHasGone()
    {
        // The TLS path's stream (a QTcpSocket here; a QSslSocket behaves alike):
        // the same notice once a big write has gone, none for small ones.
        QTcpServer server;
        QTcpSocket client;
        QTcpSocket *accepted = acceptLoopback(server, client);
        QVERIFY(accepted);
        Recorder recorder;
        QtSocketStream stream(accepted);
        stream.setListener(&recorder);
        QByteArray got;
        stream.write("small");
        QTRY_COMPARE((got += client.readAll()), QByteArray("small"));
        QCOMPARE(recorder.drained, 0);
        const QByteArray big(4 * 1024 * 1024, 'b');
        stream.write(big);
        QVERIFY(stream.pendingBytes() >= ByteStream::kDrainNoticeBytes);
        got.clear();
        QTRY_VERIFY_WITH_TIMEOUT((got += client.readAll()).size() == big.size(), 20000);
        QCOMPARE(got, big);
        QTRY_COMPARE(recorder.drained, 1);
        QCOMPARE(stream.pendingBytes(), 0);
    }

    void abortClosesQuietly()
    {
        m_stream->write("never sent");
        m_stream->abort();
        QCoreApplication::processEvents();
        bool eof = false;
        QCOMPARE(readPeer(m_fds[1], &eof), QByteArray());
        QVERIFY(eof);
        QCOMPARE(m_recorder.closed, 0); // the caller knows
    }

private:
    int m_fds[2] = {-1, -1};
    Recorder m_recorder;
    std::unique_ptr<SocketStream> m_stream;
};

QTEST_GUILESS_MAIN(TestSocketStream)
#include "tst_socketstream.moc"
