// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

/**
 * Attachment encryption (docs/protocol.md 11): a file becomes a blob of the 24-byte
 * secretstream header followed by 64 KiB plaintext chunks, each pushed with
 * crypto_secretstream_xchacha20poly1305 (TAG_FINAL on the last). Everything here
 * streams: no function holds more than a chunk or two of a file in memory.
 */
namespace linnet::media {

inline constexpr qsizetype kChunkBytes = 64 * 1024;
inline constexpr qsizetype kHeaderBytes = 24;   // crypto_secretstream_xchacha20poly1305_HEADERBYTES
inline constexpr qsizetype kChunkOverhead = 17; // crypto_secretstream_xchacha20poly1305_ABYTES
inline constexpr qsizetype kKeyBytes = 32;
inline constexpr qsizetype kSha256Bytes = 32;

/** Why an attachment could not be read, encrypted, checked or decrypted. */
enum class MediaError {
    Io, ///< a file could not be opened, read or written (the reason says which, e.g. disk full)
    FileChanged,  ///< the plaintext file is not the size it had when the attachment was made
    HashMismatch, ///< the blob is not the one the message describes
    Tampered,     ///< a chunk did not authenticate, or TAG_FINAL came before the end
    Truncated,    ///< the blob ended before TAG_FINAL
};

/** A failure: a code and a reason a person can read. */
struct MediaFailure {
    MediaError code = MediaError::Io;
    QString reason;
};

template <typename T> using Result = linnet::Result<T, MediaFailure>;
using Status = linnet::Result<void, MediaFailure>;

/** The blob size for a file of @p plainSize bytes: 24 + size + 17 * (size / 64 KiB + 1). */
quint64 cipherSize(quint64 plainSize);

/** A fresh random key (kKeyBytes). */
QByteArray newKey();

/** SHA-256, streamed (OpenSSL, so SHA-NI is used where the CPU has it). */
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    void add(QByteArrayView bytes);
    /** The digest (kSha256Bytes); the object is spent after it. */
    QByteArray result();
    static QByteArray of(QByteArrayView bytes);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/**
 * Reads a plaintext file and yields the blob, from any offset: the stream header
 * is chosen once (and kept with the key), so encrypting again gives the same bytes
 * and an upload resumes at the offset the server holds (seek() encrypts the part
 * before it again and drops it). hash() is the SHA-256 of the whole blob once read()
 * has reached its end.
 */
class EncryptingReader {
public:
    /** @p header: kHeaderBytes, from newHeader() when the attachment is created. */
    EncryptingReader(const QString &plainPath, const QByteArray &key, const QByteArray &header);
    ~EncryptingReader();
    static QByteArray newHeader();

    /** Opens the file; the error says why not (missing, unreadable, changed size). */
    Status open(quint64 expectedPlainSize);
    quint64 size() const; ///< the blob's size
    quint64 position() const;
    /** Positions the output at @p cipherOffset (<= size()). */
    Status seek(quint64 cipherOffset);
    /** Up to @p maxBytes of blob from position(); empty at the end. An error if the file
     *  could not be read or changed under it. */
    Result<QByteArray> read(qsizetype maxBytes);
    bool atEnd() const;
    /** SHA-256 of the whole blob; valid once atEnd() (whatever seeks happened). */
    QByteArray hash() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/**
 * Checks a downloaded blob (a complete file of ciphertext) against its SHA-256 and
 * decrypts it into @p outPath. Writes to "<outPath>.part" and renames it only when
 * every chunk authenticated and TAG_FINAL came last; on any failure nothing is left at
 * outPath and the error says what was wrong (hash mismatch, tampered chunk, cut short,
 * disk full).
 */
Status decryptBlob(const QString &blobPath, const QByteArray &key, const QByteArray &sha256,
                   const QString &outPath);

} // namespace linnet::media
