// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/DecryptingWriter.h"

#include "MediaTestFiles.h"
#include "TestBase.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

#include <sys/stat.h>

using namespace linnet::media;
using namespace linnet::test;
using Mode = DecryptingWriter::Mode;

namespace {

constexpr qsizetype kCipherChunk = kChunkBytes + kChunkOverhead;

/** Feeds @p bytes to @p writer in pieces of @p step; the first failure, if any. */
Status feed(DecryptingWriter &writer, QByteArrayView bytes, qsizetype step)
{
    for (qsizetype at = 0; at < bytes.size(); at += step)
        if (Status s = writer.write(bytes.sliced(at, qMin(step, bytes.size() - at))); !s)
            return s;
    return {};
}

} // namespace

/**
 * DecryptingWriter (docs/protocol.md 11): a download decrypted as it arrives, into a part
 * file that becomes the file only when the whole blob authenticated and its hash matched;
 * resumed after a cut from the plaintext it holds.
 */
class TestDecryptingWriter : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_key;
    QByteArray m_plain;
    QByteArray m_blob;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString part() const { return path(QStringLiteral("file.part")); }
    QString head() const { return part() + QStringLiteral(".head"); }
    QString out() const { return path(QStringLiteral("file.out")); }

    /** Encrypts @p plain with m_key into m_blob. */
    bool makeBlob(const QByteArray &plain)
    {
        m_plain = plain;
        const QString plainPath = path(QStringLiteral("plain.bin"));
        if (!writeWholeFile(plainPath, plain))
            return false;
        EncryptingReader reader(plainPath, m_key, EncryptingReader::newHeader());
        if (!reader.open(quint64(plain.size())))
            return false;
        auto blob = reader.read(qsizetype(reader.size()));
        if (!blob)
            return false;
        m_blob = blob.value();
        return true;
    }

    std::unique_ptr<DecryptingWriter> writer(const QByteArray &hash)
    {
        return std::make_unique<DecryptingWriter>(part(), m_key, hash, quint64(m_blob.size()));
    }
    std::unique_ptr<DecryptingWriter> writer() { return writer(Sha256::of(m_blob)); }

    /** Nothing at the output, no part file, no header beside it. */
    bool nothingLeft() const
    {
        return !QFile::exists(out()) && !QFile::exists(part()) && !QFile::exists(head()) &&
               !QFile::exists(out() + QStringLiteral(".part"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_key = newKey();
        for (const QString &f : {part(), head(), out()})
            QFile::remove(f);
    }

    void theBlobIsDecryptedAsItArrivesInAnyPieces_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qsizetype>("step");
        QTest::newRow("empty") << qsizetype(0) << qsizetype(5);
        QTest::newRow("byte by byte") << qsizetype(3000) << qsizetype(1);
        QTest::newRow("one chunk") << qsizetype(kChunkBytes) << qsizetype(kCipherChunk);
        QTest::newRow("socket-sized pieces")
            << qsizetype(5 * kChunkBytes + 77) << qsizetype(64 * 1024);
        QTest::newRow("one write") << qsizetype(3 * kChunkBytes + 1) << qsizetype(1 << 30);
    }

    void theBlobIsDecryptedAsItArrivesInAnyPieces()
    {
        QFETCH(qsizetype, size);
        QFETCH(qsizetype, step);
        QVERIFY(makeBlob(patternBytes(size)));
        auto w = writer();
        QVERIFY(w->open(Mode::Resume));
        QCOMPARE(w->position(), quint64(0));
        // Halfway, the part file already holds the plaintext of every whole chunk that came.
        const qsizetype half = m_blob.size() / 2;
        QVERIFY(feed(*w, QByteArrayView(m_blob).first(half), step));
        QCOMPARE(w->position(), quint64(half));
        const qsizetype wholeChunks = qMax<qsizetype>(0, half - kHeaderBytes) / kCipherChunk;
        QCOMPARE(readWholeFile(part()), m_plain.first(wholeChunks * kChunkBytes));
        QVERIFY(!w->complete());
        QVERIFY(feed(*w, QByteArrayView(m_blob).sliced(half), step));
        QVERIFY(w->complete());
        const Status s = w->finish(out());
        QVERIFY2(s, s ? "" : qPrintable(s.error().reason));
        QCOMPARE(readWholeFile(out()), m_plain);
        QVERIFY(!QFile::exists(part()));
        QVERIFY(!QFile::exists(head()));
    }

    void aCutDownloadResumesFromThePartFileAndTheResultMatches_data()
    {
        QTest::addColumn<qsizetype>("cut");
        QTest::addColumn<qsizetype>("resumesAt");
        const qsizetype h = kHeaderBytes;
        QTest::newRow("inside the header") << qsizetype(10) << qsizetype(0);
        QTest::newRow("after the header") << h << h;
        QTest::newRow("inside chunk 0") << h + 1000 << h;
        QTest::newRow("at a chunk boundary") << h + 2 * kCipherChunk << h + 2 * kCipherChunk;
        QTest::newRow("inside chunk 2") << h + 2 * kCipherChunk + 5 << h + 2 * kCipherChunk;
        QTest::newRow("inside the final chunk")
            << h + 3 * kCipherChunk + 50 << h + 3 * kCipherChunk;
    }

    void aCutDownloadResumesFromThePartFileAndTheResultMatches()
    {
        QFETCH(qsizetype, cut);
        QFETCH(qsizetype, resumesAt);
        QVERIFY(makeBlob(patternBytes(3 * kChunkBytes + 100)));
        {
            auto first = writer();
            QVERIFY(first->open(Mode::Resume));
            QVERIFY(feed(*first, QByteArrayView(m_blob).first(cut), 4096));
        } // the app stops: what was in memory is gone, the part file stays
        auto second = writer();
        QVERIFY(second->open(Mode::Resume));
        QCOMPARE(second->position(), quint64(resumesAt));
        QVERIFY(feed(*second, QByteArrayView(m_blob).sliced(resumesAt), 70000));
        QVERIFY(second->complete());
        const Status s = second->finish(out());
        QVERIFY2(s, s ? "" : qPrintable(s.error().reason));
        QCOMPARE(readWholeFile(out()), m_plain);
    }

    void aPartHoldingTheWholeFileIsCompleteWithoutAnotherByte_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("empty file") << qsizetype(0);
        QTest::newRow("short last chunk") << qsizetype(2 * kChunkBytes + 9);
        QTest::newRow("empty last chunk") << qsizetype(2 * kChunkBytes);
    }

    void aPartHoldingTheWholeFileIsCompleteWithoutAnotherByte()
    {
        // E.g. the move into a full download folder failed: the retry only moves it.
        QFETCH(qsizetype, size);
        QVERIFY(makeBlob(patternBytes(size)));
        {
            auto first = writer();
            QVERIFY(first->open(Mode::Resume));
            QVERIFY(feed(*first, m_blob, 65536));
            QVERIFY(first->complete());
        }
        auto again = writer();
        QVERIFY(again->open(Mode::Resume));
        QVERIFY(again->complete());
        QCOMPARE(again->position(), quint64(m_blob.size()));
        QVERIFY(again->finish(out()));
        QCOMPARE(readWholeFile(out()), m_plain);
    }

    void aTamperedChunkMidStreamIsRefusedAtOnceAndLeavesNoFile()
    {
        QVERIFY(makeBlob(patternBytes(6 * kChunkBytes)));
        const QByteArray expected = Sha256::of(m_blob);
        const qsizetype at = kHeaderBytes + 2 * kCipherChunk + 300;
        m_blob[at] = char(m_blob[at] ^ 0x10);
        auto w = writer(expected);
        QVERIFY(w->open(Mode::Resume));
        QVERIFY(feed(*w, QByteArrayView(m_blob).first(kHeaderBytes + 2 * kCipherChunk), 1000));
        // The chunk that does not authenticate is refused as soon as it is whole.
        const Status s =
            w->write(QByteArrayView(m_blob).sliced(kHeaderBytes + 2 * kCipherChunk, kCipherChunk));
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Tampered);
        QVERIFY2(s.error().reason.contains(QStringLiteral("chunk 2")),
                 qPrintable(s.error().reason));
        QVERIFY(!w->complete());
        // Nothing of it is written after the refusal, and finishing leaves nothing anywhere.
        QCOMPARE(QFileInfo(part()).size(), qint64(2 * kChunkBytes));
        QVERIFY(!w->finish(out()));
        QVERIFY(nothingLeft());
    }

    void aSenderWhoHashedABadBlobIsCaughtByTheChunksNotTheHash()
    {
        QVERIFY(makeBlob(patternBytes(3 * kChunkBytes)));
        m_blob[kHeaderBytes + 5] = char(m_blob[kHeaderBytes + 5] ^ 1);
        auto w = writer(Sha256::of(m_blob));
        QVERIFY(w->open(Mode::Fresh));
        // Fed to the end all the same (as decryptBlob does): once chunk 0 is whole, every
        // write says why.
        std::optional<MediaError> refused;
        for (qsizetype at = 0; at < m_blob.size(); at += 4096) {
            const Status fed = w->write(
                QByteArrayView(m_blob).sliced(at, qMin<qsizetype>(4096, m_blob.size() - at)));
            QVERIFY(fed || fed.error().code == MediaError::Tampered);
            QVERIFY(fed || at + 4096 > kHeaderBytes + kCipherChunk);
            if (!fed)
                refused = fed.error().code;
        }
        QVERIFY(refused == MediaError::Tampered);
        const Status s = w->finish(out());
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Tampered);
        QVERIFY2(s.error().reason.contains(QStringLiteral("chunk 0")),
                 qPrintable(s.error().reason));
        QVERIFY(nothingLeft());
    }

    void aPartChangedOnDiskBeforeTheResumeFailsTheHashAndLeavesNoFile()
    {
        QVERIFY(makeBlob(patternBytes(4 * kChunkBytes + 3)));
        {
            auto first = writer();
            QVERIFY(first->open(Mode::Resume));
            QVERIFY(
                feed(*first, QByteArrayView(m_blob).first(kHeaderBytes + 3 * kCipherChunk), 65536));
        }
        QFile f(part());
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(kChunkBytes + 7));
        QVERIFY(f.putChar('!'));
        f.close();
        auto second = writer();
        QVERIFY(second->open(Mode::Resume));
        // The stream state depends on every chunk before: the next chunk no longer
        // authenticates, and the hash of the rebuilt blob differs.
        const Status fed = feed(*second, QByteArrayView(m_blob).sliced(second->position()), 65536);
        QVERIFY(!fed);
        QCOMPARE(fed.error().code, MediaError::Tampered);
        const Status s = second->finish(out());
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::HashMismatch);
        QVERIFY(nothingLeft());
    }

    void aPartWithoutItsHeaderOrLargerThanTheFileStartsAgain()
    {
        QVERIFY(makeBlob(patternBytes(2 * kChunkBytes + 10)));
        {
            auto first = writer();
            QVERIFY(first->open(Mode::Resume));
            QVERIFY(feed(*first, QByteArrayView(m_blob).first(kHeaderBytes + kCipherChunk), 999));
        }
        QVERIFY(QFile::remove(head()));
        auto noHead = writer();
        QVERIFY(noHead->open(Mode::Resume));
        QCOMPARE(noHead->position(), quint64(0));
        QCOMPARE(QFileInfo(part()).size(), qint64(0));
        noHead.reset();

        QVERIFY(writeWholeFile(part(), patternBytes(3 * kChunkBytes)));
        QVERIFY(writeWholeFile(head(), m_blob.first(kHeaderBytes)));
        auto tooLarge = writer();
        QVERIFY(tooLarge->open(Mode::Resume));
        QCOMPARE(tooLarge->position(), quint64(0));
        QVERIFY(feed(*tooLarge, m_blob, 65536));
        QVERIFY(tooLarge->finish(out()));
        QCOMPARE(readWholeFile(out()), m_plain);
    }

    void restartDropsWhatCameAndTakesTheBlobFromZero()
    {
        // A server that answers a Range with the whole blob (200).
        QVERIFY(makeBlob(patternBytes(2 * kChunkBytes + 10)));
        auto w = writer();
        QVERIFY(w->open(Mode::Resume));
        QVERIFY(feed(*w, QByteArrayView(m_blob).first(kHeaderBytes + kCipherChunk + 3), 4096));
        QVERIFY(w->restart());
        QCOMPARE(w->position(), quint64(0));
        QVERIFY(feed(*w, m_blob, 4096));
        QVERIFY(w->finish(out()));
        QCOMPARE(readWholeFile(out()), m_plain);
    }

    void moreThanTheBlobIsRefused()
    {
        QVERIFY(makeBlob(patternBytes(100)));
        auto w = writer();
        QVERIFY(w->open(Mode::Fresh));
        const Status s = w->write(m_blob + "x");
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Tampered);
        QVERIFY(!w->finish(out()));
        QVERIFY(nothingLeft());
    }

    void theFileIsCopiedIntoPlaceOnAnotherFileSystem()
    {
        // /dev/shm is a tmpfs on Linux: a rename from here fails with EXDEV.
        struct stat here {
        }, there{};
        if (::stat(QFile::encodeName(m_dir.path()).constData(), &here) != 0 ||
            ::stat("/dev/shm", &there) != 0 || here.st_dev == there.st_dev)
            QSKIP("no second file system (/dev/shm) to move to");
        QTemporaryDir other(QStringLiteral("/dev/shm/linnet-test-XXXXXX"));
        QVERIFY(other.isValid());
        QVERIFY(makeBlob(patternBytes(kChunkBytes + 5)));
        auto w = writer();
        QVERIFY(w->open(Mode::Resume));
        QVERIFY(feed(*w, m_blob, 65536));
        const QString target = other.filePath(QStringLiteral("moved.bin"));
        const Status s = w->finish(target);
        QVERIFY2(s, s ? "" : qPrintable(s.error().reason));
        QCOMPARE(readWholeFile(target), m_plain);
        QVERIFY(!QFile::exists(target + QStringLiteral(".part")));
        QVERIFY(!QFile::exists(part()));
        QVERIFY(!QFile::exists(head()));
    }

    void aFullDiskIsAnIoErrorThatKeepsThePartForARetry()
    {
        if (!QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full here");
        QVERIFY(makeBlob(patternBytes(2 * kChunkBytes)));
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), part()));
        auto w = writer();
        QVERIFY(w->open(Mode::Fresh));
        const Status s = feed(*w, m_blob, 65536);
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Io);
        QVERIFY2(s.error().reason.contains(QStringLiteral("space")), qPrintable(s.error().reason));
        const Status finished = w->finish(out());
        QVERIFY(!finished);
        QCOMPARE(finished.error().code, MediaError::Io);
        QVERIFY(!QFile::exists(out()));
        QVERIFY(QFileInfo(part()).isSymLink()); // kept: an I/O error is for a retry
        QFile::remove(part());
    }
};

QTEST_GUILESS_MAIN(TestDecryptingWriter)
#include "tst_decryptingwriter.moc"
