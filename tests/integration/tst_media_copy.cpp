// SPDX-License-Identifier: GPL-3.0-or-later
// The copy of a file to send, made on a worker thread after the message is stored, with
// the real server: the message shows before the copy is made, and a copy the app did not
// finish (it quit) is made again from the original after a restart and sent, or the
// message fails with a clear reason when the original is gone.
#include "GroupClientTestSupport.h"
#include "MediaClientTestSupport.h"
#include "media/AttachmentStore.h"

#include <QDirIterator>
#include <QScopeGuard>
#include <QSemaphore>
#include <QThreadPool>

using namespace linnet::test;
using namespace linnet::test::groups;
using linnet::test::media::randomBytes;
using linnet::test::media::sha256Of;
using linnet::test::media::SmallFolder;
using linnet::test::media::writeBytes;

class TestMediaCopy : public ClientGroupsTest {
    Q_OBJECT

private:
    QThreadPool m_workers; ///< alice's media workers while a test holds them
    QSemaphore m_hold;

    QString writeFile(const QString &name, qsizetype size)
    {
        return writeBytes(m_root.filePath(QStringLiteral("originals/") + name), randomBytes(size));
    }

    /** @p m's app again, on the same profile; its copies made on @p workers. */
    static void restart(Member &m, QThreadPool *workers = nullptr,
                        const QString &mediaDirectory = {})
    {
        m.client.reset();
        ChatClient::Options o;
        o.initialBackoffMs = 50;
        o.maxBackoffMs = 500;
        o.mediaWorkers = workers;
        o.mediaDirectory = mediaDirectory;
        m.client = std::make_unique<ChatClient>(*m.store, m.secrets, o);
        m.client->start();
    }

    /** Alice's app sends @p path with its only worker held, so the copy is not made, and
     *  quits; the message is stored. */
    MessageId sendAndQuitBeforeTheCopy(Member &alice, const Member &bob, const QString &path)
    {
        m_workers.setMaxThreadCount(1);
        restart(alice, &m_workers);
        m_workers.start([this] { m_hold.acquire(); });
        const auto release = qScopeGuard([this] {
            m_hold.release();
            m_workers.waitForDone();
        });
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        [&] {
            QVERIFY(!id.isNull());
            QCOMPARE(alice.store->message(id)->state, DeliveryState::Queued);
            const auto a = alice.client->media().attachment(id);
            QCOMPARE(a->state, TransferState::Uploading);
            QCOMPARE(a->transferred, 0u);
            QVERIFY(!QFile::exists(a->localPath)); // not copied yet
        }();
        alice.client->stop();
        alice.client.reset(); // the app quits; the worker is told to stop
        return id;
    }

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanup()
    {
        if (QTest::currentTestFailed() && m_server)
            m_server->warnOutputIfTestFailed();
    }

    void aCopyCutShortByAQuitIsMadeAgainFromTheOriginalAndSent()
    {
        auto people = members(QStringLiteral("cpa"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = writeFile(QStringLiteral("again.bin"), 3 * 1024 * 1024 + 5);
        const MessageId id = sendAndQuitBeforeTheCopy(alice, bob, path);
        QVERIFY(!QTest::currentTestFailed());
        const QString copy = AttachmentStore(*alice.store).attachment(id)->localPath;
        QVERIFY(!QFile::exists(copy)); // no half copy under its name

        restart(alice);
        QTRY_COMPARE_WITH_TIMEOUT(alice.store->message(id)->state, DeliveryState::Delivered,
                                  kTimeout);
        QCOMPARE(sha256Of(copy), sha256Of(path));
        QVERIFY(bob.client->media().download(id));
        QTRY_COMPARE_WITH_TIMEOUT(bob.attachmentState(id), TransferState::Done, kTimeout);
        QCOMPARE(sha256Of(bob.client->media().attachment(id)->localPath), sha256Of(path));
    }

    void aCopyCutShortByAQuitFailsClearlyWhenTheOriginalIsGone()
    {
        auto people = members(QStringLiteral("cpg"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const QString path = writeFile(QStringLiteral("gone.bin"), 64 * 1024);
        const MessageId id = sendAndQuitBeforeTheCopy(alice, bob, path);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(QFile::remove(path));

        restart(alice);
        QTRY_COMPARE_WITH_TIMEOUT(alice.attachmentState(id), TransferState::Failed, kTimeout);
        QCOMPARE(alice.client->media().attachment(id)->error,
                 QStringLiteral("the file to send is gone"));
        QTRY_COMPARE(alice.store->message(id)->state, DeliveryState::Failed);
        QCOMPARE(alice.client->sendProblem(id), QStringLiteral("the file to send is gone"));
        // Nothing else is lost: the next message still goes.
        const MessageId text = alice.client->sendText(bob.name, QStringLiteral("still here"));
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(text).has_value(), kTimeout);
        QVERIFY(!bob.store->message(id).has_value());
    }

    void aCopyThatFillsTheDiskFailsTheMessageAndLeavesNoPartOfIt()
    {
        if (!SmallFolder::possible())
            QSKIP(SmallFolder::kSkipReason);
        auto people = members(QStringLiteral("cpf"), 2);
        QVERIFY(people.size() == 2);
        Member &alice = *people[0];
        Member &bob = *people[1];
        const SmallFolder disk(m_root.filePath(QStringLiteral("small-media")));
        QVERIFY(disk.mounted());
        const QString small = disk.path();
        restart(alice, nullptr, small);
        const QString path = writeFile(QStringLiteral("huge.bin"), 3 * 1024 * 1024);
        const MessageId id = alice.client->media().sendFile(bob.name, path);
        QVERIFY(!id.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(alice.attachmentState(id), TransferState::Failed, kTimeout);
        QCOMPARE(alice.client->media().attachment(id)->error,
                 QStringLiteral("cannot copy huge.bin into the profile (is the disk full?)"));
        QTRY_COMPARE(alice.store->message(id)->state, DeliveryState::Failed);
        QDirIterator left(small, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QVERIFY2(!left.hasNext(), qPrintable(left.hasNext() ? left.next() : QString()));
        // Nothing else is lost: the message stays, a text still goes.
        QCOMPARE(alice.store->message(id)->kind, MessageKind::File);
        const MessageId text = alice.client->sendText(bob.name, QStringLiteral("still here"));
        QTRY_VERIFY_WITH_TIMEOUT(bob.store->message(text).has_value(), kTimeout);
        alice.client.reset(); // before the tmpfs goes
    }
};

QTEST_GUILESS_MAIN(TestMediaCopy)
#include "tst_media_copy.moc"
