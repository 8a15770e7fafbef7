// SPDX-License-Identifier: GPL-3.0-or-later
// One app per profile: a second launch on the same profile does not get the
// profile; it tells the first to come forward instead. Other profiles are free.
#include "host/SingleInstance.h"
#include "TestBase.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::client;

class TestSingleInstance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void aSecondLaunchOnTheProfileIsRefusedAndActivatesTheFirst()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        SingleInstance first(profile);
        QVERIFY(first.acquire());
        QVERIFY(first.isPrimary());

        SingleInstance second(profile);
        QString error;
        QVERIFY(!second.acquire(&error));
        QVERIFY(!second.isPrimary());
        QVERIFY2(error.contains(QStringLiteral("already running")), qPrintable(error));

        QSignalSpy activated(&first, &SingleInstance::activationRequested);
        QVERIFY(second.signalPrimary());
        QVERIFY(activated.wait(5000));
        QCOMPARE(activated.size(), 1);
    }

    void theSameProfileSpelledDifferentlyIsStillOneProfile()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        SingleInstance first(profile);
        QVERIFY(first.acquire());
        SingleInstance second(profile + QStringLiteral("/../profile/"));
        QVERIFY(!second.acquire());
        QCOMPARE(SingleInstance::socketName(profile),
                 SingleInstance::socketName(profile + QStringLiteral("/../profile/")));
    }

    void anotherProfileIsFree()
    {
        QTemporaryDir dir;
        SingleInstance ana(dir.filePath(QStringLiteral("ana")));
        SingleInstance ben(dir.filePath(QStringLiteral("ben")));
        QVERIFY(ana.acquire());
        QVERIFY(ben.acquire());
        QVERIFY(SingleInstance::socketName(dir.filePath(QStringLiteral("ana"))) !=
                SingleInstance::socketName(dir.filePath(QStringLiteral("ben"))));
    }

    void theProfileIsFreeOnceTheFirstQuits()
    {
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        {
            SingleInstance first(profile);
            QVERIFY(first.acquire());
        }
        SingleInstance next(profile);
        QVERIFY(next.acquire());
        // Nobody is left to answer a launch that could not get the lock.
        SingleInstance nobody(dir.filePath(QStringLiteral("unused")));
        QVERIFY(!nobody.signalPrimary(500));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
