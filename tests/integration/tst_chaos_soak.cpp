// SPDX-License-Identifier: GPL-3.0-or-later
// The soak run of linnet-chaos at CI size: devices on the real engine write steadily to
// the real linnet-server with no fault while the memory of both sides is sampled; the
// delivery promise must hold and every sample must have been taken. The full-size run
// (10 minutes) and its figures are in docs/reliability.md; this test does not judge memory
// growth, which a 20-second run on a loaded machine cannot show.
#include "ChaosTestSupport.h"

using namespace linnet::chaos;

class TestChaosSoak : public QObject {
    Q_OBJECT

private:
    linnet::test::ChaosRuns m_runs;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_runs.init()); }

    void aSteadyRunWithoutFaultsKeepsThePromiseAndSamplesBothSides()
    {
        CrashLoopOptions o;
        o.fault = CrashLoopOptions::Fault::None;
        o.kills = 0;
        o.soakMs = 20000;
        o.rssSampleMs = 2000;
        const QList<RssSample> samples = m_runs.run(o);
        QVERIFY2(samples.size() >= 6, qPrintable(QString::number(samples.size())));
        for (const RssSample &s : samples) {
            QVERIFY2(s.serverKiB > 1024, qPrintable(describe(s))); // a live server's RSS
            QVERIFY2(s.clientsKiB > 1024, qPrintable(describe(s)));
        }
        // The last sample is taken when writing stops, not earlier (a timer may be a tick early).
        QVERIFY2(samples.last().atMs >= o.soakMs - 100, qPrintable(describe(samples.last())));
    }

    void residentMemoryIsReadFromProc()
    {
        QVERIFY(residentKiB(QCoreApplication::applicationPid()) > 0);
        QCOMPARE(residentKiB(0), -1);
        const QList<RssSample> samples{
            {0, 10240, 20480}, {60000, 10240, 20480}, {120000, 12288, 20480}, {180000, -1, 30720}};
        QCOMPARE(rssTrend(samples, 60000),
                 QStringLiteral("rss after warm-up (60 s, 3 samples): server 10.0 -> 12.0 MiB "
                                "(max 12.0), clients 20.0 -> 30.0 MiB (max 30.0)"));
        QVERIFY(rssTrend(samples, 200000).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChaosSoak)
#include "tst_chaos_soak.moc"
