// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlTestHelpers.h"
#include "SqliteStoreFixture.h"
#include "TestBase.h"

#include <QDir>
#include <QSqlQuery>
#include <QtTest>

using namespace linnet;
using namespace linnet::server;
using namespace linnet::test;

/**
 * SqliteStore batches carrying what the gateway decided before the commit: conversations
 * and seqs it reserved, copies it pushed (and that were acked) before their batch, and
 * sends it took for duplicates. The batch writer's own work is in
 * tst_sqlitestore_batches.cpp.
 */
class TestSqliteStoreReservations : public SqliteStoreTest {
    Q_OBJECT

private Q_SLOTS:
    void reservedResendOfAStoredMessageIsItsOriginal();
    void reservedConversationAndSeqs();
    void reservationThatContradictsTheDatabaseFailsTheBatch();
    void copyAckedBeforeItsCommitIsNotStoredButReported();
    void ownDeviceAckingBeforeTheCommitIsNoDelivery();
    void theSendingDeviceGetsAReceiptOnlyForWhatItsAcksDidNotSay();
    void aLateAckToldInTheSendersAckSparesItsReceiptUnlessItSentAgain();
    void messageStoredSeesOnlyCommittedMessages();
    void takenForADuplicateButNewIsNotStored();
    void heldSeqsAreWrittenWhenAskedAndMarkedUntilThen();
    void heldSeqsAreWrittenWhenTooManyAreHeld();
    void openingAfterACrashTakesHeldSeqsFromTheMessages();

private:
    /** A batch in which @p user's device number @p device acks its oldest inbox entry. */
    WriteBatch ackOfFirstEntry(const User &user, int device, qint64 at);
    /** The ids of each delivered receipt in @p device's inbox, sorted. */
    QList<QList<MessageId>> receiptsOf(qint64 device) const;
};

void TestSqliteStoreReservations::reservedResendOfAStoredMessageIsItsOriginal()
{
    // A resend the gateway did not take for one (not marked `again`) comes with a
    // fresh seq: it is answered with the original outcome, nothing of it is
    // written, and its seq stays unused.
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(8), 1000, "original")};
    const BatchResult r1 = commit(first);
    SendWrite resend = send(m_ana, 0, m_bob, makeId(8), 5000, "resent");
    resend.conversation = r1.sends.at(0).conversation;
    resend.seq = 2;
    SendWrite next = send(m_ana, 0, m_bob, makeId(9), 5001);
    next.conversation = resend.conversation;
    next.seq = 3;
    WriteBatch batch;
    batch.sends = {resend, next};
    const auto r2 = m_store->commitBatch(batch);
    QVERIFY2(r2.ok(), qPrintable(r2.ok() ? QString() : r2.error().reason));
    SendOutcome expected = r1.sends.at(0);
    expected.duplicate = true;
    QCOMPARE(r2.value().sends.at(0), expected);
    QCOMPARE(r2.value().sends.at(1).seq, 3u);
    QCOMPARE(r2.value().newEntries.size(), size_t(3)); // the next message's copies only
    for (const InboxEntry &e : r2.value().newEntries)
        QCOMPARE(std::get<Deliver>(e.frame).id, makeId(9));
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 2u);
    QVERIFY(flushSeqs());
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 3u);

    // Alone in its batch, its seq does not move the conversation either.
    resend.seq = 4;
    WriteBatch alone;
    alone.sends = {resend};
    const auto r3 = m_store->commitBatch(alone);
    QVERIFY(r3.ok());
    QCOMPARE(r3.value().sends.at(0), expected);
    QVERIFY(flushSeqs());
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 3u);
    // The original body is what the inbox keeps.
    const auto kept = m_store->loadInbox(m_bob.devices[0], 0, 1).value();
    QCOMPARE(std::get<Deliver>(kept.at(0).frame).body, QByteArrayLiteral("original"));
}

void TestSqliteStoreReservations::reservedConversationAndSeqs()
{
    // The gateway reserves the id and the seqs as messages arrive; the batch that
    // carries the first message writes the conversation row.
    QVERIFY(!m_store->conversationBetween(m_ana.id, m_bob.id));
    const qint64 reserved = m_store->reserveConversationId();
    WriteBatch batch;
    for (quint64 seq : {1u, 2u}) {
        SendWrite s = send(m_ana, 0, m_bob, makeId(700 + quint32(seq)), 1000);
        s.conversation = reserved;
        s.seq = seq;
        batch.sends.push_back(s);
    }
    const BatchResult r = commit(batch);
    QCOMPARE(r.sends.size(), size_t(2));
    QCOMPARE(r.sends[0].conversation, reserved);
    QCOMPARE(r.sends[1].seq, 2u);
    const auto deliver = std::get<Deliver>(r.newEntries.front().frame);
    QCOMPARE(deliver.conversation, reserved);
    QCOMPARE(deliver.seq, 1u);
    // The row came with seq 1; seq 2 is held in memory until it is due.
    auto stored = m_store->conversationBetween(m_bob.id, m_ana.id); // either order
    QVERIFY(stored);
    QCOMPARE(stored->id, reserved);
    QCOMPARE(stored->lastSeq, 1u);
    QVERIFY(flushSeqs());
    QCOMPARE(m_store->conversationBetween(m_bob.id, m_ana.id)->lastSeq, 2u);

    // A seq reserved after one that was lost (a failed batch) leaves a gap, and
    // last_seq never goes back.
    SendWrite later = send(m_bob, 0, m_ana, makeId(710), 1100);
    later.conversation = reserved;
    later.seq = 5;
    SendWrite earlier = send(m_bob, 0, m_ana, makeId(711), 1100);
    earlier.conversation = reserved;
    earlier.seq = 4;
    WriteBatch next;
    next.sends = {later, earlier};
    QCOMPARE(commit(next).sends.size(), size_t(2));
    QVERIFY(flushSeqs());
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 5u);

    // A group made meanwhile takes the next id: the two never collide.
    const qint64 another = m_store->reserveConversationId();
    const auto group = m_store->groups().createGroup(
        GroupCreateWrite{m_ana.id, m_ana.name, QStringLiteral("g"), {m_bob.id}, 1200});
    QVERIFY2(group.ok(), qPrintable(group.ok() ? QString() : group.error().reason));
    QVERIFY(group.value().conversation != another);
    QVERIFY(group.value().conversation != reserved);
    SendWrite toCarl = send(m_ana, 0, m_carl, makeId(720), 1300);
    toCarl.conversation = another;
    toCarl.seq = 1;
    WriteBatch third;
    third.sends = {toCarl};
    QCOMPARE(commit(third).sends.at(0).conversation, another);
    QCOMPARE(m_store->conversationMembers(another), (QList<qint64>{m_ana.id, m_carl.id}));
}

void TestSqliteStoreReservations::reservationThatContradictsTheDatabaseFailsTheBatch()
{
    // A first message inserts the row, a later one checks that a row has its id and
    // both accounts (its last_seq is written later, SeqFlushPolicy). Every way a gateway can
    // disagree with the database fails the batch and leaves nothing.
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(735), 1000)};
    const qint64 anaBob = commit(first).sends.at(0).conversation;
    QVERIFY(anaBob > 0);

    SendWrite newAgain = send(m_ana, 0, m_bob, makeId(736), 1100); // "new", but it is not
    newAgain.conversation = m_store->reserveConversationId();
    newAgain.seq = 1;
    SendWrite otherPair = send(m_ana, 0, m_carl, makeId(737), 1100); // ana and bob's id
    otherPair.conversation = anaBob;
    otherPair.seq = 2;
    SendWrite noRow = send(m_ana, 0, m_bob, makeId(738), 1100); // an id without a row
    noRow.conversation = m_store->reserveConversationId();
    noRow.seq = 2;
    for (const SendWrite &wrong : {newAgain, otherPair, noRow}) {
        WriteBatch batch;
        batch.sends = {wrong};
        const auto result = m_store->commitBatch(batch);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().reason.contains(QStringLiteral("reserved")),
                 qPrintable(result.error().reason));
        QVERIFY(!m_store->messageStored(m_ana.devices[0], wrong.id));
    }
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->id, anaBob);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 1u);
    QVERIFY(!m_store->conversationBetween(m_ana.id, m_carl.id));
    QCOMPARE(m_store->inboxCount(m_carl.devices[0]), 0u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 1u); // the first message's copy only
}

void TestSqliteStoreReservations::copyAckedBeforeItsCommitIsNotStoredButReported()
{
    // ana's message reached bob's first device before its commit, and that device
    // acked it in the same batch: its copy is not written; bob's second device
    // and ana's other device get theirs; ana hears of the delivery once per device:
    // the sending device in its ack, the other one by a receipt.
    SendWrite s = send(m_ana, 0, m_bob, makeId(740), 1000);
    s.conversation = m_store->reserveConversationId();
    s.seq = 1;
    s.live.resize(size_t(s.copies.size()));
    QCOMPARE(s.copies[0].device, m_bob.devices[0]);
    s.live[0] = LiveCopy{(quint64(1) << 62) + 1, true};
    s.live[1] = LiveCopy{(quint64(1) << 62) + 2, false}; // pushed, not yet acked
    WriteBatch batch;
    batch.sends = {s};
    AckWrite ack{m_bob.id, m_bob.name, m_bob.devices[0], {}, 1001};
    ack.unstored = {UnstoredDelivery{m_ana.devices[0], makeId(740)}};
    batch.acks = {ack};
    const BatchResult r = commit(batch);
    QCOMPARE(r.sends.size(), size_t(1));
    QCOMPARE(r.sends[0].deliveredAt, 1001);
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 0u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 1u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[0]), 0u); // told in its ack
    const auto entries = m_store->loadInbox(m_ana.devices[1], 0, 10).value();
    QCOMPARE(entries.size(), size_t(2)); // its copy and the receipt
    QVERIFY(std::holds_alternative<Receipt>(entries[1].frame));
    const auto receipt = std::get<Receipt>(entries[1].frame);
    QCOMPARE(receipt.kind, ReceiptKind::Delivered);
    QCOMPARE(receipt.ids, QList<MessageId>{makeId(740)});
    QCOMPARE(receipt.by, m_bob.name);

    // bob's second device acks its stored copy later: no second receipt.
    QVERIFY(commit(ackOfFirstEntry(m_bob, 1, 1002)).newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 0u);
}

WriteBatch TestSqliteStoreReservations::ackOfFirstEntry(const User &user, int device, qint64 at)
{
    const qint64 id = user.devices[device];
    WriteBatch batch;
    batch.acks = {AckWrite{
        user.id, user.name, id, {m_store->loadInbox(id, 0, 1).value().at(0).entryId()}, at}};
    return batch;
}

void TestSqliteStoreReservations::ownDeviceAckingBeforeTheCommitIsNoDelivery()
{
    // ana's other device had the pushed copy and acked it in the same batch: the
    // message is not delivered yet, so bob's ack later is, once.
    SendWrite s = send(m_ana, 0, m_bob, makeId(760), 1000);
    s.conversation = m_store->reserveConversationId();
    s.seq = 1;
    s.live.resize(size_t(s.copies.size()));
    const auto own = std::find_if(s.copies.cbegin(), s.copies.cend(),
                                  [&](const auto &c) { return c.device == m_ana.devices[1]; });
    QVERIFY(own != s.copies.cend());
    s.live[size_t(own - s.copies.cbegin())] = LiveCopy{(quint64(1) << 62) + 7, true};
    WriteBatch batch;
    batch.sends = {s};
    AckWrite ownAck{m_ana.id, m_ana.name, m_ana.devices[1], {}, 1001};
    ownAck.unstored = {UnstoredDelivery{m_ana.devices[0], makeId(760)}};
    batch.acks = {ownAck};
    commit(batch);
    QCOMPARE(m_store->inboxCount(m_ana.devices[1]), 0u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[0]), 0u); // no receipt

    commit(ackOfFirstEntry(m_bob, 0, 1002));
    const auto receipts = m_store->loadInbox(m_ana.devices[0], 0, 10).value();
    QCOMPARE(receipts.size(), size_t(1));
    QCOMPARE(std::get<Receipt>(receipts[0].frame).ids, QList<MessageId>{makeId(760)});
    // And bob's second device acking too is no second delivery.
    commit(ackOfFirstEntry(m_bob, 1, 1003));
    QCOMPARE(m_store->inboxCount(m_ana.devices[0]), 1u);
}

QList<QList<MessageId>> TestSqliteStoreReservations::receiptsOf(qint64 device) const
{
    QList<QList<MessageId>> out;
    const auto entries = m_store->loadInbox(device, 0, 10).value();
    for (const auto &entry : entries)
        if (const auto *receipt = std::get_if<Receipt>(&entry.frame)) {
            QList<MessageId> ids = receipt->ids;
            std::sort(ids.begin(), ids.end());
            out.append(ids);
        }
    return out;
}

void TestSqliteStoreReservations::theSendingDeviceGetsAReceiptOnlyForWhatItsAcksDidNotSay()
{
    // B is stored and waits in bob's inbox; A reaches bob before its commit. One ack
    // of bob's has both: ana's sending device hears of A in A's ack and gets a
    // receipt for B only, her other device one receipt for both.
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(770), 1000)};
    const SendOutcome b = commit(first).sends.at(0);
    QCOMPARE(b.deliveredAt, 0);

    SendWrite a = send(m_ana, 0, m_bob, makeId(771), 1100);
    a.conversation = b.conversation;
    a.seq = b.seq + 1;
    a.live.resize(size_t(a.copies.size()));
    QCOMPARE(a.copies[0].device, m_bob.devices[0]);
    a.live[0] = LiveCopy{(quint64(1) << 62) + 1, true};
    WriteBatch second;
    second.sends = {a};
    AckWrite ack{m_bob.id,
                 m_bob.name,
                 m_bob.devices[0],
                 {m_store->loadInbox(m_bob.devices[0], 0, 1).value().at(0).entryId()},
                 1101};
    ack.unstored = {UnstoredDelivery{m_ana.devices[0], makeId(771)}};
    second.acks = {ack};
    QCOMPARE(commit(second).sends.at(0).deliveredAt, 1101);

    QCOMPARE(receiptsOf(m_ana.devices[0]), (QList<QList<MessageId>>{{makeId(770)}}));
    QCOMPARE(receiptsOf(m_ana.devices[1]), (QList<QList<MessageId>>{{makeId(770), makeId(771)}}));

    // carl has one device: told in its ack, his delivery is in no inbox at all.
    SendWrite c = send(m_carl, 0, m_bob, makeId(772), 1200);
    c.conversation = m_store->reserveConversationId();
    c.seq = 1;
    c.live.resize(size_t(c.copies.size()));
    c.live[0] = LiveCopy{(quint64(1) << 62) + 2, true};
    WriteBatch third;
    third.sends = {c};
    AckWrite carlsAck{m_bob.id, m_bob.name, m_bob.devices[0], {}, 1201};
    carlsAck.unstored = {UnstoredDelivery{m_carl.devices[0], makeId(772)}};
    third.acks = {carlsAck};
    const BatchResult r = commit(third);
    QCOMPARE(r.sends.at(0).deliveredAt, 1201);
    QCOMPARE(m_store->inboxCount(m_carl.devices[0]), 0u);
    for (const InboxEntry &e : r.newEntries)
        QVERIFY(!std::holds_alternative<Receipt>(e.frame));
}

void TestSqliteStoreReservations::aLateAckToldInTheSendersAckSparesItsReceiptUnlessItSentAgain()
{
    // X and Y are stored; bob acks both entries after their commit, and the gateway
    // said delivered in ana's acks (AckWrite::toldInAck). Ana's sending device sent
    // Y again in the same batch (its ack may have been lost): it gets a receipt for
    // Y only; her other device gets one for both.
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(780), 1000)};
    const SendOutcome x = commit(first).sends.at(0);
    SendWrite y = send(m_ana, 0, m_bob, makeId(781), 1001);
    y.conversation = x.conversation;
    y.seq = x.seq + 1;
    WriteBatch second;
    second.sends = {y};
    commit(second);
    const auto entries = m_store->loadInbox(m_bob.devices[0], 0, 10).value();
    QCOMPARE(entries.size(), 2u);

    WriteBatch third;
    third.sends = {send(m_ana, 0, m_bob, makeId(781), 1002)}; // the resend of Y
    AckWrite ack{m_bob.id,
                 m_bob.name,
                 m_bob.devices[0],
                 {entries.at(0).entryId(), entries.at(1).entryId()},
                 1003};
    ack.toldInAck = {{entries.at(0).entryId(), m_ana.devices[0]},
                     {entries.at(1).entryId(), m_ana.devices[0]}};
    third.acks = {ack};
    const BatchResult r = commit(third);
    QVERIFY(r.sends.at(0).duplicate);
    QCOMPARE(r.sends.at(0).deliveredAt, 0); // the resend's ack cannot say it yet

    QCOMPARE(receiptsOf(m_ana.devices[0]), (QList<QList<MessageId>>{{makeId(781)}}));
    QCOMPARE(receiptsOf(m_ana.devices[1]), (QList<QList<MessageId>>{{makeId(780), makeId(781)}}));
}

void TestSqliteStoreReservations::messageStoredSeesOnlyCommittedMessages()
{
    QVERIFY(!m_store->messageStored(m_ana.devices[0], makeId(750)));
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(750), 1000)};
    QCOMPARE(commit(batch).sends.size(), size_t(1));
    QVERIFY(m_store->messageStored(m_ana.devices[0], makeId(750)));
    // The dedup key is (sender device, id): the same id from another device is new.
    QVERIFY(!m_store->messageStored(m_ana.devices[1], makeId(750)));
}

void TestSqliteStoreReservations::takenForADuplicateButNewIsNotStored()
{
    // The gateway sends a likely duplicate without a seq; when its original is
    // in fact gone (its batch failed), the sender is told to send it again.
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(761), 1001)};
    const BatchResult r = commit(first); // reserved, as any new message
    QCOMPARE(r.sends.size(), size_t(1));
    QVERIFY(!r.sends[0].sendAgain);
    WriteBatch unknown;
    unknown.sends = {send(m_ana, 0, m_bob, makeId(762), 1002)};
    const auto result = m_store->commitBatch(unknown);
    QVERIFY(result.ok());
    QCOMPARE(result.value().sends.size(), size_t(1));
    QVERIFY(result.value().sends[0].sendAgain);
    QVERIFY(result.value().newEntries.empty());
    QVERIFY(!m_store->messageStored(m_ana.devices[0], makeId(762)));
    // The same without a seq but stored before: the original ack, as always.
    WriteBatch again;
    again.sends = {send(m_ana, 0, m_bob, makeId(761), 1003)};
    const auto duplicate = m_store->commitBatch(again);
    QVERIFY(duplicate.ok());
    QVERIFY(duplicate.value().sends[0].duplicate);
    QVERIFY(!duplicate.value().sends[0].sendAgain);
    QCOMPARE(duplicate.value().sends[0].seq, r.sends[0].seq);
}

namespace {
/** server_state.seqs_unflushed_since of the store in @p dir (-1: no row, -2: error). */
qint64 unflushedSince(const QString &dir)
{
    SqlConnection c(QDir(dir).filePath(QStringLiteral("linnet.db")));
    QSqlQuery q(c.db());
    if (!q.exec(
            QStringLiteral("SELECT value FROM server_state WHERE name = 'seqs_unflushed_since'")))
        return -2;
    return q.next() ? q.value(0).toLongLong() : -1;
}
} // namespace

void TestSqliteStoreReservations::heldSeqsAreWrittenWhenAskedAndMarkedUntilThen()
{
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(801), 1000)};
    const BatchResult r1 = commit(first);
    QVERIFY(r1.seqsFlushed); // seq 1 is in the row its batch inserted
    QCOMPARE(unflushedSince(m_dir->path()), -1);

    WriteBatch later;
    later.sends = {send(m_bob, 0, m_ana, makeId(802), 1500),
                   send(m_ana, 0, m_bob, makeId(803), 1400)};
    const BatchResult r2 = commit(later);
    QCOMPARE(r2.sends.at(1).seq, 3u);
    QVERIFY(!r2.seqsFlushed);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 1u);
    // The mark is the earliest message whose seq is held: a crash finds them from there.
    QCOMPARE(unflushedSince(m_dir->path()), 1400);
    WriteBatch third;
    third.sends = {send(m_ana, 0, m_bob, makeId(804), 1300)}; // a clock that went back
    QVERIFY(!commit(third).seqsFlushed);
    QCOMPARE(unflushedSince(m_dir->path()), 1300);

    QVERIFY(flushSeqs());
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 4u);
    QCOMPARE(unflushedSince(m_dir->path()), 0);
    QVERIFY(flushSeqs()); // nothing held: nothing to write
}

void TestSqliteStoreReservations::heldSeqsAreWrittenWhenTooManyAreHeld()
{
    // A second store on the same file, whose writer holds at most one conversation.
    SqliteStore small(m_dir->path(), SqliteStore::kDefaultBusyTimeoutMs,
                      SeqFlushPolicy{std::chrono::hours(1), 1});
    QVERIFY(small.open().ok());
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_carl, makeId(811), 1000)};
    first = reserved(first);
    QVERIFY(small.commitBatch(first).ok());
    WriteBatch second;
    second.sends = {send(m_carl, 0, m_ana, makeId(812), 1100)};
    second = reserved(second);
    const auto r = small.commitBatch(second);
    QVERIFY(r.ok());
    QVERIFY(r.value().seqsFlushed);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_carl.id)->lastSeq, 2u);
    QCOMPARE(unflushedSince(m_dir->path()), 0);
}

void TestSqliteStoreReservations::openingAfterACrashTakesHeldSeqsFromTheMessages()
{
    WriteBatch batch;
    batch.sends = {
        send(m_ana, 0, m_bob, makeId(821), 1000), send(m_bob, 0, m_ana, makeId(822), 1001),
        send(m_ana, 0, m_carl, makeId(823), 1002), send(m_carl, 0, m_ana, makeId(824), 1003)};
    const BatchResult r = commit(batch);
    QCOMPARE(r.sends.size(), size_t(4));
    QVERIFY(!r.seqsFlushed);
    WriteBatch more;
    more.sends = {send(m_ana, 0, m_bob, makeId(825), 1004)};
    QVERIFY(!commit(more).seqsFlushed);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 1u);

    // The process ends without writing them (no flushSeqs batch): the store is
    // dropped as it stands, and the next one to open the file takes them back.
    m_store.reset();
    m_store = std::make_unique<SqliteStore>(m_dir->path());
    QVERIFY(m_store->open().ok());
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 3u);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_carl.id)->lastSeq, 2u);
    QCOMPARE(unflushedSince(m_dir->path()), 0);
    // And the seqs go on from there.
    forgetSeqs();
    WriteBatch after;
    after.sends = {send(m_bob, 0, m_ana, makeId(826), 2000)};
    QCOMPARE(commit(after).sends.at(0).seq, 4u);
}

QTEST_GUILESS_MAIN(TestSqliteStoreReservations)
#include "tst_sqlitestore_reservations.moc"
