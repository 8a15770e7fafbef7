// SPDX-License-Identifier: GPL-3.0-or-later
// `linnet-server backup FILE` next to a running server under load, and
// `restore FILE` into a new data dir that a new server then serves; and what
// restore refuses (a damaged, cut or foreign file, a data dir in use or not empty).
#include "MediaTestSupport.h"
#include "RawClient.h"
#include "ServerProcess.h"
#include "TestAccounts.h"
#include "TestBase.h"
#include "TestBinaries.h"

#include <QProcess>
#include <QSet>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace linnet::protocol;
using namespace linnet::test;
using namespace linnet::test::media;

namespace {

QString describe(const ProcessResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

/** Every entry of @p dir (hidden ones too) but the lock file a refused restore may leave. */
QStringList contentsOf(const QString &dir)
{
    QStringList names = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    names.removeAll(QStringLiteral("linnet-server.lock"));
    return names;
}

} // namespace

class TestServerOpsBackup : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_files;

    ProcessResult backup(const QString &file) const
    {
        return m_server->admin({QStringLiteral("backup"), file});
    }

    /** Restores @p file into the (empty) data dir of @p into, a server not started yet. */
    static ProcessResult restore(const ServerProcess &into, const QString &file)
    {
        return into.admin({QStringLiteral("restore"), file});
    }

    /** A backup of the current server with one account in it. */
    QString someBackup(const QString &name)
    {
        registerAccount(*m_server, QStringLiteral("alice"));
        const QString file = m_files.filePath(name);
        const auto made = backup(file);
        if (made.exitCode != 0)
            qWarning("%s", qPrintable(describe(made)));
        return file;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_files.isValid());
    }

    void init()
    {
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup()
    {
        m_server->warnOutputIfTestFailed();
        m_server.reset();
    }

    void aBackupTakenUnderLoadRestoresEveryMessageAckedBeforeItAndTheAttachments()
    {
        // One client sends the whole load: no rate limit may refuse any of it.
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   "message_burst = 100000\n");
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        Device alice = registerDevice(*m_server, QStringLiteral("alice"), kTestPassword,
                                      AfterSignIn::WaitForSynced);
        const Device bob = registerAccount(*m_server, QStringLiteral("bob"));
        const QByteArray bytes = blobBytes(300 * 1024);
        const QByteArray blob = upload(*m_server, alice, bytes);
        QVERIFY(!blob.isEmpty());
        SendRequest withBlob = alice->makeSend(bob.name, "the photo", MessageId::generate());
        withBlob.media = {blob};
        alice->send(withBlob);
        QVERIFY(alice->replyTo<SendAck>(withBlob.requestId));

        // Acked before the backup starts: all of these must be in it.
        QSet<MessageId> ackedBefore{withBlob.id};
        constexpr int kBefore = 200;
        for (int i = 0; i < kBefore; ++i) {
            const SendRequest s = alice->makeSend(bob.name, QByteArray::number(i));
            alice->send(s);
            ackedBefore.insert(s.id);
        }
        QCOMPARE(alice->collect<SendAck>(kBefore).size(), kBefore);

        // The backup runs while a burst is being committed.
        constexpr int kDuring = 2000;
        for (int i = 0; i < kDuring; ++i)
            alice->send(alice->makeSend(bob.name, "during " + QByteArray::number(i)));
        const QString file = m_files.filePath(QStringLiteral("under-load.lbk"));
        QProcess backupProcess;
        backupProcess.start(serverBinary(), {QStringLiteral("--data-dir"), m_server->dataDir(),
                                             QStringLiteral("backup"), file});
        QVERIFY(backupProcess.waitForStarted());
        const auto duringAcks = alice->collect<SendAck>(kDuring, 60000);
        // (It may have ended while the acks came in.)
        QVERIFY(backupProcess.state() == QProcess::NotRunning ||
                backupProcess.waitForFinished(60000));
        const QByteArray out = backupProcess.readAllStandardOutput();
        QVERIFY2(backupProcess.exitStatus() == QProcess::NormalExit &&
                     backupProcess.exitCode() == 0,
                 backupProcess.readAllStandardError().constData());
        QCOMPARE(duringAcks.size(), kDuring); // the server went on serving
        QVERIFY2(out.contains("1 attachments"), out.constData());
        // It holds password hashes and messages: the owner's alone.
        QCOMPARE(QFileInfo(file).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFileDevice::Permissions());

        ServerProcess restored(ServerProcess::openRegistration());
        const auto r = restore(restored, file);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        // The same count as the backup's: the ticket key is not an attachment.
        QVERIFY2(r.out.contains("1 attachments") && r.out.contains("the media ticket key"),
                 qPrintable(describe(r)));
        QVERIFY2(restored.start(), qPrintable(restored.errorString()));

        auto b = connectAs(restored, bob);
        QVERIFY2(b, "bob's device token does not sign in on the restored server");
        const QList<Deliver> got = drainAll(*b);
        QSet<MessageId> ids;
        quint64 lastSeq = 0;
        for (const Deliver &d : got) {
            QVERIFY2(!ids.contains(d.id), "a message came twice from the restored server");
            ids.insert(d.id);
            QVERIFY(d.seq > lastSeq);
            lastSeq = d.seq;
        }
        QVERIFY2(ids.contains(ackedBefore),
                 qPrintable(QStringLiteral("%1 of the %2 messages acked before the backup are "
                                           "missing")
                                .arg((ackedBefore - ids).size())
                                .arg(ackedBefore.size())));

        // The attachment: same bytes, and bob's grant came along.
        const auto ticket = b->requestDownload(blob);
        QVERIFY2(ticket, "the restored server does not know the attachment");
        const HttpResponse response = get(restored, *ticket);
        QCOMPARE(response.status, 200);
        QVERIFY(response.body == bytes);

        // The restored server goes on: alice signs in with her token and is heard.
        auto a = connectAs(restored, alice);
        QVERIFY(a);
        const auto after = a->sendMessage(bob.name, "after the restore");
        QVERIFY(after);
        QVERIFY(after->seq > lastSeq);
        restored.warnOutputIfTestFailed();
    }

    void restoreRefusesADamagedBackupAndWritesNothing_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("a flipped bit in the middle") << "flip"
                                                     << "do not match their checksum";
        QTest::newRow("cut in half") << "half"
                                     << "cut short";
        QTest::newRow("without its last byte") << "last"
                                               << "cut short";
        QTest::newRow("a byte appended") << "append"
                                         << "bytes follow its end";
    }

    void restoreRefusesADamagedBackupAndWritesNothing()
    {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        const QString file = someBackup(QStringLiteral("damaged-%1.lbk").arg(damage));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        QVERIFY(bytes.size() > 1000);
        if (damage == QLatin1String("flip"))
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x10);
        else if (damage == QLatin1String("half"))
            bytes.truncate(bytes.size() / 2);
        else if (damage == QLatin1String("last"))
            bytes.chop(1);
        else
            bytes.append('x');
        QVERIFY(f.resize(0));
        QVERIFY(f.seek(0));
        QCOMPARE(f.write(bytes), bytes.size());
        f.close();

        ServerProcess into;
        const auto r = restore(into, file);
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("error: " + file.toUtf8() + " is damaged"),
                 qPrintable(describe(r)));
        QVERIFY2(r.err.contains(message.toUtf8()), qPrintable(describe(r)));
        QVERIFY2(r.err.contains("nothing was restored"), qPrintable(describe(r)));
        QCOMPARE(contentsOf(into.dataDir()), QStringList());
    }

    void restoreRefusesAFileThatIsNoBackup_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("[server]\nlisten = 127.0.0.1:7480\n");
        QTest::newRow("another format") << QByteArray("LINNET-BACKUP-9\n\x00\x01", 18);
    }

    void restoreRefusesAFileThatIsNoBackup()
    {
        QFETCH(QByteArray, content);
        const QString file = m_files.filePath(
            QStringLiteral("foreign-%1").arg(QLatin1String(QTest::currentDataTag())));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();

        ServerProcess into;
        const auto r = restore(into, file);
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        if (content.startsWith("LINNET-BACKUP-"))
            QVERIFY2(r.err.contains("in a format this linnet-server does not know"),
                     qPrintable(describe(r)));
        else
            QVERIFY2(r.err.contains("is not a Linnet backup"), qPrintable(describe(r)));
        QCOMPARE(contentsOf(into.dataDir()), QStringList());
    }

    void restoreRefusesTheLiveDatabaseFile()
    {
        // What an admin might try: the server's own SQLite file instead of a backup.
        registerAccount(*m_server, QStringLiteral("alice"));
        ServerProcess into;
        const auto r =
            restore(into, QDir(m_server->dataDir()).filePath(QStringLiteral("linnet.db")));
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("is not a Linnet backup"), qPrintable(describe(r)));
        QCOMPARE(contentsOf(into.dataDir()), QStringList());
    }

    void restoreRefusesADataDirARunningServerUses()
    {
        const QString file = someBackup(QStringLiteral("in-use.lbk"));
        const auto r = restore(*m_server, file);
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("is in use by a running linnet-server (process " +
                                QByteArray::number(m_server->pid()) + ")"),
                 qPrintable(describe(r)));
        // The running server did not notice.
        QVERIFY(m_server->isRunning());
        auto c = connectedClient(*m_server);
        QVERIFY(c && c->login(QStringLiteral("alice"), kTestPassword));
    }

    void restoreRefusesADataDirThatIsNotEmpty()
    {
        const QString file = someBackup(QStringLiteral("not-empty.lbk"));
        QCOMPARE(m_server->stop(), 0);
        const auto r = restore(*m_server, file);
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("is not empty"), qPrintable(describe(r)));
        QVERIFY2(r.err.contains("linnet.db"), qPrintable(describe(r)));
    }

    void aSecondServerOnTheSameDataDirIsRefused()
    {
        ServerProcess second({QStringLiteral("--data-dir"), m_server->dataDir()});
        QVERIFY(!second.start());
        QCOMPARE(second.exitCode(), 1);
        QVERIFY2(second.output().contains("is in use by a running linnet-server"),
                 second.output().constData());
        // Once the first has stopped, the data dir is free again.
        QCOMPARE(m_server->stop(), 0);
        QVERIFY2(second.start(), qPrintable(second.errorString()));
    }

    void backupNeverOverwritesAFile()
    {
        const QString file = m_files.filePath(QStringLiteral("exists.lbk"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
        f.close();
        const auto r = backup(file);
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("exists already"), qPrintable(describe(r)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("keep me"));
    }

    void backupOfADirectoryWithoutADatabaseSaysSo()
    {
        QTemporaryDir empty;
        const auto r = runProcess(serverBinary(), {QStringLiteral("--data-dir"), empty.path(),
                                                   QStringLiteral("backup"),
                                                   m_files.filePath(QStringLiteral("none.lbk"))});
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("there is no database in"), qPrintable(describe(r)));
        QVERIFY(!QFileInfo::exists(m_files.filePath(QStringLiteral("none.lbk"))));
        QCOMPARE(contentsOf(empty.path()), QStringList()); // not created by the attempt
    }

    void theBackupUnitExampleMakesARestorableBackupAndPrunesOldOnes()
    {
        // The commands of packaging/systemd/linnet-server-backup.service, as systemd
        // runs them, with this build's binary and test directories in the unit's paths.
        QFile unit(QStringLiteral(LINNET_BACKUP_UNIT));
        QVERIFY(unit.open(QIODevice::ReadOnly));
        QString start, post;
        for (const QString &line : QString::fromUtf8(unit.readAll()).split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("ExecStart=")))
                start = line.section(QLatin1Char('='), 1);
            else if (line.startsWith(QLatin1String("ExecStartPost=")))
                post = line.section(QLatin1Char('='), 1);
        }
        QVERIFY(!start.isEmpty() && !post.isEmpty());
        registerAccount(*m_server, QStringLiteral("alice"));
        QTemporaryDir backups;
        const QString config = QDir(m_server->dataDir()).filePath(QStringLiteral("unit.ini"));
        QFile ini(config);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[server]\ndata_dir = " + m_server->dataDir().toUtf8() + "\n");
        ini.close();
        auto adapt = [&](QString command) {
            return command.replace(QStringLiteral("%%"), QStringLiteral("%"))
                .replace(QStringLiteral("/usr/bin/linnet-server"), serverBinary())
                .replace(QStringLiteral("/etc/linnet/linnet-server.ini"), config)
                .replace(QStringLiteral("/var/backups/linnet-server"), backups.path());
        };
        // An old backup (20 days) goes after a new one succeeded; a recent one stays.
        QFile old(backups.filePath(QStringLiteral("linnet-old.lbk")));
        QFile recent(backups.filePath(QStringLiteral("linnet-recent.lbk")));
        QVERIFY(old.open(QIODevice::WriteOnly) && recent.open(QIODevice::WriteOnly));
        QVERIFY(old.setFileTime(QDateTime::currentDateTimeUtc().addDays(-20),
                                QFileDevice::FileModificationTime));
        old.close();
        recent.close();

        const auto made =
            runProcess(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), adapt(start)});
        QVERIFY2(made.exitCode == 0, qPrintable(describe(made)));
        const auto pruned =
            runProcess(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), adapt(post)});
        QVERIFY2(pruned.exitCode == 0, qPrintable(describe(pruned)));
        QVERIFY(!old.exists());
        QVERIFY(recent.exists());
        const QStringList made2 =
            QDir(backups.path()).entryList({QStringLiteral("linnet-2*Z.lbk")}, QDir::Files);
        QCOMPARE(made2.size(), 1);

        ServerProcess restored;
        const auto r = restore(restored, backups.filePath(made2.first()));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(restored.start(), qPrintable(restored.errorString()));
        auto c = connectedClient(restored);
        QVERIFY(c && c->login(QStringLiteral("alice"), kTestPassword));
    }

    void theSelfSignedCertificateAndItsKeyComeBackWithTheirModes()
    {
        // Clients pinned this certificate: a restored server that made a new one would
        // lock every one of them out.
        const QStringList selfSigned =
            ServerProcess::openRegistration() + QStringList{QStringLiteral("--tls-self-signed")};
        m_server = std::make_unique<ServerProcess>(selfSigned);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const QDir live(m_server->dataDir());
        // An admin let others read the certificate (it is public); the key stays private.
        QVERIFY(QFile::setPermissions(live.filePath(QStringLiteral("tls-cert.pem")),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                          QFile::ReadOther));
        const QString file = m_files.filePath(QStringLiteral("tls.lbk"));
        const auto made = backup(file);
        QVERIFY2(made.exitCode == 0, qPrintable(describe(made)));
        QVERIFY2(made.out.contains("the TLS certificate and its key"), qPrintable(describe(made)));

        ServerProcess restored(selfSigned);
        const auto r = restore(restored, file);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("the TLS certificate and its key"), qPrintable(describe(r)));
        const QDir back(restored.dataDir());
        for (const QString &name :
             {QStringLiteral("tls-cert.pem"), QStringLiteral("tls-key.pem")}) {
            QFile before(live.filePath(name));
            QFile after(back.filePath(name));
            QVERIFY2(after.open(QIODevice::ReadOnly), qPrintable(name));
            QVERIFY(before.open(QIODevice::ReadOnly));
            QVERIFY2(after.readAll() == before.readAll(), qPrintable(name));
            QCOMPARE(after.permissions(), before.permissions());
        }
        QCOMPARE(QFile::permissions(back.filePath(QStringLiteral("tls-key.pem"))),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);

        // The restored server serves that certificate, not a new one.
        QVERIFY2(restored.start(), qPrintable(restored.errorString()));
        QCOMPARE(restored.url().scheme(), QStringLiteral("wss"));
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::QueryPeer);
        socket.connectToHostEncrypted(restored.url().host(), quint16(restored.url().port()));
        QVERIFY2(socket.waitForEncrypted(30000), qPrintable(socket.errorString()));
        const auto served =
            QSslCertificate::fromPath(back.filePath(QStringLiteral("tls-cert.pem")));
        QCOMPARE(served.size(), 1);
        QCOMPARE(socket.peerCertificate(), served.first());
        const auto original =
            QSslCertificate::fromPath(live.filePath(QStringLiteral("tls-cert.pem")));
        QCOMPARE(socket.peerCertificate(), original.first());
        restored.warnOutputIfTestFailed();
    }

    void backupAndRestoreWantOneFile()
    {
        for (const QString &command : {QStringLiteral("backup"), QStringLiteral("restore")}) {
            const auto r = m_server->admin({command});
            QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
            QVERIFY2(r.err.contains("needs one FILE"), qPrintable(describe(r)));
        }
        // --out FILE works as well as the FILE after "backup".
        const QString file = m_files.filePath(QStringLiteral("with-out.lbk"));
        const auto r = m_server->admin({QStringLiteral("backup"), QStringLiteral("--out"), file});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(QFileInfo::exists(file));
    }
};

QTEST_GUILESS_MAIN(TestServerOpsBackup)
#include "tst_server_ops_backup.moc"
