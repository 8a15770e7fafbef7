// SPDX-License-Identifier: GPL-3.0-or-later
// Media transfers against the real linnet-server when things go wrong: the server
// killed in the middle of an upload and of a download, a full disk, a stalled peer,
// too many transfers or connections, and blobs whose time is up.
#include "MediaTestSupport.h"
#include "SmallDisk.h"
#include "SqlTestHelpers.h"
#include "TestBase.h"

#include <QSqlQuery>
#include <QStorageInfo>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::media;

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;

/** Moves the times of @p blob in the server's database by @p ms into the past. */
bool age(const QString &dataDir, const QByteArray &blob, qint64 ms)
{
    SqlConnection c(QDir(dataDir).filePath(QStringLiteral("linnet.db")));
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("UPDATE media_blobs SET created_at = created_at - :ms, "
                             "last_write_at = last_write_at - :ms2 WHERE id = :id"));
    q.bindValue(QStringLiteral(":ms"), ms);
    q.bindValue(QStringLiteral(":ms2"), ms);
    q.bindValue(QStringLiteral(":id"), blob);
    return q.exec() && q.numRowsAffected() == 1;
}

int blobRows(const QString &dataDir)
{
    SqlConnection c(QDir(dataDir).filePath(QStringLiteral("linnet.db")));
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM media_blobs")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

} // namespace

class TestServerMediaFaults : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

    void startServer(const QByteArray &config = {})
    {
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   "registrations_per_minute = 1000\n" + config);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }
    Device user(const QString &prefix)
    {
        return registerDevice(*m_server, m_names.next(prefix), kTestPassword,
                              AfterSignIn::WaitForSynced);
    }
    static bool sendWith(Device &from, const Device &to, const QByteArray &blob)
    {
        SendRequest request = from->makeSend(to.name, "attachment", MessageId::generate());
        request.media = {blob};
        from->send(request);
        return from->replyTo<SendAck>(request.requestId).has_value();
    }

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(); }

    void cleanup()
    {
        if (m_server)
            m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void anUploadGoesOnAfterTheServerIsKilledInTheMiddle()
    {
        startServer();
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const QByteArray bytes = blobBytes(2 * 1024 * 1024, 7);
        const auto ticket = ana->reserveUpload(quint64(bytes.size()));
        QVERIFY(ticket);
        HttpTestClient http(m_server->url());
        QVERIFY(http.open());
        http.writeHead("PUT", HttpTestClient::pathOf(ticket->blob),
                       withTicket(*ticket, {{"Content-Length", QByteArray::number(bytes.size())}}));
        const qint64 half = 1024 * 1024 + 12345;
        http.write(bytes.first(half));
        QVERIFY(http.flush());
        QTRY_COMPARE(QFileInfo(blobFile(*m_server, ticket->blob)).size(), half);
        m_server->kill();
        http.abort();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        QVERIFY(reconnect(ana, *m_server));
        const auto resumed = ana->resumeUpload(ticket->blob);
        QVERIFY(resumed);
        QCOMPARE(resumed->offset, quint64(half));
        const QByteArray range = "bytes " + QByteArray::number(half) + '-' +
                                 QByteArray::number(bytes.size() - 1) + '/' +
                                 QByteArray::number(bytes.size());
        QCOMPARE(put(*m_server, *resumed, bytes.sliced(half), {{"Content-Range", range}}).status,
                 201);
        QVERIFY(reconnect(bob, *m_server));
        QVERIFY(sendWith(ana, bob, ticket->blob));
        const auto download = bob->requestDownload(ticket->blob);
        QVERIFY(download);
        const HttpResponse got = get(*m_server, *download);
        QCOMPARE(got.status, 200);
        QVERIFY(got.body == bytes);
    }

    void aDownloadGoesOnAfterTheServerIsKilledInTheMiddle()
    {
        startServer();
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const QByteArray bytes = blobBytes(8 * 1024 * 1024, 8);
        const QByteArray blob = upload(*m_server, ana, bytes);
        QVERIFY(!blob.isEmpty());
        QVERIFY(sendWith(ana, bob, blob));
        const auto ticket = bob->requestDownload(blob);
        QVERIFY(ticket);
        HttpTestClient http(m_server->url());
        QVERIFY(http.open());
        http.writeHead("GET", HttpTestClient::pathOf(blob), withTicket(*ticket));
        const auto part = http.readAtLeast(64 * 1024);
        QVERIFY(part);
        QCOMPARE(part->status, 200);
        m_server->kill();
        // What the client had when the server died (the kernel may have had more for it).
        const QByteArray first = http.readToClose().body;
        QVERIFY(first.size() >= 64 * 1024);
        QVERIFY(first.size() < bytes.size());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        // The ticket outlives the restart (the key is kept in the data directory).
        const HttpResponse rest =
            get(*m_server, *ticket, {{"Range", "bytes=" + QByteArray::number(first.size()) + "-"}});
        QCOMPARE(rest.status, 206);
        QVERIFY(first + rest.body == bytes);
    }

    void aStalledUploadIsClosedKeepsItsBytesAndOthersAreServedMeanwhile()
    {
        startServer("media_stall_seconds = 1\n");
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const auto ticket = ana->reserveUpload(10000);
        QVERIFY(ticket);
        HttpTestClient http(m_server->url());
        QVERIFY(http.open());
        http.writeHead("PUT", HttpTestClient::pathOf(ticket->blob),
                       withTicket(*ticket, {{"Content-Length", "10000"}}));
        http.write(blobBytes(300));
        QVERIFY(http.flush());
        // While the upload hangs, messages flow.
        QVERIFY(ana->sendMessage(bob.name, "still here"));
        QVERIFY(bob->waitFor<Deliver>());
        QTRY_VERIFY_WITH_TIMEOUT(http.isClosed(), 10000);
        const HttpResponse offset = get(*m_server, *ticket, {}, "HEAD");
        QCOMPARE(offset.header("upload-offset"), QByteArray("300"));
    }

    void aDownloadWhosePeerStopsReadingIsDropped()
    {
        startServer("media_stall_seconds = 1\nmedia_transfers_per_device = 1\n");
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        // More than the kernel's buffers on both ends hold.
        const qint64 size = 16 * 1024 * 1024;
        const QByteArray blob = upload(*m_server, ana, blobBytes(size, 11));
        QVERIFY(!blob.isEmpty());
        QVERIFY(sendWith(ana, bob, blob));
        const auto ticket = bob->requestDownload(blob);
        QVERIFY(ticket);
        QTcpSocket reader; // asks, and never reads
        reader.setReadBufferSize(64 * 1024);
        reader.connectToHost(m_server->url().host(), quint16(m_server->url().port()));
        QVERIFY(reader.waitForConnected(5000));
        reader.write("GET " + HttpTestClient::pathOf(blob) + " HTTP/1.1\r\nHost: x\r\n" +
                     "Authorization: " + HttpTestClient::bearer(ticket->ticket) + "\r\n\r\n");
        QVERIFY(reader.waitForBytesWritten(5000));
        // Its device's only transfer slot is taken until the server drops it.
        int status = 0; // QTRY_* evaluates its condition once more after success: no second GET
        QByteArray body;
        QTRY_VERIFY_WITH_TIMEOUT(
            status == 200 ||
                [&] {
                    const HttpResponse again = get(*m_server, *ticket);
                    status = again.status;
                    body = again.body;
                    return status == 200;
                }(),
            20000);
        QCOMPARE(body.size(), size);
        QVERIFY(m_server->output().contains("dropping a media transfer that moved nothing"));
    }

    void aDeviceRunsOnlySoManyTransfersAtOnce()
    {
        startServer("media_transfers_per_device = 1\n");
        Device ana = user(QStringLiteral("ana"));
        const auto first = ana->reserveUpload(10000);
        const auto second = ana->reserveUpload(100);
        QVERIFY(first && second);
        HttpTestClient hanging(m_server->url());
        QVERIFY(hanging.open());
        hanging.writeHead("PUT", HttpTestClient::pathOf(first->blob),
                          withTicket(*first, {{"Content-Length", "10000"}}));
        hanging.write("x");
        QVERIFY(hanging.flush());
        QTRY_COMPARE(QFileInfo(blobFile(*m_server, first->blob)).size(), 1);
        const HttpResponse refused = put(*m_server, *second, blobBytes(100));
        QCOMPARE(refused.status, 429);
        QVERIFY(!refused.header("retry-after").isEmpty());
        // A HEAD is no transfer.
        QCOMPARE(get(*m_server, *first, {}, "HEAD").header("upload-offset"), QByteArray("1"));
        // Once the first is gone, its slot is free again.
        hanging.abort();
        int status = 0; // QTRY_* evaluates its condition once more after success: no second PUT
        QTRY_VERIFY(status == 201 ||
                    (status = put(*m_server, *second, blobBytes(100)).status) == 201);
    }

    void httpConnectionsCountAgainstTheConnectionLimit()
    {
        startServer("max_connections = 2\n");
        Device ana = user(QStringLiteral("ana"));
        const auto ticket = ana->reserveUpload(10);
        QVERIFY(ticket);
        Device bob = user(QStringLiteral("bob")); // the second signed-in connection
        QVERIFY(bob.deviceId > 0);
        const HttpResponse full = put(*m_server, *ticket, blobBytes(10));
        QCOMPARE(full.status, 503);
        QVERIFY(!full.header("retry-after").isEmpty());
        bob.client.reset();
        int status = 0; // QTRY_* evaluates its condition once more after success: no second PUT
        QTRY_VERIFY(status == 201 ||
                    (status = put(*m_server, *ticket, blobBytes(10)).status) == 201);
        // And an HTTP transfer under way takes a WebSocket's place.
        const auto other = ana->reserveUpload(100);
        QVERIFY(other);
        HttpTestClient hanging(m_server->url());
        QVERIFY(hanging.open());
        hanging.writeHead("PUT", HttpTestClient::pathOf(other->blob),
                          withTicket(*other, {{"Content-Length", "100"}}));
        hanging.write("x");
        QVERIFY(hanging.flush());
        QTRY_COMPARE(QFileInfo(blobFile(*m_server, other->blob)).size(), 1);
        RawClient refused;
        refused.open(m_server->url());
        const auto error = refused.waitFor<ErrorFrame>();
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::RateLimited);
    }

    void anAddressOverItsLimitOfConnectionsNotSignedInGets429()
    {
        startServer("max_unauthenticated_per_address = 1\n");
        Device ana = user(QStringLiteral("ana"));
        const auto ticket = ana->reserveUpload(10);
        QVERIFY(ticket);
        // One connection of this address that has not signed in fills its limit.
        QTcpSocket idle;
        idle.connectToHost(m_server->url().host(), quint16(m_server->url().port()));
        QVERIFY(idle.waitForConnected(5000));
        const HttpResponse busy = put(*m_server, *ticket, blobBytes(10));
        QCOMPARE(busy.status, 429);
        QVERIFY(!busy.header("retry-after").isEmpty());
        idle.abort();
        int status = 0; // QTRY_* evaluates its condition once more after success: no second PUT
        QTRY_VERIFY(status == 201 ||
                    (status = put(*m_server, *ticket, blobBytes(10)).status) == 201);
    }

    void blobsGoAfterRetentionAndOrphansAfterTheirAgeAtTheNextStart()
    {
        startServer();
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const QByteArray sent = upload(*m_server, ana, blobBytes(100, 1));
        const QByteArray fresh = upload(*m_server, ana, blobBytes(100, 2));
        const QByteArray orphan = upload(*m_server, ana, blobBytes(100, 3));
        const auto partial = ana->reserveUpload(100);
        QVERIFY(!sent.isEmpty() && !fresh.isEmpty() && !orphan.isEmpty() && partial);
        QCOMPARE(put(*m_server, *partial, blobBytes(50)).status, 200);
        QVERIFY(sendWith(ana, bob, sent));
        QVERIFY(sendWith(ana, bob, fresh));
        QCOMPARE(m_server->stop(), 0);

        // 31 days for the sent blob (retention_days 30); 25 h for the orphans (24 h).
        QVERIFY(age(m_server->dataDir(), sent, 31 * 24 * kHourMs));
        QVERIFY(age(m_server->dataDir(), orphan, 25 * kHourMs));
        QVERIFY(age(m_server->dataDir(), partial->blob, 25 * kHourMs));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        for (const QByteArray &gone : {sent, orphan, partial->blob})
            QVERIFY(!QFile::exists(blobFile(*m_server, gone)));
        QVERIFY(QFile::exists(blobFile(*m_server, fresh)));
        QCOMPARE(blobRows(m_server->dataDir()), 1);
        QVERIFY(reconnect(bob, *m_server));
        QVERIFY(!bob->requestDownload(sent));
        QCOMPARE(bob->lastErrorCode(), 418);
        QVERIFY(bob->requestDownload(fresh));
    }

    void aFullDiskFailsTheUploadWith507AndLosesNothing()
    {
        if (!SmallDisk::possible())
            QSKIP(SmallDisk::kSkipReason);
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   "registrations_per_minute = 1000\n");
        const QString dir = m_server->dataDir();
        const SmallDisk disk(*m_server, 8);
        QVERIFY(disk.mounted());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const QByteArray small = upload(*m_server, ana, blobBytes(1000, 9));
        QVERIFY(sendWith(ana, bob, small));
        // More than the disk holds: refused before anything is reserved.
        QVERIFY(!ana->reserveUpload(64 * 1024 * 1024));
        QCOMPARE(ana->lastErrorCode(), 507);

        // A blob that fits when reserved, and a disk that fills while it is uploaded.
        const QByteArray bytes = blobBytes(4 * 1024 * 1024, 10);
        const auto ticket = ana->reserveUpload(quint64(bytes.size()));
        QVERIFY(ticket);
        const QString filler = QDir(dir).filePath(QStringLiteral("filler"));
        {
            QFile file(filler);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray mib(1024 * 1024, 'f');
            while (QStorageInfo(dir).bytesAvailable() > 2 * 1024 * 1024 && file.write(mib) > 0) {
            }
        }
        const HttpResponse full = put(*m_server, *ticket, bytes);
        QCOMPARE(full.status, 507);
        const qint64 kept = full.header("upload-offset").toLongLong();
        QVERIFY(kept > 0 && kept < bytes.size());
        QCOMPARE(QFileInfo(blobFile(*m_server, ticket->blob)).size(), kept);
        // Nothing else is lost: bob still fetches what he was sent.
        const auto download = bob->requestDownload(small);
        QVERIFY(download);
        QCOMPARE(get(*m_server, *download).body, blobBytes(1000, 9));

        // With space again, the upload goes on from where the disk ran out.
        QVERIFY(QFile::remove(filler));
        const QByteArray range = "bytes " + QByteArray::number(kept) + '-' +
                                 QByteArray::number(bytes.size() - 1) + '/' +
                                 QByteArray::number(bytes.size());
        QCOMPARE(put(*m_server, *ticket, bytes.sliced(kept), {{"Content-Range", range}}).status,
                 201);
        QFile file(blobFile(*m_server, ticket->blob));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == bytes);
    }
};

QTEST_GUILESS_MAIN(TestServerMediaFaults)
#include "tst_server_media_faults.moc"
