// SPDX-License-Identifier: GPL-3.0-or-later
// Runs `linnet-bench --smoke` against a real linnet-server and checks that every
// workload completed: each relayed and queued message was delivered, every
// idle connection authenticated and every group message reached every member.
// relay and idle connect from three loopback addresses (--source-addresses), and
// the bench reports the local addresses the server actually saw them come from.
#include "TestBinaries.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace linnet::test;

class TestBenchSmoke : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void smokeRunDeliversEverything();
};

void TestBenchSmoke::smokeRunDeliversEverything()
{
    const QString bench = benchBinary();
    const QString server = serverBinary();

    QProcess p;
    p.start(bench,
            {QStringLiteral("--smoke"), QStringLiteral("--server-bin"), server,
             QStringLiteral("--source-addresses"), QStringLiteral("3"), QStringLiteral("--json")});
    QVERIFY2(p.waitForStarted(10000), qPrintable(p.errorString()));
    const bool finished = p.waitForFinished(150000);
    if (!finished)
        p.kill();
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(finished, err.constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, err.constData());
    QVERIFY2(p.exitCode() == 0, err.constData());

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &parseError);
    QVERIFY2(doc.isObject(),
             qPrintable(parseError.errorString() + QLatin1Char('\n') + QString::fromUtf8(out)));
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QStringLiteral("ok")).toBool(), true);

    const QJsonObject relay = root.value(QStringLiteral("relay")).toObject();
    QVERIFY(relay.value(QStringLiteral("sent")).toDouble() > 0);
    QCOMPARE(relay.value(QStringLiteral("delivered")).toDouble(),
             relay.value(QStringLiteral("sent")).toDouble());
    QCOMPARE(relay.value(QStringLiteral("errors")).toDouble(), 0.0);
    QCOMPARE(relay.value(QStringLiteral("source_addresses")).toInt(), 3);

    const QJsonObject drain = root.value(QStringLiteral("drain")).toObject();
    QVERIFY(drain.value(QStringLiteral("sent")).toDouble() > 0);
    QCOMPARE(drain.value(QStringLiteral("delivered")).toDouble(),
             drain.value(QStringLiteral("sent")).toDouble());
    QCOMPARE(drain.value(QStringLiteral("synced")).toBool(), true);

    const QJsonObject idle = root.value(QStringLiteral("idle")).toObject();
    QVERIFY(idle.value(QStringLiteral("requested")).toDouble() > 0);
    QCOMPARE(idle.value(QStringLiteral("connections")).toDouble(),
             idle.value(QStringLiteral("requested")).toDouble());
    QCOMPARE(idle.value(QStringLiteral("source_addresses")).toInt(), 3);

    // Every round reached every other member of the group exactly once.
    const QJsonObject fanout = root.value(QStringLiteral("fanout")).toObject();
    const double members = fanout.value(QStringLiteral("members")).toDouble();
    const double rounds = fanout.value(QStringLiteral("rounds")).toDouble();
    QVERIFY(members >= 2 && rounds >= 1);
    QCOMPARE(fanout.value(QStringLiteral("delivered")).toDouble(), (rounds + 1) * (members - 1));
    QCOMPARE(fanout.value(QStringLiteral("to_all_members"))
                 .toObject()
                 .value(QStringLiteral("count"))
                 .toDouble(),
             rounds);
}

QTEST_GUILESS_MAIN(TestBenchSmoke)
#include "tst_bench_smoke.moc"
