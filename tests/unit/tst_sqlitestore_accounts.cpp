// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlTestHelpers.h"
#include "SqliteStoreFixture.h"
#include "TestBase.h"

#include <QSqlQuery>
#include <QtTest>

using namespace linnet;
using namespace linnet::server;
using namespace linnet::test;
using protocol::ErrorCode;

/**
 * SqliteStore itself and its account data: opening, reopening, a locked database, a failed
 * batch, expiry, accounts (with last seen), invites and devices. Batches of sends, acks and
 * reads are in tst_sqlitestore_batches.cpp.
 */
class TestSqliteStoreAccounts : public SqliteStoreTest {
    Q_OBJECT

private Q_SLOTS:
    void opensAndCreatesFile();
    void accounts();
    void invites();
    void devices();
    void devicesAreRenamedAndSeen();
    void aRevokedDeviceLeavesEveryListAndLosesItsInbox();
    void accountWithDeviceIsCreatedTogether();
    void aDeviceThatCannotBeCreatedLeavesNoAccount();
    void survivesReopen();
    void expireBefore();
    void failedBatchLeavesNothing();
    void lockedDatabaseFailsThenRecovers();
};

void TestSqliteStoreAccounts::opensAndCreatesFile()
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

void TestSqliteStoreAccounts::accounts()
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

void TestSqliteStoreAccounts::invites()
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

void TestSqliteStoreAccounts::devices()
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

void TestSqliteStoreAccounts::devicesAreRenamedAndSeen()
{
    const qint64 device = m_ana.devices[1];
    QVERIFY(m_store->renameDevice(m_ana.id, device, QStringLiteral("Küche")).ok());
    m_store->setDeviceLastSeen(device, 4242);
    const auto listed = m_store->devicesOfAccount(m_ana.id);
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed[1].id, device);
    QCOMPARE(listed[1].name, QStringLiteral("Küche"));
    QCOMPARE(listed[1].lastSeen, 4242);
    QCOMPARE(listed[0].lastSeen, 0);
    // Only the account's own devices.
    const auto foreign = m_store->renameDevice(m_carl.id, device, QStringLiteral("x"));
    QVERIFY(!foreign.ok());
    QCOMPARE(foreign.error().code, ErrorCode::UnknownDevice);
    QCOMPARE(m_store->deviceById(device)->name, QStringLiteral("Küche"));
    QCOMPARE(m_store->renameDevice(m_ana.id, 9999, QStringLiteral("x")).error().code,
             ErrorCode::UnknownDevice);
}

void TestSqliteStoreAccounts::aRevokedDeviceLeavesEveryListAndLosesItsInbox()
{
    const qint64 gone = m_ana.devices[1];
    WriteBatch batch;
    batch.sends.push_back(send(m_carl, 0, m_ana, makeId(1), 10));
    commit(batch);
    QCOMPARE(m_store->inboxCount(gone), 1u);

    const auto foreign = m_store->revokeDevice(m_carl.id, gone, 50);
    QCOMPARE(foreign.error().code, ErrorCode::UnknownDevice);
    QCOMPARE(m_store->inboxCount(gone), 1u); // refused: nothing changed

    QVERIFY(m_store->revokeDevice(m_ana.id, gone, 50).ok());
    QCOMPARE(m_store->inboxCount(gone), 0u);
    QCOMPARE(m_store->inboxCount(m_ana.devices[0]), 1u);
    QCOMPARE(m_store->deviceIdsOfAccount(m_ana.id), QList<qint64>{m_ana.devices[0]});
    QCOMPARE(m_store->devicesOfAccount(m_ana.id).size(), 1);
    const auto record = m_store->deviceById(gone);
    QVERIFY(record);
    QCOMPARE(record->revokedAt, 50);
    QCOMPARE(record->tokenHash, QByteArrayLiteral("token")); // AuthController tells its holder
    QCOMPARE(m_store->revokeDevice(m_ana.id, gone, 60).error().code, ErrorCode::UnknownDevice);
    QCOMPARE(m_store->renameDevice(m_ana.id, gone, QStringLiteral("x")).error().code,
             ErrorCode::UnknownDevice);
    QCOMPARE(m_store->deviceById(gone)->revokedAt, 50);
}

void TestSqliteStoreAccounts::accountWithDeviceIsCreatedTogether()
{
    const auto created = m_store->createAccountWithDevice(QStringLiteral("dora"), "h", std::nullopt,
                                                          QStringLiteral("laptop"), "token", 300);
    QVERIFY(created.ok());
    const auto account = m_store->accountByName(QStringLiteral("dora"));
    QVERIFY(account);
    QCOMPARE(account->id, created.value().accountId);
    QCOMPARE(m_store->deviceIdsOfAccount(account->id), QList<qint64>{created.value().deviceId});
    QCOMPARE(m_store->deviceById(created.value().deviceId)->name, QStringLiteral("laptop"));
    // A taken name creates nothing, device included.
    const auto taken = m_store->createAccountWithDevice(QStringLiteral("dora"), "h", std::nullopt,
                                                        QStringLiteral("phone"), "token", 301);
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().code, ErrorCode::UsernameTaken);
    QCOMPARE(m_store->deviceIdsOfAccount(account->id).size(), 1);
}

void TestSqliteStoreAccounts::aDeviceThatCannotBeCreatedLeavesNoAccount()
{
    // The device insert fails after the account row was written (a disk error would
    // do the same): the whole registration is rolled back, so the name stays free.
    {
        SqlConnection other(m_store->filePath());
        QSqlQuery q(other.db());
        QVERIFY(q.exec(QStringLiteral(R"(CREATE TRIGGER no_devices BEFORE INSERT ON devices
                                         BEGIN SELECT RAISE(ABORT, 'device refused'); END)")));
    }
    const auto failed = m_store->createAccountWithDevice(QStringLiteral("dora"), "h", std::nullopt,
                                                         QStringLiteral("laptop"), "token", 300);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::InternalError);
    QVERIFY(!m_store->accountByName(QStringLiteral("dora")));
    {
        SqlConnection other(m_store->filePath());
        QSqlQuery q(other.db());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER no_devices")));
    }
    QVERIFY(m_store
                ->createAccountWithDevice(QStringLiteral("dora"), "h", std::nullopt,
                                          QStringLiteral("laptop"), "token", 301)
                .ok());
}

void TestSqliteStoreAccounts::survivesReopen()
{
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000), send(m_ana, 0, m_bob, makeId(2), 1001)};
    const BatchResult r = commit(batch);
    const auto before = m_store->loadInbox(m_bob.devices[0], 0, 100).value();
    QCOMPARE(before.size(), size_t(2));

    m_store.reset();
    m_store = std::make_unique<SqliteStore>(m_dir->path());
    QVERIFY(m_store->open().ok());
    QCOMPARE(m_store->loadInbox(m_bob.devices[0], 0, 100).value(), before);
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

void TestSqliteStoreAccounts::expireBefore()
{
    WriteBatch old;
    old.sends = {send(m_ana, 0, m_carl, makeId(1), 1000)};
    commit(old);
    WriteBatch recent;
    recent.sends = {send(m_ana, 0, m_carl, makeId(2), 5000)};
    const BatchResult kept = commit(recent);

    QCOMPARE(m_store->expireBefore(3000), 2); // carl's and ana's other device's copy
    QCOMPARE(m_store->inboxCount(m_carl.devices[0]), 1u);
    QCOMPARE(m_store->loadInbox(m_carl.devices[0], 0, 10).value().at(0).entryId(),
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

void TestSqliteStoreAccounts::failedBatchLeavesNothing()
{
    // the second send names a device that does not exist: a foreign-key failure
    // after the first send's rows were written inside the transaction
    WriteBatch batch;
    batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000), send(m_ana, 0, m_bob, makeId(2), 1001)};
    batch.sends[1].senderDevice = 9999;
    const auto failed = m_store->commitBatch(reserved(batch));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::InternalError);
    QVERIFY2(failed.error().reason.contains(QStringLiteral("FOREIGN KEY"), Qt::CaseInsensitive),
             qPrintable(failed.error().reason));
    for (const User *u : {&m_ana, &m_bob})
        for (qint64 d : u->devices)
            QCOMPARE(m_store->inboxCount(d), 0u);
    QVERIFY(!m_store->areContacts(m_ana.id, m_bob.id)); // not even the conversation

    // the store is usable afterwards and nothing of the failed batch is a duplicate
    m_seqs.clear(); // as the gateway does after a failed commit
    batch.sends.pop_back();
    const BatchResult ok = commit(batch);
    QCOMPARE(ok.sends.at(0).seq, 1u);
    QVERIFY(!ok.sends.at(0).duplicate);
    QCOMPARE(ok.newEntries.size(), size_t(3));
}

void TestSqliteStoreAccounts::lockedDatabaseFailsThenRecovers()
{
    // Another process (an admin command) holds the write lock longer than the busy timeout.
    m_store.reset();
    m_store = std::make_unique<SqliteStore>(m_dir->path(), 200);
    QVERIFY(m_store->open().ok());
    {
        SqlConnection other(m_store->filePath());
        QVERIFY(other.db().isOpen());
        QSqlQuery lock(other.db());
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));

        WriteBatch batch;
        batch.sends = {send(m_ana, 0, m_bob, makeId(1), 1000)};
        const auto failed = m_store->commitBatch(reserved(batch));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ErrorCode::InternalError);
        QVERIFY2(failed.error().reason.contains(QStringLiteral("locked")),
                 qPrintable(failed.error().reason));

        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        m_seqs.clear(); // as the gateway does after a failed commit: seq 1 is free again
        const auto retried = m_store->commitBatch(reserved(batch));
        QVERIFY(retried.ok());
        QCOMPARE(retried.value().sends.at(0).seq, 1u);
        QVERIFY(!retried.value().sends.at(0).duplicate);
    }
}

QTEST_GUILESS_MAIN(TestSqliteStoreAccounts)
#include "tst_sqlitestore_accounts.moc"
