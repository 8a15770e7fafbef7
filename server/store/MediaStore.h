// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace linnet::server {

/** One blob as the server records it (docs/protocol.md 10); its bytes are in a BlobStore. */
struct BlobRecord {
    QByteArray id; ///< protocol::kBlobIdBytes random bytes
    qint64 accountId = 0;
    qint64 deviceId = 0;     ///< the uploading device
    qint64 size = 0;         ///< declared at media_upload
    bool complete = false;   ///< every byte is stored
    bool referenced = false; ///< a stored message names it (grants were given)
    qint64 createdAt = 0;    ///< ms UTC
    qint64 lastWriteAt = 0;  ///< ms UTC, the last byte received (or the reservation)
    bool operator==(const BlobRecord &) const = default;
};

/** The ages after which MediaStore::expired() gives a blob up (see docs/protocol.md 10). */
struct BlobLifetime {
    qint64 retentionMs = 0; ///< a referenced blob, after its upload began
    qint64 orphanMs = 0;    ///< a blob never referenced (or incomplete), after its last byte
};

/**
 * What the server knows of media blobs: who uploaded each, how big it is, whether
 * it is complete, and which devices may download it (grants). Grants for a new
 * message are written by the message's own batch (SqliteBatchWriter), so that
 * they exist before the sender's ack. Same threading and failure rules as Store.
 */
class MediaStore {
public:
    virtual ~MediaStore() = default;

    virtual protocol::Status createBlob(const BlobRecord &blob) = 0;
    virtual std::optional<BlobRecord> blob(const QByteArray &id) = 0;
    /** Sum of the declared sizes of every blob of @p accountId (complete or not). */
    virtual protocol::Result<qint64> bytesOfAccount(qint64 accountId) = 0;
    /** Notes bytes received: the last write time, and complete once all are there. */
    virtual protocol::Status noteWritten(const QByteArray &id, qint64 now, bool complete) = 0;
    virtual bool hasGrant(const QByteArray &id, qint64 deviceId) = 0;
    /**
     * Drops the grant of @p deviceId; true if the blob is referenced and no grant is
     * left, so that it can go (removeBlob()).
     */
    virtual protocol::Result<bool> dropGrant(const QByteArray &id, qint64 deviceId) = 0;
    /** Deletes the blob's row and grants (its bytes are the caller's). */
    virtual protocol::Status removeBlob(const QByteArray &id) = 0;
    /**
     * Blobs to delete at @p now: referenced with no grant left, referenced and older
     * than the retention, or never referenced (or incomplete) with no byte for the
     * orphan age. At most @p limit ids.
     */
    virtual QList<QByteArray> expired(qint64 now, const BlobLifetime &lifetime, int limit) = 0;
};

} // namespace linnet::server
