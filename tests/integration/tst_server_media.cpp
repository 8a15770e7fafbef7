// SPDX-License-Identifier: GPL-3.0-or-later
// Media against the real linnet-server: the media frames, uploads and downloads
// over HTTP on the WebSocket's port, grants given by messages, and the answers to
// every ticket, blob and body that is not right (docs/protocol.md 4.30-4.33, 10).
#include "MediaTestSupport.h"
#include "TestBase.h"

#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::media;

class TestServerMedia : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;

    Device user(const QString &prefix)
    {
        return registerDevice(*m_server, m_names.next(prefix), kTestPassword,
                              AfterSignIn::WaitForSynced);
    }

    /** Sends @p blobs with a message from @p from to @p to; the ack, or nullopt. */
    static std::optional<SendAck> sendWith(Device &from, const Device &to,
                                           const QList<QByteArray> &blobs,
                                           const MessageId &id = MessageId::generate())
    {
        SendRequest request = from->makeSend(to.name, "attachment message", id);
        request.media = blobs;
        from->send(request);
        return from->replyTo<SendAck>(request.requestId);
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        m_server = std::make_unique<ServerProcess>(
            ServerProcess::openRegistration(),
            "registrations_per_minute = 1000\nmedia_max_bytes = 4000000\n"
            "media_quota_bytes = 6000000\n");
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup() { m_server->warnOutputIfTestFailed(); }

    void anUploadedBlobReachesEveryDeviceOfTheMessageByteForByte()
    {
        Device ana = user(QStringLiteral("ana"));
        Device anaPhone =
            loginDevice(*m_server, ana.name, kTestPassword, AfterSignIn::WaitForSynced);
        Device bob = user(QStringLiteral("bob"));
        const QByteArray bytes = blobBytes(700 * 1024); // more than one piece in flight
        const QByteArray blob = upload(*m_server, ana, bytes);
        QVERIFY(!blob.isEmpty());
        QCOMPARE(QFileInfo(blobFile(*m_server, blob)).size(), bytes.size());
        QCOMPARE(QFile::permissions(blobFile(*m_server, blob)) & 0x0077,
                 QFileDevice::Permissions());

        QVERIFY(sendWith(ana, bob, {blob}));
        QVERIFY(bob->waitFor<Deliver>());
        for (Device *d : {&bob, &anaPhone}) {
            const auto ticket = (*d)->requestDownload(blob);
            QVERIFY(ticket);
            QCOMPARE(ticket->size, quint64(bytes.size()));
            const HttpResponse got = get(*m_server, *ticket);
            QCOMPARE(got.status, 200);
            QCOMPARE(got.header("content-length"), QByteArray::number(bytes.size()));
            QVERIFY(got.body == bytes);
        }
        // The sending device has its own copy: it was not sent the message.
        QVERIFY(!ana->requestDownload(blob));
        QCOMPARE(ana->lastErrorCode(), 418);
    }

    void aDownloadResumesFromARangeAndHeadTellsTheSize()
    {
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const QByteArray bytes = blobBytes(100000, 2);
        const QByteArray blob = upload(*m_server, ana, bytes);
        QVERIFY(sendWith(ana, bob, {blob}));
        const auto ticket = bob->requestDownload(blob);
        QVERIFY(ticket);

        const HttpResponse rest = get(*m_server, *ticket, {{"Range", "bytes=40000-"}});
        QCOMPARE(rest.status, 206);
        QCOMPARE(rest.header("content-range"), QByteArray("bytes 40000-99999/100000"));
        QVERIFY(rest.body == bytes.sliced(40000));
        const HttpResponse middle = get(*m_server, *ticket, {{"Range", "bytes=10-19"}});
        QCOMPARE(middle.status, 206);
        QCOMPARE(middle.body, bytes.sliced(10, 10));
        const HttpResponse past = get(*m_server, *ticket, {{"Range", "bytes=100000-"}});
        QCOMPARE(past.status, 416);
        QCOMPARE(past.header("content-range"), QByteArray("bytes */100000"));
        const HttpResponse head = get(*m_server, *ticket, {}, "HEAD");
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("content-length"), QByteArray("100000"));
        QVERIFY(head.body.isEmpty());
    }

    void aBlobSentFromItsFileServesEveryRangeByteForByte()
    {
        // Plain HTTP: the server hands the blob's file to the kernel (sendfile) in pieces
        // of 256 KiB; ranges that start, end and cross inside those pieces.
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const qint64 size = 3 * 1024 * 1024 + 12345;
        const QByteArray bytes = blobBytes(size, 5);
        const QByteArray blob = upload(*m_server, ana, bytes);
        QVERIFY(!blob.isEmpty());
        QVERIFY(sendWith(ana, bob, {blob}));
        const auto ticket = bob->requestDownload(blob);
        QVERIFY(ticket);
        const HttpResponse whole = get(*m_server, *ticket);
        QCOMPARE(whole.status, 200);
        QVERIFY(whole.body == bytes);
        const QList<std::pair<qint64, qint64>> ranges{
            {300000, size - 1}, {262100, 786500}, {262144, 524287}, {size - 1, size - 1}, {0, 0}};
        for (const auto &[first, last] : ranges) {
            const QByteArray spec =
                "bytes=" + QByteArray::number(first) + '-' +
                (last == size - 1 && first != last ? QByteArray() : QByteArray::number(last));
            const HttpResponse part = get(*m_server, *ticket, {{"Range", spec}});
            QCOMPARE(part.status, 206);
            QCOMPARE(part.header("content-range"), "bytes " + QByteArray::number(first) + '-' +
                                                       QByteArray::number(last) + '/' +
                                                       QByteArray::number(size));
            QCOMPARE(part.header("content-length"), QByteArray::number(last - first + 1));
            QVERIFY2(part.body == bytes.sliced(first, last - first + 1), spec.constData());
        }
        // A slow reader gets it all the same (the kernel's buffer fills; the rest waits).
        HttpTestClient slow(m_server->url());
        QVERIFY(slow.open());
        slow.writeHead(
            "GET", HttpTestClient::pathOf(blob),
            {{"Authorization", HttpTestClient::bearer(ticket->ticket)}, {"Range", "bytes=1000-"}});
        QVERIFY(slow.readAtLeast(1));
        const HttpResponse rest = slow.readToClose();
        QCOMPARE(rest.status, 206);
        QVERIFY(rest.body == bytes.sliced(1000));
    }

    void aBlobCutShortOnDiskEndsTheBodyShortNeverWithOtherBytes()
    {
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const QByteArray bytes = blobBytes(1024 * 1024 + 7, 6);
        const QByteArray blob = upload(*m_server, ana, bytes);
        QVERIFY(sendWith(ana, bob, {blob}));
        const auto ticket = bob->requestDownload(blob);
        QVERIFY(ticket);
        QVERIFY(QFile::resize(blobFile(*m_server, blob), 600000));
        const HttpResponse cut = get(*m_server, *ticket);
        QCOMPARE(cut.status, 200);
        QCOMPARE(cut.header("content-length"), QByteArray::number(bytes.size()));
        QVERIFY(cut.body.size() < bytes.size());
        QVERIFY(cut.body == bytes.first(cut.body.size()));
    }

    void anUploadInPartsGoesOnWhereTheServerIsAndAWrongStartIs409()
    {
        Device ana = user(QStringLiteral("ana"));
        const QByteArray bytes = blobBytes(50000, 3);
        const auto ticket = ana->reserveUpload(quint64(bytes.size()));
        QVERIFY(ticket);
        QCOMPARE(ticket->offset, quint64(0));
        QVERIFY(ticket->expires > QDateTime::currentMSecsSinceEpoch());

        const HttpResponse first = put(*m_server, *ticket, bytes.first(20000));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("upload-offset"), QByteArray("20000"));
        const HttpResponse offset = get(*m_server, *ticket, {}, "HEAD");
        QCOMPARE(offset.status, 200);
        QCOMPARE(offset.header("upload-offset"), QByteArray("20000"));
        const auto resumed = ana->resumeUpload(ticket->blob);
        QVERIFY(resumed);
        QCOMPARE(resumed->offset, quint64(20000));
        QCOMPARE(resumed->size, quint64(bytes.size()));

        // From the start again, or past what the server has: 409 with where it is.
        const HttpResponse again = put(*m_server, *ticket, bytes.first(100));
        QCOMPARE(again.status, 409);
        QCOMPARE(again.header("upload-offset"), QByteArray("20000"));
        const HttpResponse gap = put(*m_server, *ticket, bytes.sliced(30000),
                                     {{"Content-Range", "bytes 30000-49999/50000"}});
        QCOMPARE(gap.status, 409);
        // A Content-Range that does not match the body or the declared size: 400.
        QCOMPARE(put(*m_server, *ticket, bytes.sliced(20000),
                     {{"Content-Range", "bytes 20000-49999/60000"}})
                     .status,
                 400);
        const HttpResponse done = put(*m_server, *resumed, bytes.sliced(20000),
                                      {{"Content-Range", "bytes 20000-49999/50000"}});
        QCOMPARE(done.status, 201);
        QCOMPARE(QFileInfo(blobFile(*m_server, ticket->blob)).size(), bytes.size());
        QFile file(blobFile(*m_server, ticket->blob));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == bytes);
        // Complete: nothing more to resume.
        QVERIFY(!ana->resumeUpload(ticket->blob));
        QCOMPARE(ana->lastErrorCode(), 418);
    }

    void expect100ContinueIsHonoured()
    {
        Device ana = user(QStringLiteral("ana"));
        const QByteArray bytes = blobBytes(3000, 4);
        const auto ticket = ana->reserveUpload(quint64(bytes.size()));
        QVERIFY(ticket);
        HttpTestClient http(m_server->url());
        QVERIFY(http.open());
        http.writeHead(
            "PUT", HttpTestClient::pathOf(ticket->blob),
            withTicket(*ticket, {{"Content-Length", "3000"}, {"Expect", "100-continue"}}));
        QTRY_VERIFY(http.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n") || http.isClosed());
        QVERIFY(http.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
        http.write(bytes);
        QCOMPARE(http.readToClose().status, 201);
    }

    void aBodyPastTheDeclaredSizeIs413AndNothingOfItIsKept()
    {
        Device ana = user(QStringLiteral("ana"));
        const auto ticket = ana->reserveUpload(1000);
        QVERIFY(ticket);
        const HttpResponse tooLong = put(*m_server, *ticket, blobBytes(1001));
        QCOMPARE(tooLong.status, 413);
        QCOMPARE(tooLong.header("upload-offset"), QByteArray("0"));
        QCOMPARE(QFileInfo(blobFile(*m_server, ticket->blob)).size(), 0);
    }

    void aShortUploadStaysIncompleteAndNoMessageCanNameIt()
    {
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const auto ticket = ana->reserveUpload(1000);
        QVERIFY(ticket);
        QCOMPARE(put(*m_server, *ticket, blobBytes(999)).status, 200);
        const MessageId id = MessageId::generate();
        SendRequest request = ana->makeSend(bob.name, "with a half blob", id);
        request.media = {ticket->blob};
        ana->send(request);
        const auto error = ana->takeError(request.requestId);
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::UnknownMedia);
        QCOMPARE(error->id, id);
        // Nothing was stored: bob gets nothing, and his device no ticket.
        bob->settle(300);
        QVERIFY(!bob->has<Deliver>());
        QVERIFY(!bob->requestDownload(ticket->blob));
        QCOMPARE(bob->lastErrorCode(), 418);
    }

    void anUploadPastTheMaximumIs415AndOverTheQuotaIs417()
    {
        Device ana = user(QStringLiteral("ana"));
        QVERIFY(!ana->reserveUpload(4000001));
        QCOMPARE(ana->lastErrorCode(), 415);
        QVERIFY(ana->reserveUpload(4000000)); // the maximum itself is allowed
        // The quota (6,000,000) counts the reservation above, complete or not.
        QVERIFY(!ana->reserveUpload(2000001));
        QCOMPARE(ana->lastErrorCode(), 417);
        QVERIFY(ana->reserveUpload(2000000));
        QVERIFY(!ana->reserveUpload(1));
        QCOMPARE(ana->lastErrorCode(), 417);
        // Another account has its own quota.
        Device bob = user(QStringLiteral("bob"));
        QVERIFY(bob->reserveUpload(1000));
    }

    void missingForgedOrMalformedTicketsAre401()
    {
        Device ana = user(QStringLiteral("ana"));
        const auto ticket = ana->reserveUpload(10);
        QVERIFY(ticket);
        const QByteArray path = HttpTestClient::pathOf(ticket->blob);
        HttpTestClient http(m_server->url());
        const auto none = http.request("PUT", path, {{"Content-Length", "0"}});
        QCOMPARE(none.status, 401);
        QCOMPARE(none.header("www-authenticate"), QByteArray("Bearer"));
        QByteArray forged = ticket->ticket;
        forged[forged.size() - 1] = char(forged.back() ^ 1);
        QCOMPARE(http.request("PUT", path,
                              {{"Authorization", HttpTestClient::bearer(forged)},
                               {"Content-Length", "0"}})
                     .status,
                 401);
        QCOMPARE(http.request("GET", path, {{"Authorization", "Bearer !!not base64!!"}}).status,
                 401);
        QCOMPARE(http.request("GET", path, {{"Authorization", "Basic YWxhZGRpbjpvcGVu"}}).status,
                 401);
    }

    void aTicketForAnotherBlobOrTheOtherDirectionIs403()
    {
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        const auto first = ana->reserveUpload(10);
        const auto second = ana->reserveUpload(10);
        QVERIFY(first && second);
        MediaTicket crossed = *first;
        crossed.blob = second->blob; // first's ticket on second's path
        QCOMPARE(put(*m_server, crossed, blobBytes(10)).status, 403);
        QCOMPARE(QFileInfo(blobFile(*m_server, second->blob)).size(), 0);

        QCOMPARE(put(*m_server, *first, blobBytes(10)).status, 201);
        QVERIFY(sendWith(ana, bob, {first->blob}));
        const auto download = bob->requestDownload(first->blob);
        QVERIFY(download);
        // An upload ticket cannot download, a download ticket cannot upload.
        QCOMPARE(get(*m_server, *first).status, 403);
        QCOMPARE(put(*m_server, *download, blobBytes(10)).status, 403);
    }

    void aStrangerGetsNoTicketAndAGuessedBlobNothing()
    {
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        Device carl = user(QStringLiteral("carl"));
        const QByteArray blob = upload(*m_server, ana, blobBytes(500));
        QVERIFY(sendWith(ana, bob, {blob}));
        // carl was sent nothing: the same 418 as for a blob that does not exist.
        QVERIFY(!carl->requestDownload(blob));
        QCOMPARE(carl->lastErrorCode(), 418);
        const QByteArray guessed = QByteArray::fromHex("00112233445566778899aabbccddeeff");
        QVERIFY(!carl->requestDownload(guessed));
        QCOMPARE(carl->lastErrorCode(), 418);
        QVERIFY(!carl->resumeUpload(blob)); // nor can he write to it
        QCOMPARE(carl->lastErrorCode(), 418);
        // Without a ticket of his own, HTTP tells him nothing either.
        HttpTestClient http(m_server->url());
        QCOMPARE(http.request("GET", HttpTestClient::pathOf(blob)).status, 401);
        QCOMPARE(http.request("GET", HttpTestClient::pathOf(guessed)).status, 401);
        QCOMPARE(http.request("GET", "/v1/media/not-a-blob").status, 404);
        // Nor can he name ana's blob in a message of his own.
        SendRequest request = carl->makeSend(bob.name, "stolen", MessageId::generate());
        request.media = {blob};
        carl->send(request);
        const auto refused = carl->takeError(request.requestId);
        QVERIFY(refused);
        QCOMPARE(refused->code, ErrorCode::UnknownMedia);
    }

    void mediaDoneDropsTheGrantAndTheLastDeletesTheBlob()
    {
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        Device bobTablet =
            loginDevice(*m_server, bob.name, kTestPassword, AfterSignIn::WaitForSynced);
        const QByteArray blob = upload(*m_server, ana, blobBytes(2000));
        bob->forgetDevices();
        ana->forgetDevices();
        QVERIFY(sendWith(ana, bob, {blob}));
        const auto ticket = bob->requestDownload(blob);
        QVERIFY(ticket);
        QVERIFY(bob->mediaDone(blob));
        QVERIFY(bob->mediaDone(blob)); // idempotent
        // The ticket was given before: the grant is gone, so it is 404 now.
        QCOMPARE(get(*m_server, *ticket).status, 404);
        QVERIFY(!bob->requestDownload(blob));
        QVERIFY(QFile::exists(blobFile(*m_server, blob))); // the tablet has not got it yet
        const auto tablet = bobTablet->requestDownload(blob);
        QVERIFY(tablet);
        QCOMPARE(get(*m_server, *tablet).status, 200);
        QVERIFY(bobTablet->mediaDone(blob));
        QVERIFY(!QFile::exists(blobFile(*m_server, blob)));
        QCOMPARE(get(*m_server, *tablet).status, 404);
        // A media_done for a blob the server no longer knows is fine.
        QVERIFY(bobTablet->mediaDone(blob));
    }

    void aGroupBlobReachesTheMembersButNotOneRemovedBeforeItWasSent()
    {
        Device ana = user(QStringLiteral("ana"));
        Device anaPhone =
            loginDevice(*m_server, ana.name, kTestPassword, AfterSignIn::WaitForSynced);
        Device bob = user(QStringLiteral("bob"));
        Device carl = user(QStringLiteral("carl"));
        const quint32 created = ana->nextRequestId();
        ana->send(GroupCreate{created, QStringLiteral("trip"), {bob.name, carl.name}});
        const auto group = ana->replyTo<GroupInfo>(created);
        QVERIFY(group);
        const quint32 removed = ana->nextRequestId();
        ana->send(GroupUpdate{removed, group->conversation, GroupOp::Remove, carl.name, {}});
        QVERIFY(ana->replyTo<GroupInfo>(removed));

        const QByteArray bytes = blobBytes(5000, 5);
        const QByteArray blob = upload(*m_server, ana, bytes);
        SendRequest request{ana->nextRequestId(), MessageId::generate(), {}, {}};
        request.group = group->conversation;
        request.body = "sender-key envelope";
        request.media = {blob};
        ana->send(request);
        QVERIFY(ana->replyTo<SendAck>(request.requestId));
        // The members' devices (the sender's other device too) fetch it, once each.
        for (Device *d : {&bob, &anaPhone}) {
            QVERIFY((*d)->waitFor<Deliver>());
            const auto ticket = (*d)->requestDownload(blob);
            QVERIFY(ticket);
            QVERIFY(get(*m_server, *ticket).body == bytes);
        }
        // carl, removed before the send, is told nothing and gets no ticket.
        QVERIFY(!carl->requestDownload(blob));
        QCOMPARE(carl->lastErrorCode(), 418);
        QVERIFY(!ana->requestDownload(blob)); // nor the sending device, which has it
        QCOMPARE(ana->lastErrorCode(), 418);
    }

    void aWrongMethodOrVersionIsRefused()
    {
        HttpTestClient http(m_server->url());
        const QByteArray path = "/v1/media/00112233445566778899aabbccddeeff";
        const auto del = http.request("DELETE", path);
        QCOMPARE(del.status, 405);
        QCOMPARE(del.header("allow"), QByteArray("GET, HEAD, PUT"));
        QVERIFY(http.open());
        http.write("GET " + path + " HTTP/2.0\r\nHost: x\r\n\r\n");
        QCOMPARE(http.readToClose().status, 505);
        // The WebSocket on the same port is as before.
        QVERIFY(connectedClient(*m_server));
    }
};

QTEST_GUILESS_MAIN(TestServerMedia)
#include "tst_server_media.moc"
