// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerBackup.h"

#include "ServerLog.h"
#include "admin/BackupArchive.h"
#include "admin/DataDirLock.h"
#include "store/Migrations.h"
#include "store/SqliteConnection.h"
#include "store/SqliteStore.h"
#include "transport/ServerCertificate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

constexpr char kDatabase[] = "linnet.db";
constexpr char kTicketKey[] = "media-ticket.key";
constexpr char kMediaDir[] = "media";
constexpr QFileDevice::Permissions kFileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kDirMode =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
/** How often a snapshot retries while SQLite says the source is busy (a checkpoint). */
constexpr int kBusyRetries = 50;

protocol::Error failure(const QString &reason)
{
    return makeError(ErrorCode::InternalError, reason);
}

/** One integer a PRAGMA answers, or nullopt (the error is on @p db). */
std::optional<qint64> pragmaNumber(SqliteConnection &db, const char *sql)
{
    SqliteStatement q;
    if (!q.prepare(db, sql) || q.step() != SqliteStatement::Step::Row)
        return std::nullopt;
    const qint64 value = q.int64At(0);
    q.reset();
    return value;
}

/**
 * Checks that @p db (the file @p path) is a sound Linnet server database this
 * server can serve; @p whose says in errors whether it is the live one or a backup's.
 */
protocol::Status checkDatabase(SqliteConnection &db, const QString &path, const QString &whose)
{
    QStringList findings;
    {
        SqliteStatement q;
        if (!q.prepare(db, "PRAGMA quick_check(20)"))
            return failure(QStringLiteral("%1 %2 cannot be read as an SQLite database: %3")
                               .arg(whose, path, db.error()));
        SqliteStatement::Step step;
        while ((step = q.step()) == SqliteStatement::Step::Row)
            findings.append(q.textAt(0));
        if (step == SqliteStatement::Step::Error)
            findings.append(db.error());
    }
    if (findings != QStringList{QStringLiteral("ok")})
        return failure(QStringLiteral("%1 %2 is damaged (PRAGMA quick_check: %3)")
                           .arg(whose, path, findings.join(QStringLiteral("; "))));
    const auto version = pragmaNumber(db, "PRAGMA user_version");
    if (!version || *version <= 0)
        return failure(QStringLiteral("%1 %2 is not a Linnet server database (it has no "
                                      "schema version)")
                           .arg(whose, path));
    if (*version > latestSchemaVersion())
        return failure(QStringLiteral("%1 %2 has schema version %3, newer than this "
                                      "linnet-server's %4: use a newer linnet-server")
                           .arg(whose, path)
                           .arg(*version)
                           .arg(latestSchemaVersion()));
    return {};
}

/** Copies the database @p source into the new file @p target as of one moment. */
protocol::Status snapshot(const QString &source, const QString &target)
{
    SqliteConnection from;
    if (!from.open(source, SqliteStore::kDefaultBusyTimeoutMs))
        return failure(QStringLiteral("cannot open the database %1: %2").arg(source, from.error()));
    {
        QFile create(target);
        if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
            !create.setPermissions(kFileMode))
            return failure(
                QStringLiteral("cannot create %1: %2").arg(target, create.errorString()));
    }
    SqliteConnection to;
    if (!to.open(target, SqliteStore::kDefaultBusyTimeoutMs))
        return failure(QStringLiteral("cannot open %1: %2").arg(target, to.error()));
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < kBusyRetries && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
         ++attempt) {
        if (attempt > 0)
            QThread::msleep(100);
        sqlite3_backup *backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
        if (!backup)
            return failure(QStringLiteral("cannot start copying %1: %2").arg(source, to.error()));
        // All pages in one step: one read transaction, so one moment of the database.
        rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
    }
    if (rc != SQLITE_DONE)
        return failure(QStringLiteral("cannot copy %1: %2 (SQLite code %3)")
                           .arg(source, QString::fromUtf8(sqlite3_errstr(rc)))
                           .arg(rc));
    // The copy is one file: no -wal beside it.
    if (!to.exec("PRAGMA journal_mode = DELETE"))
        return failure(QStringLiteral("cannot prepare the copy %1: %2").arg(target, to.error()));
    return {};
}

struct Blob {
    QByteArray id;
    qint64 size = 0;
};

/** The attachments @p db names as complete (none before the schema had media). */
QList<Blob> completeBlobs(SqliteConnection &db)
{
    QList<Blob> blobs;
    SqliteStatement q;
    if (!q.prepare(db, "SELECT id, size FROM media_blobs WHERE complete = 1 ORDER BY id"))
        return blobs;
    while (q.step() == SqliteStatement::Step::Row)
        blobs.append({q.blobAt(0), q.int64At(1)});
    return blobs;
}

/** Deletes the rows of attachments the backup could not copy (the server deleted them). */
protocol::Status forgetBlobs(SqliteConnection &db, const QList<QByteArray> &ids)
{
    SqliteStatement grants;
    SqliteStatement blobs;
    if (!grants.prepare(db, "DELETE FROM media_grants WHERE blob_id = ?1") ||
        !blobs.prepare(db, "DELETE FROM media_blobs WHERE id = ?1"))
        return failure(db.error());
    for (const QByteArray &id : ids) {
        grants.bind(1, id);
        blobs.bind(1, id);
        if (!grants.run() || !blobs.run())
            return failure(db.error());
    }
    return {};
}

protocol::Status addFile(BackupArchiveWriter &writer, const QString &name, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return writer.addFile(name, file, file.size(), file.permissions());
}

/** The self-signed certificate's files (ServerCertificate), as named in a backup. */
QStringList tlsFileNames()
{
    return {QFileInfo(ServerCertificate::certPath(QString())).fileName(),
            QFileInfo(ServerCertificate::keyPath(QString())).fileName()};
}

} // namespace

QString BackupSummary::contents() const
{
    QString text =
        QStringLiteral("the database, %1 attachments (%2 bytes)").arg(blobs).arg(blobBytes);
    if (ticketKey)
        text += QStringLiteral(", the media ticket key");
    if (tlsFiles == 2)
        text += QStringLiteral(", the TLS certificate and its key");
    else if (tlsFiles == 1)
        text += QStringLiteral(", one of the TLS certificate's two files");
    return text;
}

protocol::Result<BackupSummary> ServerBackup::create(const QString &dataDir, const QString &outFile)
{
    const QDir data(dataDir);
    const QString database = data.filePath(QLatin1String(kDatabase));
    if (!QFileInfo::exists(database))
        return failure(QStringLiteral("there is no database in %1 (no %2): nothing to back up")
                           .arg(dataDir, QLatin1String(kDatabase)));
    if (QFileInfo::exists(outFile))
        return failure(QStringLiteral("%1 exists already; a backup never overwrites a file: "
                                      "choose a new name")
                           .arg(outFile));
    const QString outDir = QFileInfo(outFile).absolutePath();
    QTemporaryDir work(QDir(outDir).filePath(QStringLiteral(".linnet-backup-XXXXXX")));
    if (!work.isValid())
        return failure(QStringLiteral("cannot write in %1: %2").arg(outDir, work.errorString()));
    const QString copy = work.filePath(QLatin1String(kDatabase));
    if (auto r = snapshot(database, copy); !r)
        return r.error();

    QSaveFile out(outFile);
    if (!out.open(QIODevice::WriteOnly) || !out.setPermissions(kFileMode))
        return failure(QStringLiteral("cannot write %1: %2").arg(outFile, out.errorString()));
    BackupArchiveWriter writer(out);
    if (auto r = writer.begin(); !r)
        return r.error();
    BackupSummary summary;
    {
        SqliteConnection db;
        if (!db.open(copy, SqliteStore::kDefaultBusyTimeoutMs))
            return failure(QStringLiteral("cannot open %1: %2").arg(copy, db.error()));
        if (auto r = checkDatabase(db, database, QStringLiteral("the database")); !r)
            return failure(r.error().reason +
                           QStringLiteral("; a backup of it would be too (docs/storage.md)"));
        QList<QByteArray> gone;
        for (const Blob &blob : completeBlobs(db)) {
            const QString name = QStringLiteral("%1/%2").arg(QLatin1String(kMediaDir),
                                                             QLatin1String(blob.id.toHex()));
            // Open before the size check: once open, a deletion by the server cannot cut it.
            QFile file(data.filePath(name));
            if (blob.id.size() != 16 || !file.open(QIODevice::ReadOnly) ||
                file.size() != blob.size) {
                gone.append(blob.id);
                continue;
            }
            if (auto r = writer.addFile(name, file, blob.size, file.permissions()); !r)
                return r.error();
            ++summary.blobs;
            summary.blobBytes += blob.size;
        }
        if (auto r = forgetBlobs(db, gone); !r)
            return failure(
                QStringLiteral("cannot update the copy %1: %2").arg(copy, r.error().reason));
        summary.blobsGone = int(gone.size());
    }
    if (auto r = addFile(writer, QLatin1String(kDatabase), copy); !r)
        return r.error();
    const QString key = data.filePath(QLatin1String(kTicketKey));
    if (QFileInfo::exists(key)) {
        if (auto r = addFile(writer, QLatin1String(kTicketKey), key); !r)
            return r.error();
        summary.ticketKey = true;
    }
    // With tls_self_signed: clients pinned this certificate, a new one would lock them out.
    for (const QString &name : tlsFileNames()) {
        const QString path = data.filePath(name);
        if (!QFileInfo::exists(path))
            continue;
        if (auto r = addFile(writer, name, path); !r)
            return r.error();
        ++summary.tlsFiles;
    }
    if (auto r = writer.finish(); !r)
        return r.error();
    if (!out.commit())
        return failure(QStringLiteral("cannot write %1: %2").arg(outFile, out.errorString()));
    summary.bytes = writer.bytesWritten();
    qCInfo(lcAdmin) << "backed up" << dataDir << "to" << outFile << ":" << summary.blobs
                    << "attachments";
    return summary;
}

protocol::Result<BackupSummary> ServerBackup::restore(const QString &backupFile,
                                                      const QString &dataDir)
{
    QFile in(backupFile);
    if (!in.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("cannot read %1: %2").arg(backupFile, in.errorString()));
    QDir data(dataDir);
    if (!data.exists() && !data.mkpath(QStringLiteral(".")))
        return failure(QStringLiteral("cannot create the data directory %1").arg(dataDir));
    DataDirLock lock;
    if (auto r = lock.acquire(dataDir); !r)
        return r.error();
    QStringList present =
        data.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    present.removeAll(QLatin1String(DataDirLock::kFileName));
    if (!present.isEmpty())
        return failure(QStringLiteral("the data directory %1 is not empty (it holds %2); "
                                      "restore only into an empty one: move the old one "
                                      "aside, or name a new one with --data-dir")
                           .arg(dataDir, present.join(QStringLiteral(", "))));
    QFile::setPermissions(dataDir, kDirMode);

    QTemporaryDir staging(data.filePath(QStringLiteral(".restoring-XXXXXX")));
    if (!staging.isValid() || !QDir(staging.path()).mkdir(QLatin1String(kMediaDir)) ||
        !QFile::setPermissions(staging.filePath(QLatin1String(kMediaDir)), kDirMode))
        return failure(QStringLiteral("cannot write in %1").arg(dataDir));
    BackupSummary summary;
    QHash<QString, QFileDevice::Permissions> modes;
    BackupArchiveReader reader(in, backupFile);
    const auto read = reader.readAll([&](const QString &name, qint64 size,
                                         QFileDevice::Permissions permissions)
                                         -> protocol::Result<std::unique_ptr<QIODevice>> {
        auto file = std::make_unique<QFile>(staging.filePath(name));
        if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
            !file->setPermissions(kFileMode))
            return failure(
                QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString()));
        if (name.startsWith(QLatin1String(kMediaDir) + u'/')) { // not media-ticket.key
            ++summary.blobs;
            summary.blobBytes += size;
        } else if (name == QLatin1String(kTicketKey)) {
            summary.ticketKey = true;
        } else if (tlsFileNames().contains(name)) {
            ++summary.tlsFiles;
        }
        modes.insert(name, permissions);
        return std::unique_ptr<QIODevice>(std::move(file));
    });
    if (!read)
        return read.error();
    const QString database = staging.filePath(QLatin1String(kDatabase));
    if (!QFileInfo::exists(database))
        return failure(
            QStringLiteral("%1 holds no database; nothing was restored").arg(backupFile));
    {
        SqliteConnection db;
        if (!db.open(database, SqliteStore::kDefaultBusyTimeoutMs))
            return failure(QStringLiteral("cannot open the restored database: %1").arg(db.error()));
        if (auto r = checkDatabase(db, backupFile, QStringLiteral("the database in")); !r)
            return failure(r.error().reason + QStringLiteral("; nothing was restored"));
    }
    // Written owner-only; now each gets the mode it had.
    for (auto it = modes.cbegin(); it != modes.cend(); ++it)
        if (!QFile::setPermissions(staging.filePath(it.key()), it.value()))
            return failure(
                QStringLiteral("cannot set the mode of %1").arg(staging.filePath(it.key())));
    // Everything is checked: into place.
    const QStringList names =
        QStringList{QLatin1String(kDatabase), QLatin1String(kTicketKey), QLatin1String(kMediaDir)} +
        tlsFileNames();
    for (const QString &name : names) {
        const QString from = staging.filePath(name);
        if (QFileInfo::exists(from) && !QFile::rename(from, data.filePath(name)))
            return failure(QStringLiteral("cannot move %1 into %2").arg(from, dataDir));
    }
    summary.bytes = in.size();
    qCInfo(lcAdmin) << "restored" << backupFile << "into" << dataDir;
    return summary;
}

} // namespace linnet::server
