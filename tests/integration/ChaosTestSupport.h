// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs linnet-chaos loops (tools/chaos) inside a test, against this build's server.
#include "CrashLoop.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QtTest>

Q_DECLARE_METATYPE(linnet::chaos::CrashLoopOptions::Fault)

namespace linnet::test {

/** Chaos runs of one test, each in a directory of its own (on tmpfs when there is one). */
class ChaosRuns {
public:
    /** Call from initTestCase(). */
    bool init()
    {
        initTestEnvironment();
        QLoggingCategory::setFilterRules(QStringLiteral("linnet.*.info=false"));
        return m_root.isValid();
    }

    /** Runs the loop; fails the test with the log on any violation. The memory samples
     *  taken (CrashLoopOptions::rssSampleMs). */
    QList<chaos::RssSample> run(chaos::CrashLoopOptions o)
    {
        o.serverBinary = serverBinary();
        o.workDirectory = m_root.filePath(
            QString::fromUtf8(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        QString log;
        QTextStream stream(&log);
        chaos::CrashLoop loop(o, stream);
        const auto figures = loop.run();
        [&] {
            QVERIFY2(figures, qPrintable(loop.error() + QLatin1Char('\n') + log));
            qInfo("%s", qPrintable(figures->summary()));
            QVERIFY2(figures->ok(), qPrintable(log + figures->violations.join(QLatin1Char('\n'))));
            QCOMPARE(figures->kills, o.kills);
            QVERIFY2(figures->acked > o.kills, "the devices hardly wrote anything");
            QCOMPARE(figures->unacked, 0);
        }();
        return loop.rssSamples();
    }

private:
    // Process kills keep what SQLite wrote in the page cache: tmpfs changes nothing
    // for them and makes the fsyncs of a loaded CI machine cheap.
    QTemporaryDir m_root{QDir(QStringLiteral("/dev/shm")).exists()
                             ? QStringLiteral("/dev/shm/tst_chaos-XXXXXX")
                             : QDir::tempPath() + QStringLiteral("/tst_chaos-XXXXXX")};
};

} // namespace linnet::test
