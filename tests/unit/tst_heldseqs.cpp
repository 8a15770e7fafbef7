// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestBase.h"
#include "store/HeldSeqs.h"

#include <QtTest>

using namespace linnet;
using namespace linnet::server;

/** HeldSeqs: the bookkeeping of one-to-one seqs the batch writer writes lazily. */
class TestHeldSeqs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }

    void aBatchKeepsTheHighestSeqAndTheEarliestTime()
    {
        HeldSeqs::Batch batch;
        QVERIFY(batch.isEmpty());
        batch.add(7, 3, 1500);
        batch.add(7, 2, 1400); // out of order within the batch
        batch.add(9, 5, 1600);
        QCOMPARE(batch.seqs.value(7), 3u);
        QCOMPARE(batch.seqs.value(9), 5u);
        QCOMPARE(batch.earliest, 1400);
    }

    void heldAndBatchSeqsAreWrittenOncePerConversationInIdOrder()
    {
        HeldSeqs held(SeqFlushPolicy{std::chrono::hours(1), 100});
        HeldSeqs::Batch first;
        first.add(30, 4, 1000);
        first.add(10, 8, 1001);
        held.committed(first, false);
        QVERIFY(!held.isEmpty());

        HeldSeqs::Batch next;
        next.add(10, 6, 1100); // lower than held: the held 8 stays
        next.add(30, 9, 1101);
        next.add(20, 2, 1102);
        using Seqs = std::vector<std::pair<qint64, quint64>>;
        QCOMPARE(held.toWrite(next), (Seqs{{10, 8}, {20, 2}, {30, 9}}));
        QCOMPARE(held.toWrite({}), (Seqs{{10, 8}, {30, 4}}));
    }

    void theMarkIsTheEarliestHeldMessage()
    {
        HeldSeqs held(SeqFlushPolicy{});
        HeldSeqs::Batch first;
        first.add(1, 2, 5000);
        QCOMPARE(held.unflushedSince(first), 5000);
        held.committed(first, false);
        QCOMPARE(held.unflushedSince({}), 5000);
        HeldSeqs::Batch earlier; // a clock that went back
        earlier.add(2, 2, 4000);
        QCOMPARE(held.unflushedSince(earlier), 4000);
        HeldSeqs::Batch later;
        later.add(3, 2, 6000);
        QCOMPARE(held.unflushedSince(later), 5000);
        held.committed(earlier, true); // written: nothing held, no mark
        QVERIFY(held.isEmpty());
        QCOMPARE(held.unflushedSince({}), 0);
        QCOMPARE(held.toWrite({}).size(), size_t(0));
    }

    void dueWhenAskedWhenTooManyOrWhenHeldLongEnough()
    {
        HeldSeqs::Batch one;
        one.add(1, 2, 100);
        HeldSeqs patient(SeqFlushPolicy{std::chrono::hours(1), 2});
        QVERIFY(!patient.due(one, false));
        QVERIFY(patient.due(one, true));
        patient.committed(one, false);
        HeldSeqs::Batch another;
        another.add(2, 2, 200);
        QVERIFY(patient.due(another, false)); // two conversations: maxHeld

        HeldSeqs eager(SeqFlushPolicy{std::chrono::milliseconds(0), 1000});
        QVERIFY(!eager.due(one, false)); // nothing held yet: no time has passed
        eager.committed(one, false);
        QVERIFY(eager.due({}, false));
    }
};

QTEST_GUILESS_MAIN(TestHeldSeqs)
#include "tst_heldseqs.moc"
