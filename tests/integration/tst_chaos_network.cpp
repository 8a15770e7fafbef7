// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-chaos through its fault proxy at CI size: every link slowed (200 ms ± 100),
// chunks held back, links cut mid-frame with a reset and swallowed by black holes
// (nothing passes, no FIN): the engines notice dead links by their heartbeat, come
// back, and the delivery promise holds as in tst_chaos.
#include "ChaosTestSupport.h"

using namespace linnet::chaos;

class TestChaosNetwork : public QObject {
    Q_OBJECT

private:
    linnet::test::ChaosRuns m_runs;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_runs.init()); }

    void keepsThePromiseThroughTheProxy_data()
    {
        using Fault = CrashLoopOptions::Fault;
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<int>("kills");
        QTest::newRow("resets and black holes") << Fault::Network << 4;
        QTest::newRow("server kills behind the proxy") << Fault::ServerKill << 2;
    }

    void keepsThePromiseThroughTheProxy()
    {
        QFETCH(CrashLoopOptions::Fault, fault);
        QFETCH(int, kills);
        CrashLoopOptions o;
        o.fault = fault;
        o.kills = kills;
        o.proxy = true;
        o.pingIntervalMs = 1000; // a dead link is noticed after 2.5 s
        o.proxyOptions.resetChance = fault == CrashLoopOptions::Fault::Network ? 0.005 : 0;
        m_runs.run(o);
    }
};

QTEST_GUILESS_MAIN(TestChaosNetwork)
#include "tst_chaos_network.moc"
