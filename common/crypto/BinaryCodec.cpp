// SPDX-License-Identifier: GPL-3.0-or-later
#include "BinaryCodec.h"

#include <QtEndian>

namespace linnet::crypto {

void appendU32(QByteArray &out, quint32 value)
{
    char be[4];
    qToBigEndian(value, be);
    out.append(be, 4);
}

void appendBlob(QByteArray &out, QByteArrayView bytes)
{
    appendU32(out, static_cast<quint32>(bytes.size()));
    out.append(bytes);
}

bool BinaryReader::take(qsizetype size)
{
    if (m_failed || size < 0 || size > m_data.size() - m_pos) {
        m_failed = true;
        return false;
    }
    return true;
}

bool BinaryReader::readU8(quint8 &out)
{
    if (!take(1))
        return false;
    out = static_cast<quint8>(m_data[m_pos]);
    m_pos += 1;
    return true;
}

bool BinaryReader::readU32(quint32 &out)
{
    if (!take(4))
        return false;
    out = qFromBigEndian<quint32>(m_data.data() + m_pos);
    m_pos += 4;
    return true;
}

bool BinaryReader::readBytes(qsizetype size, QByteArray &out)
{
    if (!take(size))
        return false;
    out = m_data.sliced(m_pos, size).toByteArray();
    m_pos += size;
    return true;
}

bool BinaryReader::readBlob(QByteArray &out, qsizetype maxSize)
{
    quint32 size = 0;
    if (!readU32(size))
        return false;
    if (qsizetype(size) > maxSize) {
        m_failed = true;
        return false;
    }
    return readBytes(qsizetype(size), out);
}

} // namespace linnet::crypto
