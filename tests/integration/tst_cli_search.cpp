// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli search (issue 30), run as a process on profiles filled through the real server.
#include "CliTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::test;

class TestCliSearch : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    CliProfiles m_cli{m_root.path(), QByteArrayLiteral("cli search passphrase")};

    ProcessResult run(const QString &name, const QStringList &args)
    {
        return m_cli.run(name, args);
    }

    QStringList textsOf(const ProcessResult &r)
    {
        QStringList texts;
        for (const QJsonObject &line : cliJsonLines(r.out))
            texts << line.value(QStringLiteral("text")).toString();
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_cli.setServer(m_server->url().toString());
        QVERIFY(m_cli.registered(
            {QStringLiteral("lena"), QStringLiteral("pablo"), QStringLiteral("max")}));
        const QList<QPair<QString, QString>> sent{
            {QStringLiteral("lena"), QStringLiteral("Schöne Grüße aus der Straße")},
            {QStringLiteral("pablo"), QStringLiteral("¿Qué tal la canción?")},
            {QStringLiteral("lena"), QStringLiteral("Die Canción gefällt mir")},
        };
        for (const auto &[from, text] : sent)
            QCOMPARE(run(from, {QStringLiteral("send"), QStringLiteral("max"), text}).exitCode, 0);
        const ProcessResult listened =
            run(QStringLiteral("max"),
                {QStringLiteral("listen"), QStringLiteral("--count"), QStringLiteral("3"),
                 QStringLiteral("--timeout"), QStringLiteral("60")});
        QVERIFY2(listened.exitCode == 0, listened.err.constData());
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }

    void findsWordsWithoutCaseAccentsOrSharpS()
    {
        const ProcessResult r =
            run(QStringLiteral("max"), {QStringLiteral("search"), QStringLiteral("GRUSSE"),
                                        QStringLiteral("strasse"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(textsOf(r), QStringList{QStringLiteral("Schöne Grüße aus der Straße")});
        const QJsonObject hit = cliJsonLines(r.out).first();
        QCOMPARE(hit.value(QStringLiteral("from")).toString(), QStringLiteral("lena"));
        QCOMPARE(hit.value(QStringLiteral("conversation")).toString(), QStringLiteral("lena"));
        QCOMPARE(hit.value(QStringLiteral("id")).toString().size(), 32);
    }

    void printsOldestFirstAndCanKeepToOneChat()
    {
        const ProcessResult all =
            run(QStringLiteral("max"),
                {QStringLiteral("search"), QStringLiteral("cancion"), QStringLiteral("--json")});
        QVERIFY2(all.exitCode == 0, all.err.constData());
        QCOMPARE(textsOf(all), (QStringList{QStringLiteral("¿Qué tal la canción?"),
                                            QStringLiteral("Die Canción gefällt mir")}));
        const ProcessResult lena =
            run(QStringLiteral("max"),
                {QStringLiteral("search"), QStringLiteral("cancion"), QStringLiteral("--chat"),
                 QStringLiteral("lena"), QStringLiteral("--json")});
        QCOMPARE(textsOf(lena), QStringList{QStringLiteral("Die Canción gefällt mir")});
        // Plain output is history's line per message.
        const ProcessResult plain =
            run(QStringLiteral("max"), {QStringLiteral("search"), QStringLiteral("qué")});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY2(plain.out.contains("pablo: ¿Qué tal la canción?"), plain.out.constData());
    }

    void nothingFoundIsNoError()
    {
        const ProcessResult r =
            run(QStringLiteral("max"), {QStringLiteral("search"), QStringLiteral("zanahoria")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray());
    }

    void badSearchesAreUsageErrors()
    {
        const ProcessResult noWord =
            run(QStringLiteral("max"), {QStringLiteral("search"), QStringLiteral("?!")});
        QCOMPARE(noWord.exitCode, 2);
        QVERIFY2(noWord.err.contains("nothing to search for"), noWord.err.constData());
        const ProcessResult noChat =
            run(QStringLiteral("max"), {QStringLiteral("search"), QStringLiteral("hola"),
                                        QStringLiteral("--chat"), QStringLiteral("nobody")});
        QCOMPARE(noChat.exitCode, 2);
        QVERIFY2(noChat.err.contains("no chat with \"nobody\""), noChat.err.constData());
        const ProcessResult nothing = run(QStringLiteral("max"), {QStringLiteral("search")});
        QCOMPARE(nothing.exitCode, 2);
        const ProcessResult misplaced =
            run(QStringLiteral("max"), {QStringLiteral("history"), QStringLiteral("lena"),
                                        QStringLiteral("--chat"), QStringLiteral("lena")});
        QCOMPARE(misplaced.exitCode, 2);
        QVERIFY2(misplaced.err.contains("--chat is for search"), misplaced.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliSearch)
#include "tst_cli_search.moc"
