// SPDX-License-Identifier: GPL-3.0-or-later
// The end-of-run check of linnet-chaos (tools/chaos/DeliveryCheck): each way of
// breaking the delivery promise is found and counted, and a clean run passes.
#include "DeliveryCheck.h"
#include "TestBase.h"

#include <QtTest>

using namespace linnet::chaos;
using linnet::protocol::MessageId;

namespace {

const QString kChat = QStringLiteral("ana|ben");

/** ana-1 (0) wrote three messages to ben-1 (1); both show them at seqs 1, 2, 3. */
struct Run {
    QList<SentMessage> sent;
    QList<DeviceView> devices;
    QHash<QString, QList<int>> participants{{kChat, {0, 1}}};

    Run()
    {
        devices = {DeviceView{QStringLiteral("ana-1"), {}, {}, 0},
                   DeviceView{QStringLiteral("ben-1"), {}, {}, 0}};
        for (int n = 1; n <= 3; ++n) {
            const MessageId id = MessageId::generate();
            sent.append({id, kChat, 0, n, true});
            for (DeviceView &d : devices) {
                d.conversations[kChat].append({id, quint64(n)});
                d.announced[id] = 1;
            }
        }
    }
    Figures check() const { return checkDelivery(sent, devices, participants); }
};

} // namespace

class TestChaosCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { linnet::test::initTestEnvironment(); }

    void aCleanRunPassesWithItsFigures()
    {
        const Figures f = Run().check();
        QVERIFY2(f.ok(), qPrintable(f.violations.join(QLatin1Char('\n'))));
        QCOMPARE(f.sent, 3);
        QCOMPARE(f.acked, 3);
        QCOMPARE(f.delivered, 3); // ben's copies; ana's own are not deliveries
        QCOMPARE(f.lost + f.duplicated + f.reordered, 0);
    }

    void anAckedMessageMissingOnADeviceIsLost()
    {
        Run run;
        run.devices[1].conversations[kChat].removeAt(1);
        const Figures f = run.check();
        QCOMPARE(f.lost, 1);
        QVERIFY(!f.ok());
        QVERIFY(f.violations.first().startsWith(QStringLiteral("lost:")));
    }

    void anUnackedMessageMayBeMissingButNotDoubled()
    {
        Run run;
        run.sent[2].acked = false;
        run.devices[1].conversations[kChat].removeLast();
        QVERIFY(run.check().ok());
        QCOMPARE(run.check().unacked, 1);

        Run twice;
        twice.sent[2].acked = false;
        twice.devices[1].announced[twice.sent[2].id] = 2;
        QCOMPARE(twice.check().duplicated, 1);
        QVERIFY(!twice.check().ok());
    }

    void aMessageShownTwiceIsDuplicated()
    {
        Run run;
        run.devices[1].conversations[kChat].append({run.sent[0].id, 4});
        const Figures f = run.check();
        QCOMPARE(f.duplicated, 1);
        QVERIFY(!f.ok());
    }

    void aMessageAtAnotherSeqOnAnotherDeviceIsReordered()
    {
        Run run;
        run.devices[1].conversations[kChat][2].seq = 70; // still ascending on ben
        const Figures f = run.check();
        QCOMPARE(f.reordered, 1);
        QVERIFY(!f.ok());
    }

    void aDeviceShowingSeqsOutOfOrderIsReordered()
    {
        Run run;
        run.devices[1].conversations[kChat].swapItemsAt(0, 1);
        QVERIFY(run.check().reordered >= 1);
    }

    void twoMessagesAtOneSeqAreFound()
    {
        Run run;
        const MessageId other = MessageId::generate();
        run.sent.append({other, kChat, 1, 1, true});
        run.devices[0].conversations[kChat].append({other, 4});
        run.devices[1].conversations[kChat].append({other, 3}); // ben: seq 3 twice
        const Figures f = run.check();
        QVERIFY(f.reordered >= 1);
        QVERIFY(!f.ok());
    }

    void aWritersMessagesOutOfTheirOrderAreReordered()
    {
        Run run;
        std::swap(run.sent[0].number, run.sent[1].number); // #2 got seq 1, #1 seq 2
        const Figures f = run.check();
        QCOMPARE(f.reordered, 1);
        QVERIFY(f.violations.first().startsWith(QStringLiteral("out of its writer's order")));
    }

    void anAckedMessageWithoutSeqIsReordered()
    {
        Run run;
        run.devices[1].conversations[kChat][2].seq = 0;
        QCOMPARE(run.check().reordered, 1);
    }

    void undecryptableRowsAreViolations()
    {
        Run run;
        run.devices[1].undecryptable = 1;
        QVERIFY(!run.check().ok());
    }
};

QTEST_GUILESS_MAIN(TestChaosCheck)
#include "tst_chaos_check.moc"
