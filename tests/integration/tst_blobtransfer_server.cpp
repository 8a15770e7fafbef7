// SPDX-License-Identifier: GPL-3.0-or-later
// BlobTransfer and the attachment cipher against the real linnet-server: a file is
// encrypted, uploaded, granted by a message, downloaded and decrypted intact, also
// when the transfer is cut or the server is killed in the middle (docs/protocol.md 10, 11).
#include "FakeBlobServer.h"
#include "MediaTestFiles.h"
#include "MediaTestSupport.h"
#include "TestBase.h"
#include "media/BlobTransfer.h"
#include "media/DecryptingWriter.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>
#include <optional>

using namespace linnet::client;
using namespace linnet::media;
using namespace linnet::protocol;
using namespace linnet::test;
using Kind = TransferOutcome::Kind;

namespace {

/** Runs one transfer to its end; @p onProgress may cancel it or kill the server. */
class Transfer {
public:
    explicit Transfer(const QUrl &url,
                      const QSslConfiguration &tls = QSslConfiguration::defaultConfiguration())
        : m_transfer(url, tls)
    {
        m_transfer.setProgressInterval(0);
        QObject::connect(&m_transfer, &BlobTransfer::finished, &m_transfer,
                         [this](const TransferOutcome &o) { m_outcome = o; });
        QObject::connect(&m_transfer, &BlobTransfer::progress, &m_transfer,
                         [this](quint64 done, quint64) {
                             if (m_onProgress)
                                 m_onProgress(done);
                         });
    }
    BlobTransfer &operator*() { return m_transfer; }
    BlobTransfer *operator->() { return &m_transfer; }
    void onProgress(std::function<void(quint64)> f) { m_onProgress = std::move(f); }
    /** Waits for finished(); the outcome, or a Kind::LocalError saying it never came. */
    TransferOutcome wait(int timeoutMs = 60000)
    {
        if (!QTest::qWaitFor([this] { return m_outcome.has_value(); }, timeoutMs))
            return {Kind::LocalError, 0, QStringLiteral("the test timed out"), 0};
        return *m_outcome;
    }

private:
    BlobTransfer m_transfer;
    std::optional<TransferOutcome> m_outcome;
    std::function<void(quint64)> m_onProgress;
};

} // namespace

class TestBlobTransferServer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    UniqueNames m_names;
    QString m_plainPath;
    QByteArray m_plain;
    QByteArray m_key;
    QByteArray m_header;

    Device user(const QString &prefix)
    {
        return registerDevice(*m_server, m_names.next(prefix), kTestPassword,
                              AfterSignIn::WaitForSynced);
    }

    std::unique_ptr<EncryptingReader> reader()
    {
        auto r = std::make_unique<EncryptingReader>(m_plainPath, m_key, m_header);
        if (!r->open(quint64(m_plain.size())))
            return nullptr;
        return r;
    }

    /** Sends a message granting @p blob from @p from to @p to. */
    static bool grant(Device &from, const Device &to, const QByteArray &blob)
    {
        SendRequest request = from->makeSend(to.name, "attachment", MessageId::generate());
        request.media = {blob};
        from->send(request);
        return from->replyTo<SendAck>(request.requestId).has_value();
    }

    /** Checks and decrypts the downloaded part file: true when it is the plaintext again. */
    bool decryptsToThePlaintext(const QString &part, const QByteArray &hash)
    {
        const QString out = m_dir.filePath(QStringLiteral("out.bin"));
        QFile::remove(out);
        const Status s = decryptBlob(part, m_key, hash, out);
        if (!s) {
            qWarning() << "decryptBlob:" << s.error().reason;
            return false;
        }
        return readWholeFile(out) == m_plain;
    }

    QString freshPart(const QString &name)
    {
        const QString part = m_dir.filePath(name);
        QFile::remove(part);
        return part;
    }

    /** Two new accounts, the attachment open, and an upload ticket for its blob. */
    struct Sending {
        Device ana, bob;
        std::unique_ptr<EncryptingReader> source;
        std::optional<MediaTicket> up;
    };
    Sending startSending()
    {
        Sending s{user(QStringLiteral("ana")), user(QStringLiteral("bob")), reader(), {}};
        if (s.source)
            s.up = s.ana->reserveUpload(s.source->size());
        return s;
    }

    /** Uploads from 0 and calls @p interrupt once 4 MiB are out (to cut or kill). */
    TransferOutcome uploadInterrupted(Sending &s, const std::function<void(Transfer &)> &interrupt)
    {
        Transfer transfer(m_server->url());
        transfer.onProgress([&](quint64 done) {
            if (done >= 4 * 1024 * 1024)
                interrupt(transfer);
        });
        transfer->upload(s.up->blob, s.up->ticket, *s.source, 0);
        return transfer.wait();
    }

    /** The upload of @p source from @p offset with @p ticket, to its end. */
    TransferOutcome uploadWith(const MediaTicket &ticket, EncryptingReader &source, quint64 offset)
    {
        Transfer transfer(m_server->url());
        transfer->upload(ticket.blob, ticket.ticket, source, offset);
        return transfer.wait();
    }

    /** @p from grants @p blob to @p to, who downloads it whole into a new part file. */
    std::optional<QString> grantAndDownload(Device &from, Device &to, const QByteArray &blob)
    {
        if (!grant(from, to, blob))
            return std::nullopt;
        const auto down = to->requestDownload(blob);
        if (!down)
            return std::nullopt;
        const QString part = freshPart(to.name + QStringLiteral(".part"));
        Transfer download(m_server->url());
        download->download(down->blob, down->ticket, part, down->size);
        const TransferOutcome got = download.wait();
        if (got.kind != Kind::Done || got.offset != down->size) {
            qWarning() << "download ended" << int(got.kind) << got.reason << got.offset;
            return std::nullopt;
        }
        return part;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_plainPath = m_dir.filePath(QStringLiteral("plain.bin"));
        m_plain = patternBytes(24 * 1024 * 1024 + 4321);
        QVERIFY(writeWholeFile(m_plainPath, m_plain));
        m_key = newKey();
        m_header = EncryptingReader::newHeader();
        m_server = std::make_unique<ServerProcess>(ServerProcess::openRegistration(),
                                                   "registrations_per_minute = 1000\n");
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanup() { m_server->warnOutputIfTestFailed(); }

    void aFileGoesUpAndComesBackIntact()
    {
        Sending s = startSending();
        QVERIFY(s.up);
        const TransferOutcome sent = uploadWith(*s.up, *s.source, s.up->offset);
        QCOMPARE(sent.kind, Kind::Done);
        QCOMPARE(sent.httpStatus, 201);
        QCOMPARE(QFileInfo(media::blobFile(*m_server, s.up->blob)).size(),
                 qint64(s.source->size()));

        const auto part = grantAndDownload(s.ana, s.bob, s.up->blob);
        QVERIFY(part);
        QVERIFY(decryptsToThePlaintext(*part, s.source->hash()));
    }

    void aCutUploadResumesFromWhatTheServerKept()
    {
        Sending s = startSending();
        QVERIFY(s.up);
        // cancel() drops the connection in the middle of the body.
        const TransferOutcome cut = uploadInterrupted(s, [](Transfer &t) { t->cancel(); });
        QCOMPARE(cut.kind, Kind::Cancelled);

        // The server kept what it received; the resume ticket says how much.
        std::optional<MediaTicket> resumed;
        QTRY_VERIFY([&] {
            resumed = s.ana->resumeUpload(s.up->blob);
            return resumed && resumed->offset > 0;
        }());
        QVERIFY(resumed->offset < s.source->size());
        QCOMPARE(uploadWith(*resumed, *s.source, resumed->offset).kind, Kind::Done);
        const auto part = grantAndDownload(s.ana, s.bob, s.up->blob);
        QVERIFY(part);
        QVERIFY(decryptsToThePlaintext(*part, s.source->hash()));
    }

    void anUploadAndADownloadResumeAfterTheServerIsKilled()
    {
        Sending s = startSending();
        QVERIFY(s.up);
        Device &ana = s.ana;
        Device &bob = s.bob;
        const auto &up = s.up;
        auto &source = s.source;

        const TransferOutcome killed = uploadInterrupted(s, [this](Transfer &) {
            if (m_server->isRunning())
                m_server->kill();
        });
        QCOMPARE(killed.kind, Kind::Retry);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(reconnect(ana, *m_server));
        QVERIFY(reconnect(bob, *m_server));
        const auto resumed = ana->resumeUpload(up->blob);
        QVERIFY(resumed);
        QVERIFY(resumed->offset > 0);
        QCOMPARE(uploadWith(*resumed, *source, resumed->offset).kind, Kind::Done);
        QVERIFY(grant(ana, bob, up->blob));

        // Download: SIGKILL once a few MiB are in the part file.
        const auto down = bob->requestDownload(up->blob);
        QVERIFY(down);
        const QString part = freshPart(QStringLiteral("killed.part"));
        Transfer third(m_server->url());
        third.onProgress([&](quint64 done) {
            if (done >= 4 * 1024 * 1024 && m_server->isRunning())
                m_server->kill();
        });
        third->download(down->blob, down->ticket, part, down->size);
        const TransferOutcome cutDown = third.wait();
        QCOMPARE(cutDown.kind, Kind::Retry);
        QCOMPARE(cutDown.offset, quint64(QFileInfo(part).size()));
        QVERIFY(cutDown.offset > 0);
        QVERIFY(cutDown.offset < down->size);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // Tickets outlive restarts: the same one goes on from the part file.
        Transfer fourth(m_server->url());
        fourth->download(down->blob, down->ticket, part, down->size);
        const TransferOutcome resumedDown = fourth.wait();
        QCOMPARE(resumedDown.kind, Kind::Done);
        QCOMPARE(resumedDown.httpStatus, 206);
        QVERIFY(decryptsToThePlaintext(part, source->hash()));
    }

    void aDownloadDecryptedAsItComesResumesAfterACutAndTheFileMatches()
    {
        Sending s = startSending();
        QVERIFY(s.up);
        QCOMPARE(uploadWith(*s.up, *s.source, 0).kind, Kind::Done);
        QVERIFY(grant(s.ana, s.bob, s.up->blob));
        const auto down = s.bob->requestDownload(s.up->blob);
        QVERIFY(down);
        const QString part = freshPart(QStringLiteral("decrypting.part"));
        const QString out = m_dir.filePath(QStringLiteral("decrypted.bin"));
        QFile::remove(out);
        quint64 cutAt = 0;
        {
            DecryptingWriter writer(part, m_key, s.source->hash(), down->size);
            QVERIFY(writer.open(DecryptingWriter::Mode::Resume));
            Transfer first(m_server->url());
            first.onProgress([&](quint64 done) {
                if (done >= 4 * 1024 * 1024 && cutAt == 0) {
                    cutAt = done;
                    first->cancel();
                }
            });
            first->download(down->blob, down->ticket, writer, down->size);
            QCOMPARE(first.wait().kind, Kind::Cancelled);
        } // as if the app stopped: only the part file (plaintext) and its header stay
        QVERIFY(cutAt > 0);
        const QByteArray partial = readWholeFile(part);
        QVERIFY(partial.size() > 0);
        QCOMPARE(partial.size() % kChunkBytes, 0); // whole chunks, decrypted as they came
        QCOMPARE(partial, m_plain.first(partial.size()));
        QVERIFY(!QFile::exists(out));

        DecryptingWriter writer(part, m_key, s.source->hash(), down->size);
        QVERIFY(writer.open(DecryptingWriter::Mode::Resume));
        QVERIFY(writer.position() > 0);
        QVERIFY(writer.position() <= cutAt);
        Transfer second(m_server->url());
        second->download(down->blob, down->ticket, writer, down->size);
        const TransferOutcome resumed = second.wait();
        QCOMPARE(resumed.kind, Kind::Done);
        QCOMPARE(resumed.httpStatus, 206);
        QVERIFY(writer.complete());
        const Status saved = writer.finish(out);
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().reason));
        QCOMPARE(readWholeFile(out), m_plain);
        QVERIFY(!QFile::exists(part));
    }

    void aChunkTamperedOnTheServerStopsTheDownloadAndLeavesNoFile()
    {
        Sending s = startSending();
        QVERIFY(s.up);
        QCOMPARE(uploadWith(*s.up, *s.source, 0).kind, Kind::Done);
        {
            QFile stored(media::blobFile(*m_server, s.up->blob));
            QVERIFY(stored.open(QIODevice::ReadWrite));
            const qint64 at = kHeaderBytes + 5 * (kChunkBytes + kChunkOverhead) + 100;
            QVERIFY(stored.seek(at));
            char c = 0;
            QVERIFY(stored.getChar(&c));
            QVERIFY(stored.seek(at));
            QVERIFY(stored.putChar(char(c ^ 0x40)));
        }
        QVERIFY(grant(s.ana, s.bob, s.up->blob));
        const auto down = s.bob->requestDownload(s.up->blob);
        QVERIFY(down);
        const QString part = freshPart(QStringLiteral("tampered.part"));
        const QString out = m_dir.filePath(QStringLiteral("tampered.bin"));
        DecryptingWriter writer(part, m_key, s.source->hash(), down->size);
        QVERIFY(writer.open(DecryptingWriter::Mode::Resume));
        Transfer transfer(m_server->url());
        transfer->download(down->blob, down->ticket, writer, down->size);
        const TransferOutcome got = transfer.wait();
        QCOMPARE(got.kind, Kind::Damaged);
        QVERIFY2(got.reason.contains(QStringLiteral("chunk 5")), qPrintable(got.reason));
        QVERIFY(got.offset < down->size); // stopped there, not at the end
        QVERIFY(!writer.finish(out));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(part));
        QVERIFY(!QFile::exists(part + QStringLiteral(".head")));
    }

    void theServersRefusalsEndAsRefused()
    {
        Device ana = user(QStringLiteral("ana"));
        Device bob = user(QStringLiteral("bob"));
        auto source = reader();
        QVERIFY(source);
        // Declared smaller than the blob: 413 from the head.
        const auto small = ana->reserveUpload(1000);
        QVERIFY(small);
        Transfer tooLarge(m_server->url());
        tooLarge->upload(small->blob, small->ticket, *source, 0);
        const TransferOutcome large = tooLarge.wait();
        QCOMPARE(large.kind, Kind::Refused);
        QCOMPARE(large.httpStatus, 413);

        // A forged ticket: 401; bob's download ticket used to fetch another blob: 403.
        const auto up = ana->reserveUpload(source->size());
        QVERIFY(up);
        Transfer forged(m_server->url());
        forged->upload(up->blob, QByteArray(40, 'x'), *source, 0);
        const TransferOutcome bad = forged.wait();
        QCOMPARE(bad.kind, Kind::Refused);
        QCOMPARE(bad.httpStatus, 401);
        QVERIFY(media::upload(*m_server, ana, "a small blob").size() == 16);
        const QByteArray other = media::upload(*m_server, ana, "another small blob");
        QVERIFY(grant(ana, bob, other));
        const auto down = bob->requestDownload(other);
        QVERIFY(down);
        Transfer wrongBlob(m_server->url());
        wrongBlob->download(up->blob, down->ticket, freshPart(QStringLiteral("w.part")), up->size);
        const TransferOutcome wrong = wrongBlob.wait();
        QCOMPARE(wrong.kind, Kind::Refused);
        QCOMPARE(wrong.httpStatus, 403);
    }

    void overWssTheTransferUsesTheWebSocketsTls()
    {
        const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
        const QString key = m_dir.filePath(QStringLiteral("key.pem"));
        QVERIFY(writeWholeFile(cert, FakeBlobServer::testCertificate().toPem()));
        QVERIFY(writeWholeFile(key, FakeBlobServer::testKey().toPem()));
        ServerProcess tls({QStringLiteral("--registration"), QStringLiteral("open"),
                           QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key});
        QVERIFY2(tls.start(), qPrintable(tls.errorString()));
        QCOMPARE(tls.url().scheme(), QStringLiteral("wss"));
        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.setCaCertificates({FakeBlobServer::testCertificate()});

        RawClient ana;
        ana.setSslConfiguration(trusting);
        QVERIFY(ana.connectTo(tls.url()));
        QVERIFY(ana.registerUser(QStringLiteral("ana"), kTestPassword));
        auto source = reader();
        QVERIFY(source);
        const auto up = ana.reserveUpload(source->size());
        QVERIFY(up);
        Transfer upload(tls.url(), trusting);
        upload->upload(up->blob, up->ticket, *source, 0);
        QCOMPARE(upload.wait().kind, Kind::Done);
        QCOMPARE(QFileInfo(media::blobFile(tls, up->blob)).size(), qint64(source->size()));
    }
};

QTEST_GUILESS_MAIN(TestBlobTransferServer)
#include "tst_blobtransfer_server.moc"
