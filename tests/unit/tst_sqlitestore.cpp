// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestBase.h"
#include "store/SqliteStore.h"
#include "protocol/Limits.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace linnet;
using namespace linnet::server;
using protocol::Deliver;
using protocol::ErrorCode;
using protocol::MessageId;
using protocol::Receipt;
using protocol::ReceiptKind;

namespace {

struct User {
    qint64 id = 0;
    QString name;
    QList<qint64> devices;
};

MessageId makeId(quint32 n)
{
    QByteArray bytes(MessageId::kSize, '\0');
    bytes[0] = char(0x42);
    for (int i = 0; i < 4; ++i)
        bytes[MessageId::kSize - 1 - i] = char((n >> (8 * i)) & 0xff);
    return *MessageId::fromBytes(bytes);
}

SendWrite send(const User &from, int deviceIndex, const User &to, const MessageId &id, qint64 ts,
               const QByteArray &body = QByteArrayLiteral("ciphertext"))
{
    // Like a client: one copy per device of the recipient and per other own device.
    const qint64 sender = from.devices[deviceIndex];
    QList<protocol::DeviceCopy> copies;
    for (const QList<qint64> &devices : {to.devices, from.devices})
        for (qint64 d : devices)
            if (d != sender && std::none_of(copies.cbegin(), copies.cend(),
                                            [d](const auto &c) { return c.device == d; }))
                copies.append(protocol::DeviceCopy{d, 1, body});
    return SendWrite{from.id, sender, from.name, to.id, to.name, id, copies, ts};
}

QList<qint64> devicesOf(const std::vector<InboxEntry> &entries)
{
    QList<qint64> out;
    for (const InboxEntry &e : entries)
        out.append(e.deviceId);
    return out;
}

QList<qint64> sorted(QList<qint64> list)
{
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace

class TestSqliteStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::initTestEnvironment(); }
    void init();
    void cleanup();

    void opensAndCreatesFile();
    void manyAccountsInOneBatchEachGetTheirEntries();
    void accounts();
    void invites();
    void devices();
    void sendsGetSequenceAndFanOut();
    void noteToSelf();
    void duplicateAcrossBatches();
    void duplicateWithinBatch();
    void ackDeletesOwnEntriesAndReportsDeliveryOnce();
    void readReceipts();
    void loadInboxOrderAndPaging();
    void survivesReopen();
    void expireBefore();
    void failedBatchLeavesNothing();
    void lockedDatabaseFailsThenRecovers();
    void largeBatch();

private:
    User makeUser(const QString &name, int deviceCount);
    BatchResult commit(const WriteBatch &batch);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    User m_ana, m_bob, m_carl;
};

void TestSqliteStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<SqliteStore>(m_dir->path());
    const auto opened = m_store->open();
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().reason));
    m_ana = makeUser(QStringLiteral("ana"), 2);
    m_bob = makeUser(QStringLiteral("bob"), 2);
    m_carl = makeUser(QStringLiteral("carl"), 1);
}

void TestSqliteStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

User TestSqliteStore::makeUser(const QString &name, int deviceCount)
{
    User user;
    user.name = name;
    const auto id = m_store->createAccount(name, QByteArrayLiteral("hash"), std::nullopt, 100);
    if (!id.ok())
        return user;
    user.id = id.value();
    for (int i = 0; i < deviceCount; ++i) {
        const auto device = m_store->createDevice(user.id, QStringLiteral("%1-%2").arg(name).arg(i),
                                                  QByteArrayLiteral("token"), 100);
        if (device.ok())
            user.devices.append(device.value());
    }
    return user;
}

BatchResult TestSqliteStore::commit(const WriteBatch &batch)
{
    auto result = m_store->commitBatch(batch);
    if (!result.ok()) {
        qWarning("commitBatch failed: %s", qPrintable(result.error().reason));
        return {};
    }
    return result.value();
}

void TestSqliteStore::opensAndCreatesFile()
{
    QVERIFY(m_store->isOpen());
    QCOMPARE(m_store->filePath(), m_dir->filePath(QStringLiteral("linnet.db")));
    QVERIFY(QFile::exists(m_store->filePath()));
    // a nested directory that does not exist yet, and an explicit file path
    SqliteStore nested(m_dir->filePath(QStringLiteral("a/b")));
    QVERIFY(nested.open().ok());
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("a/b/linnet.db"))));
    SqliteStore explicitFile(m_dir->filePath(QStringLiteral("custom.db")));
    QVERIFY(explicitFile.open().ok());
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("custom.db"))));
    // two stores on one file (server and admin command) see each other's writes
    QVERIFY(m_ana.id > 0 && m_ana.devices.size() == 2);
    SqliteStore second(m_dir->path());
    QVERIFY(second.open().ok());
    QCOMPARE(second.accountByName(QStringLiteral("ana"))->id, m_ana.id);
}

void TestSqliteStore::accounts()
{
    const auto dup = m_store->createAccount(QStringLiteral("ana"), "x", std::nullopt, 1);
    QVERIFY(!dup.ok());
    QCOMPARE(dup.error().code, ErrorCode::UsernameTaken);

    const auto ana = m_store->accountByName(QStringLiteral("ana"));
    QVERIFY(ana);
    QCOMPARE(ana->id, m_ana.id);
    QCOMPARE(ana->passwordHash, QByteArrayLiteral("hash"));
    QCOMPARE(ana->createdAt, 100);
    QCOMPARE(ana->disabled, false);
    QCOMPARE(ana->lastSeen, 0);
    QCOMPARE(ana->lastSeenVisibility, protocol::LastSeenVisibility::Everyone);
    QCOMPARE(m_store->accountById(m_ana.id), ana);
    QVERIFY(!m_store->accountByName(QStringLiteral("nobody")));
    QVERIFY(!m_store->accountById(9999));

    QVERIFY(m_store->createAccount(QStringLiteral("aaron"), "h", std::nullopt, 5).ok());
    QStringList names;
    for (const AccountRecord &a : m_store->listAccounts())
        names.append(a.username);
    QCOMPARE(names, (QStringList{QStringLiteral("aaron"), QStringLiteral("ana"),
                                 QStringLiteral("bob"), QStringLiteral("carl")}));

    QVERIFY(m_store->disabledAccountIds().isEmpty());
    QVERIFY(m_store->setAccountDisabled(QStringLiteral("bob"), true));
    QVERIFY(!m_store->setAccountDisabled(QStringLiteral("nobody"), true));
    QCOMPARE(m_store->disabledAccountIds(), QList<qint64>{m_bob.id});
    QVERIFY(m_store->accountByName(QStringLiteral("bob"))->disabled);
    QVERIFY(m_store->setAccountDisabled(QStringLiteral("bob"), false));
    QVERIFY(m_store->disabledAccountIds().isEmpty());

    m_store->setLastSeen(m_ana.id, 12345);
    m_store->setLastSeenVisibility(m_ana.id, protocol::LastSeenVisibility::Contacts);
    QCOMPARE(m_store->accountById(m_ana.id)->lastSeen, 12345);
    QCOMPARE(m_store->accountById(m_ana.id)->lastSeenVisibility,
             protocol::LastSeenVisibility::Contacts);
}

void TestSqliteStore::invites()
{
    const QByteArray good = QByteArrayLiteral("invite-hash-1");
    const QByteArray expired = QByteArrayLiteral("invite-hash-2");
    QVERIFY(m_store->createInvite(good, 1000, 5000).ok());
    QVERIFY(m_store->createInvite(expired, 1000, 2000).ok());
    QVERIFY(!m_store->createInvite(good, 1000, 5000).ok()); // same code twice

    const auto invalid = [](const protocol::Result<qint64> &r) {
        return !r.ok() && r.error().code == ErrorCode::InviteRequired &&
               r.error().reason == QStringLiteral("invalid or used invite code");
    };
    QVERIFY(invalid(m_store->createAccount(QStringLiteral("dan"), "h", expired, 2000)));
    QVERIFY(invalid(m_store->createAccount(QStringLiteral("dan"), "h", "unknown", 1500)));
    QVERIFY(!m_store->accountByName(QStringLiteral("dan"))); // a refusal writes nothing

    // a taken name does not consume the invite
    const auto taken = m_store->createAccount(QStringLiteral("ana"), "h", good, 1500);
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().code, ErrorCode::UsernameTaken);

    const auto dan = m_store->createAccount(QStringLiteral("dan"), "h", good, 1500);
    QVERIFY(dan.ok());
    QVERIFY(invalid(m_store->createAccount(QStringLiteral("eve"), "h", good, 1600)));
    QVERIFY(!m_store->accountByName(QStringLiteral("eve")));
}

void TestSqliteStore::devices()
{
    const auto device = m_store->deviceById(m_ana.devices[1]);
    QVERIFY(device);
    QCOMPARE(device->accountId, m_ana.id);
    QCOMPARE(device->name, QStringLiteral("ana-1"));
    QCOMPARE(device->tokenHash, QByteArrayLiteral("token"));
    QCOMPARE(device->createdAt, 100);
    QVERIFY(!m_store->deviceById(9999));
    QCOMPARE(m_store->deviceIdsOfAccount(m_ana.id), m_ana.devices);
    QCOMPARE(m_store->deviceIdsOfAccount(m_carl.id), m_carl.devices);
    QVERIFY(m_store->deviceIdsOfAccount(9999).isEmpty());
    QVERIFY(!m_store->createDevice(9999, QStringLiteral("x"), "t", 1).ok());
}

void TestSqliteStore::sendsGetSequenceAndFanOut()
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

void TestSqliteStore::noteToSelf()
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

void TestSqliteStore::duplicateAcrossBatches()
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

void TestSqliteStore::duplicateWithinBatch()
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

void TestSqliteStore::ackDeletesOwnEntriesAndReportsDeliveryOnce()
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

void TestSqliteStore::readReceipts()
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

void TestSqliteStore::loadInboxOrderAndPaging()
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

void TestSqliteStore::survivesReopen()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000), send(m_ana, 0, m_bob, makeId(2), 1001)};
    const BatchResult r = commit(batch);
    const auto before = m_store->loadInbox(m_bob.devices[0], 0, 100);
    QCOMPARE(before.size(), size_t(2));

    m_store.reset();
    m_store = std::make_unique<SqliteStore>(m_dir->path());
    QVERIFY(m_store->open().ok());
    QCOMPARE(m_store->loadInbox(m_bob.devices[0], 0, 100), before);
    QCOMPARE(m_store->accountByName(QStringLiteral("ana"))->id, m_ana.id);

    WriteBatch more;
    more.sends = {send(m_ana, 0, m_bob, makeId(2), 9000), send(m_ana, 0, m_bob, makeId(3), 9001)};
    const BatchResult r2 = commit(more);
    QVERIFY(r2.sends.at(0).duplicate);
    QCOMPARE(r2.sends.at(0).seq, 2u);
    QCOMPARE(r2.sends.at(1).seq, 3u);
    // entry ids keep growing after a restart
    QVERIFY(r2.newEntries.front().entryId() > r.newEntries.back().entryId());
}

void TestSqliteStore::expireBefore()
{
    WriteBatch old;
    old.sends = {send(m_ana, 0, m_carl, makeId(1), 1000)};
    commit(old);
    WriteBatch recent;
    recent.sends = {send(m_ana, 0, m_carl, makeId(2), 5000)};
    const BatchResult kept = commit(recent);

    QCOMPARE(m_store->expireBefore(3000), 2); // carl's and ana's other device's copy
    QCOMPARE(m_store->inboxCount(m_carl.devices[0]), 1u);
    QCOMPARE(m_store->loadInbox(m_carl.devices[0], 0, 10).at(0).entryId(),
             kept.newEntries.at(0).deviceId == m_carl.devices[0] ? kept.newEntries[0].entryId()
                                                                 : kept.newEntries[1].entryId());
    QCOMPARE(m_store->expireBefore(3000), 0);

    // the old dedup record is gone, the recent one is kept
    WriteBatch resend;
    resend.sends = {send(m_ana, 0, m_carl, makeId(1), 6000),
                    send(m_ana, 0, m_carl, makeId(2), 6001)};
    const BatchResult r = commit(resend);
    QVERIFY(!r.sends.at(0).duplicate);
    QCOMPARE(r.sends.at(0).seq, 3u); // the conversation's sequence never goes back
    QVERIFY(r.sends.at(1).duplicate);
}

void TestSqliteStore::failedBatchLeavesNothing()
{
    // the second send names a device that does not exist: a foreign-key failure
    // after the first send's rows were written inside the transaction
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000), send(m_ana, 0, m_bob, makeId(2), 1001)};
    batch.sends[1].senderDevice = 9999;
    const auto failed = m_store->commitBatch(batch);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::InternalError);
    QVERIFY2(failed.error().reason.contains(QStringLiteral("FOREIGN KEY"), Qt::CaseInsensitive),
             qPrintable(failed.error().reason));
    for (const User *u : {&m_ana, &m_bob})
        for (qint64 d : u->devices)
            QCOMPARE(m_store->inboxCount(d), 0u);
    QVERIFY(!m_store->areContacts(m_ana.id, m_bob.id)); // not even the conversation

    // the store is usable afterwards and nothing of the failed batch is a duplicate
    batch.sends.pop_back();
    const BatchResult ok = commit(batch);
    QCOMPARE(ok.sends.at(0).seq, 1u);
    QVERIFY(!ok.sends.at(0).duplicate);
    QCOMPARE(ok.newEntries.size(), size_t(3));
}

void TestSqliteStore::lockedDatabaseFailsThenRecovers()
{
    // Another process (an admin command) holds the write lock longer than the busy timeout.
    m_store.reset();
    m_store = std::make_unique<SqliteStore>(m_dir->path(), 200);
    QVERIFY(m_store->open().ok());
    const QString name = QStringLiteral("tst_sqlitestore_locker");
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        other.setDatabaseName(m_store->filePath());
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));

        WriteBatch batch;
        batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000)};
        const auto failed = m_store->commitBatch(batch);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ErrorCode::InternalError);
        QVERIFY2(failed.error().reason.contains(QStringLiteral("locked")),
                 qPrintable(failed.error().reason));

        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        const auto retried = m_store->commitBatch(batch);
        QVERIFY(retried.ok());
        QCOMPARE(retried.value().sends.at(0).seq, 1u);
        QVERIFY(!retried.value().sends.at(0).duplicate);
        other.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void TestSqliteStore::largeBatch()
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

void TestSqliteStore::manyAccountsInOneBatchEachGetTheirEntries()
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

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "tst_sqlitestore.moc"
