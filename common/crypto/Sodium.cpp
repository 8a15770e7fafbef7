// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sodium.h"

#include <sodium.h>

namespace linnet::crypto {

bool initSodium()
{
    // sodium_init() is thread-safe and returns 1 when already initialised.
    return sodium_init() >= 0;
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    randombytes_buf(out.data(), static_cast<size_t>(out.size()));
    return out;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

const unsigned char *sodiumBytes(QByteArrayView view)
{
    static const unsigned char empty = 0;
    return view.data() ? reinterpret_cast<const unsigned char *>(view.data()) : &empty;
}

unsigned char *sodiumBytes(QByteArray &array)
{
    return reinterpret_cast<unsigned char *>(array.data());
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && bytes.isDetached())
        sodium_memzero(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

} // namespace linnet::crypto
