// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli's message actions (issue 30): reply, run as processes through the real server.
#include "CliTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace linnet::test;

class TestCliActions : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;
    CliProfiles m_cli{m_root.path(), QByteArrayLiteral("cli actions passphrase")};

    ProcessResult run(const QString &name, const QStringList &args)
    {
        return m_cli.run(name, args);
    }

    /** The id send printed: its first word. */
    static QString sentId(const ProcessResult &r)
    {
        return QString::fromUtf8(r.out).split(QLatin1Char(' ')).value(0).trimmed();
    }

    QJsonObject listenOne(const QString &name)
    {
        QByteArray error;
        const QJsonObject row = m_cli.listenOne(name, &error);
        [&] { QVERIFY2(error.isEmpty(), error.constData()); }();
        return row;
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

    void replyQuotesTheMessageItAnswersInJsonAndText()
    {
        const ProcessResult sent =
            run(QStringLiteral("lena"),
                {QStringLiteral("send"), QStringLiteral("max"), QStringLiteral("Kuchen um drei?")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        const QString question = sentId(sent);
        QCOMPARE(question.size(), 32);
        QCOMPARE(listenOne(QStringLiteral("max")).value(QStringLiteral("id")).toString(), question);

        const ProcessResult replied =
            run(QStringLiteral("max"), {QStringLiteral("reply"), question, QStringLiteral("gerne,"),
                                        QStringLiteral("bis dann")});
        QVERIFY2(replied.exitCode == 0, replied.err.constData());
        const QJsonObject answer = listenOne(QStringLiteral("lena"));
        QCOMPARE(answer.value(QStringLiteral("text")).toString(),
                 QStringLiteral("gerne, bis dann"));
        QCOMPARE(answer.value(QStringLiteral("conversation")).toString(), QStringLiteral("max"));
        QCOMPARE(answer.value(QStringLiteral("reply_to")).toString(), question);
        const QJsonObject quote = answer.value(QStringLiteral("quote")).toObject();
        QCOMPARE(quote.value(QStringLiteral("from")).toString(), QStringLiteral("lena"));
        QCOMPARE(quote.value(QStringLiteral("text")).toString(), QStringLiteral("Kuchen um drei?"));
        QVERIFY(!quote.contains(QStringLiteral("kind")));
        // history shows it as well, and a message that answers nothing has no reply_to.
        const ProcessResult history =
            run(QStringLiteral("max"), {QStringLiteral("history"), QStringLiteral("lena")});
        QVERIFY2(history.out.contains("gerne, bis dann  [reply to lena: Kuchen um drei?]"),
                 history.out.constData());
        const ProcessResult json =
            run(QStringLiteral("max"),
                {QStringLiteral("history"), QStringLiteral("lena"), QStringLiteral("--json")});
        const QList<QJsonObject> lines = cliJsonLines(json.out);
        QCOMPARE(lines.size(), 2);
        QVERIFY(!lines.first().contains(QStringLiteral("reply_to")));
        QCOMPARE(lines.last().value(QStringLiteral("reply_to")).toString(), question);
    }

    void replyToAnUnknownMessageIsAUsageError()
    {
        const ProcessResult unknown =
            run(QStringLiteral("max"),
                {QStringLiteral("reply"), QStringLiteral("00112233445566778899aabbccddeeff"),
                 QStringLiteral("hm")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no message 00112233445566778899aabbccddeeff"),
                 unknown.err.constData());
        const ProcessResult notAnId =
            run(QStringLiteral("max"),
                {QStringLiteral("reply"), QStringLiteral("xyz"), QStringLiteral("hm")});
        QCOMPARE(notAnId.exitCode, 2);
        const ProcessResult noText =
            run(QStringLiteral("max"), {QStringLiteral("reply"), QStringLiteral("xyz")});
        QCOMPARE(noText.exitCode, 2);
        QVERIFY2(noText.err.contains("wrong number of arguments for reply"),
                 noText.err.constData());
    }

    void reactIsListedByListenAndShownUnderTheMessageInHistory()
    {
        const ProcessResult sent =
            run(QStringLiteral("lena"),
                {QStringLiteral("send"), QStringLiteral("max"), QStringLiteral("Foto vom See")});
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        const QString photo = sentId(sent);
        QCOMPARE(listenOne(QStringLiteral("max")).value(QStringLiteral("id")).toString(), photo);

        const ProcessResult reacted =
            run(QStringLiteral("max"), {QStringLiteral("react"), photo, QStringLiteral("😍")});
        QVERIFY2(reacted.exitCode == 0, reacted.err.constData());
        const QJsonObject event = listenOne(QStringLiteral("lena"));
        QCOMPARE(event.value(QStringLiteral("kind")).toString(), QStringLiteral("reaction"));
        QCOMPARE(event.value(QStringLiteral("from")).toString(), QStringLiteral("max"));
        QCOMPARE(event.value(QStringLiteral("on")).toString(), photo);
        QCOMPARE(event.value(QStringLiteral("emoji")).toString(), QStringLiteral("😍"));

        const ProcessResult history =
            run(QStringLiteral("lena"),
                {QStringLiteral("history"), QStringLiteral("max"), QStringLiteral("--json")});
        QJsonObject shown;
        for (const QJsonObject &line : cliJsonLines(history.out))
            if (line.value(QStringLiteral("id")).toString() == photo)
                shown = line;
        const QJsonArray reactions = shown.value(QStringLiteral("reactions")).toArray();
        QCOMPARE(reactions.size(), 1);
        QCOMPARE(reactions.first().toObject().value(QStringLiteral("emoji")).toString(),
                 QStringLiteral("😍"));
        QCOMPARE(
            reactions.first().toObject().value(QStringLiteral("from")).toArray().first().toString(),
            QStringLiteral("max"));
        const ProcessResult plain =
            run(QStringLiteral("lena"), {QStringLiteral("history"), QStringLiteral("max")});
        QVERIFY2(plain.out.contains("Foto vom See  [😍 max]"), plain.out.constData());

        // Taken back with an empty emoji: lena hears of it, and it is gone from history.
        QCOMPARE(run(QStringLiteral("max"), {QStringLiteral("react"), photo, QString()}).exitCode,
                 0);
        const QJsonObject back = listenOne(QStringLiteral("lena"));
        QCOMPARE(back.value(QStringLiteral("emoji")).toString(), QString());
        const ProcessResult after =
            run(QStringLiteral("lena"),
                {QStringLiteral("history"), QStringLiteral("max"), QStringLiteral("--json")});
        for (const QJsonObject &line : cliJsonLines(after.out))
            QVERIFY(!line.contains(QStringLiteral("reactions")));
    }

    void aBadReactionIsAUsageError()
    {
        const ProcessResult spaced =
            run(QStringLiteral("max"),
                {QStringLiteral("react"), QStringLiteral("00112233445566778899aabbccddeeff"),
                 QStringLiteral("👍")});
        QCOMPARE(spaced.exitCode, 2);
        QVERIFY2(spaced.err.contains("no message"), spaced.err.constData());
        const ProcessResult tooMany =
            run(QStringLiteral("max"), {QStringLiteral("react"), QStringLiteral("a"),
                                        QStringLiteral("b"), QStringLiteral("c")});
        QCOMPARE(tooMany.exitCode, 2);
        QVERIFY2(tooMany.err.contains("react takes a message id and one emoji"),
                 tooMany.err.constData());
        const ProcessResult history =
            run(QStringLiteral("max"),
                {QStringLiteral("history"), QStringLiteral("lena"), QStringLiteral("--json")});
        const QString some =
            cliJsonLines(history.out).first().value(QStringLiteral("id")).toString();
        const ProcessResult words =
            run(QStringLiteral("max"), {QStringLiteral("react"), some, QStringLiteral("so good")});
        QCOMPARE(words.exitCode, 2);
        QVERIFY2(words.err.contains("a reaction is one emoji"), words.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliActions)
#include "tst_cli_actions.moc"
