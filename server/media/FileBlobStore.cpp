// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileBlobStore.h"

#include "ServerLog.h"
#include "protocol/Limits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

#include <cerrno>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

constexpr QFileDevice::Permissions kFileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kDirMode =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

protocol::Error ioError(const QString &what, const QFile &file)
{
    return makeError(ErrorCode::InternalError,
                     QStringLiteral("%1 %2: %3").arg(what, file.fileName(), file.errorString()));
}

class FileWriter final : public BlobWriter {
public:
    explicit FileWriter(std::unique_ptr<QFile> file) : m_file(std::move(file)) {}

    protocol::Result<qint64> write(QByteArrayView bytes) override
    {
        qint64 done = 0;
        while (done < bytes.size()) {
            errno = 0;
            const qint64 n = m_file->write(bytes.data() + done, bytes.size() - done);
            if (n <= 0) {
                m_full = errno == ENOSPC ||
#ifdef EDQUOT
                         errno == EDQUOT ||
#endif
                         m_file->error() == QFileDevice::ResourceError; // Qt's ENOSPC
                if (done > 0)
                    return done; // what was written is kept; the next write says why
                return ioError(QStringLiteral("cannot write"), *m_file);
            }
            done += n;
        }
        return done;
    }
    bool diskFull() const override
    {
        return m_full;
    }

private:
    std::unique_ptr<QFile> m_file;
    bool m_full = false;
};

class FileReader final : public BlobReader {
public:
    explicit FileReader(std::unique_ptr<QFile> file) : m_file(std::move(file)) {}

    protocol::Result<QByteArray> read(qint64 max) override
    {
        QByteArray bytes(max, Qt::Uninitialized);
        const qint64 n = m_file->read(bytes.data(), max);
        if (n < 0)
            return ioError(QStringLiteral("cannot read"), *m_file);
        bytes.truncate(n);
        return bytes;
    }
    int fileDescriptor() const override { return m_file->handle(); }

private:
    std::unique_ptr<QFile> m_file;
};

} // namespace

FileBlobStore::FileBlobStore(QString directory) : m_dir(std::move(directory)) {}

protocol::Status FileBlobStore::open()
{
    if (!QDir().mkpath(m_dir))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot create the media directory %1").arg(m_dir));
    if (!QFile::setPermissions(m_dir, kDirMode))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot make %1 private (mode 0700)").arg(m_dir));
    return {};
}

QString FileBlobStore::pathOf(const QByteArray &id) const
{
    // Only ever a server-made id: 32 hex digits, no path characters possible.
    Q_ASSERT(id.size() == protocol::kBlobIdBytes);
    return QDir(m_dir).filePath(QString::fromLatin1(id.toHex()));
}

protocol::Result<std::unique_ptr<BlobWriter>> FileBlobStore::openForAppend(const QByteArray &id,
                                                                           qint64 offset)
{
    auto file = std::make_unique<QFile>(pathOf(id));
    const bool existed = file->exists();
    if (!file->open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return ioError(QStringLiteral("cannot open"), *file);
    if (!existed && !file->setPermissions(kFileMode))
        return ioError(QStringLiteral("cannot make private"), *file);
    if ((file->size() != offset && !file->resize(offset)) || !file->seek(offset))
        return ioError(QStringLiteral("cannot go to offset %1 of").arg(offset), *file);
    return std::unique_ptr<BlobWriter>(std::make_unique<FileWriter>(std::move(file)));
}

qint64 FileBlobStore::size(const QByteArray &id) const
{
    const QFileInfo info(pathOf(id));
    return info.exists() ? info.size() : 0;
}

protocol::Result<std::unique_ptr<BlobReader>> FileBlobStore::openForRead(const QByteArray &id,
                                                                         qint64 offset)
{
    auto file = std::make_unique<QFile>(pathOf(id));
    if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return ioError(QStringLiteral("cannot open"), *file);
    if (!file->seek(offset))
        return ioError(QStringLiteral("cannot go to offset %1 of").arg(offset), *file);
    return std::unique_ptr<BlobReader>(std::make_unique<FileReader>(std::move(file)));
}

bool FileBlobStore::remove(const QByteArray &id)
{
    QFile file(pathOf(id));
    if (!file.exists() || file.remove())
        return true;
    qCWarning(lcMedia) << "cannot delete" << file.fileName() << file.errorString();
    return false;
}

qint64 FileBlobStore::bytesAvailable() const
{
    const QStorageInfo storage(m_dir);
    return storage.isValid() ? storage.bytesAvailable() : -1;
}

} // namespace linnet::server
