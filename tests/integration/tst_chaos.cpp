// SPDX-License-Identifier: GPL-3.0-or-later
// The crash loop of linnet-chaos at CI size: devices on the real engine write one-to-one
// and in a group while the real linnet-server is killed and restarted; every acked
// message must end on every device of its chat exactly once, in the server's order.
#include "CrashLoop.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::chaos;

Q_DECLARE_METATYPE(linnet::chaos::CrashLoopOptions::Fault)

class TestChaos : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root{QDir(QStringLiteral("/dev/shm")).exists()
                             ? QStringLiteral("/dev/shm/tst_chaos-XXXXXX")
                             : QDir::tempPath() + QStringLiteral("/tst_chaos-XXXXXX")};

    /** Runs the loop; fails the test with the log on any violation. */
    void runLoop(CrashLoopOptions o, const QString &name)
    {
        o.serverBinary = linnet::test::serverBinary();
        o.workDirectory = m_root.filePath(name);
        QString log;
        QTextStream stream(&log);
        CrashLoop loop(o, stream);
        const auto figures = loop.run();
        QVERIFY2(figures, qPrintable(loop.error() + QLatin1Char('\n') + log));
        qInfo("%s", qPrintable(figures->summary()));
        QVERIFY2(figures->ok(), qPrintable(log + figures->violations.join(QLatin1Char('\n'))));
        QCOMPARE(figures->kills, o.kills);
        QVERIFY2(figures->acked > o.kills, "the devices hardly wrote anything");
        QCOMPARE(figures->unacked, 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        linnet::test::initTestEnvironment();
        QVERIFY(m_root.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("linnet.*.info=false"));
    }

    void keepsThePromise_data()
    {
        using Fault = CrashLoopOptions::Fault;
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<int>("kills");
        QTest::addColumn<bool>("commitThread");
        QTest::newRow("ten server kills") << Fault::ServerKill << 10 << true;
        QTest::newRow("server kills, commit thread off") << Fault::ServerKill << 2 << false;
        QTest::newRow("graceful stops") << Fault::ServerTerm << 2 << true;
        QTest::newRow("killed clients") << Fault::ClientKill << 3 << true;
    }

    void keepsThePromise()
    {
        QFETCH(CrashLoopOptions::Fault, fault);
        QFETCH(int, kills);
        QFETCH(bool, commitThread);
        CrashLoopOptions o;
        o.fault = fault;
        o.kills = kills;
        o.commitThread = commitThread;
        runLoop(
            o,
            QString::fromUtf8(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
    }
};

QTEST_GUILESS_MAIN(TestChaos)
#include "tst_chaos.moc"
