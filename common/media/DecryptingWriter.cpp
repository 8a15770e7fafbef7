// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/DecryptingWriter.h"

#include "crypto/Sodium.h"

#include <QFile>

#include <filesystem>
#include <optional>

#include <sodium.h>

namespace linnet::media {

namespace {

constexpr qsizetype kCipherChunkBytes = kChunkBytes + kChunkOverhead;

QString headPathOf(const QString &partPath)
{
    return partPath + QStringLiteral(".head");
}

MediaFailure ioFailure(const QString &what, const QFile &file)
{
    return MediaFailure{MediaError::Io,
                        QStringLiteral("%1 %2: %3").arg(what, file.fileName(), file.errorString())};
}

std::filesystem::path fsPath(const QString &path)
{
    return std::filesystem::path(path.toStdU16String());
}

/**
 * Moves @p from to @p to in one step: a rename, or on another file system a copy to
 * "<to>.part" renamed over @p to. @p to holds the older file or the whole new one,
 * never a part.
 */
Status moveIntoPlace(const QString &from, const QString &to)
{
    std::error_code error;
    std::filesystem::rename(fsPath(from), fsPath(to), error);
    if (error == std::errc::cross_device_link) {
        const QString part = to + QStringLiteral(".part");
        QFile::remove(part);
        error.clear();
        std::filesystem::copy_file(fsPath(from), fsPath(part), error);
        if (!error)
            std::filesystem::rename(fsPath(part), fsPath(to), error);
        if (error)
            QFile::remove(part);
        else
            QFile::remove(from);
    }
    if (error)
        return MediaFailure{MediaError::Io,
                            QStringLiteral("cannot move the attachment into place at %1: %2")
                                .arg(to, QString::fromStdString(error.message()))};
    return {};
}

} // namespace

struct DecryptingWriter::State {
    QString partPath;
    QByteArray key;
    QByteArray expectedHash;
    quint64 blobSize = 0; ///< 0: unknown
    bool resumable = false;
    QFile part;
    crypto_secretstream_xchacha20poly1305_state stream{};
    std::unique_ptr<Sha256> hasher;
    QByteArray header;  ///< the stream header, or as much of it as came
    QByteArray pending; ///< a chunk's bytes not yet whole
    QByteArray plain;   ///< one chunk's plaintext
    quint64 position = 0;
    quint64 chunks = 0; ///< chunks decrypted
    bool finalSeen = false;
    bool inputEnded = false;
    std::optional<MediaFailure> content; ///< why the blob does not decrypt, once known
    std::optional<MediaFailure> io;      ///< a write that failed: the writer is spent

    ~State() { sodium_memzero(&stream, sizeof stream); }

    void reset()
    {
        hasher = std::make_unique<Sha256>();
        header.clear();
        pending.clear();
        position = 0;
        chunks = 0;
        finalSeen = false;
        inputEnded = false;
        content.reset();
    }

    Status truncateTo(qint64 size)
    {
        if (!part.resize(size) || !part.seek(size))
            return ioFailure(QStringLiteral("cannot truncate"), part);
        return {};
    }

    /** The header is whole: the stream starts (and a resumable part keeps it). */
    Status startStream()
    {
        crypto_secretstream_xchacha20poly1305_init_pull(&stream, crypto::sodiumBytes(header),
                                                        crypto::sodiumBytes(key));
        if (!resumable)
            return {};
        QFile head(headPathOf(partPath));
        if (!head.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            head.write(header) != header.size() || !head.flush())
            return ioFailure(QStringLiteral("cannot write"), head);
        return {};
    }

    /**
     * Rebuilds hash and stream state from the plaintext in the part file and the header
     * kept beside it: encrypts the whole chunks again (the final one too if the part holds
     * all of the file), and cuts off a chunk that is not whole.
     */
    Status resume()
    {
        QFile head(headPathOf(partPath));
        const quint64 have = quint64(part.size());
        const quint64 plainSize = blobSize ? plainSizeOf(blobSize) : 0;
        if (!head.open(QIODevice::ReadOnly) ||
            (header = head.read(kHeaderBytes + 1)).size() != kHeaderBytes || !blobSize ||
            have > plainSize) {
            header.clear();
            head.close();
            QFile::remove(head.fileName());
            return truncateTo(0);
        }
        hasher->add(header);
        position = quint64(kHeaderBytes);
        crypto_secretstream_xchacha20poly1305_init_pull(&stream, crypto::sodiumBytes(header),
                                                        crypto::sodiumBytes(key));
        const quint64 whole =
            have == plainSize ? plainSize / quint64(kChunkBytes) + 1 : have / quint64(kChunkBytes);
        if (!part.seek(0))
            return ioFailure(QStringLiteral("cannot read"), part);
        QByteArray cipher(kCipherChunkBytes, Qt::Uninitialized);
        for (quint64 index = 0; index < whole; ++index) {
            const bool last = have == plainSize && index + 1 == whole;
            const qsizetype length =
                last ? qsizetype(plainSize % quint64(kChunkBytes)) : qsizetype(kChunkBytes);
            plain.resize(length);
            if (length > 0 && part.read(plain.data(), length) != length)
                return ioFailure(QStringLiteral("cannot read"), part);
            crypto_secretstream_xchacha20poly1305_push(
                &stream, crypto::sodiumBytes(cipher), nullptr, crypto::sodiumBytes(plain),
                quint64(length), nullptr, 0,
                last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                     : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
            hasher->add(QByteArrayView(cipher).first(length + kChunkOverhead));
            position += quint64(length + kChunkOverhead);
            ++chunks;
            finalSeen = last;
        }
        inputEnded = finalSeen;
        return truncateTo(qint64(finalSeen ? plainSize : whole * quint64(kChunkBytes)));
    }

    /** The plaintext size of a well-formed blob of @p size bytes (0 if none has it). */
    static quint64 plainSizeOf(quint64 size)
    {
        if (size < quint64(kHeaderBytes + kChunkOverhead))
            return 0;
        const quint64 body = size - quint64(kHeaderBytes);
        const quint64 chunkCount =
            (body + quint64(kCipherChunkBytes) - 1) / quint64(kCipherChunkBytes);
        return body - chunkCount * quint64(kChunkOverhead);
    }

    void refuse(MediaError code, const QString &reason)
    {
        if (!content)
            content = MediaFailure{code, reason};
    }

    /** Decrypts one chunk (whole, or the last) and appends its plaintext. */
    Status decryptChunk(QByteArrayView piece)
    {
        const quint64 index = chunks++;
        if (finalSeen) {
            refuse(MediaError::Tampered,
                   QStringLiteral("the attachment goes on after its final chunk (chunk %1)")
                       .arg(index));
            return {};
        }
        if (piece.size() < kChunkOverhead) {
            refuse(MediaError::Truncated,
                   QStringLiteral("the attachment ends inside chunk %1").arg(index));
            return {};
        }
        plain.resize(kChunkBytes);
        unsigned long long length = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&stream, crypto::sodiumBytes(plain), &length,
                                                       &tag, crypto::sodiumBytes(piece),
                                                       quint64(piece.size()), nullptr, 0) != 0) {
            refuse(MediaError::Tampered,
                   QStringLiteral("chunk %1 of the attachment does not authenticate").arg(index));
            return {};
        }
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            finalSeen = true;
        } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
            refuse(MediaError::Tampered,
                   QStringLiteral("chunk %1 of the attachment has an unexpected tag").arg(index));
            return {};
        }
        if (length > 0 && part.write(plain.constData(), qint64(length)) != qint64(length))
            return ioFailure(QStringLiteral("cannot write"), part);
        return {};
    }

    /** Feeds bytes that follow the header through the chunks. */
    Status take(QByteArrayView bytes)
    {
        while (!bytes.isEmpty() && !content) {
            if (pending.isEmpty() && bytes.size() >= kCipherChunkBytes) {
                // A whole chunk in the input: no copy.
                if (Status s = decryptChunk(bytes.first(kCipherChunkBytes)); !s)
                    return s;
                bytes = bytes.sliced(kCipherChunkBytes);
                continue;
            }
            const qsizetype n = qMin(bytes.size(), kCipherChunkBytes - pending.size());
            pending.append(bytes.first(n));
            bytes = bytes.sliced(n);
            if (pending.size() == kCipherChunkBytes) {
                const QByteArray chunk = std::exchange(pending, QByteArray());
                if (Status s = decryptChunk(chunk); !s)
                    return s;
            }
        }
        return {};
    }

    /** No more input: the rest is the last chunk, and the final tag must have come. */
    Status endInput()
    {
        if (inputEnded)
            return {};
        inputEnded = true;
        if (header.size() < kHeaderBytes) {
            refuse(MediaError::Truncated, QStringLiteral("the attachment ends inside its header"));
            return {};
        }
        if (!pending.isEmpty() && !content) {
            const QByteArray chunk = std::exchange(pending, QByteArray());
            if (Status s = decryptChunk(chunk); !s)
                return s;
        }
        if (!finalSeen)
            refuse(MediaError::Truncated,
                   QStringLiteral("the attachment was cut short: its final chunk is missing"));
        return {};
    }

    Status failWith(const MediaFailure &failure)
    {
        io = failure;
        return failure;
    }
};

DecryptingWriter::DecryptingWriter(const QString &partPath, const QByteArray &key,
                                   const QByteArray &sha256, quint64 blobSize)
    : m_state(std::make_unique<State>())
{
    m_state->partPath = partPath;
    m_state->key = key;
    m_state->expectedHash = sha256;
    m_state->blobSize = blobSize;
    m_state->part.setFileName(partPath);
}

DecryptingWriter::~DecryptingWriter()
{
    crypto::wipe(m_state->key);
}

Status DecryptingWriter::open(Mode mode)
{
    State &s = *m_state;
    if (s.key.size() != kKeyBytes || s.expectedHash.size() != kSha256Bytes)
        return s.failWith(
            MediaFailure{MediaError::Io, QStringLiteral("the attachment key or hash is invalid")});
    crypto::initSodium();
    s.resumable = mode == Mode::Resume;
    s.reset();
    s.io.reset();
    // Unbuffered: a full disk shows in the write that hit it.
    const QIODevice::OpenMode how =
        QIODevice::Unbuffered |
        (s.resumable ? QIODevice::ReadWrite : QIODevice::WriteOnly | QIODevice::Truncate);
    if (!s.part.open(how))
        return s.failWith(ioFailure(QStringLiteral("cannot create"), s.part));
    if (!s.resumable) {
        QFile::remove(headPathOf(s.partPath));
        return {};
    }
    if (Status r = s.resume(); !r) {
        s.reset();
        return s.failWith(r.error());
    }
    return {};
}

quint64 DecryptingWriter::position() const
{
    return m_state->position;
}

Status DecryptingWriter::write(QByteArrayView bytes)
{
    State &s = *m_state;
    if (s.io)
        return *s.io;
    if (!s.part.isOpen())
        return s.failWith(
            MediaFailure{MediaError::Io, QStringLiteral("the part file is not open")});
    s.hasher->add(bytes);
    s.position += quint64(bytes.size());
    if (s.header.size() < kHeaderBytes) {
        const qsizetype n = qMin(bytes.size(), kHeaderBytes - s.header.size());
        s.header.append(bytes.first(n));
        bytes = bytes.sliced(n);
        if (s.header.size() == kHeaderBytes)
            if (Status r = s.startStream(); !r)
                return s.failWith(r.error());
    }
    if (Status r = s.take(bytes); !r)
        return s.failWith(r.error());
    if (s.blobSize && s.position >= s.blobSize)
        if (Status r = s.endInput(); !r)
            return s.failWith(r.error());
    if (s.content)
        return *s.content;
    return {};
}

Status DecryptingWriter::restart()
{
    State &s = *m_state;
    if (s.io)
        return *s.io;
    s.reset();
    QFile::remove(headPathOf(s.partPath));
    if (Status r = s.truncateTo(0); !r)
        return s.failWith(r.error());
    return {};
}

bool DecryptingWriter::complete() const
{
    const State &s = *m_state;
    return !s.io && !s.content && s.blobSize && s.position == s.blobSize && s.finalSeen;
}

Status DecryptingWriter::finish(const QString &outPath)
{
    State &s = *m_state;
    if (s.io)
        return *s.io;
    if (Status r = s.endInput(); !r)
        return s.failWith(r.error());
    const QByteArray digest = s.hasher->result();
    s.hasher = std::make_unique<Sha256>(); // spent: a second finish() sees another hash
    if (!crypto::constantTimeEquals(digest, s.expectedHash)) {
        discard();
        return MediaFailure{MediaError::HashMismatch,
                            QStringLiteral("the attachment is not the file the message describes "
                                           "(its SHA-256 differs)")};
    }
    if (s.content) {
        const MediaFailure failure = *s.content;
        discard();
        return failure;
    }
    s.part.close();
    if (s.part.error() != QFileDevice::NoError)
        return s.failWith(ioFailure(QStringLiteral("cannot write"), s.part));
    if (Status r = moveIntoPlace(s.partPath, outPath); !r)
        return s.failWith(r.error());
    QFile::remove(headPathOf(s.partPath));
    return {};
}

void DecryptingWriter::discard()
{
    m_state->part.close();
    removePart(m_state->partPath);
}

void DecryptingWriter::removePart(const QString &partPath)
{
    QFile::remove(partPath);
    QFile::remove(headPathOf(partPath));
}

} // namespace linnet::media
