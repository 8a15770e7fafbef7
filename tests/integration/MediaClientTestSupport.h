// SPDX-License-Identifier: GPL-3.0-or-later
// Files for the media tests: random contents, and the hash a received file is compared by.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace linnet::test::media {

/** @p size random bytes (the tail past a multiple of 4 is left as allocated). */
inline QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

/** The SHA-256 of the file at @p path; empty if it cannot be read. */
inline QByteArray sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result();
}

/** Writes @p bytes to @p path (its folder made); @p path, or empty on failure. */
inline QString writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

/**
 * A 1 MiB tmpfs mounted on a folder, to fill for disk-full tests; unmounted when it goes.
 * Only root may mount: check possible() first and skip with kSkipReason.
 */
class SmallFolder {
public:
    static constexpr const char *kSkipReason = "needs root to mount a small tmpfs to fill";
    static bool possible()
    {
#ifdef Q_OS_UNIX
        return ::geteuid() == 0;
#else
        return false;
#endif
    }
    explicit SmallFolder(const QString &dir) : m_dir(dir)
    {
        QDir().mkpath(dir);
        m_mounted =
            QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=1m"), QStringLiteral("tmpfs"), dir}) == 0;
    }
    ~SmallFolder()
    {
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir});
    }
    SmallFolder(const SmallFolder &) = delete;
    SmallFolder &operator=(const SmallFolder &) = delete;

    bool mounted() const
    {
        return m_mounted;
    }
    QString path() const
    {
        return m_dir;
    }

private:
    QString m_dir;
    bool m_mounted = false;
};

} // namespace linnet::test::media
