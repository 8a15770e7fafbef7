// SPDX-License-Identifier: GPL-3.0-or-later
// decryptBlob (declared in AttachmentCipher.h): check a downloaded blob and decrypt it
// into place, or leave nothing.
#include "AttachmentCipher.h"

#include "crypto/Sodium.h"

#include <QFile>

#include <filesystem>
#include <optional>

#include <sodium.h>

namespace linnet::media {

namespace {

constexpr qsizetype kCipherChunkBytes = kChunkBytes + kChunkOverhead;

/** Reads up to @p length bytes (fewer only at the end of the file); -1 on an error. */
qint64 readFull(QFile &file, char *into, qsizetype length)
{
    qsizetype got = 0;
    while (got < length) {
        const qint64 n = file.read(into + got, length - got);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += qsizetype(n);
    }
    return got;
}

/** The .part file: removed on destruction unless it was moved into place. */
class PartFile {
public:
    explicit PartFile(const QString &path) : m_file(path) {}
    ~PartFile()
    {
        if (!m_kept) {
            m_file.close();
            QFile::remove(m_file.fileName());
        }
    }
    QFile &file() { return m_file; }
    void keep() { m_kept = true; }

private:
    QFile m_file;
    bool m_kept = false;
};

/** Streams one blob through the hash and the decryption, writing the plaintext. */
class BlobDecryptor {
public:
    BlobDecryptor(QFile &in, QFile &out, const QByteArray &key) : m_in(in), m_out(out), m_key(key)
    {
    }
    ~BlobDecryptor() { sodium_memzero(&m_stream, sizeof m_stream); }

    /**
     * Reads the whole blob. An I/O error ends it at once; a blob that does not decrypt
     * is read to its end all the same, so that the hash is known: a blob that is not the
     * one the message describes is reported as such rather than as tampered.
     */
    Status run()
    {
        QByteArray header(kHeaderBytes, Qt::Uninitialized);
        const qint64 n = readFull(m_in, header.data(), kHeaderBytes);
        if (n < 0)
            return readError();
        m_hasher.add(QByteArrayView(header).first(n));
        if (n < kHeaderBytes) {
            m_content = MediaFailure{MediaError::Truncated,
                                     QStringLiteral("the attachment ends inside its header")};
            return {};
        }
        crypto_secretstream_xchacha20poly1305_init_pull(&m_stream, crypto::sodiumBytes(header),
                                                        crypto::sodiumBytes(m_key));
        QByteArray cipher(kCipherChunkBytes, Qt::Uninitialized);
        QByteArray plain(kChunkBytes, Qt::Uninitialized);
        for (quint64 index = 0;; ++index) {
            const qint64 got = readFull(m_in, cipher.data(), kCipherChunkBytes);
            if (got < 0)
                return readError();
            if (got == 0)
                break;
            const QByteArrayView piece = QByteArrayView(cipher).first(got);
            m_hasher.add(piece);
            if (m_content)
                continue;
            if (Status s = decryptChunk(piece, index, plain); !s)
                return s;
        }
        if (!m_content && !m_finalSeen)
            m_content = MediaFailure{
                MediaError::Truncated,
                QStringLiteral("the attachment was cut short: its final chunk is missing")};
        return {};
    }

    QByteArray digest() { return m_hasher.result(); }
    const std::optional<MediaFailure> &contentFailure() const { return m_content; }

private:
    Status decryptChunk(QByteArrayView piece, quint64 index, QByteArray &plain)
    {
        if (m_finalSeen) {
            m_content = MediaFailure{
                MediaError::Tampered,
                QStringLiteral("the attachment goes on after its final chunk (chunk %1)")
                    .arg(index)};
            return {};
        }
        if (piece.size() < kChunkOverhead) {
            m_content =
                MediaFailure{MediaError::Truncated,
                             QStringLiteral("the attachment ends inside chunk %1").arg(index)};
            return {};
        }
        unsigned long long length = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&m_stream, crypto::sodiumBytes(plain),
                                                       &length, &tag, crypto::sodiumBytes(piece),
                                                       quint64(piece.size()), nullptr, 0) != 0) {
            m_content = MediaFailure{
                MediaError::Tampered,
                QStringLiteral("chunk %1 of the attachment does not authenticate").arg(index)};
            return {};
        }
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            m_finalSeen = true;
        } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
            m_content = MediaFailure{
                MediaError::Tampered,
                QStringLiteral("chunk %1 of the attachment has an unexpected tag").arg(index)};
            return {};
        }
        if (length > 0 && m_out.write(plain.constData(), qint64(length)) != qint64(length))
            return MediaFailure{
                MediaError::Io,
                QStringLiteral("cannot write %1: %2").arg(m_out.fileName(), m_out.errorString())};
        return {};
    }

    Status readError() const
    {
        return MediaFailure{
            MediaError::Io,
            QStringLiteral("cannot read %1: %2").arg(m_in.fileName(), m_in.errorString())};
    }

    QFile &m_in;
    QFile &m_out;
    const QByteArray &m_key;
    crypto_secretstream_xchacha20poly1305_state m_stream{};
    Sha256 m_hasher;
    bool m_finalSeen = false;
    std::optional<MediaFailure> m_content; ///< why the blob does not decrypt, once known
};

} // namespace

Status decryptBlob(const QString &blobPath, const QByteArray &key, const QByteArray &sha256,
                   const QString &outPath)
{
    if (key.size() != kKeyBytes || sha256.size() != kSha256Bytes)
        return MediaFailure{MediaError::Io,
                            QStringLiteral("the attachment key or hash is invalid")};
    crypto::initSodium();
    QFile in(blobPath);
    if (!in.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return MediaFailure{MediaError::Io,
                            QStringLiteral("cannot open %1: %2").arg(blobPath, in.errorString())};
    PartFile part(outPath + QStringLiteral(".part"));
    QFile &out = part.file();
    // Unbuffered: a full disk shows in the write that hit it.
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        return MediaFailure{
            MediaError::Io,
            QStringLiteral("cannot create %1: %2").arg(out.fileName(), out.errorString())};
    BlobDecryptor decryptor(in, out, key);
    if (Status s = decryptor.run(); !s)
        return s;
    if (!crypto::constantTimeEquals(decryptor.digest(), sha256))
        return MediaFailure{MediaError::HashMismatch,
                            QStringLiteral("the attachment is not the file the message describes "
                                           "(its SHA-256 differs)")};
    if (decryptor.contentFailure())
        return *decryptor.contentFailure();
    out.close();
    if (out.error() != QFileDevice::NoError)
        return MediaFailure{
            MediaError::Io,
            QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString())};
    std::error_code error;
    // Replaces an older file at outPath in one step: outPath holds either that or the
    // whole new file, never a part.
    std::filesystem::rename(std::filesystem::path(out.fileName().toStdU16String()),
                            std::filesystem::path(outPath.toStdU16String()), error);
    if (error)
        return MediaFailure{MediaError::Io,
                            QStringLiteral("cannot move the attachment into place at %1: %2")
                                .arg(outPath, QString::fromStdString(error.message()))};
    part.keep();
    return {};
}

} // namespace linnet::media
