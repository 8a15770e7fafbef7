// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

#include <functional>
#include <memory>

#include <sodium.h>

namespace linnet::server {

/**
 * The file `linnet-server backup` writes: named files one after the other, each
 * with a checksum, and a checksum over everything at the end, so that a restore
 * finds any damaged or missing byte before it writes a data directory.
 *
 *   "LINNET-BACKUP-2\n"                       magic and format version
 *   per file:  'F', u16 name length, name (UTF-8), u16 mode, u64 size, the bytes,
 *              BLAKE2b-256 of the bytes
 *   at the end: 'E', u32 number of files, BLAKE2b-256 of every byte before it
 *
 * The mode is the file's permission bits as in chmod (0600, 0640...), so that a
 * restore gives each file back the access it had (the TLS key an admin opened to a
 * group stays so). Format 1 (the same without the mode) is still read: its files
 * are restored with mode 0600, as every file of a data dir was then.
 *
 * Numbers are big-endian. Names are the data directory's relative paths
 * (isValidName()); a reader refuses any other.
 */
class BackupArchive {
public:
    /** The first bytes of every backup; "LINNET-BACKUP-" followed by the format. */
    static constexpr char kMagic[] = "LINNET-BACKUP-2\n";
    /** The first format (no modes), still read. */
    static constexpr char kMagicV1[] = "LINNET-BACKUP-1\n";
    static constexpr char kMagicPrefix[] = "LINNET-BACKUP-";
    static constexpr int kHashBytes = crypto_generichash_BYTES; // 32

    /** "linnet.db", "media-ticket.key", "tls-cert.pem", "tls-key.pem" or "media/" and a
     *  blob's 32 hex digits. */
    static bool isValidName(const QString &name);
    /** The permission bits of @p permissions as chmod writes them (0640). */
    static quint16 unixMode(QFileDevice::Permissions permissions);
    /** The inverse of unixMode(); bits above 0777 are ignored. */
    static QFileDevice::Permissions permissions(quint16 unixMode);
};

/** Writes a backup file (BackupArchive) to a device opened for writing. */
class BackupArchiveWriter {
public:
    explicit BackupArchiveWriter(QIODevice &out);

    protocol::Status begin();
    /** Copies exactly @p size bytes of @p source (open for reading) as the file @p name,
     *  to be restored with @p permissions. */
    protocol::Status addFile(const QString &name, QIODevice &source, qint64 size,
                             QFileDevice::Permissions permissions);
    protocol::Status finish();
    qint64 bytesWritten() const { return m_written; }

private:
    protocol::Status write(QByteArrayView bytes);

    QIODevice &m_out;
    crypto_generichash_state m_whole{};
    quint32 m_files = 0;
    qint64 m_written = 0;
};

/** Reads a backup file and checks every checksum as it goes. */
class BackupArchiveReader {
public:
    /** Where the bytes of file @p name (@p size bytes, to get @p permissions) go; an error
     *  stops the read. */
    using Sink = std::function<protocol::Result<std::unique_ptr<QIODevice>>(
        const QString &name, qint64 size, QFileDevice::Permissions permissions)>;

    /** @p in is open for reading; @p label names it in errors (the file's path). */
    BackupArchiveReader(QIODevice &in, QString label);

    /**
     * Reads the whole backup, handing each file to @p sink. Fails with a reason that
     * says whether the input is no backup at all, from a newer format, or damaged
     * (a checksum, a cut, a name that does not belong); a sink's own error as it is.
     * What a sink wrote before a failure is the caller's to throw away.
     */
    protocol::Status readAll(const Sink &sink);
    quint32 fileCount() const { return m_files; }

private:
    protocol::Status read(char *into, qint64 size, const QString &where);
    protocol::Error damaged(const QString &what) const;

    QIODevice &m_in;
    QString m_label;
    crypto_generichash_state m_whole{};
    quint32 m_files = 0;
};

} // namespace linnet::server
