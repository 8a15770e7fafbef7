// SPDX-License-Identifier: GPL-3.0-or-later
// Runs `linnet-bench --smoke` against a real linnet-server and checks that every
// workload completed: each relayed and queued message was delivered, every
// idle connection authenticated and every group message reached every member.
// relay and idle connect from three loopback addresses (--source-addresses), and
// the bench reports the local addresses the server actually saw them come from.
#include "TestBinaries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace linnet::test;

class TestBenchSmoke : public QObject {
    Q_OBJECT
private:
    /** Runs `linnet-bench --smoke --server-bin SERVER --json ARGS` into @p root. */
    void runSmoke(const QStringList &args, QJsonObject &root);
private Q_SLOTS:
    void smokeRunDeliversEverything();
    void mediaSmokeRunMovesEveryFileIntact();
};

void TestBenchSmoke::runSmoke(const QStringList &args, QJsonObject &root)
{
    QProcess p;
    p.start(benchBinary(), QStringList{QStringLiteral("--smoke"), QStringLiteral("--server-bin"),
                                       serverBinary(), QStringLiteral("--json")} +
                               args);
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
    root = doc.object();
    QVERIFY2(root.value(QStringLiteral("ok")).toBool(), err.constData());
}

void TestBenchSmoke::smokeRunDeliversEverything()
{
    QJsonObject root;
    runSmoke({QStringLiteral("--source-addresses"), QStringLiteral("3")}, root);
    if (QTest::currentTestFailed())
        return;

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

void TestBenchSmoke::mediaSmokeRunMovesEveryFileIntact()
{
    QJsonObject root;
    runSmoke({QStringLiteral("media")}, root);
    if (QTest::currentTestFailed())
        return;
    // The workload decrypts every file it downloaded and checks its size: complete means intact.
    const QJsonObject media = root.value(QStringLiteral("media")).toObject();
    QCOMPARE(media.value(QStringLiteral("complete")).toBool(), true);
    QVERIFY(media.value(QStringLiteral("errors")).toArray().isEmpty());
    const QJsonObject large = media.value(QStringLiteral("large")).toObject();
    const QJsonObject many = media.value(QStringLiteral("many")).toObject();
    QCOMPARE(large.value(QStringLiteral("transfers")).toInt(), 1);
    QCOMPARE(many.value(QStringLiteral("transfers")).toInt(), 4);
    const QJsonObject endToEnd = large.value(QStringLiteral("end_to_end")).toObject();
    QVERIFY(endToEnd.value(QStringLiteral("mb_per_s")).toDouble() > 0);
    QVERIFY(endToEnd.value(QStringLiteral("server_peak_kb")).toDouble() > 0);
    QCOMPARE(endToEnd.value(QStringLiteral("server_bytes_moved")).toDouble(),
             2 * large.value(QStringLiteral("blob_bytes")).toDouble());
}

QTEST_GUILESS_MAIN(TestBenchSmoke)
#include "tst_bench_smoke.moc"
