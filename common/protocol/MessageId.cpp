// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageId.h"

#include "crypto/Sodium.h"

#include <QDateTime>

#include <sodium.h>

#include <algorithm>

namespace linnet::protocol {

namespace {

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

} // namespace

MessageId MessageId::generate()
{
    return generate(QDateTime::currentMSecsSinceEpoch());
}

MessageId MessageId::generate(qint64 msSinceEpoch)
{
    // initSodium() only fails without an entropy source; randombytes_buf then
    // aborts inside libsodium rather than returning predictable bytes.
    crypto::initSodium();
    constexpr size_t kTimeBytes = 6;
    const auto ms = quint64(msSinceEpoch) & ((quint64(1) << 48) - 1);
    MessageId id;
    do {
        for (size_t i = 0; i < kTimeBytes; ++i)
            id.m_bytes[i] = quint8(ms >> (8 * (kTimeBytes - 1 - i)));
        randombytes_buf(id.m_bytes.data() + kTimeBytes, id.m_bytes.size() - kTimeBytes);
    } while (id.isNull()); // the all-zero id means "none" on the wire
    return id;
}

std::optional<MessageId> MessageId::fromBytes(QByteArrayView bytes)
{
    if (bytes.size() != kSize)
        return std::nullopt;
    MessageId id;
    std::copy_n(reinterpret_cast<const quint8 *>(bytes.data()), kSize, id.m_bytes.begin());
    return id;
}

std::optional<MessageId> MessageId::fromHex(QStringView hex)
{
    if (hex.size() != 2 * kSize)
        return std::nullopt;
    MessageId id;
    for (qsizetype i = 0; i < kSize; ++i) {
        const int hi = hexValue(hex[2 * i].unicode());
        const int lo = hexValue(hex[2 * i + 1].unicode());
        if (hi < 0 || lo < 0)
            return std::nullopt;
        id.m_bytes[static_cast<size_t>(i)] = static_cast<quint8>(hi << 4 | lo);
    }
    return id;
}

QByteArray MessageId::toBytes() const
{
    return QByteArray(reinterpret_cast<const char *>(m_bytes.data()), kSize);
}

QString MessageId::toHex() const
{
    return QString::fromLatin1(toBytes().toHex());
}

bool MessageId::isNull() const
{
    return std::all_of(m_bytes.begin(), m_bytes.end(), [](quint8 b) { return b == 0; });
}

} // namespace linnet::protocol
