// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace linnet::server {

/** Appends to one blob; what write() accepted is stored (a cut connection keeps it). */
class BlobWriter {
public:
    virtual ~BlobWriter() = default;
    /**
     * Appends @p bytes; the count written (all, unless the storage failed part way).
     * An error if nothing could be written: @c diskFull() then says whether the
     * storage was full (docs/protocol.md 10: 507) or failed otherwise.
     */
    virtual protocol::Result<qint64> write(QByteArrayView bytes) = 0;
    /** The storage was full at the last failed write. */
    virtual bool diskFull() const = 0;
};

/** Reads one blob in pieces, from where it was opened. */
class BlobReader {
public:
    virtual ~BlobReader() = default;
    /** Up to @p max bytes; empty at the end. */
    virtual protocol::Result<QByteArray> read(qint64 max) = 0;
    /**
     * The blob's open file, for a stream to send from the page cache (sendfile(2)) at
     * offsets of its own; -1 if the bytes are not in a local file (read() them).
     */
    virtual int fileDescriptor() const { return -1; }
};

/**
 * Where blob bytes live, named by the blob's random id (never a client's file
 * name). FileBlobStore keeps them in the data directory; an S3-compatible object
 * store could implement the same for several nodes. One thread.
 */
class BlobStore {
public:
    virtual ~BlobStore() = default;
    /**
     * A writer that appends at @p offset: the blob is created if it does not exist
     * (offset 0) and anything stored past @p offset is dropped first.
     */
    virtual protocol::Result<std::unique_ptr<BlobWriter>> openForAppend(const QByteArray &id,
                                                                        qint64 offset) = 0;
    /** Bytes stored for @p id (0 if none). */
    virtual qint64 size(const QByteArray &id) const = 0;
    virtual protocol::Result<std::unique_ptr<BlobReader>> openForRead(const QByteArray &id,
                                                                      qint64 offset) = 0;
    /** Deletes @p id's bytes; true if none are left (also when there were none). */
    virtual bool remove(const QByteArray &id) = 0;
    /** Free space where new bytes would go (for media_upload's 507); -1 if unknown. */
    virtual qint64 bytesAvailable() const = 0;
};

} // namespace linnet::server
