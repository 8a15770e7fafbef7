// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackupArchive.h"

#include <QFileDevice>
#include <QIODevice>
#include <QRegularExpression>
#include <QSet>
#include <QtEndian>

#include <array>
#include <utility>
#include <limits>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

constexpr qint64 kChunkBytes = 1 << 20;
constexpr int kMaxNameBytes = 255;
constexpr qsizetype kMagicBytes = sizeof(BackupArchive::kMagic) - 1;
constexpr qsizetype kPrefixBytes = sizeof(BackupArchive::kMagicPrefix) - 1;

using Hash = std::array<unsigned char, BackupArchive::kHashBytes>;

void hashInit(crypto_generichash_state &state)
{
    crypto_generichash_init(&state, nullptr, 0, BackupArchive::kHashBytes);
}

void hashUpdate(crypto_generichash_state &state, QByteArrayView bytes)
{
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(bytes.data()),
                              quint64(bytes.size()));
}

Hash hashFinal(crypto_generichash_state &state)
{
    Hash out{};
    crypto_generichash_final(&state, out.data(), out.size());
    return out;
}

QByteArrayView view(const Hash &hash)
{
    return {reinterpret_cast<const char *>(hash.data()), qsizetype(hash.size())};
}

template <typename T> QByteArray bigEndian(T value)
{
    QByteArray bytes(sizeof(T), Qt::Uninitialized);
    qToBigEndian(value, bytes.data());
    return bytes;
}

} // namespace

bool BackupArchive::isValidName(const QString &name)
{
    static const QRegularExpression valid(
        QStringLiteral("^(linnet\\.db|media-ticket\\.key|tls-cert\\.pem|tls-key\\.pem|"
                       "media/[0-9a-f]{32})$"));
    return valid.match(name).hasMatch();
}

namespace {

/** chmod's bits and Qt's, owner/group/other read/write/execute. */
constexpr std::array<std::pair<quint16, QFileDevice::Permission>, 9> kModeBits{{
    {0400, QFileDevice::ReadOwner},
    {0200, QFileDevice::WriteOwner},
    {0100, QFileDevice::ExeOwner},
    {0040, QFileDevice::ReadGroup},
    {0020, QFileDevice::WriteGroup},
    {0010, QFileDevice::ExeGroup},
    {0004, QFileDevice::ReadOther},
    {0002, QFileDevice::WriteOther},
    {0001, QFileDevice::ExeOther},
}};

} // namespace

quint16 BackupArchive::unixMode(QFileDevice::Permissions permissions)
{
    quint16 mode = 0;
    for (const auto &[bit, permission] : kModeBits)
        if (permissions.testFlag(permission))
            mode |= bit;
    return mode;
}

QFileDevice::Permissions BackupArchive::permissions(quint16 unixMode)
{
    QFileDevice::Permissions permissions;
    for (const auto &[bit, permission] : kModeBits)
        if (unixMode & bit)
            permissions |= permission;
    return permissions;
}

BackupArchiveWriter::BackupArchiveWriter(QIODevice &out) : m_out(out)
{
    hashInit(m_whole);
}

protocol::Status BackupArchiveWriter::write(QByteArrayView bytes)
{
    if (m_out.write(bytes.data(), bytes.size()) != bytes.size())
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot write the backup: %1").arg(m_out.errorString()));
    hashUpdate(m_whole, bytes);
    m_written += bytes.size();
    return {};
}

protocol::Status BackupArchiveWriter::begin()
{
    return write(QByteArrayView(BackupArchive::kMagic, kMagicBytes));
}

protocol::Status BackupArchiveWriter::addFile(const QString &name, QIODevice &source, qint64 size,
                                              QFileDevice::Permissions permissions)
{
    Q_ASSERT(BackupArchive::isValidName(name));
    const QByteArray utf8 = name.toUtf8();
    QByteArray head("F");
    head += bigEndian(quint16(utf8.size())) + utf8 +
            bigEndian(BackupArchive::unixMode(permissions)) + bigEndian(quint64(size));
    if (auto r = write(head); !r)
        return r;
    crypto_generichash_state own;
    hashInit(own);
    for (qint64 left = size; left > 0;) {
        const QByteArray chunk = source.read(qMin(left, kChunkBytes));
        if (chunk.isEmpty())
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot read %1 for the backup (%2 of %3 bytes "
                                            "read): %4")
                                 .arg(name)
                                 .arg(size - left)
                                 .arg(size)
                                 .arg(source.errorString()));
        if (auto r = write(chunk); !r)
            return r;
        hashUpdate(own, chunk);
        left -= chunk.size();
    }
    ++m_files;
    return write(view(hashFinal(own)));
}

protocol::Status BackupArchiveWriter::finish()
{
    if (auto r = write(QByteArray("E") + bigEndian(m_files)); !r)
        return r;
    const Hash whole = hashFinal(m_whole);
    if (m_out.write(reinterpret_cast<const char *>(whole.data()), qint64(whole.size())) !=
        qint64(whole.size()))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot write the backup: %1").arg(m_out.errorString()));
    m_written += qint64(whole.size());
    return {};
}

BackupArchiveReader::BackupArchiveReader(QIODevice &in, QString label)
    : m_in(in), m_label(std::move(label))
{
    hashInit(m_whole);
}

protocol::Error BackupArchiveReader::damaged(const QString &what) const
{
    return makeError(ErrorCode::InvalidField,
                     QStringLiteral("%1 is damaged: %2; nothing was restored").arg(m_label, what));
}

protocol::Status BackupArchiveReader::read(char *into, qint64 size, const QString &where)
{
    qint64 done = 0;
    while (done < size) {
        const qint64 n = m_in.read(into + done, size - done);
        if (n < 0)
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot read %1: %2").arg(m_label, m_in.errorString()));
        if (n == 0)
            return damaged(QStringLiteral("it ends %1 (cut short?)").arg(where));
        done += n;
    }
    hashUpdate(m_whole, QByteArrayView(into, size));
    return {};
}

protocol::Status BackupArchiveReader::readAll(const Sink &sink)
{
    QByteArray magic(kMagicBytes, Qt::Uninitialized);
    const qint64 got = m_in.read(magic.data(), kMagicBytes);
    if (got < kPrefixBytes || !magic.startsWith(BackupArchive::kMagicPrefix))
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("%1 is not a Linnet backup (it does not begin like one "
                                        "made by linnet-server backup); nothing was restored")
                             .arg(m_label));
    const bool withModes = magic == QByteArrayView(BackupArchive::kMagic, kMagicBytes);
    static_assert(sizeof(BackupArchive::kMagicV1) == sizeof(BackupArchive::kMagic));
    if (got < kMagicBytes ||
        (!withModes && magic != QByteArrayView(BackupArchive::kMagicV1, kMagicBytes)))
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("%1 is a Linnet backup in a format this linnet-server "
                                        "does not know (\"%2\"); restore it with the version "
                                        "that made it or a newer one")
                             .arg(m_label, QString::fromLatin1(magic.trimmed())));
    hashUpdate(m_whole, magic);

    QSet<QString> seen;
    while (true) {
        char kind = 0;
        if (auto r = read(&kind, 1, QStringLiteral("after %1 files").arg(m_files)); !r)
            return r;
        if (kind == 'E')
            break;
        if (kind != 'F')
            return damaged(QStringLiteral("an unknown entry follows file %1").arg(m_files));
        std::array<char, 2> nameSize{};
        if (auto r = read(nameSize.data(), 2, QStringLiteral("in a file name")); !r)
            return r;
        const quint16 nameBytes = qFromBigEndian<quint16>(nameSize.data());
        if (nameBytes == 0 || nameBytes > kMaxNameBytes)
            return damaged(QStringLiteral("a file name of %1 bytes").arg(nameBytes));
        QByteArray utf8(nameBytes, Qt::Uninitialized);
        if (auto r = read(utf8.data(), nameBytes, QStringLiteral("in a file name")); !r)
            return r;
        const QString name = QString::fromUtf8(utf8);
        if (!BackupArchive::isValidName(name) || seen.contains(name))
            return damaged(QStringLiteral("it holds a file \"%1\" that does not belong in a "
                                          "data directory")
                               .arg(name));
        seen.insert(name);
        // Format 1 has no modes: every file of a data dir was the owner's alone then.
        quint16 mode = 0600;
        if (withModes) {
            std::array<char, 2> modeBytes{};
            if (auto r = read(modeBytes.data(), 2, QStringLiteral("in the mode of %1").arg(name));
                !r)
                return r;
            mode = qFromBigEndian<quint16>(modeBytes.data());
            if (mode > 0777)
                return damaged(QStringLiteral("the mode of %1 is impossible").arg(name));
        }
        std::array<char, 8> sizeBytes{};
        if (auto r = read(sizeBytes.data(), 8, QStringLiteral("in the size of %1").arg(name)); !r)
            return r;
        const quint64 size = qFromBigEndian<quint64>(sizeBytes.data());
        if (size > quint64(std::numeric_limits<qint64>::max()))
            return damaged(QStringLiteral("the size of %1 is impossible").arg(name));
        auto out = sink(name, qint64(size), BackupArchive::permissions(mode));
        if (!out)
            return out.error();
        crypto_generichash_state own;
        hashInit(own);
        QByteArray chunk;
        const QString inside = QStringLiteral("inside %1").arg(name);
        for (qint64 left = qint64(size); left > 0;) {
            chunk.resize(qMin(left, kChunkBytes));
            if (auto r = read(chunk.data(), chunk.size(), inside); !r)
                return r;
            hashUpdate(own, chunk);
            if (out.value()->write(chunk) != chunk.size())
                return makeError(
                    ErrorCode::InternalError,
                    QStringLiteral("cannot write %1: %2").arg(name, out.value()->errorString()));
            left -= chunk.size();
        }
        if (auto *file = qobject_cast<QFileDevice *>(out.value().get()); file && !file->flush())
            return makeError(ErrorCode::InternalError,
                             QStringLiteral("cannot write %1: %2").arg(name, file->errorString()));
        Hash stored{};
        if (auto r = read(reinterpret_cast<char *>(stored.data()), qint64(stored.size()),
                          QStringLiteral("in the checksum of %1").arg(name));
            !r)
            return r;
        if (stored != hashFinal(own))
            return damaged(QStringLiteral("the bytes of %1 do not match their checksum").arg(name));
        ++m_files;
    }
    std::array<char, 4> countBytes{};
    if (auto r = read(countBytes.data(), 4, QStringLiteral("in its last entry")); !r)
        return r;
    if (qFromBigEndian<quint32>(countBytes.data()) != m_files)
        return damaged(QStringLiteral("its last entry counts %1 files, it holds %2")
                           .arg(qFromBigEndian<quint32>(countBytes.data()))
                           .arg(m_files));
    const Hash expected = hashFinal(m_whole);
    Hash stored{};
    qint64 done = 0;
    while (done < qint64(stored.size())) {
        const qint64 n =
            m_in.read(reinterpret_cast<char *>(stored.data()) + done, qint64(stored.size()) - done);
        if (n <= 0)
            return damaged(QStringLiteral("it ends in its last checksum (cut short?)"));
        done += n;
    }
    if (stored != expected)
        return damaged(QStringLiteral("its checksum over all files does not match"));
    char extra = 0;
    if (m_in.read(&extra, 1) != 0)
        return damaged(QStringLiteral("bytes follow its end"));
    return {};
}

} // namespace linnet::server
