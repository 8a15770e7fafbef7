// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlTestHelpers.h"
#include "SqliteStoreFixture.h"
#include "TestBase.h"
#include "relay/GroupCommitter.h"
#include "store/CommitThread.h"

#include <QSqlQuery>
#include <QThread>
#include <QtTest>

using namespace linnet;
using namespace linnet::server;
using namespace linnet::test;

/**
 * GroupCommitter with a CommitThread: batches commit on a second connection of
 * their own thread, results come back on the loop's thread, writes made while a
 * batch is in flight form the next one, and settle()/flush() wait for them. The
 * database is a real SQLite file; the main connection must see every commit as
 * soon as its results are handed out (the inbox drain reads through it).
 */
class TestGroupCommitter : public SqliteStoreTest {
    Q_OBJECT

private Q_SLOTS:
    void commitsOnItsThreadAndHandsOutResultsOnTheLoop();
    void writesDuringACommitFormTheNextBatch();
    void settleHandsOutTheBatchInFlight();
    void aFailedCommitFailsItsSendsAndTheNextStillCommits();
    void aFailedCommitAlsoFailsTheSendsGatheredMeanwhile();
    void aBatchGathersUntilItIsOldOrBigEnough();
    void destructionCommitsWhatIsPending();
    void withoutAThreadCommitsOnTheCallersThread();
    void aConnectionThatCannotOpenSaysWhy();

private:
    static protocol::Result<std::unique_ptr<Store>> openStore(const QString &path)
    {
        auto store = SqliteStore::openAt(path);
        if (!store)
            return store.error();
        return std::unique_ptr<Store>(std::move(store).value());
    }

    std::unique_ptr<CommitThread> startThread(QThread **commitThread = nullptr,
                                              int busyTimeoutMs = 0)
    {
        auto thread = std::make_unique<CommitThread>(
            [path = m_dir->path(), commitThread,
             busyTimeoutMs]() -> protocol::Result<std::unique_ptr<Store>> {
                if (commitThread)
                    *commitThread = QThread::currentThread();
                if (busyTimeoutMs > 0) {
                    auto store = std::make_unique<SqliteStore>(path, busyTimeoutMs);
                    if (const auto opened = store->open(); !opened)
                        return opened.error();
                    return std::unique_ptr<Store>(std::move(store));
                }
                return openStore(path);
            });
        const auto started = thread->start();
        if (!started) {
            qWarning("CommitThread::start failed: %s", qPrintable(started.error().reason));
            return nullptr;
        }
        return thread;
    }

    struct Outcomes {
        std::vector<protocol::Result<SendOutcome>> sends;
        std::vector<InboxEntry> entries;
        bool onLoopThread = true;
    };

    GroupCommitter::SendCallback record(Outcomes &out)
    {
        return [&out](const protocol::Result<SendOutcome> &r) {
            out.onLoopThread = out.onLoopThread && QThread::currentThread() == qApp->thread();
            out.sends.push_back(r);
        };
    }

    void recordEntries(GroupCommitter &committer, Outcomes &out)
    {
        committer.setEntriesCallback([&out](const std::vector<InboxEntry> &entries) {
            out.onLoopThread = out.onLoopThread && QThread::currentThread() == qApp->thread();
            out.entries.insert(out.entries.end(), entries.begin(), entries.end());
        });
    }
};

void TestGroupCommitter::commitsOnItsThreadAndHandsOutResultsOnTheLoop()
{
    QThread *commitThread = nullptr;
    auto thread = startThread(&commitThread);
    QVERIFY(thread);
    QVERIFY(commitThread && commitThread != qApp->thread());
    GroupCommitter committer(*m_store, std::move(thread));
    Outcomes out;
    recordEntries(committer, out);

    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 1000)), record(out));
    QVERIFY(out.sends.empty()); // never before the commit
    QTRY_COMPARE(out.sends.size(), size_t(1));
    QVERIFY(out.sends[0].ok());
    QCOMPARE(out.sends[0].value().seq, 1u);
    QVERIFY(out.onLoopThread);
    // bob's two devices and ana's other one
    QCOMPARE(sorted(devicesOf(out.entries)),
             sorted({m_bob.devices[0], m_bob.devices[1], m_ana.devices[1]}));
    // What the commit thread wrote is visible on the loop's own connection at once.
    const auto inbox = m_store->loadInbox(m_bob.devices[0], 0, 10).value();
    QCOMPARE(inbox.size(), size_t(1));
    QCOMPARE(std::get<protocol::Deliver>(inbox[0].frame).id, makeId(1));
    QCOMPARE(committer.batchesCommitted(), 1u);
}

void TestGroupCommitter::writesDuringACommitFormTheNextBatch()
{
    auto thread = startThread();
    QVERIFY(thread);
    GroupCommitter committer(*m_store, std::move(thread));
    Outcomes out;
    recordEntries(committer, out);

    const auto first =
        committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 1000)), record(out));
    // The zero timer (armed by a posted event): the first batch is now in flight.
    QTRY_VERIFY(committer.isCommitting(first.batch) || committer.batchesCommitted() == 1);
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(2), 1001)), record(out));
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(3), 1002)), record(out));
    committer.flush();

    QCOMPARE(out.sends.size(), size_t(3));
    for (quint64 i = 0; i < 3; ++i) {
        QVERIFY(out.sends[i].ok());
        QCOMPARE(out.sends[i].value().id, makeId(quint32(i + 1)));
        QCOMPARE(out.sends[i].value().seq, i + 1);
    }
    QCOMPARE(committer.batchesCommitted(), 2u); // the two written meanwhile went together
    QCOMPARE(out.entries.size(), size_t(9));
    for (size_t i = 1; i < out.entries.size(); ++i)
        QVERIFY(out.entries[i].entryId() > out.entries[i - 1].entryId());
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 3u);
}

void TestGroupCommitter::settleHandsOutTheBatchInFlight()
{
    auto thread = startThread();
    QVERIFY(thread);
    GroupCommitter committer(*m_store, std::move(thread));
    Outcomes out;
    recordEntries(committer, out);

    const auto first =
        committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 1000)), record(out));
    QTRY_VERIFY(committer.isCommitting(first.batch) || !out.sends.empty());
    committer.settle();
    // On return, not later: a group write made next gets later entry ids than these.
    QCOMPARE(out.sends.size(), size_t(1));
    QCOMPARE(out.entries.size(), size_t(3));
    committer.settle(); // nothing in flight: a no-op
    QCOMPARE(out.sends.size(), size_t(1));

    // A write added after settle() is still committed without anyone asking.
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(2), 1001)), record(out));
    QTRY_COMPARE(out.sends.size(), size_t(2));
    QCOMPARE(out.sends[1].value().seq, 2u);
}

void TestGroupCommitter::aFailedCommitFailsItsSendsAndTheNextStillCommits()
{
    auto thread = startThread();
    QVERIFY(thread);
    GroupCommitter committer(*m_store, std::move(thread));
    Outcomes out;
    recordEntries(committer, out);

    User ghost = m_ana;
    ghost.devices = {m_ana.devices[0] + 1000}; // no such device: the foreign key refuses it
    committer.addSend(reserved(send(ghost, 0, m_bob, makeId(1), 1000)), record(out));
    committer.flush();
    QCOMPARE(out.sends.size(), size_t(1));
    QVERIFY(!out.sends[0].ok());
    QCOMPARE(out.sends[0].error().code, protocol::ErrorCode::InternalError);
    QVERIFY(out.entries.empty());
    QCOMPARE(committer.batchesFailed(), 1u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 0u); // nothing half-written

    forgetSeqs(); // as the gateway does: the seqs of the failed batch are given again
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(2), 1001)), record(out));
    QTRY_COMPARE(out.sends.size(), size_t(2));
    QVERIFY(out.sends[1].ok());
    QCOMPARE(out.sends[1].value().seq, 1u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 1u);
}

void TestGroupCommitter::aFailedCommitAlsoFailsTheSendsGatheredMeanwhile()
{
    // The second send's seq was given after the first's: if the first is lost and
    // the second kept, the conversation would have a hole that clients resync for.
    auto thread = startThread(nullptr, 300);
    QVERIFY(thread);
    GroupCommitter committer(*m_store, std::move(thread));
    Outcomes out;
    recordEntries(committer, out);
    {
        SqlConnection other(m_store->filePath());
        QVERIFY(other.db().isOpen());
        QSqlQuery lock(other.db());
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));

        const auto first =
            committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 1000)), record(out));
        QTRY_VERIFY(committer.isCommitting(first.batch)); // waiting for the lock
        const auto second =
            committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(2), 1001)), record(out));
        QCOMPARE(second.batch, first.batch + 1);
        QVERIFY(committer.ackBeforeCommit(second, 0) == false); // no live copies in it
        // Both fail in the same hand-out, not the second after a commit of its own.
        QTRY_VERIFY(!out.sends.empty());
        QCOMPARE(out.sends.size(), size_t(2));
        QVERIFY(!out.sends[0].ok());
        QVERIFY(!out.sends[1].ok());
        QCOMPARE(out.sends[1].error().code, protocol::ErrorCode::InternalError);
        QVERIFY(!committer.isCommitting(second.batch)); // it never went to the store
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    }

    // Resent with the seqs handed out again, they are stored without a hole.
    m_seqs.clear();
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 2000)), record(out));
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(2), 2001)), record(out));
    QTRY_COMPARE(out.sends.size(), size_t(4));
    QVERIFY(out.sends[2].ok() && out.sends[3].ok());
    QCOMPARE(out.sends[2].value().seq, 1u);
    QCOMPARE(out.sends[3].value().seq, 2u);
    QCOMPARE(committer.batchesFailed(), 1u);
}

void TestGroupCommitter::aBatchGathersUntilItIsOldOrBigEnough()
{
    // commit_gather_ms: a minute here, so that only size or flush() commit.
    auto thread = startThread();
    QVERIFY(thread);
    GroupCommitter committer(*m_store, std::move(thread), std::chrono::minutes(1));
    Outcomes out;
    recordEntries(committer, out);
    const auto first =
        committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 1000)), record(out));
    QTest::qWait(200);
    QVERIFY(out.sends.empty()); // still gathering
    QVERIFY(!committer.isCommitting(first.batch));
    // Enough writes and it goes at once.
    for (size_t i = 1; i < GroupCommitter::kCommitAtWrites; ++i)
        committer.addAck(AckWrite{m_bob.id, m_bob.name, m_bob.devices[0], {}, 1001});
    QTRY_COMPARE(out.sends.size(), size_t(1));
    QVERIFY(out.sends[0].ok());
    QCOMPARE(committer.batchesCommitted(), 1u);
    // The next one gathers again; flush() does not wait for it.
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(2), 1002)), record(out));
    QTest::qWait(100);
    QCOMPARE(out.sends.size(), size_t(1));
    committer.flush();
    QCOMPARE(out.sends.size(), size_t(2));
    QCOMPARE(out.sends[1].value().seq, 2u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 2u);
}

void TestGroupCommitter::destructionCommitsWhatIsPending()
{
    Outcomes out;
    {
        auto thread = startThread();
        QVERIFY(thread);
        GroupCommitter committer(*m_store, std::move(thread));
        const auto first =
            committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 1000)), record(out));
        QTRY_VERIFY(committer.isCommitting(first.batch) || !out.sends.empty());
        committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(2), 1001)), record(out));
    }
    QCOMPARE(out.sends.size(), size_t(2));
    QVERIFY(out.sends[0].ok() && out.sends[1].ok());
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 2u);
}

void TestGroupCommitter::withoutAThreadCommitsOnTheCallersThread()
{
    GroupCommitter committer(*m_store, nullptr);
    Outcomes out;
    recordEntries(committer, out);
    committer.addSend(reserved(send(m_ana, 0, m_bob, makeId(1), 1000)), record(out));
    QVERIFY(out.sends.empty());
    QTRY_COMPARE(out.sends.size(), size_t(1));
    QVERIFY(out.sends[0].ok());
    QCOMPARE(out.entries.size(), size_t(3));
}

void TestGroupCommitter::aConnectionThatCannotOpenSaysWhy()
{
    const QString path = m_dir->filePath(QStringLiteral("a-file"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    // A data directory below a regular file cannot be created.
    CommitThread thread([dir = path + QStringLiteral("/data")] { return openStore(dir); });
    const auto started = thread.start();
    QVERIFY(!started.ok());
    QVERIFY2(started.error().reason.contains(path), qPrintable(started.error().reason));
}

QTEST_GUILESS_MAIN(TestGroupCommitter)
#include "tst_groupcommitter.moc"
