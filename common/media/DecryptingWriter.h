// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "media/AttachmentCipher.h"

#include <QString>

#include <memory>

namespace linnet::media {

/** Where a download's bytes go, in order; BlobTransfer feeds one. */
class BlobSink {
public:
    virtual ~BlobSink() = default;
    /** Bytes of the blob taken so far: the next byte wanted is this offset. */
    virtual quint64 position() const = 0;
    /** Takes the next bytes of the blob; an error ends the transfer (it says why). */
    virtual Status write(QByteArrayView bytes) = 0;
    /** Drops everything taken: the blob comes again from offset 0. */
    virtual Status restart() = 0;
};

/**
 * The receiving end of an attachment (docs/protocol.md 11), fed the blob as it arrives:
 * hashes every byte and decrypts each chunk as soon as it is whole, appending the
 * plaintext to a part file, which finish() moves into place only when TAG_FINAL came
 * last and the blob's SHA-256 is the expected one. One pass over the bytes instead of
 * a download followed by a decryption.
 *
 * Resumable: the part file holds only the plaintext of whole chunks that
 * authenticated, and the stream header is kept next to it ("<part>.head"). Encrypting
 * that plaintext again with the key and header gives the same blob bytes, so open()
 * rebuilds the hash and the stream state from it and the blob goes on at a chunk
 * boundary; the final hash check covers the rebuilt part as well.
 */
class DecryptingWriter final : public BlobSink {
public:
    /**
     * @p blobSize: the blob's size when known (a download; the last chunk is decrypted as
     * soon as it is in), 0 when the input's end is told by finish() (decryptBlob).
     */
    DecryptingWriter(const QString &partPath, const QByteArray &key, const QByteArray &sha256,
                     quint64 blobSize = 0);
    ~DecryptingWriter() override;
    DecryptingWriter(const DecryptingWriter &) = delete;
    DecryptingWriter &operator=(const DecryptingWriter &) = delete;

    enum class Mode {
        Fresh, ///< the part file starts empty (an existing one is truncated)
        Resume ///< goes on from the part file and its header, as far as they are whole
    };
    /** Opens the part file; an I/O error says why not. */
    Status open(Mode mode);
    quint64 position() const override;
    /**
     * Takes the next bytes. A chunk that does not authenticate, or a tag out of place,
     * is an error at once (Tampered/Truncated); later bytes are still hashed, so that
     * finish() can tell a blob that is not the described one (HashMismatch) first.
     */
    Status write(QByteArrayView bytes) override;
    Status restart() override;
    /** Every byte of a known-size blob is in and its final chunk authenticated. */
    bool complete() const;
    /**
     * The input is over: checks it (hash first, then the chunks) and moves the part file
     * to @p outPath in one step (replacing a file there), by copy through
     * "<outPath>.part" when it is on another file system. On a refusal the part file and
     * its header are removed; on an I/O error they stay, for a retry.
     */
    Status finish(const QString &outPath);
    /** Removes the part file and its header. */
    void discard();
    /** Removes the part file at @p partPath and its header, if any. */
    static void removePart(const QString &partPath);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace linnet::media
