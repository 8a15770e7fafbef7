// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStoreFixture.h"
#include "TestBase.h"
#include "protocol/Limits.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace linnet;
using namespace linnet::protocol;
using namespace linnet::server;
using namespace linnet::test;

/** SqliteStore's groups: create and change, group sends, receipts, sender keys, inbox rows. */
class TestSqliteStoreGroups : public SqliteStoreTest {
    Q_OBJECT

private:
    GroupCommit createTeam()
    {
        const auto created = m_store->groups().createGroup(GroupCreateWrite{
            m_ana.id, m_ana.name, QStringLiteral("team"), {m_bob.id, m_carl.id}, 1000});
        if (!created.ok()) {
            qWarning("createGroup failed: %s", qPrintable(created.error().reason));
            return {};
        }
        return created.value();
    }
    SendWrite groupSend(const User &from, int device, qint64 conv, quint32 n, qint64 ts = 2000)
    {
        SendWrite w;
        w.senderAccount = from.id;
        w.senderDevice = from.devices[device];
        w.senderName = from.name;
        w.id = makeId(n);
        w.timestamp = ts;
        w.group = conv;
        w.body = QByteArrayLiteral("sealed");
        return w;
    }
    AckWrite ackOf(const User &user, int device, const std::vector<InboxEntry> &entries)
    {
        AckWrite ack{user.id, user.name, user.devices[device], {}, 3000};
        for (const InboxEntry &e : entries)
            if (e.deviceId == user.devices[device])
                ack.entries.append(e.entryId());
        return ack;
    }

private Q_SLOTS:
    void createWritesOneEventPerMemberDevice()
    {
        const GroupCommit created = createTeam();
        QVERIFY(created.conversation > 0);
        QCOMPARE(created.lastSeq, 1u);
        QCOMPARE(sorted(devicesOf(created.newEntries)),
                 sorted(m_ana.devices + m_bob.devices + m_carl.devices));
        for (const InboxEntry &e : created.newEntries) {
            const auto *event = std::get_if<GroupEvent>(&e.frame);
            QVERIFY(event);
            QCOMPARE(event->op, GroupOp::Create);
            QCOMPARE(event->seq, 1u);
            QCOMPARE(event->by, m_ana.name);
            QCOMPARE(event->name, QStringLiteral("team"));
            // What the drain reads back is what the commit reported.
            const auto loaded = m_store->loadInbox(e.deviceId, 0, 10).value();
            QCOMPARE(loaded.size(), size_t(1));
            QCOMPARE(loaded[0], e);
        }
        const auto group = m_store->groups().group(created.conversation);
        QVERIFY(group);
        QCOMPARE(group->name, QStringLiteral("team"));
        QCOMPARE(group->members.size(), 3);
        QCOMPARE(group->members[0].accountId, m_ana.id);
        QVERIFY(group->members[0].admin);
        QVERIFY(!group->members[1].admin);
        QCOMPARE(group->adminCount(), 1);
        QCOMPARE(sorted(m_store->conversationMembers(created.conversation)),
                 sorted({m_ana.id, m_bob.id, m_carl.id}));
        QVERIFY(m_store->areContacts(m_bob.id, m_carl.id)); // only the group joins them
        QVERIFY(!m_store->groups().group(created.conversation + 50));
    }

    void groupSendFansOutExceptTheSendingDevice()
    {
        const GroupCommit created = createTeam();
        const User dan = makeUser(QStringLiteral("dan"), 1);
        WriteBatch batch;
        batch.sends = {groupSend(m_ana, 0, created.conversation, 1),
                       groupSend(dan, 0, created.conversation, 2),
                       groupSend(m_ana, 0, created.conversation, 1)};
        const BatchResult r = commit(batch);
        QCOMPARE(r.sends.size(), size_t(3));
        QCOMPARE(r.sends[0].seq, 2u);
        QVERIFY(!r.sends[0].notMember);
        QVERIFY(r.sends[1].notMember);
        QVERIFY(r.sends[2].duplicate);
        QCOMPARE(sorted(devicesOf(r.newEntries)),
                 sorted(QList<qint64>{m_ana.devices[1]} + m_bob.devices + m_carl.devices));
        for (const InboxEntry &e : r.newEntries) {
            const auto *d = std::get_if<Deliver>(&e.frame);
            QVERIFY(d && d->group);
            QCOMPARE(d->seq, 2u);
            QCOMPARE(d->body, QByteArrayLiteral("sealed"));
            QVERIFY(d->to.isEmpty());
            QCOMPARE(
                m_store->loadInbox(e.deviceId, created.newEntries.back().entryId(), 5).value()[0],
                e);
        }
        QCOMPARE(m_store->inboxCount(dan.devices[0]), 0u);
        QVERIFY(!m_store->areContacts(dan.id, m_ana.id));
    }

    void changesTakeSeqsAndReachTheDeparted()
    {
        const GroupCommit created = createTeam();
        GroupChangeWrite change;
        change.conversation = created.conversation;
        change.name = QStringLiteral("team");
        change.remove = {m_carl.id};
        change.events = {{m_ana.name, GroupOp::Remove, m_carl.name}};
        change.notify = {m_ana.id, m_bob.id};
        change.departed = {m_carl.id};
        change.timestamp = 1500;
        const auto removed = m_store->groups().changeGroup(change);
        QVERIFY(removed.ok());
        QCOMPARE(removed.value().lastSeq, 2u);
        QCOMPARE(sorted(devicesOf(removed.value().newEntries)),
                 sorted(m_ana.devices + m_bob.devices + m_carl.devices));
        QVERIFY(!m_store->groups().isMember(created.conversation, m_carl.id));

        // A message after the removal: seq 3, and carl is not among the receivers.
        WriteBatch batch;
        batch.sends = {groupSend(m_bob, 0, created.conversation, 7)};
        const BatchResult r = commit(batch);
        QCOMPARE(r.sends[0].seq, 3u);
        QVERIFY(!devicesOf(r.newEntries).contains(m_carl.devices[0]));

        change.remove.clear();
        change.departed.clear();
        change.name = QStringLiteral("renamed");
        change.events = {{m_ana.name, GroupOp::Rename, {}}};
        const auto renamed = m_store->groups().changeGroup(change);
        QVERIFY(renamed.ok());
        QCOMPARE(renamed.value().lastSeq, 4u);
        QCOMPARE(m_store->groups().group(created.conversation)->name, QStringLiteral("renamed"));

        change.conversation = created.conversation + 99;
        const auto unknown = m_store->groups().changeGroup(change);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::UnknownGroup);
    }

    void deliveredAndReadReceiptsPerMember()
    {
        const GroupCommit created = createTeam();
        const qint64 conv = created.conversation;
        WriteBatch batch;
        batch.sends = {groupSend(m_ana, 0, conv, 1)};
        const BatchResult sent = commit(batch);

        // bob acks on both devices in one batch: one receipt by bob, the id once.
        WriteBatch acks;
        acks.acks = {ackOf(m_bob, 0, sent.newEntries), ackOf(m_bob, 1, sent.newEntries),
                     ackOf(m_ana, 1, sent.newEntries)};
        const BatchResult delivered = commit(acks);
        QCOMPARE(sorted(devicesOf(delivered.newEntries)), sorted(m_ana.devices));
        for (const InboxEntry &e : delivered.newEntries) {
            const auto *receipt = std::get_if<Receipt>(&e.frame);
            QVERIFY(receipt);
            QCOMPARE(receipt->kind, ReceiptKind::Delivered);
            QCOMPARE(receipt->by, m_bob.name);
            QCOMPARE(receipt->ids, QList<MessageId>{makeId(1)});
        }
        // carl's ack later is news too: no once-per-message record in groups.
        WriteBatch carlAck;
        carlAck.acks = {ackOf(m_carl, 0, sent.newEntries)};
        QCOMPARE(commit(carlAck).newEntries.size(), size_t(2));

        WriteBatch read;
        read.reads = {ReadWrite{m_bob.id, m_bob.name, m_bob.devices[0], conv, 100, 4000}};
        const BatchResult r = commit(read);
        QCOMPARE(sorted(devicesOf(r.newEntries)),
                 sorted(m_ana.devices + QList<qint64>{m_bob.devices[1]}));
        for (const InboxEntry &e : r.newEntries)
            QCOMPARE(std::get<Receipt>(e.frame).upToSeq, 2u); // clamped to the last seq
        QVERIFY(commit(read).newEntries.empty());             // not forward: nothing
        WriteBatch outsider;
        const User dan = makeUser(QStringLiteral("dan"), 1);
        outsider.reads = {ReadWrite{dan.id, dan.name, dan.devices[0], conv, 2, 4000}};
        QVERIFY(commit(outsider).newEntries.empty());
    }

    void membersAckingTheSameMessageInOneBatch()
    {
        // The message is looked up once per batch; every member still gets its receipt.
        const qint64 conv = createTeam().conversation;
        WriteBatch batch;
        batch.sends = {groupSend(m_ana, 0, conv, 7)};
        const BatchResult sent = commit(batch);
        WriteBatch acks;
        acks.acks = {ackOf(m_bob, 0, sent.newEntries), ackOf(m_ana, 1, sent.newEntries),
                     ackOf(m_carl, 0, sent.newEntries)};
        const BatchResult delivered = commit(acks);
        QCOMPARE(delivered.newEntries.size(), size_t(2 * m_ana.devices.size()));
        QStringList by;
        for (const InboxEntry &e : delivered.newEntries) {
            const auto &receipt = std::get<Receipt>(e.frame);
            QVERIFY(m_ana.devices.contains(e.deviceId));
            QCOMPARE(receipt.ids, QList<MessageId>{makeId(7)});
            by.append(receipt.by);
        }
        by.sort();
        by.removeDuplicates();
        QCOMPARE(by, (QStringList{m_bob.name, m_carl.name}));
    }

    void senderKeysOnlyForMemberDevices()
    {
        const GroupCommit created = createTeam();
        const User dan = makeUser(QStringLiteral("dan"), 1);
        const SenderKeysWrite write{
            created.conversation,
            m_ana.name,
            m_ana.devices[0],
            {DeviceCopy{m_bob.devices[0], 1, "b0"}, DeviceCopy{m_ana.devices[1], 1, "a1"},
             DeviceCopy{m_ana.devices[0], 1, "self"}, DeviceCopy{dan.devices[0], 1, "dan"}},
            5000};
        const auto stored = m_store->groups().storeSenderKeys(write);
        QVERIFY(stored.ok());
        QCOMPARE(sorted(devicesOf(stored.value())), sorted({m_bob.devices[0], m_ana.devices[1]}));
        QCOMPARE(m_store->inboxCount(dan.devices[0]), 0u);
        for (const InboxEntry &e : stored.value()) {
            const auto loaded =
                m_store->loadInbox(e.deviceId, created.newEntries.back().entryId(), 5).value();
            QCOMPARE(loaded.size(), size_t(1));
            QCOMPARE(loaded[0], e);
            QCOMPARE(std::get<SenderKeyCopy>(e.frame).fromDevice, m_ana.devices[0]);
        }
        // Group entries expire with the rest of the inbox.
        QVERIFY(m_store->expireBefore(6000) >= qint64(stored.value().size()));
        QCOMPARE(m_store->inboxCount(m_bob.devices[0]), 0u);
    }

    void largestGroupFansOutInOneBatch()
    {
        QList<qint64> others{m_bob.id, m_carl.id};
        while (others.size() < kMaxGroupMembers - 1)
            others.append(makeUser(QStringLiteral("m%1").arg(others.size()), 1).id);
        QElapsedTimer timer;
        timer.start();
        const auto created = m_store->groups().createGroup(
            GroupCreateWrite{m_ana.id, m_ana.name, QStringLiteral("everyone"), others, 1000});
        QVERIFY(created.ok());
        QCOMPARE(m_store->groups().group(created.value().conversation)->members.size(),
                 kMaxGroupMembers);
        WriteBatch batch;
        constexpr int kMessages = 20;
        for (int i = 0; i < kMessages; ++i)
            batch.sends.push_back(groupSend(m_ana, 0, created.value().conversation, 100 + i));
        const BatchResult r = commit(batch);
        QCOMPARE(r.sends.size(), size_t(kMessages));
        QCOMPARE(r.sends.back().seq, quint64(kMessages + 1));
        // Every member device but the sending one: ana's other, bob's two, carl and the rest.
        QCOMPARE(r.newEntries.size(), size_t(kMessages) * size_t(kMaxGroupMembers + 1));
        qInfo("1 024-member group: create and %d messages (%zu inbox rows) in %lld ms", kMessages,
              r.newEntries.size(), timer.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestSqliteStoreGroups)
#include "tst_sqlitestore_groups.moc"
