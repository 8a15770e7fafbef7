// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli's edit and delete (issue 30), run as processes through the real server:
// listen lists the actions, history shows the messages as they are now ("edited",
// "deleted" in --json), and what may not be done is a usage error that changes nothing.
#include "CliTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::test;

class TestCliEdits : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    CliProfiles m_cli{m_root.path(), QByteArrayLiteral("cli edits passphrase")};

    ProcessResult run(const QString &name, const QStringList &args)
    {
        return m_cli.run(name, args);
    }

    /** lena sends @p text to max, max receives it; its id. */
    QString sentToMax(const QString &text)
    {
        const ProcessResult sent =
            run(QStringLiteral("lena"), {QStringLiteral("send"), QStringLiteral("max"), text});
        [&] { QVERIFY2(sent.exitCode == 0, sent.err.constData()); }();
        const QString id = QString::fromUtf8(sent.out).split(QLatin1Char(' ')).value(0).trimmed();
        [&] {
            QCOMPARE(listenOne(QStringLiteral("max")).value(QStringLiteral("id")).toString(), id);
        }();
        return id;
    }

    QJsonObject listenOne(const QString &name)
    {
        QByteArray error;
        const QJsonObject row = m_cli.listenOne(name, &error);
        [&] { QVERIFY2(error.isEmpty(), error.constData()); }();
        return row;
    }

    /** @p name's history row of message @p id (--json); empty if it is not there. */
    QJsonObject historyRow(const QString &name, const QString &peer, const QString &id)
    {
        const ProcessResult history =
            run(name, {QStringLiteral("history"), peer, QStringLiteral("--json")});
        for (const QJsonObject &line : cliJsonLines(history.out))
            if (line.value(QStringLiteral("id")).toString() == id)
                return line;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_cli.setServer(m_server->url().toString());
        QVERIFY(m_cli.registered({QStringLiteral("lena"), QStringLiteral("max")}));
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void editIsListedAndHistoryShowsTheNewTextAsEdited()
    {
        const QString id = sentToMax(QStringLiteral("Treffen um acht"));
        QCOMPARE(historyRow(QStringLiteral("max"), QStringLiteral("lena"), id)
                     .value(QStringLiteral("edited")),
                 QJsonValue(false));
        const ProcessResult edited =
            run(QStringLiteral("lena"),
                {QStringLiteral("edit"), id, QStringLiteral("Treffen"), QStringLiteral("um neun")});
        QVERIFY2(edited.exitCode == 0, edited.err.constData());
        const QJsonObject event = listenOne(QStringLiteral("max"));
        QCOMPARE(event.value(QStringLiteral("kind")).toString(), QStringLiteral("edit"));
        QCOMPARE(event.value(QStringLiteral("on")).toString(), id);
        QCOMPARE(event.value(QStringLiteral("text")).toString(), QStringLiteral("Treffen um neun"));

        for (const auto &[who, peer] : {std::pair{QStringLiteral("max"), QStringLiteral("lena")},
                                        std::pair{QStringLiteral("lena"), QStringLiteral("max")}}) {
            const QJsonObject row = historyRow(who, peer, id);
            QCOMPARE(row.value(QStringLiteral("text")).toString(),
                     QStringLiteral("Treffen um neun"));
            QCOMPARE(row.value(QStringLiteral("edited")), QJsonValue(true));
            QCOMPARE(row.value(QStringLiteral("deleted")), QJsonValue(false));
        }
        const ProcessResult plain =
            run(QStringLiteral("max"), {QStringLiteral("history"), QStringLiteral("lena")});
        QVERIFY2(plain.out.contains("Treffen um neun  [edited]"), plain.out.constData());
    }

    void deleteForEveryoneLeavesADeletedRowOnBothSides()
    {
        const QString id = sentToMax(QStringLiteral("falscher Chat"));
        const ProcessResult deleted =
            run(QStringLiteral("lena"),
                {QStringLiteral("delete"), id, QStringLiteral("--for-everyone")});
        QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
        const QJsonObject event = listenOne(QStringLiteral("max"));
        QCOMPARE(event.value(QStringLiteral("kind")).toString(), QStringLiteral("delete"));
        QCOMPARE(event.value(QStringLiteral("on")).toString(), id);
        for (const auto &[who, peer] : {std::pair{QStringLiteral("max"), QStringLiteral("lena")},
                                        std::pair{QStringLiteral("lena"), QStringLiteral("max")}}) {
            const QJsonObject row = historyRow(who, peer, id);
            QCOMPARE(row.value(QStringLiteral("deleted")), QJsonValue(true));
            QCOMPARE(row.value(QStringLiteral("text")).toString(), QString());
        }
        const ProcessResult plain =
            run(QStringLiteral("max"), {QStringLiteral("history"), QStringLiteral("lena")});
        QVERIFY2(plain.out.contains("[deleted]"), plain.out.constData());
        QVERIFY(!plain.out.contains("falscher Chat"));
    }

    void deleteWithoutForEveryoneIsForThisProfileOnly()
    {
        const QString id = sentToMax(QStringLiteral("nur für mich weg"));
        const ProcessResult deleted = run(QStringLiteral("max"), {QStringLiteral("delete"), id});
        QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
        QVERIFY(historyRow(QStringLiteral("max"), QStringLiteral("lena"), id).isEmpty());
        QCOMPARE(historyRow(QStringLiteral("lena"), QStringLiteral("max"), id)
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("nur für mich weg"));
        // Gone, so a second delete names no message.
        QCOMPARE(run(QStringLiteral("max"), {QStringLiteral("delete"), id}).exitCode, 2);
    }

    void forwardSendsTheTextToEachChatMarkedForwarded()
    {
        const QString id = sentToMax(QStringLiteral("Rezept für Linsensuppe"));
        const ProcessResult forwarded =
            run(QStringLiteral("max"), {QStringLiteral("forward"), id, QStringLiteral("lena")});
        QVERIFY2(forwarded.exitCode == 0, forwarded.err.constData());
        const QString copy = QString::fromUtf8(forwarded.out).trimmed();
        QCOMPARE(copy.size(), 32);
        const QJsonObject got = listenOne(QStringLiteral("lena"));
        QCOMPARE(got.value(QStringLiteral("id")).toString(), copy);
        QCOMPARE(got.value(QStringLiteral("text")).toString(),
                 QStringLiteral("Rezept für Linsensuppe"));
        QCOMPARE(got.value(QStringLiteral("forwarded")), QJsonValue(true));
        const ProcessResult plain =
            run(QStringLiteral("lena"), {QStringLiteral("history"), QStringLiteral("max")});
        QVERIFY2(plain.out.contains("Rezept für Linsensuppe  [forwarded]"), plain.out.constData());
        const ProcessResult nowhere = run(QStringLiteral("max"), {QStringLiteral("forward"), id});
        QCOMPARE(nowhere.exitCode, 2);
    }

    void whatMayNotBeDoneIsAUsageErrorAndChangesNothing()
    {
        const QString id = sentToMax(QStringLiteral("Lenas Nachricht"));
        const ProcessResult notHis =
            run(QStringLiteral("max"), {QStringLiteral("edit"), id, QStringLiteral("Max' Text")});
        QCOMPARE(notHis.exitCode, 2);
        QVERIFY2(notHis.err.contains("there is no message of yours"), notHis.err.constData());
        const ProcessResult notHisToDelete =
            run(QStringLiteral("max"),
                {QStringLiteral("delete"), id, QStringLiteral("--for-everyone")});
        QCOMPARE(notHisToDelete.exitCode, 2);
        QCOMPARE(historyRow(QStringLiteral("max"), QStringLiteral("lena"), id)
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("Lenas Nachricht"));

        const ProcessResult unknown =
            run(QStringLiteral("lena"),
                {QStringLiteral("delete"), QStringLiteral("00112233445566778899aabbccddeeff")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no message 00112233445566778899aabbccddeeff"),
                 unknown.err.constData());
        const ProcessResult noText = run(QStringLiteral("lena"), {QStringLiteral("edit"), id});
        QCOMPARE(noText.exitCode, 2);
        QVERIFY2(noText.err.contains("wrong number of arguments for edit"), noText.err.constData());
        const ProcessResult misplaced =
            run(QStringLiteral("lena"), {QStringLiteral("send"), QStringLiteral("max"),
                                         QStringLiteral("x"), QStringLiteral("--for-everyone")});
        QCOMPARE(misplaced.exitCode, 2);
        QVERIFY2(misplaced.err.contains("--for-everyone is for delete"), misplaced.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliEdits)
#include "tst_cli_edits.moc"
