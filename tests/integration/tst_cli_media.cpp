// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-cli's files, as processes against the real server: send --file, listen saving
// what arrives, fetch, across process restarts, and the errors a script sees.
#include "MediaClientTestSupport.h"
#include "ProcessRun.h"
#include "ServerProcess.h"
#include "TestBase.h"
#include "TestBinaries.h"
#include "TestData.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace linnet::test;
using linnet::test::testDataPath;
using linnet::test::media::sha256Of;

namespace {

using Run = ProcessResult;

QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LINNET_PASSPHRASE"), QStringLiteral("cli media passphrase"));
    return env;
}

} // namespace

class TestCliMedia : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_root;

    QString profile(const QString &name) const { return m_root.filePath(name); }
    QStringList base(const QString &name) const
    {
        return {QStringLiteral("--profile"), profile(name)};
    }
    static Run run(const QStringList &args, int timeoutMs = 120000)
    {
        return runProcess(cliBinary(), args, {}, timeoutMs, cliEnvironment());
    }
    bool registerUser(const QString &name, const ServerProcess &server)
    {
        const Run r =
            runProcess(cliBinary(),
                       base(name) + QStringList{QStringLiteral("--server"), server.url().toString(),
                                                QStringLiteral("register"), name,
                                                QStringLiteral("--password-stdin")},
                       "correct horse\n", 60000, cliEnvironment());
        if (r.exitCode != 0)
            qWarning("register %s failed (%d): %s", qPrintable(name), r.exitCode,
                     r.err.constData());
        return r.exitCode == 0;
    }
    QString writeFile(const QString &name, qsizetype size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
        const QString path = m_root.filePath(QStringLiteral("originals/") + name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == size ? path : QString();
    }
    /** Sends @p path from ana to ben; the id, or empty. */
    QString sendFile(const QString &path, const QStringList &extra = {})
    {
        const Run sent = run(base(QStringLiteral("ana")) +
                             QStringList{QStringLiteral("send"), QStringLiteral("ben"),
                                         QStringLiteral("--file"), path} +
                             extra);
        if (sent.exitCode != 0)
            qWarning("send failed: %s", sent.err.constData());
        const QString id = QString::fromUtf8(sent.out.trimmed());
        return QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch()
                   ? id
                   : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_root.isValid());
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(registerUser(QStringLiteral("ana"), *m_server));
        QVERIFY(registerUser(QStringLiteral("ben"), *m_server));
    }

    void aFileGoesThroughSendListenAndFetch()
    {
        const QString path = writeFile(QStringLiteral("report.bin"), 300 * 1024 + 1);
        const QString id =
            sendFile(path, {QStringLiteral("--caption"), QStringLiteral("the report")});
        QVERIFY(!id.isEmpty());

        const QString downloads = m_root.filePath(QStringLiteral("ben-downloads"));
        const Run listen =
            run(base(QStringLiteral("ben")) +
                QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                            QStringLiteral("1"), QStringLiteral("--timeout"), QStringLiteral("60"),
                            QStringLiteral("--json"), QStringLiteral("--download-dir"), downloads});
        QVERIFY2(listen.exitCode == 0, listen.err.constData());
        const QJsonObject m = QJsonDocument::fromJson(listen.out.trimmed()).object();
        QCOMPARE(m.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(m.value(QStringLiteral("kind")).toString(), QStringLiteral("file"));
        QCOMPARE(m.value(QStringLiteral("text")).toString(), QStringLiteral("the report"));
        const QJsonObject file = m.value(QStringLiteral("file")).toObject();
        QCOMPARE(file.value(QStringLiteral("name")).toString(), QStringLiteral("report.bin"));
        QCOMPARE(file.value(QStringLiteral("size")).toInteger(), 300 * 1024 + 1);
        QCOMPARE(file.value(QStringLiteral("mime")).toString(),
                 QStringLiteral("application/octet-stream"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$"))
                    .match(file.value(QStringLiteral("sha256")).toString())
                    .hasMatch());
        const QString saved = file.value(QStringLiteral("saved_to")).toString();
        QCOMPARE(QFileInfo(saved).absolutePath(), QDir(downloads).absolutePath());
        QCOMPARE(sha256Of(saved), sha256Of(path));

        // fetch: the checked copy, to a path of one's choice; never over an existing file.
        const QString out = m_root.filePath(QStringLiteral("fetched.bin"));
        const Run fetched =
            run(base(QStringLiteral("ben")) +
                QStringList{QStringLiteral("fetch"), id, QStringLiteral("--out"), out});
        QVERIFY2(fetched.exitCode == 0, fetched.err.constData());
        QCOMPARE(sha256Of(out), sha256Of(path));
        const Run again =
            run(base(QStringLiteral("ben")) +
                QStringList{QStringLiteral("fetch"), id, QStringLiteral("--out"), out});
        QCOMPARE(again.exitCode, 2);
        QVERIFY(again.err.contains("exists"));
        // The sender has its own copy.
        const QString own = m_root.filePath(QStringLiteral("own.bin"));
        QCOMPARE(run(base(QStringLiteral("ana")) +
                     QStringList{QStringLiteral("fetch"), id, QStringLiteral("--out"), own})
                     .exitCode,
                 0);
        QCOMPARE(sha256Of(own), sha256Of(path));
    }

    void aDownloadCutByAKilledListenIsFinishedByFetch()
    {
        const QString path = writeFile(QStringLiteral("big.bin"), 64 * 1024 * 1024);
        const QString id = sendFile(path);
        QVERIFY(!id.isEmpty());
        QProcess listen;
        listen.setProcessEnvironment(cliEnvironment());
        listen.start(cliBinary(),
                     base(QStringLiteral("ben")) + QStringList{QStringLiteral("listen"),
                                                               QStringLiteral("--timeout"),
                                                               QStringLiteral("60")});
        QVERIFY(listen.waitForStarted());
        // Stopped hard once part of the file is here (the part file has bytes).
        const QString partial = profile(QStringLiteral("ben")) + QStringLiteral("/media/partial");
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                if (listen.state() == QProcess::NotRunning)
                    return true;
                for (const QFileInfo &f : QDir(partial).entryInfoList(QDir::Files))
                    if (f.size() > 0)
                        return true;
                return false;
            }(),
            60000);
        listen.kill();
        listen.waitForFinished(10000);

        const QString out = m_root.filePath(QStringLiteral("big-fetched.bin"));
        const Run fetched =
            run(base(QStringLiteral("ben")) +
                QStringList{QStringLiteral("fetch"), id, QStringLiteral("--out"), out,
                            QStringLiteral("--timeout"), QStringLiteral("120")});
        QVERIFY2(fetched.exitCode == 0, fetched.err.constData());
        QCOMPARE(sha256Of(out), sha256Of(path));
        QCOMPARE(QString::fromUtf8(fetched.out.trimmed()), QFileInfo(out).absoluteFilePath());
    }

    void aVideoSentFromTheCliCarriesAFrameItsSizeAndLength()
    {
        // linnet-cli is a QCoreApplication: the frame is decoded and converted without a GPU.
        const QString video = testDataPath(QStringLiteral("video-160x90-6s.mp4"));
        const QString id = sendFile(video);
        QVERIFY(!id.isEmpty());
        const QString broken = sendFile(testDataPath(QStringLiteral("broken.mp4")));
        QVERIFY(!broken.isEmpty());

        const Run listen = run(base(QStringLiteral("ben")) +
                               QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                           QStringLiteral("2"), QStringLiteral("--timeout"),
                                           QStringLiteral("60"), QStringLiteral("--json")});
        QVERIFY2(listen.exitCode == 0, listen.err.constData());
        QHash<QString, QJsonObject> files;
        for (const QByteArray &line : listen.out.trimmed().split('\n')) {
            const QJsonObject m = QJsonDocument::fromJson(line).object();
            files.insert(m.value(QStringLiteral("id")).toString(),
                         m.value(QStringLiteral("file")).toObject());
        }
        const QJsonObject f = files.value(id);
        QCOMPARE(f.value(QStringLiteral("kind")).toString(), QStringLiteral("video"));
        QCOMPARE(f.value(QStringLiteral("mime")).toString(), QStringLiteral("video/mp4"));
        QCOMPARE(f.value(QStringLiteral("width")).toInteger(), 160);
        QCOMPARE(f.value(QStringLiteral("height")).toInteger(), 90);
        const qint64 ms = f.value(QStringLiteral("duration_ms")).toInteger();
        QVERIFY2(ms >= 5900 && ms <= 6100, qPrintable(QString::number(ms)));
        const qint64 thumb = f.value(QStringLiteral("thumbnail_bytes")).toInteger();
        QVERIFY2(thumb > 0 && thumb <= 30 * 1024, qPrintable(QString::number(thumb)));
        QCOMPARE(sha256Of(f.value(QStringLiteral("saved_to")).toString()), sha256Of(video));

        // Not decodable: still a video, without a thumbnail, size or length.
        const QJsonObject b = files.value(broken);
        QCOMPARE(b.value(QStringLiteral("kind")).toString(), QStringLiteral("video"));
        QVERIFY(!b.contains(QStringLiteral("thumbnail_bytes")));
        QVERIFY(!b.contains(QStringLiteral("width")));
        QVERIFY(!b.contains(QStringLiteral("duration_ms")));
    }

    void fileErrorsArePlainAndNonZero()
    {
        const Run missing =
            run(base(QStringLiteral("ana")) +
                QStringList{QStringLiteral("send"), QStringLiteral("ben"), QStringLiteral("--file"),
                            m_root.filePath(QStringLiteral("nope.bin"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("no file"), missing.err.constData());
        const Run captionOnly =
            run(base(QStringLiteral("ana")) +
                QStringList{QStringLiteral("send"), QStringLiteral("ben"), QStringLiteral("hi"),
                            QStringLiteral("--caption"), QStringLiteral("x")});
        QCOMPARE(captionOnly.exitCode, 2);
        const Run noOut = run(base(QStringLiteral("ben")) +
                              QStringList{QStringLiteral("fetch"), QString(32, u'a')});
        QCOMPARE(noOut.exitCode, 2);
        const Run unknown =
            run(base(QStringLiteral("ben")) +
                QStringList{QStringLiteral("fetch"), QString(32, u'a'), QStringLiteral("--out"),
                            m_root.filePath(QStringLiteral("x"))});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("no message"));
    }

    void aFileTooLargeForTheServerExitsRefusedWithTheReason()
    {
        ServerProcess small(ServerProcess::openRegistration(),
                            QByteArrayLiteral("media_max_bytes = 10000\n"));
        QVERIFY2(small.start(), qPrintable(small.errorString()));
        QVERIFY(registerUser(QStringLiteral("cyd"), small));
        QVERIFY(registerUser(QStringLiteral("dee"), small));
        const Run sent =
            run(base(QStringLiteral("cyd")) +
                QStringList{QStringLiteral("send"), QStringLiteral("dee"), QStringLiteral("--file"),
                            writeFile(QStringLiteral("large.bin"), 50000)});
        QCOMPARE(sent.exitCode, 5);
        QVERIFY2(sent.err.contains("too large"), sent.err.constData());
        QCOMPARE(small.stop(), 0);
    }

    void aSendWhoseServerDiesMidUploadExitsUnreachableAndTheNextListenFinishesIt()
    {
        // Found as a user: with the server killed during the upload, `send --file` kept
        // reconnecting for ever instead of saying the message is queued.
        ServerProcess server(ServerProcess::openRegistration());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(registerUser(QStringLiteral("eve"), server));
        QVERIFY(registerUser(QStringLiteral("fay"), server));
        const QString path = writeFile(QStringLiteral("cut.bin"), 256 * 1024 * 1024);
        QVERIFY(!path.isEmpty());

        QProcess send;
        send.setProcessEnvironment(cliEnvironment());
        send.start(cliBinary(), base(QStringLiteral("eve")) +
                                    QStringList{QStringLiteral("send"), QStringLiteral("fay"),
                                                QStringLiteral("--file"), path});
        QVERIFY(send.waitForStarted());
        // Killed once the server holds part of the blob (and not all of it: frozen first).
        const QDir media(server.dataDir() + QStringLiteral("/media"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QFileInfo &f : media.entryInfoList(QDir::Files))
                    if (f.size() > 0)
                        return true;
                return send.state() == QProcess::NotRunning;
            }(),
            60000);
        QCOMPARE(::kill(pid_t(server.pid()), SIGSTOP), 0);
        QCOMPARE(send.state(), QProcess::Running); // still uploading when the server froze
        server.kill();
        QVERIFY(send.waitForFinished(120000));
        const QByteArray err = send.readAllStandardError();
        QCOMPARE(send.exitCode(), 3);
        QVERIFY2(err.contains("queued"), err.constData());

        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const Run resumed = run(base(QStringLiteral("eve")) +
                                QStringList{QStringLiteral("listen"), QStringLiteral("--timeout"),
                                            QStringLiteral("20")});
        QCOMPARE(resumed.exitCode, 0);
        const Run received = run(base(QStringLiteral("fay")) +
                                 QStringList{QStringLiteral("listen"), QStringLiteral("--count"),
                                             QStringLiteral("1"), QStringLiteral("--timeout"),
                                             QStringLiteral("90"), QStringLiteral("--json")});
        QVERIFY2(received.exitCode == 0, received.err.constData());
        const QJsonObject file = QJsonDocument::fromJson(received.out.trimmed())
                                     .object()
                                     .value(QStringLiteral("file"))
                                     .toObject();
        QCOMPARE(sha256Of(file.value(QStringLiteral("saved_to")).toString()), sha256Of(path));
        QCOMPARE(server.stop(), 0);
    }

    void cleanupTestCase() { QCOMPARE(m_server->stop(), 0); }
};

QTEST_GUILESS_MAIN(TestCliMedia)
#include "tst_cli_media.moc"
