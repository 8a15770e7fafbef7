// SPDX-License-Identifier: GPL-3.0-or-later
// MediaController's lifetime rules on a clock of the test's own: which blobs
// collect() deletes when, and that a blob being transferred is left alone.
#include "SqliteStoreFixture.h"
#include "ServerConfig.h"
#include "media/FileBlobStore.h"
#include "media/MediaController.h"
#include "protocol/Limits.h"

using namespace linnet::server;

namespace linnet::test {

namespace {
constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kStart = 1'765'000'000'000;
} // namespace

class TestMediaController : public SqliteStoreTest {
    Q_OBJECT

    qint64 m_now = kStart;
    ServerConfig m_config;
    std::unique_ptr<FileBlobStore> m_blobs;
    std::unique_ptr<MediaTickets> m_tickets;
    std::unique_ptr<MediaController> m_media;

    /** A complete blob of ana's first device, uploaded now, with its bytes on disk. */
    QByteArray addBlob(char fill, bool complete = true)
    {
        const QByteArray id(protocol::kBlobIdBytes, fill);
        m_store->media().createBlob(
            {id, m_ana.id, m_ana.devices[0], 3, complete, false, m_now, m_now});
        auto writer = m_blobs->openForAppend(id, 0);
        if (writer)
            writer.value()->write(complete ? "abc" : "a");
        return id;
    }
    /** ana sends @p blob to carl: carl's device and ana's second device get grants. */
    void sendToCarl(const QByteArray &blob, quint32 n)
    {
        SendWrite s = send(m_ana, 0, m_carl, makeId(n), m_now);
        s.media = {blob};
        WriteBatch batch;
        batch.sends.push_back(s);
        commit(batch);
    }
    bool exists(const QByteArray &blob) const
    {
        return m_store->media().blob(blob).has_value() && QFile::exists(m_blobs->pathOf(blob));
    }

private Q_SLOTS:
    void init()
    {
        setUp();
        m_now = kStart;
        m_config = ServerConfig{};
        m_blobs = std::make_unique<FileBlobStore>(m_dir->filePath(QStringLiteral("media")));
        QVERIFY(m_blobs->open());
        m_tickets = std::make_unique<MediaTickets>(QByteArray(MediaTickets::kKeyBytes, 'k'));
        m_media = std::make_unique<MediaController>(m_store->media(), *m_blobs, *m_tickets,
                                                    m_config, [this] { return m_now; });
    }

    void cleanup()
    {
        m_media.reset();
        tearDown();
    }

    void anOrphanGoesItsAgeAfterItsLastByte()
    {
        const QByteArray orphan = addBlob('\x01');
        const QByteArray partial = addBlob('\x02', false);
        m_now += 24 * kHour;
        QCOMPARE(m_media->collect(), 0); // not older than the age yet
        m_now += 1;
        QCOMPARE(m_media->collect(), 2);
        QVERIFY(!exists(orphan));
        QVERIFY(!exists(partial));
        QVERIFY(!QFile::exists(m_blobs->pathOf(partial)));
    }

    void theOrphanAgeIsConfigurable()
    {
        m_config.mediaOrphanHours = 2;
        const QByteArray orphan = addBlob('\x01');
        m_now += 2 * kHour + 1;
        QCOMPARE(m_media->collect(), 1);
        QVERIFY(!exists(orphan));
    }

    void aSentBlobStaysUntilRetentionWhileAGrantIsLeft()
    {
        const QByteArray blob = addBlob('\x01');
        sendToCarl(blob, 1);
        m_now += 25 * kHour; // past the orphan age: a sent blob is no orphan
        QCOMPARE(m_media->collect(), 0);
        QVERIFY(exists(blob));
        m_now = kStart + 30LL * 24 * kHour + 1;
        QCOMPARE(m_media->collect(), 1);
        QVERIFY(!exists(blob));
    }

    void aSentBlobGoesOnceEveryGrantIsDone()
    {
        const QByteArray blob = addBlob('\x01');
        sendToCarl(blob, 1);
        QVERIFY(m_store->media().dropGrant(blob, m_carl.devices[0]));
        QCOMPARE(m_media->collect(), 0); // ana's other device has not got it
        QVERIFY(m_store->media().dropGrant(blob, m_ana.devices[1]));
        QCOMPARE(m_media->collect(), 1);
        QVERIFY(!exists(blob));
    }

    void aBlobBeingTransferredIsLeftForTheNextPass()
    {
        const QByteArray busy = addBlob('\x01', false);
        const QByteArray idle = addBlob('\x02', false);
        m_now += 25 * kHour;
        QCOMPARE(m_media->collect([&busy](const QByteArray &id) { return id == busy; }), 1);
        QVERIFY(exists(busy));
        QVERIFY(!exists(idle));
        QCOMPARE(m_media->collect(), 1);
        QVERIFY(!exists(busy));
    }

    void aSendMayNameOnlyCompleteBlobsOfItsOwnAccount()
    {
        const QByteArray complete = addBlob('\x01');
        const QByteArray partial = addBlob('\x02', false);
        QVERIFY(MediaController::mayReference(m_store->media(), m_ana.id, {complete}));
        QVERIFY(MediaController::mayReference(m_store->media(), m_ana.id, {}));
        QVERIFY(!MediaController::mayReference(m_store->media(), m_ana.id, {complete, partial}));
        QVERIFY(!MediaController::mayReference(m_store->media(), m_bob.id, {complete}));
        QVERIFY(!MediaController::mayReference(m_store->media(), m_ana.id,
                                               {QByteArray(protocol::kBlobIdBytes, '\x7f')}));
    }
};

} // namespace linnet::test

QTEST_GUILESS_MAIN(linnet::test::TestMediaController)
#include "tst_mediacontroller.moc"
