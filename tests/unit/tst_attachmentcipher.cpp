// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/AttachmentCipher.h"

#include "MediaTestFiles.h"
#include "TestBase.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sodium.h>

using namespace linnet::media;
using namespace linnet::test;

namespace {

constexpr qsizetype kCipherChunk = kChunkBytes + kChunkOverhead;

/** The whole blob of @p reader from its current position, in reads of @p step bytes. */
QByteArray drain(EncryptingReader &reader, qsizetype step)
{
    QByteArray blob;
    while (!reader.atEnd()) {
        auto piece = reader.read(step);
        if (!piece || piece.value().isEmpty())
            return {};
        if (piece.value().size() > step)
            return {};
        blob += piece.value();
    }
    return blob;
}

/** A blob of chunks pushed by hand with the given tags (for blobs our writer never makes). */
QByteArray pushByHand(const QByteArray &key, const QList<QPair<QByteArray, unsigned char>> &chunks)
{
    crypto_secretstream_xchacha20poly1305_state state;
    QByteArray blob(kHeaderBytes, Qt::Uninitialized);
    crypto_secretstream_xchacha20poly1305_init_push(
        &state, reinterpret_cast<unsigned char *>(blob.data()),
        reinterpret_cast<const unsigned char *>(key.constData()));
    for (const auto &[plain, tag] : chunks) {
        QByteArray cipher(plain.size() + kChunkOverhead, Qt::Uninitialized);
        crypto_secretstream_xchacha20poly1305_push(
            &state, reinterpret_cast<unsigned char *>(cipher.data()), nullptr,
            reinterpret_cast<const unsigned char *>(plain.constData()), quint64(plain.size()),
            nullptr, 0, tag);
        blob += cipher;
    }
    return blob;
}

} // namespace

/** Attachment encryption (docs/protocol.md 11): blob format, resume, and every way a blob is
 * refused. */
class TestAttachmentCipher : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_key;
    QByteArray m_header;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** Writes @p plain to a file and returns its blob (empty on any failure). */
    QByteArray encrypt(const QByteArray &plain, qsizetype step = 100'000)
    {
        const QString plainPath = path(QStringLiteral("plain.bin"));
        if (!writeWholeFile(plainPath, plain))
            return {};
        EncryptingReader reader(plainPath, m_key, m_header);
        if (!reader.open(quint64(plain.size())))
            return {};
        return drain(reader, step);
    }

    /** Decrypts @p blob (checked against @p hash) into out.bin; the failure if any. */
    Status decrypt(const QByteArray &blob, const QByteArray &hash)
    {
        const QString blobPath = path(QStringLiteral("blob.bin"));
        if (!writeWholeFile(blobPath, blob))
            return MediaFailure{MediaError::Io, QStringLiteral("test could not write the blob")};
        return decryptBlob(blobPath, m_key, hash, path(QStringLiteral("out.bin")));
    }

    void verifyRefused(const QByteArray &blob, MediaError expected, const QString &reasonPart)
    {
        QFile::remove(path(QStringLiteral("out.bin")));
        // Against the hash the message carries, any change is a different blob.
        const QByteArray original = Sha256::of(encrypt(patternBytes(3 * kChunkBytes + 100)));
        Status s = decrypt(blob, original);
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::HashMismatch);
        QVERIFY(!QFile::exists(path(QStringLiteral("out.bin"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("out.bin.part"))));
        // A sender who hashed the bad blob itself: the decryption catches it.
        s = decrypt(blob, Sha256::of(blob));
        QVERIFY(!s);
        QCOMPARE(s.error().code, expected);
        QVERIFY2(s.error().reason.contains(reasonPart), qPrintable(s.error().reason));
        QVERIFY(!QFile::exists(path(QStringLiteral("out.bin"))));
        QVERIFY(!QFile::exists(path(QStringLiteral("out.bin.part"))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        linnet::test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_key = newKey();
        m_header = EncryptingReader::newHeader();
    }

    void keysAndHeadersAreFreshAndSized()
    {
        QCOMPARE(m_key.size(), kKeyBytes);
        QCOMPARE(m_header.size(), kHeaderBytes);
        QVERIFY(newKey() != m_key);
        QVERIFY(EncryptingReader::newHeader() != m_header);
    }

    void cipherSizeFollowsTheSpec()
    {
        QCOMPARE(cipherSize(0), quint64(24 + 17));
        QCOMPARE(cipherSize(1), quint64(24 + 1 + 17));
        QCOMPARE(cipherSize(65535), quint64(24 + 65535 + 17));
        QCOMPARE(cipherSize(65536), quint64(24 + 65536 + 2 * 17));
        QCOMPARE(cipherSize(2ull << 30), quint64(24 + (2ull << 30) + 17 * (32768 + 1)));
    }

    void sha256MatchesTheStandardVectorsWhetherStreamedOrNot()
    {
        QCOMPARE(Sha256::of("abc").toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(Sha256::of("").toHex(),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        const QByteArray data = patternBytes(1'000'003);
        Sha256 streamed;
        for (qsizetype i = 0; i < data.size(); i += 4099)
            streamed.add(QByteArrayView(data).sliced(i, qMin<qsizetype>(4099, data.size() - i)));
        QCOMPARE(streamed.result(), Sha256::of(data));
    }

    void roundTrips_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qsizetype>("step");
        QTest::newRow("empty") << qsizetype(0) << qsizetype(1000);
        QTest::newRow("one byte") << qsizetype(1) << qsizetype(1);
        QTest::newRow("one under a chunk") << qsizetype(65535) << qsizetype(4096);
        QTest::newRow("one chunk") << qsizetype(65536) << qsizetype(65536 + 17);
        QTest::newRow("one over a chunk") << qsizetype(65537) << qsizetype(7777);
        QTest::newRow("several MiB") << qsizetype(5 * 1024 * 1024 + 3) << qsizetype(256 * 1024);
    }

    void roundTrips()
    {
        QFETCH(qsizetype, size);
        QFETCH(qsizetype, step);
        const QByteArray plain = patternBytes(size);
        const QString plainPath = path(QStringLiteral("plain.bin"));
        QVERIFY(writeWholeFile(plainPath, plain));
        EncryptingReader reader(plainPath, m_key, m_header);
        QVERIFY(reader.open(quint64(size)));
        QCOMPARE(reader.size(), cipherSize(quint64(size)));
        QCOMPARE(reader.position(), quint64(0));
        const QByteArray blob = drain(reader, step);
        QCOMPARE(quint64(blob.size()), cipherSize(quint64(size)));
        QVERIFY(reader.atEnd());
        QCOMPARE(reader.hash(), Sha256::of(blob));
        QCOMPARE(blob.first(kHeaderBytes), m_header);
        auto more = reader.read(100);
        QVERIFY(more);
        QVERIFY(more.value().isEmpty());

        QVERIFY(writeWholeFile(path(QStringLiteral("blob.bin")), blob));
        const QString out = path(QStringLiteral("out.bin"));
        Status s = decryptBlob(path(QStringLiteral("blob.bin")), m_key, reader.hash(), out);
        QVERIFY2(s, s ? "" : qPrintable(s.error().reason));
        QCOMPARE(readWholeFile(out), plain);
        QVERIFY(!QFile::exists(out + QStringLiteral(".part")));
    }

    void theBlobIsWhatLibsodiumsPullApiReadsWithTheLastChunkFinal()
    {
        const QByteArray plain = patternBytes(2 * kChunkBytes + 10);
        const QByteArray blob = encrypt(plain);
        QCOMPARE(quint64(blob.size()), cipherSize(quint64(plain.size())));
        crypto_secretstream_xchacha20poly1305_state state;
        QCOMPARE(crypto_secretstream_xchacha20poly1305_init_pull(
                     &state, reinterpret_cast<const unsigned char *>(blob.constData()),
                     reinterpret_cast<const unsigned char *>(m_key.constData())),
                 0);
        QByteArray decrypted;
        QList<unsigned char> tags;
        for (qsizetype at = kHeaderBytes; at < blob.size(); at += kCipherChunk) {
            const qsizetype length = qMin(kCipherChunk, blob.size() - at);
            QByteArray out(length - kChunkOverhead, Qt::Uninitialized);
            unsigned long long outLength = 0;
            unsigned char tag = 0;
            QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(
                         &state, reinterpret_cast<unsigned char *>(out.data()), &outLength, &tag,
                         reinterpret_cast<const unsigned char *>(blob.constData() + at),
                         quint64(length), nullptr, 0),
                     0);
            decrypted += out.first(qsizetype(outLength));
            tags << tag;
        }
        QCOMPARE(decrypted, plain);
        const unsigned char message = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        const unsigned char final = crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        QCOMPARE(tags, (QList<unsigned char>{message, message, final}));
    }

    void theSameKeyAndHeaderGiveTheSameBlobAndAnotherHeaderAnother()
    {
        const QByteArray plain = patternBytes(100'000);
        const QByteArray first = encrypt(plain, 1000);
        QCOMPARE(encrypt(plain, 65536), first);
        m_header = EncryptingReader::newHeader();
        const QByteArray other = encrypt(plain);
        QCOMPARE(other.size(), first.size());
        QVERIFY(other.sliced(kHeaderBytes) != first.sliced(kHeaderBytes));
    }

    void seekingToAnyOffsetGivesTheSameBytesAndTheWholeHash()
    {
        const QByteArray plain = patternBytes(3 * kChunkBytes + 1234);
        const QByteArray blob = encrypt(plain);
        const QByteArray hash = Sha256::of(blob);
        const quint64 size = quint64(blob.size());
        const QList<quint64> offsets{0,
                                     1,
                                     kHeaderBytes - 1,
                                     kHeaderBytes,
                                     kHeaderBytes + 1,
                                     kHeaderBytes + kCipherChunk - 1,
                                     kHeaderBytes + kCipherChunk,
                                     kHeaderBytes + kCipherChunk + 1,
                                     100'000,
                                     kHeaderBytes + 3 * kCipherChunk,
                                     size - 1,
                                     size};
        for (quint64 offset : offsets) {
            EncryptingReader reader(path(QStringLiteral("plain.bin")), m_key, m_header);
            QVERIFY(reader.open(quint64(plain.size())));
            QVERIFY(reader.seek(offset));
            QCOMPARE(reader.position(), offset);
            QCOMPARE(drain(reader, 50'000), blob.sliced(qsizetype(offset)));
            QCOMPARE(reader.hash(), hash);
        }
    }

    void seekingBackAndForthOnOneReaderKeepsBytesAndHash()
    {
        const QByteArray plain = patternBytes(4 * kChunkBytes);
        const QByteArray blob = encrypt(plain);
        EncryptingReader reader(path(QStringLiteral("plain.bin")), m_key, m_header);
        QVERIFY(reader.open(quint64(plain.size())));
        auto head = reader.read(150'000);
        QVERIFY(head);
        QCOMPARE(head.value(), blob.first(150'000));
        QVERIFY(reader.seek(149'990)); // back, inside what is buffered
        QCOMPARE(reader.read(20).value(), blob.sliced(149'990, 20));
        QVERIFY(reader.seek(10)); // back, before the buffer: encrypts again from the start
        QCOMPARE(reader.read(30).value(), blob.sliced(10, 30));
        QVERIFY(reader.seek(quint64(blob.size()))); // to the end
        QVERIFY(reader.atEnd());
        QCOMPARE(reader.hash(), Sha256::of(blob));
        QVERIFY(reader.seek(200'000)); // and back after the end
        QCOMPARE(drain(reader, 65536), blob.sliced(200'000));
        QCOMPARE(reader.hash(), Sha256::of(blob));
    }

    void seekingPastTheEndOrBeforeOpeningIsRefused()
    {
        const QByteArray plain = patternBytes(10);
        QVERIFY(writeWholeFile(path(QStringLiteral("plain.bin")), plain));
        EncryptingReader reader(path(QStringLiteral("plain.bin")), m_key, m_header);
        QVERIFY(!reader.seek(0));
        QVERIFY(!reader.read(10));
        QVERIFY(reader.open(10));
        const Status s = reader.seek(cipherSize(10) + 1);
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Io);
    }

    void aPlaintextFileOfAnotherSizeIsRefused()
    {
        QVERIFY(writeWholeFile(path(QStringLiteral("plain.bin")), patternBytes(1000)));
        EncryptingReader reader(path(QStringLiteral("plain.bin")), m_key, m_header);
        const Status s = reader.open(999);
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::FileChanged);
    }

    void aPlaintextFileThatShrinksOrGrowsWhileReadIsRefused()
    {
        const QString plainPath = path(QStringLiteral("plain.bin"));
        QVERIFY(writeWholeFile(plainPath, patternBytes(3 * kChunkBytes)));
        EncryptingReader shrinking(plainPath, m_key, m_header);
        QVERIFY(shrinking.open(3 * kChunkBytes));
        QVERIFY(shrinking.read(1000));
        QVERIFY(QFile::resize(plainPath, kChunkBytes + 5));
        auto rest = shrinking.read(4 * kCipherChunk);
        QVERIFY(!rest);
        QCOMPARE(rest.error().code, MediaError::FileChanged);
        QVERIFY(!shrinking.read(10)); // and stays refused

        QVERIFY(writeWholeFile(plainPath, patternBytes(kChunkBytes + 5)));
        EncryptingReader growing(plainPath, m_key, m_header);
        QVERIFY(growing.open(kChunkBytes + 5));
        QVERIFY(growing.read(1000));
        QFile file(plainPath);
        QVERIFY(file.open(QIODevice::Append));
        QVERIFY(file.write("more") == 4);
        file.close();
        rest = growing.read(4 * kCipherChunk);
        QVERIFY(!rest);
        QCOMPARE(rest.error().code, MediaError::FileChanged);
    }

    void aMissingPlaintextFileOrABadKeyIsAnIoError()
    {
        EncryptingReader missing(path(QStringLiteral("nothing-here")), m_key, m_header);
        Status s = missing.open(0);
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Io);
        QVERIFY(writeWholeFile(path(QStringLiteral("plain.bin")), "x"));
        EncryptingReader badKey(path(QStringLiteral("plain.bin")), m_key.first(16), m_header);
        s = badKey.open(1);
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Io);
    }

    void aFlippedBitIsRefused()
    {
        QByteArray blob = encrypt(patternBytes(3 * kChunkBytes + 100));
        blob[kHeaderBytes + kCipherChunk + 500] = char(blob[kHeaderBytes + kCipherChunk + 500] ^ 4);
        verifyRefused(blob, MediaError::Tampered, QStringLiteral("chunk 1"));
    }

    void aFlippedBitInTheHeaderIsRefused()
    {
        QByteArray blob = encrypt(patternBytes(3 * kChunkBytes + 100));
        blob[3] = char(blob[3] ^ 1);
        verifyRefused(blob, MediaError::Tampered, QStringLiteral("chunk 0"));
    }

    void aRemovedChunkIsRefused()
    {
        QByteArray blob = encrypt(patternBytes(3 * kChunkBytes + 100));
        blob.remove(kHeaderBytes + kCipherChunk, kCipherChunk);
        verifyRefused(blob, MediaError::Tampered, QStringLiteral("chunk 1"));
    }

    void swappedChunksAreRefused()
    {
        const QByteArray blob = encrypt(patternBytes(3 * kChunkBytes + 100));
        const QByteArray swapped =
            blob.first(kHeaderBytes) + blob.sliced(kHeaderBytes + kCipherChunk, kCipherChunk) +
            blob.sliced(kHeaderBytes, kCipherChunk) + blob.sliced(kHeaderBytes + 2 * kCipherChunk);
        QCOMPARE(swapped.size(), blob.size());
        verifyRefused(swapped, MediaError::Tampered, QStringLiteral("chunk 0"));
    }

    void aBlobCutAtAChunkBoundaryIsRefusedAsTruncated()
    {
        const QByteArray blob = encrypt(patternBytes(3 * kChunkBytes + 100));
        verifyRefused(blob.first(kHeaderBytes + 3 * kCipherChunk), MediaError::Truncated,
                      QStringLiteral("final chunk is missing"));
    }

    void aBlobCutInsideAChunkOrItsHeaderIsRefused()
    {
        const QByteArray blob = encrypt(patternBytes(3 * kChunkBytes + 100));
        verifyRefused(blob.first(kHeaderBytes + kCipherChunk + 9), MediaError::Truncated,
                      QStringLiteral("inside chunk 1"));
        verifyRefused(blob.first(kHeaderBytes + kCipherChunk + 1000), MediaError::Tampered,
                      QStringLiteral("chunk 1"));
        verifyRefused(blob.first(10), MediaError::Truncated, QStringLiteral("header"));
        verifyRefused(QByteArray(), MediaError::Truncated, QStringLiteral("header"));
    }

    void anAppendedChunkIsRefused()
    {
        // Chunks are read in fixed sizes, so what follows a short final chunk joins it and
        // that chunk no longer authenticates.
        const QByteArray blob = encrypt(patternBytes(3 * kChunkBytes + 100));
        verifyRefused(blob + blob.sliced(kHeaderBytes, kCipherChunk), MediaError::Tampered,
                      QStringLiteral("chunk 3"));
        verifyRefused(blob + "x", MediaError::Tampered, QStringLiteral("chunk 3"));
    }

    void aFinalTagBeforeTheEndIsRefused()
    {
        const unsigned char message = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        const unsigned char final = crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        // (Every chunk but the last is a whole one: the reader splits the blob by size.)
        const QByteArray blob =
            pushByHand(m_key, {{patternBytes(kChunkBytes), final}, {patternBytes(10), message}});
        verifyRefused(blob, MediaError::Tampered, QStringLiteral("after its final chunk"));
        const QByteArray finalThenFinal =
            pushByHand(m_key, {{patternBytes(kChunkBytes), final}, {"", final}});
        verifyRefused(finalThenFinal, MediaError::Tampered,
                      QStringLiteral("after its final chunk"));
        const QByteArray noFinal = pushByHand(m_key, {{patternBytes(10), message}});
        verifyRefused(noFinal, MediaError::Truncated, QStringLiteral("final chunk is missing"));
        const QByteArray rekey = pushByHand(
            m_key, {{patternBytes(kChunkBytes), crypto_secretstream_xchacha20poly1305_TAG_REKEY},
                    {"", final}});
        verifyRefused(rekey, MediaError::Tampered, QStringLiteral("unexpected tag"));
    }

    void theWrongKeyIsRefusedAsTampered()
    {
        const QByteArray blob = encrypt(patternBytes(1000));
        m_key = newKey();
        const Status s = decrypt(blob, Sha256::of(blob));
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Tampered);
    }

    void aRefusedBlobLeavesAnOlderFileAtTheOutputPathAlone()
    {
        QByteArray blob = encrypt(patternBytes(1000));
        blob[100] = char(blob[100] ^ 1);
        const QString out = path(QStringLiteral("out.bin"));
        QVERIFY(writeWholeFile(out, "older file"));
        QVERIFY(!decrypt(blob, Sha256::of(blob)));
        QCOMPARE(readWholeFile(out), QByteArray("older file"));
        QVERIFY(!QFile::exists(out + QStringLiteral(".part")));
    }

    void aFullDiskIsAnIoErrorAndLeavesNothing()
    {
        if (!QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full here");
        const QByteArray blob = encrypt(patternBytes(3 * kChunkBytes));
        const QString out = path(QStringLiteral("out.bin"));
        QFile::remove(out);
        // The part file is where the plaintext goes: make every write to it fail with ENOSPC.
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), out + QStringLiteral(".part")));
        const Status s = decrypt(blob, Sha256::of(blob));
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Io);
        QVERIFY2(s.error().reason.contains(QStringLiteral("space")), qPrintable(s.error().reason));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFileInfo(out + QStringLiteral(".part")).isSymLink());
    }

    void aMissingBlobOrAMalformedHashIsAnIoError()
    {
        Status s = decryptBlob(path(QStringLiteral("no-blob")), m_key, Sha256::of("x"),
                               path(QStringLiteral("out.bin")));
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Io);
        s = decrypt(encrypt("x"), QByteArray("short"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, MediaError::Io);
    }
};

QTEST_GUILESS_MAIN(TestAttachmentCipher)
#include "tst_attachmentcipher.moc"
