// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStoreFixture.h"
#include "TestBase.h"
#include "protocol/Limits.h"

#include <QtTest>

using namespace linnet;
using namespace linnet::server;
using namespace linnet::test;

/**
 * SqliteStore write batches: sends with their sequence, fan-out and dedup, acks and delivered
 * receipts, read receipts, inbox paging, and large batches. What the gateway decides before
 * the commit (reserved seqs, pushed copies, likely duplicates) is in
 * tst_sqlitestore_reservations.cpp; opening, accounts and devices in
 * tst_sqlitestore_accounts.cpp.
 */
class TestSqliteStoreBatches : public SqliteStoreTest {
    Q_OBJECT

private Q_SLOTS:
    void manyAccountsInOneBatchEachGetTheirEntries();
    void sendsGetSequenceAndFanOut();
    void noteToSelf();
    void duplicateAcrossBatches();
    void duplicateWithinBatch();
    void ackDeletesOwnEntriesAndReportsDeliveryOnce();
    void senderDeviceAckingFirstIsNoDelivery();
    void readReceipts();
    void loadInboxOrderAndPaging();
    void largeBatch();
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
    expected.deliveredAt = 1100; // bob's ack is on record now, and the resend's ack says so
    QCOMPARE(r3.sends.at(0), expected);
    QVERIFY(r3.newEntries.empty());
    QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 0u);
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
    const auto stored = m_store->loadInbox(m_ana.devices[0], 0, 10).value();
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
    const auto loaded = m_store->loadInbox(m_bob.devices[1], 0, 10).value();
    QCOMPARE(loaded.size(), size_t(3)); // two messages and the read receipt
    QCOMPARE(std::get<Receipt>(loaded[2].frame).upToSeq, 2u);
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
        const auto page = m_store->loadInbox(m_carl.devices[0], after, 2).value();
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
    QCOMPARE(m_store->loadInbox(m_carl.devices[0], written[2].entryId(), 100).value().size(),
             size_t(2));
    QVERIFY(m_store->loadInbox(m_carl.devices[0], written[4].entryId(), 100).value().empty());
    QVERIFY(m_store->loadInbox(9999, 0, 100).value().empty());
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
    // How long this takes is linnet-bench's business (relay, drain), not a test's.
    const BatchResult r = commit(batch);
    QCOMPARE(r.sends.size(), size_t(kCount));
    QCOMPARE(r.sends.back().seq, quint64(kCount));
    QCOMPARE(r.newEntries.size(), size_t(2 * kCount));

    AckWrite ack{m_carl.id, m_carl.name, m_carl.devices[0], {}, 2000};
    for (const InboxEntry &e : r.newEntries)
        if (e.deviceId == m_carl.devices[0])
            ack.entries.append(e.entryId());
    WriteBatch acks;
    acks.acks = {ack};
    const BatchResult receipts = commit(acks);
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
}

QTEST_GUILESS_MAIN(TestSqliteStoreBatches)
#include "tst_sqlitestore_batches.moc"
