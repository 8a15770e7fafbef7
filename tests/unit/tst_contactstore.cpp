// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ContactStore.h"
#include "store/LocalStore.h"
#include "TestBase.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;

class TestContactStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void addRememberPresenceAndSurviveReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.db"));
        {
            LocalStore store(path);
            QVERIFY(store.open());
            ContactStore contacts(store);
            QVERIFY(contacts.add(QStringLiteral("ben"), 100));
            QVERIFY(contacts.add(QStringLiteral("ana"), 200));
            QVERIFY(!contacts.add(QStringLiteral("ana"), 300)); // already known
            QCOMPARE(contacts.contact(QStringLiteral("ana"))->createdAt, 200);

            contacts.setLastSeen(QStringLiteral("ana"), 5000);
            contacts.setLastSeen(QStringLiteral("ana"), 0);    // hidden now: keep what we knew
            contacts.setLastSeen(QStringLiteral("ana"), 4000); // older news: ignored
            QCOMPARE(contacts.contact(QStringLiteral("ana"))->lastSeen, 5000);
            QVERIFY(!contacts.contact(QStringLiteral("nobody")));
        }
        LocalStore reopened(path);
        QVERIFY(reopened.open());
        const auto all = ContactStore(reopened).contacts();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).username, QStringLiteral("ana"));
        QCOMPARE(all.at(0).lastSeen, 5000);
        QCOMPARE(all.at(1).username, QStringLiteral("ben"));
    }
};

QTEST_GUILESS_MAIN(TestContactStore)
#include "tst_contactstore.moc"
