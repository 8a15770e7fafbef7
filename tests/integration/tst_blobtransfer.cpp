// SPDX-License-Identifier: GPL-3.0-or-later
// BlobTransfer (the client's HTTP/1.1 PUT/GET of blobs, docs/protocol.md 10) against
// FakeBlobServer: resume, cuts, refusals, stalls, cancel, TLS.
#include "FakeBlobServer.h"
#include "MediaTestFiles.h"
#include "TestBase.h"
#include "media/BlobTransfer.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using namespace linnet::client;
using namespace linnet::media;
using namespace linnet::test;
using Kind = TransferOutcome::Kind;

namespace {

const QByteArray kBlobId = QByteArray::fromHex("5a1f0c00112233445566778899aabb9e");
const QByteArray kTicket("\x01\xfe ticket bytes?", 16);

/** One transfer and what it reported. */
struct Run {
    std::unique_ptr<BlobTransfer> transfer;
    std::optional<TransferOutcome> outcome;
    int finishedCount = 0;
    QList<QPair<quint64, quint64>> progress;

    Run(const QUrl &url, const QSslConfiguration &tls = QSslConfiguration::defaultConfiguration())
        : transfer(std::make_unique<BlobTransfer>(url, tls))
    {
        QObject::connect(transfer.get(), &BlobTransfer::finished, transfer.get(),
                         [this](const TransferOutcome &o) {
                             outcome = o;
                             ++finishedCount;
                         });
        QObject::connect(transfer.get(), &BlobTransfer::progress, transfer.get(),
                         [this](quint64 done, quint64 total) {
                             progress.append({done, total});
                         });
    }
    bool progressIsMonotonic() const
    {
        for (qsizetype i = 1; i < progress.size(); ++i)
            if (progress[i].first < progress[i - 1].first)
                return false;
        return true;
    }
};

QByteArray bearer()
{
    return "Bearer " +
           kTicket.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

class TestBlobTransfer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_plainPath;
    QByteArray m_key;
    QByteArray m_header;
    QByteArray m_blob; ///< the blob of m_plainPath
    std::unique_ptr<FakeBlobServer> m_server;
    std::unique_ptr<EncryptingReader> m_reader;

    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/ws").arg(m_server->serverPort()));
    }
    QString partPath() const { return m_dir.filePath(QStringLiteral("blob.part")); }

    /** A fresh reader over the plaintext, open. */
    EncryptingReader &reader()
    {
        m_reader = std::make_unique<EncryptingReader>(m_plainPath, m_key, m_header);
        const Status s = m_reader->open(quint64(QFileInfo(m_plainPath).size()));
        if (!s)
            qWarning() << s.error().reason;
        return *m_reader;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_plainPath = m_dir.filePath(QStringLiteral("plain.bin"));
        QVERIFY(writeWholeFile(m_plainPath, patternBytes(3 * 1024 * 1024 + 777)));
        m_key = newKey();
        m_header = EncryptingReader::newHeader();
        EncryptingReader all(m_plainPath, m_key, m_header);
        QVERIFY(all.open(3 * 1024 * 1024 + 777));
        while (!all.atEnd())
            m_blob += all.read(1 << 20).value();
    }

    void init()
    {
        m_server = std::make_unique<FakeBlobServer>();
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        m_server->declaredSize = quint64(m_blob.size());
        m_server->served = m_blob;
        QFile::remove(partPath());
    }

    void anUploadPutsTheWholeBlobWithTheTicketAndEndsDone()
    {
        Run run(url());
        run.transfer->upload(kBlobId, kTicket, reader(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Done);
        QCOMPARE(run.outcome->httpStatus, 201);
        QCOMPARE(run.outcome->offset, quint64(m_blob.size()));
        QCOMPARE(m_server->held, m_blob);
        QCOMPARE(m_server->requests.size(), 1);
        const auto &request = m_server->requests.first();
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(request.path, QByteArray("/v1/media/5a1f0c00112233445566778899aabb9e"));
        QCOMPARE(request.header("authorization"), bearer());
        QCOMPARE(request.header("content-length"), QByteArray::number(m_blob.size()));
        QCOMPARE(request.header("content-range"), QByteArray());
        QCOMPARE(request.header("host"), "127.0.0.1:" + QByteArray::number(m_server->serverPort()));
        QVERIFY(!run.progress.isEmpty());
        QVERIFY(run.progressIsMonotonic());
        QCOMPARE(run.progress.last(), qMakePair(quint64(m_blob.size()), quint64(m_blob.size())));
        QTest::qWait(50);
        QCOMPARE(run.finishedCount, 1);
    }

    void anUploadFromAnOffsetSendsContentRangeAndCompletesTheBlob()
    {
        m_server->held = m_blob.first(1'000'000);
        Run run(url());
        run.transfer->upload(kBlobId, kTicket, reader(), 1'000'000);
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Done);
        QCOMPARE(m_server->held, m_blob);
        const auto &request = m_server->requests.first();
        QCOMPARE(request.header("content-range"), "bytes 1000000-" +
                                                      QByteArray::number(m_blob.size() - 1) + '/' +
                                                      QByteArray::number(m_blob.size()));
        QCOMPARE(request.header("content-length"), QByteArray::number(m_blob.size() - 1'000'000));
    }

    void aCutUploadIsRetryAndResumesFromTheServersOffsetToTheSameBlob()
    {
        m_server->cutAfter = 1'500'000;
        Run first(url());
        first.transfer->upload(kBlobId, kTicket, reader(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(first.outcome, 20000);
        QCOMPARE(first.outcome->kind, Kind::Retry);
        QCOMPARE(first.outcome->httpStatus, 0);
        QCOMPARE(m_server->held.size(), qsizetype(1'500'000));
        QVERIFY(first.outcome->offset >= 1'500'000); // what left this side; the server says less

        // Resuming from the client's guess: the server answers 409 with its own offset...
        m_server->cutAfter = -1;
        Run guess(url());
        guess.transfer->upload(kBlobId, kTicket, reader(), first.outcome->offset);
        QTRY_VERIFY_WITH_TIMEOUT(guess.outcome, 20000);
        if (first.outcome->offset != 1'500'000) {
            QCOMPARE(guess.outcome->kind, Kind::Retry);
            QCOMPARE(guess.outcome->httpStatus, 409);
            QCOMPARE(guess.outcome->offset, quint64(1'500'000));
            // ...from which the upload completes.
            Run resumed(url());
            resumed.transfer->upload(kBlobId, kTicket, reader(), guess.outcome->offset);
            QTRY_VERIFY_WITH_TIMEOUT(resumed.outcome, 20000);
            QCOMPARE(resumed.outcome->kind, Kind::Done);
        } else {
            QCOMPARE(guess.outcome->kind, Kind::Done);
        }
        QCOMPARE(m_server->held, m_blob);
        QCOMPARE(Sha256::of(m_server->held), m_reader->hash());
    }

    void a409ReportsTheUploadOffsetTheServerHolds()
    {
        m_server->held = m_blob.first(4096);
        Run run(url());
        run.transfer->upload(kBlobId, kTicket, reader(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Retry);
        QCOMPARE(run.outcome->httpStatus, 409);
        QCOMPARE(run.outcome->offset, quint64(4096));
        QCOMPARE(m_server->held, m_blob.first(4096)); // no body went out before the answer
    }

    void anUploadOfWhatTheServerAlreadyHasAsksWithHeadAndIsDone()
    {
        m_server->held = m_blob;
        Run run(url());
        run.transfer->upload(kBlobId, kTicket, reader(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Done);
        QCOMPARE(m_server->requests.first().method, QByteArray("HEAD"));
    }

    void anUploadWithoutContinueSendsTheBodyAfterAWhile()
    {
        m_server->sendContinue = false;
        Run run(url());
        run.transfer->upload(kBlobId, kTicket, reader(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Done);
        QCOMPARE(m_server->held, m_blob);
    }

    void statusesEndTransfersAsTheHeaderSays_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("upload");
        QTest::addColumn<Kind>("kind");
        for (bool upload : {true, false}) {
            const char *what = upload ? "upload" : "download";
            for (int status : {401, 403, 404, 413, 415})
                QTest::addRow("%s %d", what, status) << status << upload << Kind::Refused;
            for (int status : {429, 500, 503, 507})
                QTest::addRow("%s %d", what, status) << status << upload << Kind::Retry;
        }
        QTest::addRow("download 416") << 416 << false << Kind::Refused;
    }

    void statusesEndTransfersAsTheHeaderSays()
    {
        QFETCH(int, status);
        QFETCH(bool, upload);
        QFETCH(Kind, kind);
        m_server->forcedStatus = status;
        m_server->forcedReason = "the reason the server gives";
        Run run(url());
        if (upload)
            run.transfer->upload(kBlobId, kTicket, reader(), 0);
        else
            run.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, kind);
        QCOMPARE(run.outcome->httpStatus, status);
        QVERIFY2(run.outcome->reason.contains(QStringLiteral("the reason the server gives")),
                 qPrintable(run.outcome->reason));
        QVERIFY(m_server->held.isEmpty());
        QCOMPARE(QFileInfo(partPath()).size(), 0);
    }

    void aStalledUploadEndsAsRetryAfterTheStallTimeout()
    {
        m_server->holdAnswer = true; // takes everything, never answers
        Run run(url());
        run.transfer->setStallTimeout(1);
        run.transfer->upload(kBlobId, kTicket, reader(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Retry);
        QVERIFY(run.outcome->reason.contains(QStringLiteral("stalled")));
    }

    void aDownloadWritesThePartFileAndEndsDone()
    {
        Run run(url());
        run.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Done);
        QCOMPARE(run.outcome->httpStatus, 200);
        QCOMPARE(run.outcome->offset, quint64(m_blob.size()));
        QCOMPARE(readWholeFile(partPath()), m_blob);
        const auto &request = m_server->requests.first();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.header("range"), QByteArray());
        QCOMPARE(request.header("authorization"), bearer());
        QVERIFY(run.progressIsMonotonic());
        QCOMPARE(run.progress.last().first, quint64(m_blob.size()));
    }

    void aCutDownloadIsRetryAndResumesWithARangeFromThePartFile()
    {
        m_server->cutAfter = 1'234'567;
        Run first(url());
        first.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(first.outcome, 20000);
        QCOMPARE(first.outcome->kind, Kind::Retry);
        QCOMPARE(first.outcome->offset, quint64(1'234'567));
        QCOMPARE(readWholeFile(partPath()), m_blob.first(1'234'567));

        m_server->cutAfter = -1;
        Run second(url());
        second.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(second.outcome, 20000);
        QCOMPARE(second.outcome->kind, Kind::Done);
        QCOMPARE(second.outcome->httpStatus, 206);
        QCOMPARE(m_server->requests.last().header("range"), QByteArray("bytes=1234567-"));
        QCOMPARE(readWholeFile(partPath()), m_blob);
    }

    void aServerThatIgnoresTheRangeStartsThePartFileAgain()
    {
        QVERIFY(writeWholeFile(partPath(), QByteArray(5000, 'x')));
        m_server->ignoreRange = true;
        Run run(url());
        run.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Done);
        QCOMPARE(readWholeFile(partPath()), m_blob);
    }

    void aServerThatSendsMoreThanTheBlobIsRefused()
    {
        m_server->extraBytes = "surplus";
        Run run(url());
        run.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Refused);
        QVERIFY(QFileInfo(partPath()).size() <= m_blob.size());
    }

    void aCompletePartFileIsDoneWithoutARequestAndALargerOneIsALocalError()
    {
        QVERIFY(writeWholeFile(partPath(), m_blob));
        Run done(url());
        done.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QCOMPARE(done.finishedCount, 0); // never from inside download()
        QTRY_VERIFY(done.outcome);
        QCOMPARE(done.outcome->kind, Kind::Done);
        QVERIFY(m_server->requests.isEmpty());

        QVERIFY(writeWholeFile(partPath(), m_blob + "x"));
        Run larger(url());
        larger.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY(larger.outcome);
        QCOMPARE(larger.outcome->kind, Kind::LocalError);
    }

    void aSlowButMovingDownloadIsNoStall()
    {
        m_server->served = m_blob.first(40 * 1024);
        m_server->dribbleBytes = 4096;
        m_server->dribbleMs = 150; // about 1.5 s in all, a stall timeout of 1 s
        Run run(url());
        run.transfer->setStallTimeout(1);
        run.transfer->download(kBlobId, kTicket, partPath(), 40 * 1024);
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Done);
        QCOMPARE(readWholeFile(partPath()), m_blob.first(40 * 1024));
    }

    void aStalledDownloadEndsAsRetryKeepingWhatCame()
    {
        m_server->cutAfter = 100'000;
        m_server->holdAnswer = true; // sends 100000 bytes, then nothing, and stays open
        Run run(url());
        run.transfer->setStallTimeout(1);
        run.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Retry);
        QCOMPARE(run.outcome->offset, quint64(100'000));
        QCOMPARE(readWholeFile(partPath()), m_blob.first(100'000));
    }

    void cancelEndsAtOnceAndKeepsWhatWasMoved()
    {
        m_server->served = m_blob.first(400 * 1024);
        m_server->dribbleBytes = 4096;
        m_server->dribbleMs = 50;
        Run run(url());
        run.transfer->download(kBlobId, kTicket, partPath(), 400 * 1024);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() >= 8192, 20000);
        run.transfer->cancel();
        QVERIFY(run.outcome);
        QCOMPARE(run.outcome->kind, Kind::Cancelled);
        const qint64 kept = QFileInfo(partPath()).size();
        QCOMPARE(run.outcome->offset, quint64(kept));
        QCOMPARE(readWholeFile(partPath()), m_blob.first(kept));
        run.transfer->cancel();
        QTest::qWait(100);
        QCOMPARE(run.finishedCount, 1);
        QCOMPARE(QFileInfo(partPath()).size(), kept);
    }

    void noServerIsRetry()
    {
        const QUrl closed = url();
        m_server->close();
        Run run(closed);
        run.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::Retry);
        QCOMPARE(run.outcome->httpStatus, 0);
    }

    void aPlaintextThatChangedDuringTheUploadIsALocalError()
    {
        const QString copy = m_dir.filePath(QStringLiteral("changing.bin"));
        QVERIFY(QFile::copy(m_plainPath, copy));
        EncryptingReader changing(copy, m_key, m_header);
        QVERIFY(changing.open(quint64(QFileInfo(copy).size())));
        QVERIFY(QFile::resize(copy, 1'000'000));
        Run run(url());
        run.transfer->upload(kBlobId, kTicket, changing, 0);
        QTRY_VERIFY_WITH_TIMEOUT(run.outcome, 20000);
        QCOMPARE(run.outcome->kind, Kind::LocalError);
    }

    void aPartFileThatCannotBeWrittenIsALocalError()
    {
        Run missingDir(url());
        missingDir.transfer->download(kBlobId, kTicket,
                                      m_dir.filePath(QStringLiteral("no/such/dir")),
                                      quint64(m_blob.size()));
        QTRY_VERIFY(missingDir.outcome);
        QCOMPARE(missingDir.outcome->kind, Kind::LocalError);

        if (!QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full here");
        Run full(url());
        full.transfer->download(kBlobId, kTicket, QStringLiteral("/dev/full"),
                                quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(full.outcome, 20000);
        QCOMPARE(full.outcome->kind, Kind::LocalError);
        QVERIFY2(full.outcome->reason.contains(QStringLiteral("space")),
                 qPrintable(full.outcome->reason));
    }

    void aWssUrlMeansHttpsWithTheWebSocketsTlsConfiguration()
    {
        m_server = std::make_unique<FakeBlobServer>();
        m_server->useTls();
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        m_server->declaredSize = quint64(m_blob.size());
        m_server->served = m_blob;
        QUrl wss = url();
        wss.setScheme(QStringLiteral("wss"));
        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.setCaCertificates({FakeBlobServer::testCertificate()});

        Run up(wss, trusting);
        up.transfer->upload(kBlobId, kTicket, reader(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(up.outcome, 20000);
        QCOMPARE(up.outcome->kind, Kind::Done);
        QCOMPARE(m_server->held, m_blob);
        Run down(wss, trusting);
        down.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(down.outcome, 20000);
        QCOMPARE(down.outcome->kind, Kind::Done);
        QCOMPARE(readWholeFile(partPath()), m_blob);

        // A configuration that does not trust the certificate gets nothing through.
        QFile::remove(partPath());
        Run untrusting(wss);
        untrusting.transfer->download(kBlobId, kTicket, partPath(), quint64(m_blob.size()));
        QTRY_VERIFY_WITH_TIMEOUT(untrusting.outcome, 20000);
        QCOMPARE(untrusting.outcome->kind, Kind::Retry);
        QCOMPARE(QFileInfo(partPath()).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBlobTransfer)
#include "tst_blobtransfer.moc"
