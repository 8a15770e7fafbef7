// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStoreFixture.h"
#include "TestBase.h"
#include "gateway/ConversationSeqs.h"
#include "gateway/GroupCommitter.h"
#include "store/CommitThread.h"

#include <QtTest>

using namespace linnet;
using namespace linnet::server;
using namespace linnet::test;

/**
 * ConversationSeqs on a real SqliteStore: the seqs of one-to-one conversations as
 * the gateway hands them out, read once at start when they fit in memory, and
 * looked up per conversation when they do not.
 */
class TestConversationSeqs : public QObject, private SqliteStoreFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void preloadedConversationsGoOnWithoutLookups();
    void tooManyToPreloadAreLookedUpOnce();
    void afterClearTheDatabaseIsTheReferenceAgain();

private:
    /** ana-bob with two messages and ana-carl with one, committed. */
    void twoConversations()
    {
        WriteBatch batch;
        batch.sends = {send(m_ana, 0, m_bob, protocol::MessageId::generate(), 1000),
                       send(m_bob, 0, m_ana, protocol::MessageId::generate(), 1001),
                       send(m_ana, 0, m_carl, protocol::MessageId::generate(), 1002)};
        const BatchResult r = commit(batch);
        QCOMPARE(r.sends.size(), size_t(3));
        m_anaBob = r.sends[0].conversation;
        m_anaCarl = r.sends[2].conversation;
        QCOMPARE(r.sends[1].seq, 2u);
    }

    qint64 m_anaBob = 0;
    qint64 m_anaCarl = 0;
};

void TestConversationSeqs::preloadedConversationsGoOnWithoutLookups()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer);
    QVERIFY(seqs.preload());
    QVERIFY(seqs.isComplete());

    const auto next = seqs.next(m_bob.id, m_ana.id); // either order
    QCOMPARE(next.conversation, m_anaBob);
    QCOMPARE(next.seq, 3u);
    QCOMPARE(seqs.next(m_carl.id, m_ana.id).seq, 2u);
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 4u);
    // bob and carl have no conversation: a new id, nothing asked either.
    const auto fresh = seqs.next(m_bob.id, m_carl.id);
    QCOMPARE(fresh.seq, 1u);
    QVERIFY(fresh.conversation != m_anaBob && fresh.conversation != m_anaCarl);
    QVERIFY(!m_store->conversationBetween(m_bob.id, m_carl.id));
    QCOMPARE(seqs.lookups(), 0u);
}

void TestConversationSeqs::tooManyToPreloadAreLookedUpOnce()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer, 1); // room for one conversation only
    QVERIFY(!seqs.preload());
    QVERIFY(!seqs.isComplete());

    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 3u);
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 4u);
    QCOMPARE(seqs.lookups(), 1u);
    // A second conversation does not fit: the cache starts over, and asks again.
    QCOMPARE(seqs.next(m_ana.id, m_carl.id).seq, 2u);
    QCOMPARE(seqs.lookups(), 2u);
    QCOMPARE(seqs.next(m_bob.id, m_ana.id).seq, 3u); // 3 and 4 were never committed
    QCOMPARE(seqs.lookups(), 3u);
}

void TestConversationSeqs::afterClearTheDatabaseIsTheReferenceAgain()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer);
    QVERIFY(seqs.preload());
    // Handed out, then their commit failed: given again after clear().
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 3u);
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 4u);
    seqs.clear();
    QVERIFY(!seqs.isComplete());
    // Meanwhile the database moved on (a batch the cache did not see).
    SendWrite s = send(m_carl, 0, m_bob, protocol::MessageId::generate(), 1100);
    s.conversation = m_store->reserveConversationId();
    s.seq = 1;
    WriteBatch batch;
    batch.sends = {s};
    QVERIFY(m_store->commitBatch(batch).ok());

    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 3u);
    QVERIFY(seqs.isComplete()); // read again, once, on the first call
    const auto carlBob = seqs.next(m_bob.id, m_carl.id);
    QCOMPARE(carlBob.conversation, s.conversation);
    QCOMPARE(carlBob.seq, 2u);
    QCOMPARE(seqs.lookups(), 0u);
}

QTEST_GUILESS_MAIN(TestConversationSeqs)
#include "tst_conversationseqs.moc"
