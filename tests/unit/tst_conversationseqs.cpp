// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStoreFixture.h"
#include "TestBase.h"
#include "relay/ConversationSeqs.h"
#include "relay/GroupCommitter.h"
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
class TestConversationSeqs : public SqliteStoreTest {
    Q_OBJECT

private Q_SLOTS:
    void preloadedConversationsGoOnWithoutLookups();
    void tooManyToPreloadAreLookedUpOnce();
    void aFailedCommitsSeqsAreGivenAgain();
    void startingOverWritesTheSeqsTheStoreHolds();
    void aPushedSeqIsNeverGivenAgainAfterAFailedCommit();
    void onlyCommittedConversationsPushAndOnlySoFarAhead();
    void startingOverKeepsPushedSeqsTheDatabaseDoesNotHave();

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
        QVERIFY(flushSeqs()); // as at a server's start: the database has every seq
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

void TestConversationSeqs::aFailedCommitsSeqsAreGivenAgain()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer);
    QVERIFY(seqs.preload());
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 3u);
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 4u);
    QCOMPARE(seqs.next(m_ana.id, m_carl.id).seq, 2u);
    // The batch with 3 failed, and with it the one gathered after it (4): the
    // gateway rewinds each failed send, in any order; carl's 2 was committed.
    seqs.rewind(m_bob.id, m_ana.id, 4);
    seqs.rewind(m_ana.id, m_bob.id, 3);
    seqs.rewind(m_ana.id, m_bob.id, 0); // a send without a seq (a duplicate): nothing
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 3u);
    QCOMPARE(seqs.next(m_ana.id, m_carl.id).seq, 3u);
    QVERIFY(seqs.isComplete());
    QCOMPARE(seqs.lookups(), 0u);
}

void TestConversationSeqs::startingOverWritesTheSeqsTheStoreHolds()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer, 2);
    QVERIFY(seqs.preload());
    // Two more messages between ana and bob, committed: the store holds seq 4 in
    // memory, the database still says 2.
    for (quint32 i = 0; i < 2; ++i) {
        const auto slot = seqs.next(m_ana.id, m_bob.id);
        SendWrite s = send(m_ana, 0, m_bob, protocol::MessageId::generate(), 1200 + i);
        s.conversation = slot.conversation;
        s.seq = slot.seq;
        bool committed = false;
        committer.addSend(std::move(s), [&committed](const auto &r) { committed = r.ok(); });
        committer.settle();
        QTRY_VERIFY(committed);
    }
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 2u);
    // A third conversation does not fit: the cache starts over, after the store
    // wrote what it held, and ana and bob go on from 4.
    QCOMPARE(seqs.next(m_bob.id, m_carl.id).seq, 1u);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 4u);
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 5u);
    QCOMPARE(seqs.lookups(), 2u);
}

void TestConversationSeqs::aPushedSeqIsNeverGivenAgainAfterAFailedCommit()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer);
    QVERIFY(seqs.preload());
    const auto three = seqs.next(m_ana.id, m_bob.id);
    QVERIFY(three.mayPush);
    seqs.notePushed(m_ana.id, m_bob.id, three.seq);  // a device has 3
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 4u); // not pushed
    QVERIFY(seqs.hasPushedUncommitted());
    // Both commits fail: 4 is given again, 3 never (it is a gap, or its own resend's).
    seqs.rewind(m_ana.id, m_bob.id, 4);
    seqs.rewind(m_ana.id, m_bob.id, 3);
    QCOMPARE(seqs.next(m_bob.id, m_ana.id).seq, 4u);
    QVERIFY(seqs.hasPushedUncommitted());
    seqs.noteCommitted(m_ana.id, m_bob.id, 4);
    QVERIFY(!seqs.hasPushedUncommitted());
}

void TestConversationSeqs::onlyCommittedConversationsPushAndOnlySoFarAhead()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer);
    QVERIFY(seqs.preload());
    // A new conversation's id is only reserved in memory: nothing of it leaves
    // before its row is committed.
    const auto fresh = seqs.next(m_bob.id, m_carl.id);
    QCOMPARE(fresh.seq, 1u);
    QVERIFY(!fresh.mayPush);
    QVERIFY(!seqs.next(m_bob.id, m_carl.id).mayPush);
    seqs.noteCommitted(m_bob.id, m_carl.id, 1);
    QVERIFY(seqs.next(m_bob.id, m_carl.id).mayPush);
    // ana and bob committed 2: seqs up to 2 + kPushAhead may leave first.
    for (quint64 seq = 3; seq <= 2 + ConversationSeqs::kPushAhead; ++seq) {
        const auto slot = seqs.next(m_ana.id, m_bob.id);
        QCOMPARE(slot.seq, seq);
        QVERIFY(slot.mayPush);
    }
    QVERIFY(!seqs.next(m_ana.id, m_bob.id).mayPush);
    seqs.noteCommitted(m_ana.id, m_bob.id, 10);
    QVERIFY(seqs.next(m_ana.id, m_bob.id).mayPush);
}

void TestConversationSeqs::startingOverKeepsPushedSeqsTheDatabaseDoesNotHave()
{
    twoConversations();
    GroupCommitter committer(*m_store, nullptr);
    ConversationSeqs seqs(*m_store, committer, 2);
    QVERIFY(seqs.preload());
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 3u);
    seqs.notePushed(m_ana.id, m_bob.id, 3);
    seqs.rewind(m_ana.id, m_bob.id, 3); // its commit failed
    // A third conversation does not fit: the cache starts over, but the database
    // has 2 for ana and bob, and 3 has left the server.
    QCOMPARE(seqs.next(m_bob.id, m_carl.id).seq, 1u);
    QCOMPARE(seqs.next(m_ana.id, m_bob.id).seq, 4u);
}

QTEST_GUILESS_MAIN(TestConversationSeqs)
#include "tst_conversationseqs.moc"
