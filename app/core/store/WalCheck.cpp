// SPDX-License-Identifier: GPL-3.0-or-later
// The write-ahead log's format: https://www.sqlite.org/fileformat2.html#walformat
#include "store/WalCheck.h"

#include <QFile>
#include <QtEndian>

namespace linnet::client {

namespace {

constexpr qsizetype kHeaderBytes = 32;
constexpr qsizetype kFrameHeaderBytes = 24;
constexpr quint32 kMagicLittle = 0x377f0682; // checksums over little-endian words
constexpr quint32 kMagicBig = 0x377f0683;    // ... over big-endian words
constexpr quint32 kVersion = 3007000;

quint32 be32(const char *p)
{
    return qFromBigEndian<quint32>(p);
}

struct Checksum {
    quint32 s0 = 0;
    quint32 s1 = 0;
    bool bigEndian = true;

    void add(const char *data, qsizetype size)
    {
        for (qsizetype i = 0; i + 8 <= size; i += 8) {
            const quint32 x0 = bigEndian ? be32(data + i) : qFromLittleEndian<quint32>(data + i);
            const quint32 x1 =
                bigEndian ? be32(data + i + 4) : qFromLittleEndian<quint32>(data + i + 4);
            s0 += x0 + s1;
            s1 += x1 + s0;
        }
    }
    bool matches(const char *stored) const { return be32(stored) == s0 && be32(stored + 4) == s1; }
};

bool validPageSize(quint32 size)
{
    return size >= 512 && size <= 65536 && (size & (size - 1)) == 0;
}

} // namespace

std::optional<QString> walDamage(const QString &walPath)
{
    QFile file(walPath);
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot be read: %1").arg(file.errorString());
    const QByteArray wal = file.readAll();
    if (wal.size() <= kHeaderBytes)
        return std::nullopt; // no frames: nothing in it to lose
    const char *h = wal.constData();
    const quint32 magic = be32(h);
    const quint32 pageSize = be32(h + 8);
    Checksum sum;
    sum.bigEndian = magic == kMagicBig;
    sum.add(h, 24);
    if ((magic != kMagicLittle && magic != kMagicBig) || be32(h + 4) != kVersion ||
        !validPageSize(pageSize) || !sum.matches(h + 24))
        return QStringLiteral("its header is damaged, and %L1 bytes of frames follow it")
            .arg(wal.size() - kHeaderBytes);
    const qsizetype frameBytes = kFrameHeaderBytes + qsizetype(pageSize);
    const quint32 salt1 = be32(h + 16), salt2 = be32(h + 20);
    const auto ours = [&](qsizetype at) {
        return be32(h + at + 8) == salt1 && be32(h + at + 12) == salt2;
    };
    qsizetype at = kHeaderBytes;
    for (; at + frameBytes <= wal.size() && ours(at); at += frameBytes) {
        Checksum next = sum;
        next.add(h + at, 8);
        next.add(h + at + kFrameHeaderBytes, pageSize);
        if (!next.matches(h + at + 16))
            break;
        sum = next;
    }
    if (at + frameBytes > wal.size() || !ours(at))
        return std::nullopt; // every frame of this generation checks out
    const qsizetype bad = at;
    // A torn tail has no commit of this generation after it; damage in the middle does.
    for (at += frameBytes; at + frameBytes <= wal.size(); at += frameBytes) {
        if (ours(at) && be32(h + at + 4) != 0)
            return QStringLiteral("frame %L1 fails its checksum, and committed transactions "
                                  "follow it")
                .arg((bad - kHeaderBytes) / frameBytes + 1);
    }
    return std::nullopt;
}

} // namespace linnet::client
