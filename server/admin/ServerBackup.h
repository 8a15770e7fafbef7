// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QString>

namespace linnet::server {

/** What a backup holds. */
struct BackupSummary {
    qint64 bytes = 0;     ///< the backup file's size
    int blobs = 0;        ///< attachments in it
    qint64 blobBytes = 0; ///< their bytes
    int blobsGone = 0; ///< deleted by the server while the backup ran (left out, with their rows)
    bool ticketKey = false; ///< media-ticket.key is in it
    int tlsFiles = 0;       ///< tls-cert.pem and tls-key.pem (tls_self_signed) in it: 0, 1 or 2

    /** "the database, 3 attachments (1200 bytes), the media ticket key, ..." */
    QString contents() const;
};

/**
 * `linnet-server backup` and `restore`: one file (BackupArchive) with a
 * consistent copy of the database, the attachments it names as complete, the
 * media ticket key and the self-signed TLS certificate and its key, each file with
 * its mode.
 *
 * The database is copied with SQLite's online backup API in one read
 * transaction, so the copy is the database as of one moment, while the server
 * goes on writing (WAL mode: readers never block it). Attachments are copied
 * after that moment; a complete attachment never changes, so the copy of each
 * one the snapshot names is its content at that moment. Uploads still under
 * way are left out (their rows stay: a restored server lets the upload start
 * again from byte 0).
 */
class ServerBackup {
public:
    /**
     * Writes a backup of @p dataDir to @p outFile, which must not exist; it appears
     * only when complete (written beside it, then renamed). Refuses a database that
     * fails PRAGMA quick_check: the copy would be damaged too.
     */
    static protocol::Result<BackupSummary> create(const QString &dataDir, const QString &outFile);

    /**
     * Restores @p backupFile into @p dataDir, which must be empty (or not exist) and
     * not in use by a server (DataDirLock). Every checksum is checked and the database
     * is opened and checked (quick_check, schema version) in a directory of its own
     * inside @p dataDir before anything is moved into place: a damaged, cut or foreign
     * file leaves @p dataDir as it was.
     */
    static protocol::Result<BackupSummary> restore(const QString &backupFile,
                                                   const QString &dataDir);
};

} // namespace linnet::server
