// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteMediaStore and the grants a message's batch gives: who may fetch a blob,
// when a blob may go, and the account's quota.
#include "SqliteStoreFixture.h"
#include "protocol/Limits.h"
#include "store/MediaStore.h"

using namespace linnet::server;

namespace linnet::test {

namespace {

QByteArray blobId(char fill)
{
    return QByteArray(protocol::kBlobIdBytes, fill);
}

constexpr qint64 kHour = 3600LL * 1000;

} // namespace

class TestSqliteMediaStore : public SqliteStoreTest {
    Q_OBJECT

    MediaStore &media() { return m_store->media(); }

    /** A blob of @p owner's first device, complete or not, written at @p at. */
    BlobRecord addBlob(const User &owner, char fill, qint64 size, bool complete, qint64 at = 1000)
    {
        const BlobRecord blob{blobId(fill), owner.id, owner.devices[0], size, complete, false,
                              at,           at};
        const auto created = media().createBlob(blob);
        if (!created)
            qWarning("createBlob: %s", qPrintable(created.error().reason));
        return blob;
    }

private Q_SLOTS:
    void aBlobIsRecordedAndReadBack()
    {
        const BlobRecord blob = addBlob(m_ana, '\x01', 1234, false);
        QCOMPARE(media().blob(blob.id), blob);
        QVERIFY(!media().blob(blobId('\x02')));
        // Ids are unique: a second reservation of the same id fails.
        QVERIFY(!media().createBlob(blob));
    }

    void theQuotaCountsEveryBlobOfTheAccount()
    {
        addBlob(m_ana, '\x01', 100, false);
        addBlob(m_ana, '\x02', 50, true);
        addBlob(m_bob, '\x03', 7, true);
        QCOMPARE(media().bytesOfAccount(m_ana.id).value(), 150);
        QCOMPARE(media().bytesOfAccount(m_bob.id).value(), 7);
        QCOMPARE(media().bytesOfAccount(m_carl.id).value(), 0);
    }

    void writtenBytesMoveTheLastWriteAndCompleteStaysComplete()
    {
        const BlobRecord blob = addBlob(m_ana, '\x01', 100, false);
        QVERIFY(media().noteWritten(blob.id, 5000, false));
        QCOMPARE(media().blob(blob.id)->lastWriteAt, 5000);
        QVERIFY(!media().blob(blob.id)->complete);
        QVERIFY(media().noteWritten(blob.id, 6000, true));
        QVERIFY(media().noteWritten(blob.id, 7000, false));
        QVERIFY(media().blob(blob.id)->complete);
    }

    void aOneToOneMessageGrantsEveryDeviceItIsStoredFor()
    {
        const BlobRecord blob = addBlob(m_ana, '\x01', 10, true);
        SendWrite s = send(m_ana, 0, m_bob, makeId(1), 2000);
        s.media = {blob.id};
        WriteBatch batch;
        batch.sends.push_back(s);
        QCOMPARE(commit(batch).sends.size(), size_t(1));
        // bob's two devices and ana's other device; not the sending device, not carl.
        QVERIFY(media().hasGrant(blob.id, m_bob.devices[0]));
        QVERIFY(media().hasGrant(blob.id, m_bob.devices[1]));
        QVERIFY(media().hasGrant(blob.id, m_ana.devices[1]));
        QVERIFY(!media().hasGrant(blob.id, m_ana.devices[0]));
        QVERIFY(!media().hasGrant(blob.id, m_carl.devices[0]));
        QVERIFY(media().blob(blob.id)->referenced);
    }

    void aGroupMessageGrantsEveryMemberDeviceButTheSendingOne()
    {
        const auto created = m_store->groups().createGroup(
            GroupCreateWrite{m_ana.id, m_ana.name, QStringLiteral("g"), {m_bob.id}, 1500});
        QVERIFY(created);
        const BlobRecord blob = addBlob(m_ana, '\x01', 10, true);
        SendWrite s{m_ana.id, m_ana.devices[0], m_ana.name, 0, {}, makeId(2), {}, 2000};
        s.group = created.value().conversation;
        s.body = "sender-key envelope";
        s.media = {blob.id};
        WriteBatch batch;
        batch.sends.push_back(s);
        QCOMPARE(commit(batch).sends.size(), size_t(1));
        QVERIFY(media().hasGrant(blob.id, m_bob.devices[0]));
        QVERIFY(media().hasGrant(blob.id, m_bob.devices[1]));
        QVERIFY(media().hasGrant(blob.id, m_ana.devices[1]));
        QVERIFY(!media().hasGrant(blob.id, m_ana.devices[0]));
        QVERIFY(!media().hasGrant(blob.id, m_carl.devices[0])); // not a member
    }

    void noGrantForAnIncompleteOrForeignBlob()
    {
        const BlobRecord partial = addBlob(m_ana, '\x01', 10, false);
        const BlobRecord bobs = addBlob(m_bob, '\x02', 10, true);
        SendWrite s = send(m_ana, 0, m_bob, makeId(3), 2000);
        s.media = {partial.id, bobs.id};
        WriteBatch batch;
        batch.sends.push_back(s);
        QCOMPARE(commit(batch).sends.size(), size_t(1));
        QVERIFY(!media().hasGrant(partial.id, m_bob.devices[0]));
        QVERIFY(!media().hasGrant(bobs.id, m_bob.devices[0]));
        QVERIFY(!media().blob(partial.id)->referenced);
        QVERIFY(!media().blob(bobs.id)->referenced);
    }

    void droppingTheLastGrantOfAReferencedBlobLetsItGo()
    {
        const BlobRecord blob = addBlob(m_ana, '\x01', 10, true);
        SendWrite s = send(m_ana, 0, m_carl, makeId(4), 2000);
        s.media = {blob.id};
        WriteBatch batch;
        batch.sends.push_back(s);
        commit(batch);
        QCOMPARE(media().dropGrant(blob.id, m_carl.devices[0]).value(), false); // ana's 2nd left
        QVERIFY(!media().hasGrant(blob.id, m_carl.devices[0]));
        // Idempotent: the same drop again changes nothing.
        QCOMPARE(media().dropGrant(blob.id, m_carl.devices[0]).value(), false);
        QCOMPARE(media().dropGrant(blob.id, m_ana.devices[1]).value(), true);
        QVERIFY(media().removeBlob(blob.id));
        QVERIFY(!media().blob(blob.id));
        // An unknown blob: nothing to drop, nothing to delete.
        QCOMPARE(media().dropGrant(blobId('\x7f'), m_carl.devices[0]).value(), false);
    }

    void expiredFindsDoneRetainedAndOrphanedBlobsOnly()
    {
        const BlobLifetime lifetime{30 * 24 * kHour, 24 * kHour};
        const qint64 now = 100 * 24 * kHour;
        // Referenced with grants left, recent: kept.
        const BlobRecord kept = addBlob(m_ana, '\x01', 10, true, now - kHour);
        // Referenced, every grant dropped: goes.
        const BlobRecord done = addBlob(m_ana, '\x02', 10, true, now - kHour);
        // Referenced, grants left, but older than the retention: goes.
        const BlobRecord old = addBlob(m_ana, '\x03', 10, true, now - 31 * 24 * kHour);
        // Never referenced, last byte 25 h ago: goes; 23 h ago: kept.
        const BlobRecord orphan = addBlob(m_ana, '\x04', 10, true, now - 25 * kHour);
        const BlobRecord fresh = addBlob(m_ana, '\x05', 10, false, now - 23 * kHour);
        SendWrite s = send(m_ana, 0, m_carl, makeId(5), now - kHour);
        s.media = {kept.id, done.id, old.id};
        WriteBatch batch;
        batch.sends.push_back(s);
        commit(batch);
        QVERIFY(media().dropGrant(done.id, m_carl.devices[0]));
        QVERIFY(media().dropGrant(done.id, m_ana.devices[1]));
        auto expired = media().expired(now, lifetime, 100);
        std::sort(expired.begin(), expired.end());
        QCOMPARE(expired, (QList<QByteArray>{done.id, old.id, orphan.id}));
        QCOMPARE(media().expired(now, lifetime, 1).size(), 1);
        Q_UNUSED(fresh);
    }
};

} // namespace linnet::test

QTEST_GUILESS_MAIN(linnet::test::TestSqliteMediaStore)
#include "tst_sqlitemediastore.moc"
