// SPDX-License-Identifier: GPL-3.0-or-later
// BatchLookups, the per-batch view of devices and groups that SqliteBatchWriter
// and SqliteReadReceipts share, on its own connection to a real SQLite store.
#include "SqliteStoreFixture.h"
#include "TestBase.h"
#include "store/BatchLookups.h"
#include "store/GroupStore.h"

#include <QDir>
#include <QtTest>

using namespace linnet;
using namespace linnet::server;
using namespace linnet::test;

class TestBatchLookups : public SqliteStoreTest {
    Q_OBJECT

private:
    /** A second connection to the fixture's database, as the commit thread has. */
    bool openConnection(SqliteConnection &db)
    {
        return db.open(QDir(m_dir->path()).filePath(QStringLiteral("linnet.db")), 1000);
    }

private Q_SLOTS:
    void devicesAreCachedUntilCleared()
    {
        SqliteConnection db;
        QVERIFY2(openConnection(db), qPrintable(db.error()));
        BatchLookups lookups(db);
        QVERIFY2(lookups.prepare(), qPrintable(db.error()));

        const auto before = lookups.devicesOf(m_ana.id);
        QVERIFY(before);
        QCOMPARE(*before, m_ana.devices); // in id order, which is creation order

        // A device added meanwhile (an admin, another connection) is not seen
        // until the batch ends: one batch sees one set of devices.
        const auto added = m_store->createDevice(m_ana.id, QStringLiteral("ana-new"), "token", 200);
        QVERIFY(added.ok());
        QCOMPARE(*lookups.devicesOf(m_ana.id), m_ana.devices);

        lookups.clear();
        QCOMPARE(*lookups.devicesOf(m_ana.id), m_ana.devices + QList<qint64>{added.value()});
        QVERIFY(lookups.devicesOf(999999)->isEmpty()); // no such account: no devices
    }

    void groupPointersStayValidWhileMoreGroupsAreLookedUp()
    {
        const auto created = m_store->groups().createGroup(
            GroupCreateWrite{m_ana.id, m_ana.name, QStringLiteral("team"), {m_bob.id}, 1000});
        QVERIFY(created.ok());
        const qint64 team = created.value().conversation;

        SqliteConnection db;
        QVERIFY2(openConnection(db), qPrintable(db.error()));
        BatchLookups lookups(db);
        QVERIFY2(lookups.prepare(), qPrintable(db.error()));

        BatchLookups::Group *group = lookups.groupFor(team);
        QVERIFY(group);
        QVERIFY(group->exists);
        QCOMPARE(group->lastSeq, created.value().lastSeq);
        QCOMPARE(group->members, (QSet<qint64>{m_ana.id, m_bob.id}));
        QCOMPARE(group->devices.size(), m_ana.devices.size() + m_bob.devices.size());
        group->lastSeq += 1; // as a group send in the batch does
        group->dirty = true;

        // Enough other lookups to grow any hash table several times over.
        for (qint64 other = 100000; other < 100500; ++other) {
            const BatchLookups::Group *missing = lookups.groupFor(other);
            QVERIFY(missing);
            QVERIFY(!missing->exists);
        }
        QCOMPARE(lookups.groups().size(), size_t(501));
        // The first pointer still points at the team, with this batch's change.
        QCOMPARE(group->id, team);
        QCOMPARE(group->lastSeq, created.value().lastSeq + 1);
        QVERIFY(group->dirty);
        QCOMPARE(lookups.groupFor(team), group);

        lookups.clear();
        QVERIFY(lookups.groups().empty());
        QCOMPARE(lookups.groupFor(team)->lastSeq, created.value().lastSeq); // from the table
    }
};

QTEST_GUILESS_MAIN(TestBatchLookups)
#include "tst_batchlookups.moc"
