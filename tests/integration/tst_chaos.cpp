// SPDX-License-Identifier: GPL-3.0-or-later
// The crash loop of linnet-chaos at CI size: devices on the real engine write one-to-one
// and in a group while the real linnet-server is killed and restarted; every acked
// message must end on every device of its chat exactly once, in the server's order.
#include "ChaosTestSupport.h"

using namespace linnet::chaos;

class TestChaos : public QObject {
    Q_OBJECT

private:
    linnet::test::ChaosRuns m_runs;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_runs.init()); }

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
        m_runs.run(o);
    }
};

QTEST_GUILESS_MAIN(TestChaos)
#include "tst_chaos.moc"
