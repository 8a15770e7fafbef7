// SPDX-License-Identifier: GPL-3.0-or-later
// EncryptingReader (declared in AttachmentCipher.h): a plaintext file as its blob,
// readable from any offset.
#include "AttachmentCipher.h"

#include "crypto/Sodium.h"

#include <QFile>

#include <sodium.h>

namespace linnet::media {

namespace {

MediaFailure failure(MediaError code, const QString &reason)
{
    return MediaFailure{code, reason};
}

} // namespace

struct EncryptingReader::State {
    QString path;
    QByteArray key;
    QByteArray header;
    QFile file;
    bool opened = false;
    quint64 plainSize = 0;
    quint64 blobSize = 0;
    quint64 chunkCount = 0;

    crypto_secretstream_xchacha20poly1305_state stream{};
    quint64 nextChunk = 0; ///< index of the next chunk to encrypt
    /** Encrypted bytes not yet returned: out[outPos..]; out ends at blob offset `produced`. */
    QByteArray out;
    qsizetype outPos = 0;
    quint64 position = 0;
    std::unique_ptr<Sha256> hasher; ///< over every byte produced since the start
    QByteArray digest;              ///< set once the last chunk is produced
    QByteArray plain;

    ~State() { sodium_memzero(&stream, sizeof stream); }

    quint64 buffered() const { return quint64(out.size() - outPos); }

    Status restart()
    {
        if (!file.seek(0))
            return failure(MediaError::Io,
                           QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        // init_pull derives from (key, header) exactly the state init_push derives after
        // choosing that header at random: a push state from a header we keep.
        crypto_secretstream_xchacha20poly1305_init_pull(&stream, crypto::sodiumBytes(header),
                                                        crypto::sodiumBytes(key));
        nextChunk = 0;
        out = header;
        outPos = 0;
        position = 0;
        hasher = std::make_unique<Sha256>();
        hasher->add(header);
        digest.clear();
        return {};
    }

    /** Encrypts the next chunk onto `out` (which the caller has drained). */
    Status produceChunk()
    {
        const bool last = nextChunk + 1 == chunkCount;
        const qsizetype length =
            last ? qsizetype(plainSize % quint64(kChunkBytes)) : qsizetype(kChunkBytes);
        plain.resize(length);
        qsizetype got = 0;
        while (got < length) {
            const qint64 n = file.read(plain.data() + got, length - got);
            if (n < 0)
                return failure(MediaError::Io,
                               QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
            if (n == 0)
                return failure(MediaError::FileChanged,
                               QStringLiteral("%1 became shorter while it was sent").arg(path));
            got += qsizetype(n);
        }
        if (last) {
            char extra;
            if (file.read(&extra, 1) != 0)
                return failure(MediaError::FileChanged,
                               QStringLiteral("%1 became longer while it was sent").arg(path));
        }
        const qsizetype start = out.size();
        out.resize(start + length + kChunkOverhead);
        const unsigned char tag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        crypto_secretstream_xchacha20poly1305_push(
            &stream, reinterpret_cast<unsigned char *>(out.data() + start), nullptr,
            crypto::sodiumBytes(plain), quint64(length), nullptr, 0, tag);
        hasher->add(QByteArrayView(out).sliced(start));
        ++nextChunk;
        if (last) {
            digest = hasher->result();
            hasher.reset();
        }
        return {};
    }

    /** Moves position forward to @p target, encrypting and dropping what lies between. */
    Status skipTo(quint64 target)
    {
        while (position < target) {
            if (buffered() == 0) {
                out.clear();
                outPos = 0;
                if (Status s = produceChunk(); !s)
                    return s;
            }
            const quint64 step = qMin(buffered(), target - position);
            outPos += qsizetype(step);
            position += step;
        }
        return {};
    }
};

EncryptingReader::EncryptingReader(const QString &plainPath, const QByteArray &key,
                                   const QByteArray &header)
    : m_state(std::make_unique<State>())
{
    m_state->path = plainPath;
    m_state->key = key;
    m_state->header = header;
    m_state->file.setFileName(plainPath);
}

EncryptingReader::~EncryptingReader()
{
    crypto::wipe(m_state->key);
}

QByteArray EncryptingReader::newHeader()
{
    crypto::initSodium();
    return crypto::randomBytes(kHeaderBytes);
}

Status EncryptingReader::open(quint64 expectedPlainSize)
{
    State &s = *m_state;
    if (s.key.size() != kKeyBytes || s.header.size() != kHeaderBytes)
        return failure(MediaError::Io, QStringLiteral("the attachment key or header is invalid"));
    crypto::initSodium();
    s.file.close();
    s.opened = false;
    // Unbuffered: reads go straight to the file in chunk-sized pieces.
    if (!s.file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return failure(MediaError::Io,
                       QStringLiteral("cannot open %1: %2").arg(s.path, s.file.errorString()));
    if (quint64(s.file.size()) != expectedPlainSize)
        return failure(MediaError::FileChanged,
                       QStringLiteral("%1 has %2 bytes, not the %3 it had when it was attached")
                           .arg(s.path)
                           .arg(s.file.size())
                           .arg(expectedPlainSize));
    s.plainSize = expectedPlainSize;
    s.blobSize = cipherSize(expectedPlainSize);
    s.chunkCount = expectedPlainSize / quint64(kChunkBytes) + 1;
    if (Status r = s.restart(); !r)
        return r;
    s.opened = true;
    return {};
}

quint64 EncryptingReader::size() const
{
    return m_state->blobSize;
}

quint64 EncryptingReader::position() const
{
    return m_state->position;
}

Status EncryptingReader::seek(quint64 cipherOffset)
{
    State &s = *m_state;
    if (!s.opened)
        return failure(MediaError::Io, QStringLiteral("the attachment is not open"));
    if (cipherOffset > s.blobSize)
        return failure(MediaError::Io, QStringLiteral("offset %1 is past the end of the blob (%2)")
                                           .arg(cipherOffset)
                                           .arg(s.blobSize));
    // Backwards within what is still buffered: just step back.
    const quint64 bufferStart = s.position - quint64(s.outPos);
    if (cipherOffset < s.position && cipherOffset >= bufferStart) {
        s.outPos = qsizetype(cipherOffset - bufferStart);
        s.position = cipherOffset;
        return {};
    }
    if (cipherOffset < s.position) {
        if (Status r = s.restart(); !r) {
            s.opened = false;
            return r;
        }
    }
    Status r = s.skipTo(cipherOffset);
    if (!r)
        s.opened = false;
    return r;
}

Result<QByteArray> EncryptingReader::read(qsizetype maxBytes)
{
    State &s = *m_state;
    if (!s.opened)
        return failure(MediaError::Io, QStringLiteral("the attachment is not open"));
    const quint64 wanted = qMin(quint64(qMax<qsizetype>(maxBytes, 0)), s.blobSize - s.position);
    QByteArray result;
    result.reserve(qsizetype(wanted));
    while (quint64(result.size()) < wanted) {
        if (s.buffered() == 0) {
            s.out.clear();
            s.outPos = 0;
            if (Status r = s.produceChunk(); !r) {
                s.opened = false; // the file is not where the stream thinks it is any more
                return r.error();
            }
        }
        const qsizetype take = qsizetype(qMin(s.buffered(), wanted - quint64(result.size())));
        result.append(s.out.constData() + s.outPos, take);
        s.outPos += take;
        s.position += quint64(take);
    }
    return result;
}

bool EncryptingReader::atEnd() const
{
    return m_state->opened && m_state->position == m_state->blobSize;
}

QByteArray EncryptingReader::hash() const
{
    return m_state->digest;
}

} // namespace linnet::media
