// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli devices, rename-device and revoke (issue 27), and what listen says when a device
// was added, run as a process against the real server. The second device is written into
// the server's database (as the hostile-server tests do): the engine tests
// (tst_device_list, tst_device_notices) cover live devices.
#include "CliTestSupport.h"
#include "HostileServerSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QDir>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::test;

class TestCliDevices : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    const QByteArray m_passphrase = QByteArrayLiteral("cli devices passphrase");

    ProcessResult run(const QStringList &args, const QByteArray &input = {})
    {
        QStringList all{QStringLiteral("--profile"), m_root.filePath(QStringLiteral("ana"))};
        if (args.value(0) == QLatin1String("register"))
            all << QStringLiteral("--server") << m_server->url().toString();
        return runProcess(cliBinary(), all + args, input, 60000, cliTestEnvironment(m_passphrase));
    }
    QList<QJsonObject> devices()
    {
        const ProcessResult r = run({QStringLiteral("devices"), QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning("devices failed: %s", r.err.constData());
        return cliJsonLines(r.out);
    }
    static QJsonObject withId(const QList<QJsonObject> &list, qint64 id)
    {
        for (const QJsonObject &o : list)
            if (o.value(QStringLiteral("id")).toInteger() == id)
                return o;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const ProcessResult r = run(
            {QStringLiteral("register"), QStringLiteral("ana"), QStringLiteral("--password-stdin")},
            "correct horse\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void devicesListsThisOneApprovedWithItsFingerprint()
    {
        const auto list = devices();
        QCOMPARE(list.size(), 1);
        const QJsonObject self = list.first();
        QVERIFY(self.value(QStringLiteral("this_device")).toBool());
        QVERIFY(self.value(QStringLiteral("approved")).toBool());
        QCOMPARE(self.value(QStringLiteral("name")).toString(), QStringLiteral("linnet-cli"));
        QCOMPARE(self.value(QStringLiteral("fingerprint")).toString().size(), 39);
        QVERIFY(self.value(QStringLiteral("linked_at")).toInteger() > 0);
        QVERIFY(self.value(QStringLiteral("last_seen")).toInteger() > 0);

        const ProcessResult text = run({QStringLiteral("devices")});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY(text.out.contains("(this device)"));
        QVERIFY(!text.out.contains("NOT APPROVED"));
    }

    void aDeviceIsRenamedAndRevokedAndBadRequestsAreRefused()
    {
        const qint64 ghost = injectDevice(
            QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")), QStringLiteral("ana"));
        QVERIFY(ghost > 0);
        const QString id = QString::number(ghost);
        QVERIFY(!withId(devices(), ghost).value(QStringLiteral("approved")).toBool());
        QVERIFY(run({QStringLiteral("devices")}).out.contains("NOT APPROVED"));

        ProcessResult r = run(
            {QStringLiteral("rename-device"), id, QStringLiteral("Old"), QStringLiteral("phone")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(withId(devices(), ghost).value(QStringLiteral("name")).toString(),
                 QStringLiteral("Old phone"));

        // Usage errors (2) before anything is sent; refusals by the server (5).
        QCOMPARE(run({QStringLiteral("rename-device"), id, QStringLiteral("  ")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("rename-device"), id, QString(65, u'x')}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("revoke"), QStringLiteral("seven")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("revoke")}).exitCode, 2);
        r = run({QStringLiteral("rename-device"), QStringLiteral("999999"), QStringLiteral("x")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY(!r.err.isEmpty());
        QCOMPARE(run({QStringLiteral("revoke"), QStringLiteral("999999")}).exitCode, 5);
        const qint64 self = devices().first().value(QStringLiteral("id")).toInteger();
        QCOMPARE(run({QStringLiteral("revoke"), QString::number(self)}).exitCode, 5);

        r = run({QStringLiteral("revoke"), id});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains(id.toUtf8()));
        const auto after = devices();
        QCOMPARE(after.size(), 1);
        QVERIFY(withId(after, ghost).isEmpty());
        QCOMPARE(run({QStringLiteral("revoke"), id}).exitCode, 5); // already gone
    }

    void listenSaysWhenADeviceWasAddedWhileThisOneWasAway()
    {
        const qint64 ghost = injectDevice(
            QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")), QStringLiteral("ana"));
        QVERIFY(ghost > 0);
        const ProcessResult r = run({QStringLiteral("listen"), QStringLiteral("--json"),
                                     QStringLiteral("--timeout"), QStringLiteral("8")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject row;
        for (const QJsonObject &o : cliJsonLines(r.out))
            if (o.value(QStringLiteral("kind")).toString() == QLatin1String("device_added"))
                row = o;
        QCOMPARE(row.value(QStringLiteral("device")).toInteger(), ghost);
        QCOMPARE(row.value(QStringLiteral("name")).toString(), QStringLiteral("ghost"));
        // Said once: the next listen has nothing to tell.
        const ProcessResult again =
            run({QStringLiteral("listen"), QStringLiteral("--timeout"), QStringLiteral("3")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(!again.out.contains("new device"), again.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliDevices)
#include "tst_cli_devices.moc"
