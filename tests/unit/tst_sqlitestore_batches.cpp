// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStoreFixture.h"
#include "TestBase.h"
#include "protocol/Limits.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace linnet;
using namespace linnet::server;
using namespace linnet::test;
using protocol::Deliver;
using protocol::MessageId;
using protocol::Receipt;
using protocol::ReceiptKind;

/**
 * SqliteStore write batches: sends with their sequence, fan-out and dedup, acks and delivered
 * receipts, read receipts, inbox paging, and large batches. Opening, accounts and devices
 * are in tst_sqlitestore_accounts.cpp.
 */
class TestSqliteStoreBatches : public QObject, private SqliteStoreFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void manyAccountsInOneBatchEachGetTheirEntries();
    void sendsGetSequenceAndFanOut();
    void noteToSelf();
    void duplicateAcrossBatches();
    void duplicateWithinBatch();
    void reservedResendOfAStoredMessageIsItsOriginal();
    void ackDeletesOwnEntriesAndReportsDeliveryOnce();
    void senderDeviceAckingFirstIsNoDelivery();
    void readReceipts();
    void reservedConversationAndSeqs();
    void reservationThatContradictsTheDatabaseFailsTheBatch();
    void copyAckedBeforeItsCommitIsNotStoredButReported();
    void ownDeviceAckingBeforeTheCommitIsNoDelivery();
    void messageStoredSeesOnlyCommittedMessages();
    void takenForADuplicateButNewIsNotStored();
    void loadInboxOrderAndPaging();
    void largeBatch();

private:
    /** A batch in which @p user's device number @p device acks its oldest inbox entry. */
    WriteBatch ackOfFirstEntry(const User &user, int device, qint64 at);
};

void TestSqliteStoreBatches::manyAccountsInOneBatchEachGetTheirEntries()
{
    // Regression: the per-batch device cache once handed out pointers into a
    // QHash that the next lookup could rehash, so under load (many accounts in
    // one batch) acked messages got no inbox entry at all.
    constexpr int kPairs = 300;
    std::vector<User> senders, recipients;
    for (int i = 0; i < kPairs; ++i) {
        senders.push_back(makeUser(QStringLiteral("s%1").arg(i), 1));
        recipients.push_back(makeUser(QStringLiteral("r%1").arg(i), 2));
    }
    WriteBatch batch;
    for (int i = 0; i < kPairs; ++i)
        batch.sends.push_back(send(senders[i], 0, recipients[i], makeId(90000 + i), 1000));
    const BatchResult r = commit(batch);
    QCOMPARE(int(r.sends.size()), kPairs);
    QCOMPARE(int(r.newEntries.size()), 2 * kPairs);
    for (int i = 0; i < kPairs; ++i) {
        const auto &first = r.newEntries[2 * i];
        const auto &second = r.newEntries[2 * i + 1];
        QCOMPARE(sorted({first.deviceId, second.deviceId}), sorted(recipients[i].devices));
        QCOMPARE(m_store->inboxCount(recipients[i].devices[0]), 1u);
        QCOMPARE(m_store->inboxCount(recipients[i].devices[1]), 1u);
    }
}

void TestSqliteStoreBatches::sendsGetSequenceAndFanOut()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000, "one"),
                   send(m_ana, 0, m_bob, makeId(2), 1001, "two")};
    const BatchResult r = commit(batch);
    QCOMPARE(r.sends.size(), size_t(2));
    const qint64 conv = r.sends[0].conversation;
    QVERIFY(conv > 0);
    QCOMPARE(r.sends[0], (SendOutcome{makeId(1), conv, 1, 1000, false}));
    QCOMPARE(r.sends[1], (SendOutcome{makeId(2), conv, 2, 1001, false}));

    // each message: bob's two devices and ana's other device, never the sending one
    QCOMPARE(r.newEntries.size(), size_t(6));
    const QList<qint64> expected = sorted({m_bob.devices[0], m_bob.devices[1], m_ana.devices[1]});
    QCOMPARE(sorted(devicesOf({r.newEntries.begin(), r.newEntries.begin() + 3})), expected);
    QCOMPARE(sorted(devicesOf({r.newEntries.begin() + 3, r.newEntries.end()})), expected);
    for (size_t i = 1; i < r.newEntries.size(); ++i)
        QVERIFY(r.newEntries[i].entryId() > r.newEntries[i - 1].entryId());
    const auto &d = std::get<Deliver>(r.newEntries[3].frame);
    QCOMPARE(d.id, makeId(2));
    QCOMPARE(d.conversation, conv);
    QCOMPARE(d.seq, 2u);
    QCOMPARE(d.from, QStringLiteral("ana"));
    QCOMPARE(d.fromDevice, m_ana.devices[0]);
    QCOMPARE(d.to, QStringLiteral("bob"));
    QCOMPARE(d.timestamp, 1001);
    QCOMPARE(d.body, QByteArrayLiteral("two"));

    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 2u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 2u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[1]), 2u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[0]), 0u);

    // the reply continues the same conversation
    WriteBatch reply;
    reply.sends = {send(m_bob, 1, m_ana, makeId(1), 1002)}; // same id, other device: not a dup
    const BatchResult r2 = commit(reply);
    QCOMPARE(r2.sends.at(0), (SendOutcome{makeId(1), conv, 3, 1002, false}));
    QCOMPARE(sorted(devicesOf(r2.newEntries)),
             sorted({m_ana.devices[0], m_ana.devices[1], m_bob.devices[0]}));

    QVERIFY(m_store->areContacts(m_ana.id, m_bob.id));
    QVERIFY(m_store->areContacts(m_bob.id, m_ana.id));
    QVERIFY(!m_store->areContacts(m_ana.id, m_carl.id));
    QCOMPARE(sorted(m_store->conversationMembers(conv)), sorted({m_ana.id, m_bob.id}));
    QVERIFY(m_store->conversationMembers(conv + 100).isEmpty());

    // another pair has its own conversation and sequence
    WriteBatch other;
    other.sends = {send(m_carl, 0, m_ana, makeId(9), 1003)};
    const BatchResult r3 = commit(other);
    QVERIFY(r3.sends.at(0).conversation != conv);
    QCOMPARE(r3.sends.at(0).seq, 1u);
}

void TestSqliteStoreBatches::noteToSelf()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_ana, makeId(1), 1000)};
    const BatchResult r = commit(batch);
    QCOMPARE(r.sends.at(0).seq, 1u);
    QCOMPARE(devicesOf(r.newEntries), QList<qint64>{m_ana.devices[1]});
    QCOMPARE(m_store->conversationMembers(r.sends[0].conversation), QList<qint64>{m_ana.id});

    // the other device's ack is not a delivery to someone else
    WriteBatch ack;
    ack.acks = {
        AckWrite{m_ana.id, m_ana.name, m_ana.devices[1], {r.newEntries[0].entryId()}, 1100}};
    QVERIFY(commit(ack).newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_ana.devices[1]), 0u);
}

void TestSqliteStoreBatches::duplicateAcrossBatches()
{
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(7), 1000, "original")};
    const BatchResult r1 = commit(first);
    QCOMPARE(r1.newEntries.size(), size_t(3));

    WriteBatch again;
    again.sends = {send(m_ana, 0, m_bob, makeId(7), 5000, "resent")};
    const BatchResult r2 = commit(again);
    SendOutcome expected = r1.sends.at(0);
    expected.duplicate = true;
    QCOMPARE(r2.sends.at(0), expected); // original seq and timestamp
    QVERIFY(r2.newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 1u);

    // even after every device acked it, the id stays known
    WriteBatch ack;
    for (const InboxEntry &e : r1.newEntries)
        ack.acks.push_back(AckWrite{e.deviceId == m_ana.devices[1] ? m_ana.id : m_bob.id,
                                    e.deviceId == m_ana.devices[1] ? m_ana.name : m_bob.name,
                                    e.deviceId,
                                    {e.entryId()},
                                    1100});
    commit(ack);
    const BatchResult r3 = commit(again);
    QCOMPARE(r3.sends.at(0), expected);
    QVERIFY(r3.newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 0u);
}

void TestSqliteStoreBatches::reservedResendOfAStoredMessageIsItsOriginal()
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
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 3u);

    // Alone in its batch, its seq does not move the conversation either.
    resend.seq = 4;
    WriteBatch alone;
    alone.sends = {resend};
    const auto r3 = m_store->commitBatch(alone);
    QVERIFY(r3.ok());
    QCOMPARE(r3.value().sends.at(0), expected);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->lastSeq, 3u);
    // The original body is what the inbox keeps.
    const auto kept = m_store->loadInbox(m_bob.devices[0], 0, 1);
    QCOMPARE(std::get<Deliver>(kept.at(0).frame).body, QByteArrayLiteral("original"));
}

void TestSqliteStoreBatches::duplicateWithinBatch()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000), send(m_ana, 0, m_bob, makeId(2), 1001),
                   send(m_ana, 0, m_bob, makeId(1), 1002)};
    const BatchResult r = commit(batch);
    QCOMPARE(r.sends.size(), size_t(3));
    QCOMPARE(r.sends[0].seq, 1u);
    QCOMPARE(r.sends[1].seq, 2u);
    SendOutcome expected = r.sends[0];
    expected.duplicate = true;
    QCOMPARE(r.sends[2], expected);
    QCOMPARE(r.newEntries.size(), size_t(6));
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 2u);
}

void TestSqliteStoreBatches::ackDeletesOwnEntriesAndReportsDeliveryOnce()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000), send(m_ana, 0, m_bob, makeId(2), 1001)};
    const BatchResult sent = commit(batch);
    const qint64 conv = sent.sends[0].conversation;
    QList<quint64> b0, b1, a1;
    for (const InboxEntry &e : sent.newEntries) {
        if (e.deviceId == m_bob.devices[0])
            b0.append(e.entryId());
        else if (e.deviceId == m_bob.devices[1])
            b1.append(e.entryId());
        else
            a1.append(e.entryId());
    }

    // bob's first device acks its entries plus one of his other device's: ignored
    WriteBatch ack1;
    ack1.acks = {
        AckWrite{m_bob.id, m_bob.name, m_bob.devices[0], b0 + QList<quint64>{b1[0]}, 2000}};
    const BatchResult r1 = commit(ack1);
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 0u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 2u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[1]), 3u); // two copies and the receipt

    // one delivered receipt per (sender, conversation), to each of ana's devices
    QCOMPARE(sorted(devicesOf(r1.newEntries)), sorted(m_ana.devices));
    for (const InboxEntry &e : r1.newEntries) {
        const auto &receipt = std::get<Receipt>(e.frame);
        QCOMPARE(receipt.kind, ReceiptKind::Delivered);
        QCOMPARE(receipt.conversation, conv);
        QCOMPARE(receipt.by, QStringLiteral("bob"));
        QCOMPARE(receipt.ids, (QList<MessageId>{makeId(1), makeId(2)}));
        QCOMPARE(receipt.timestamp, 2000);
        QVERIFY(receipt.entry > 0);
    }
    // the receipt is stored as written
    const auto stored = m_store->loadInbox(m_ana.devices[0], 0, 10);
    QCOMPARE(stored.size(), size_t(1));
    QCOMPARE(stored[0],
             r1.newEntries[0].deviceId == m_ana.devices[0] ? r1.newEntries[0] : r1.newEntries[1]);

    // the second device acking later reports nothing again; nor does the sender's copy
    WriteBatch ack2;
    ack2.acks = {AckWrite{m_bob.id, m_bob.name, m_bob.devices[1], b1, 2100},
                 AckWrite{m_ana.id, m_ana.name, m_ana.devices[1], a1, 2100}};
    const BatchResult r2 = commit(ack2);
    QVERIFY(r2.newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 0u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[1]), 1u); // the receipt

    // acking a receipt deletes it and creates nothing; unknown entries are ignored
    WriteBatch ack3;
    ack3.acks = {
        AckWrite{m_ana.id, m_ana.name, m_ana.devices[0], {stored[0].entryId(), 999999}, 2200}};
    QVERIFY(commit(ack3).newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_ana.devices[0]), 0u);
}

void TestSqliteStoreBatches::senderDeviceAckingFirstIsNoDelivery()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(7), 1000)};
    const BatchResult sent = commit(batch);
    QList<quint64> anaCopy, bobCopies;
    for (const InboxEntry &e : sent.newEntries)
        (e.deviceId == m_ana.devices[1] ? anaCopy : bobCopies).append(e.entryId());
    QCOMPARE(anaCopy.size(), 1);

    // ana's other device acks its copy before bob has the message: nobody is told
    WriteBatch own;
    own.acks = {AckWrite{m_ana.id, m_ana.name, m_ana.devices[1], anaCopy, 1500}};
    QVERIFY(commit(own).newEntries.empty());

    // bob's ack is still the first delivery, and is reported
    WriteBatch ack;
    ack.acks = {AckWrite{m_bob.id, m_bob.name, m_bob.devices[0], {bobCopies[0]}, 2000}};
    const BatchResult r = commit(ack);
    QCOMPARE(sorted(devicesOf(r.newEntries)), sorted(m_ana.devices));
    for (const InboxEntry &e : r.newEntries) {
        const auto &receipt = std::get<Receipt>(e.frame);
        QCOMPARE(receipt.kind, ReceiptKind::Delivered);
        QCOMPARE(receipt.ids, QList<MessageId>{makeId(7)});
    }
}

void TestSqliteStoreBatches::readReceipts()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000), send(m_ana, 0, m_bob, makeId(2), 1001)};
    const qint64 conv = commit(batch).sends.at(0).conversation;

    WriteBatch read;
    read.reads = {ReadWrite{m_bob.id, m_bob.name, m_bob.devices[0], conv, 2, 3000},
                  ReadWrite{m_carl.id, m_carl.name, m_carl.devices[0], conv, 2, 3000}, // outsider
                  ReadWrite{m_bob.id, m_bob.name, m_bob.devices[0], conv + 100, 2, 3000}};
    const BatchResult r = commit(read);
    // ana's devices and bob's other device; not the reading device, nothing for carl
    QCOMPARE(sorted(devicesOf(r.newEntries)),
             sorted({m_ana.devices[0], m_ana.devices[1], m_bob.devices[1]}));
    for (const InboxEntry &e : r.newEntries) {
        const auto &receipt = std::get<Receipt>(e.frame);
        QCOMPARE(receipt.kind, ReceiptKind::Read);
        QCOMPARE(receipt.conversation, conv);
        QCOMPARE(receipt.by, QStringLiteral("bob"));
        QCOMPARE(receipt.upToSeq, 2u);
        QCOMPARE(receipt.timestamp, 3000);
        QVERIFY(receipt.ids.isEmpty());
    }
    QCOMPARE(m_store->inboxCount(m_carl.devices[0]), 0u);
    const auto loaded = m_store->loadInbox(m_bob.devices[1], 0, 10);
    QCOMPARE(loaded.size(), size_t(3)); // two messages and the read receipt
    QCOMPARE(std::get<Receipt>(loaded[2].frame).upToSeq, 2u);
}

void TestSqliteStoreBatches::reservedConversationAndSeqs()
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
    const auto stored = m_store->conversationBetween(m_bob.id, m_ana.id); // either order
    QVERIFY(stored);
    QCOMPARE(stored->id, reserved);
    QCOMPARE(stored->lastSeq, 2u);

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

void TestSqliteStoreBatches::reservationThatContradictsTheDatabaseFailsTheBatch()
{
    WriteBatch first;
    first.sends = {send(m_ana, 0, m_bob, makeId(730), 1000)}; // the writer creates it
    const qint64 existing = commit(first).sends.at(0).conversation;
    SendWrite wrong = send(m_ana, 0, m_bob, makeId(731), 1100);
    wrong.conversation = m_store->reserveConversationId();
    wrong.seq = 2;
    WriteBatch batch;
    batch.sends = {wrong};
    const auto result = m_store->commitBatch(batch);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().reason.contains(QStringLiteral("reserved")),
             qPrintable(result.error().reason));
    // Nothing of it was kept.
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 1u);
    QCOMPARE(m_store->conversationBetween(m_ana.id, m_bob.id)->id, existing);
    QVERIFY(!m_store->messageStored(m_ana.devices[0], makeId(731)));
}

void TestSqliteStoreBatches::copyAckedBeforeItsCommitIsNotStoredButReported()
{
    // ana's message reached bob's first device before its commit, and that device
    // acked it in the same batch: its copy is not written; bob's second device
    // and ana's other device get theirs; ana hears of the delivery once.
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
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 0u);
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 1u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[1]), 2u); // its copy and the receipt
    const auto receipts = m_store->loadInbox(m_ana.devices[0], 0, 10);
    QCOMPARE(receipts.size(), size_t(1));
    const auto receipt = std::get<Receipt>(receipts[0].frame);
    QCOMPARE(receipt.kind, ReceiptKind::Delivered);
    QCOMPARE(receipt.ids, QList<MessageId>{makeId(740)});
    QCOMPARE(receipt.by, m_bob.name);

    // bob's second device acks its stored copy later: no second receipt.
    QVERIFY(commit(ackOfFirstEntry(m_bob, 1, 1002)).newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_bob.devices[1]), 0u);
}

WriteBatch TestSqliteStoreBatches::ackOfFirstEntry(const User &user, int device, qint64 at)
{
    const qint64 id = user.devices[device];
    WriteBatch batch;
    batch.acks = {
        AckWrite{user.id, user.name, id, {m_store->loadInbox(id, 0, 1).at(0).entryId()}, at}};
    return batch;
}

void TestSqliteStoreBatches::ownDeviceAckingBeforeTheCommitIsNoDelivery()
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
    const auto receipts = m_store->loadInbox(m_ana.devices[0], 0, 10);
    QCOMPARE(receipts.size(), size_t(1));
    QCOMPARE(std::get<Receipt>(receipts[0].frame).ids, QList<MessageId>{makeId(760)});
    // And bob's second device acking too is no second delivery.
    commit(ackOfFirstEntry(m_bob, 1, 1003));
    QCOMPARE(m_store->inboxCount(m_ana.devices[0]), 1u);
}

void TestSqliteStoreBatches::messageStoredSeesOnlyCommittedMessages()
{
    QVERIFY(!m_store->messageStored(m_ana.devices[0], makeId(750)));
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(750), 1000)};
    QCOMPARE(commit(batch).sends.size(), size_t(1));
    QVERIFY(m_store->messageStored(m_ana.devices[0], makeId(750)));
    // The dedup key is (sender device, id): the same id from another device is new.
    QVERIFY(!m_store->messageStored(m_ana.devices[1], makeId(750)));
}

void TestSqliteStoreBatches::takenForADuplicateButNewIsNotStored()
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

void TestSqliteStoreBatches::loadInboxOrderAndPaging()
{
    // five messages in three batches, from two senders
    std::vector<InboxEntry> written;
    for (quint32 i = 1; i <= 5; ++i) {
        WriteBatch batch;
        batch.sends = {
            send(i % 2 ? m_ana : m_bob, 0, m_carl, makeId(i), 1000 + i, QByteArray::number(i))};
        for (const InboxEntry &e : commit(batch).newEntries)
            if (e.deviceId == m_carl.devices[0])
                written.push_back(e);
    }
    QCOMPARE(written.size(), size_t(5));
    QCOMPARE(m_store->inboxCount(m_carl.devices[0]), 5u);

    std::vector<InboxEntry> paged;
    quint64 after = 0;
    int pages = 0;
    for (;;) {
        const auto page = m_store->loadInbox(m_carl.devices[0], after, 2);
        if (page.empty())
            break;
        QVERIFY(page.size() <= 2);
        ++pages;
        paged.insert(paged.end(), page.begin(), page.end());
        after = page.back().entryId();
    }
    QCOMPARE(pages, 3);
    QCOMPARE(paged, written);
    QCOMPARE(std::get<Deliver>(paged[4].frame).body, QByteArrayLiteral("5"));
    QCOMPARE(m_store->loadInbox(m_carl.devices[0], written[2].entryId(), 100).size(), size_t(2));
    QVERIFY(m_store->loadInbox(m_carl.devices[0], written[4].entryId(), 100).empty());
    QVERIFY(m_store->loadInbox(9999, 0, 100).empty());
}

void TestSqliteStoreBatches::largeBatch()
{
    // Thousands of messages in one transaction, then one ack for all of them:
    // the delivered receipt is split at kMaxReceiptIds.
    constexpr int kCount = 3000;
    WriteBatch batch;
    for (int i = 0; i < kCount; ++i)
        batch.sends.push_back(
            send(m_ana, 0, m_carl, makeId(quint32(i)), 1000, QByteArray(200, 'x')));
    QElapsedTimer timer;
    timer.start();
    const BatchResult r = commit(batch);
    const qint64 sendMs = timer.elapsed();
    QCOMPARE(r.sends.size(), size_t(kCount));
    QCOMPARE(r.sends.back().seq, quint64(kCount));
    QCOMPARE(r.newEntries.size(), size_t(2 * kCount));

    AckWrite ack{m_carl.id, m_carl.name, m_carl.devices[0], {}, 2000};
    for (const InboxEntry &e : r.newEntries)
        if (e.deviceId == m_carl.devices[0])
            ack.entries.append(e.entryId());
    WriteBatch acks;
    acks.acks = {ack};
    timer.restart();
    const BatchResult receipts = commit(acks);
    const qint64 ackMs = timer.elapsed();
    const int chunks = (kCount + int(protocol::kMaxReceiptIds) - 1) / int(protocol::kMaxReceiptIds);
    QCOMPARE(receipts.newEntries.size(), size_t(chunks * m_ana.devices.size()));
    qsizetype ids = 0;
    for (const InboxEntry &e : receipts.newEntries) {
        const auto &receipt = std::get<Receipt>(e.frame);
        QVERIFY(receipt.ids.size() <= protocol::kMaxReceiptIds);
        if (e.deviceId == m_ana.devices[0])
            ids += receipt.ids.size();
    }
    QCOMPARE(ids, qsizetype(kCount));
    QCOMPARE(m_store->inboxCount(m_carl.devices[0]), 0u);
    qInfo("%d sends in %lld ms, %d acks in %lld ms", kCount, sendMs, kCount, ackMs);
    QVERIFY2(sendMs < 5000 && ackMs < 5000, "store far slower than expected");
}

QTEST_GUILESS_MAIN(TestSqliteStoreBatches)
#include "tst_sqlitestore_batches.moc"
