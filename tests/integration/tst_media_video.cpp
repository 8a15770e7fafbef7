// SPDX-License-Identifier: GPL-3.0-or-later
// Videos between two real engines on the real server: the sender's app decodes a frame
// (Qt Multimedia, on a worker thread, after the message is stored) and the recipient gets
// it as the thumbnail with the video's size and length, inside the encrypted message; a
// video Qt cannot decode still goes, as a video without a thumbnail.
#include "GroupClientTestSupport.h"
#include "MediaClientTestSupport.h"
#include "TestData.h"
#include "protocol/Limits.h"

#include <QImage>
#include <QScopeGuard>
#include <QSemaphore>
#include <QThreadPool>

using namespace linnet::test;
using namespace linnet::test::groups;
using linnet::test::testDataPath;
using linnet::test::media::sha256Of;

class TestMediaVideo : public ClientGroupsTest {
    Q_OBJECT

private:
    /** @p m's app again on the same profile, its media work on @p workers. */
    static void restart(Member &m, QThreadPool *workers)
    {
        m.client.reset();
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        o.mediaWorkers = workers;
        m.client = std::make_unique<ChatClient>(*m.store, m.secrets, o);
        m.client->start();
    }

    /** The attachment of @p id as @p m has it, once its message is here. */
    static std::optional<Attachment> arrived(const Member &m, const MessageId &id)
    {
        return m.store->message(id) ? m.client->media().attachment(id) : std::nullopt;
    }

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanup()
    {
        if (QTest::currentTestFailed() && m_server)
            m_server->warnOutputIfTestFailed();
    }

    void aVideoArrivesWithAFrameAsThumbnailItsSizeAndItsLength()
    {
        auto people = members(QStringLiteral("vid"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = testDataPath(QStringLiteral("video-160x90-6s.mp4"));
        const MessageId id = alice.client->media().sendFile(bob.name, path, QStringLiteral("🎬"));
        QVERIFY(!id.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(arrived(bob, id).has_value(), kTimeout);

        const linnet::protocol::FileRef f = arrived(bob, id)->file;
        QCOMPARE(f.kind, linnet::protocol::FileKind::Video);
        QCOMPARE(f.mime, QStringLiteral("video/mp4"));
        QCOMPARE(f.width, 160u);
        QCOMPARE(f.height, 90u);
        QVERIFY2(f.durationMs >= 5900 && f.durationMs <= 6100,
                 qPrintable(QString::number(f.durationMs)));
        QVERIFY(!f.thumbnail.isEmpty());
        QVERIFY(f.thumbnail.size() <= linnet::protocol::kMaxThumbnailBytes);
        const QImage thumb = QImage::fromData(f.thumbnail, "JPEG");
        QCOMPARE(thumb.size(), QSize(160, 90));
        // A frame from past the clip's black first 0.3 s: the colour bars.
        QVERIFY(qGray(thumb.pixel(20, 20)) > 60);
        // The sender's own row says the same; the video itself is not fetched by itself.
        QCOMPARE(alice.client->media().attachment(id)->file.durationMs, f.durationMs);
        QCOMPARE(bob.attachmentState(id), TransferState::Remote);
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
    }

    void aVideoQtCannotDecodeStillGoesAsAVideoWithoutAThumbnail()
    {
        auto people = members(QStringLiteral("vbr"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = testDataPath(QStringLiteral("broken.mp4"));
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QVERIFY(!id.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(arrived(bob, id).has_value(), kTimeout);
        const linnet::protocol::FileRef f = arrived(bob, id)->file;
        QCOMPARE(f.kind, linnet::protocol::FileKind::Video);
        QCOMPARE(f.mime, QStringLiteral("video/mp4"));
        QVERIFY(f.thumbnail.isEmpty());
        QCOMPARE(f.width, 0u);
        QCOMPARE(f.durationMs, 0u);
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
    }

    void theVideoMessageShowsBeforeItsFrameIsMadeAndTheFrameFollows()
    {
        auto people = members(QStringLiteral("vas"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        // Alice's only media worker is held: the frame cannot be made yet.
        QThreadPool workers;
        workers.setMaxThreadCount(1);
        restart(alice, &workers);
        QSemaphore hold;
        workers.start([&hold] { hold.acquire(); });
        auto release = qScopeGuard([&] {
            hold.release();
            workers.waitForDone();
        });
        QSignalSpy changed(&alice.client->media(), &MediaClient::attachmentChanged);
        const MessageId id = alice.client->media().sendFile(
            bob.name, testDataPath(QStringLiteral("video-160x90-6s.mp4")));
        QVERIFY(!id.isNull());
        // sendFile returned with the message stored and nothing decoded.
        QCOMPARE(alice.store->message(id)->state, DeliveryState::Queued);
        QVERIFY(alice.client->media().attachment(id)->file.thumbnail.isEmpty());

        release.dismiss();
        hold.release();
        QTRY_VERIFY_WITH_TIMEOUT(!alice.client->media().attachment(id)->file.thumbnail.isEmpty(),
                                 kTimeout);
        QVERIFY(changed.count() >= 1); // the app is told, and redraws the bubble
        QTRY_VERIFY_WITH_TIMEOUT(arrived(bob, id).has_value(), kTimeout);
        QVERIFY(!arrived(bob, id)->file.thumbnail.isEmpty());
        alice.client.reset(); // before the pool it uses goes
        workers.waitForDone();
    }
};

QTEST_GUILESS_MAIN(TestMediaVideo)
#include "tst_media_video.moc"
