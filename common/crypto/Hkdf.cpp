// SPDX-License-Identifier: GPL-3.0-or-later
#include "Hkdf.h"

#include "Sodium.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace linnet::crypto {

namespace {

constexpr qsizetype kHashBytes = crypto_auth_hmacsha256_BYTES;
constexpr qsizetype kMaxOutput = 255 * kHashBytes;

} // namespace

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, sodiumBytes(key), static_cast<size_t>(key.size()));
    crypto_auth_hmacsha256_update(&state, sodiumBytes(data),
                                  static_cast<unsigned long long>(data.size()));
    QByteArray mac(kHashBytes, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(mac.data()));
    sodium_memzero(&state, sizeof state);
    return mac;
}

QByteArray hkdfSha256(QByteArrayView salt, QByteArrayView ikm, QByteArrayView info,
                      qsizetype length)
{
    if (length <= 0 || length > kMaxOutput)
        return {};
    // Extract. An empty salt already means HashLen zero bytes: HMAC pads short keys with zeros.
    std::array<unsigned char, kHashBytes> prk{};
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, sodiumBytes(salt), static_cast<size_t>(salt.size()));
    crypto_auth_hmacsha256_update(&state, sodiumBytes(ikm),
                                  static_cast<unsigned long long>(ikm.size()));
    crypto_auth_hmacsha256_final(&state, prk.data());

    // Expand: T(i) = HMAC(PRK, T(i-1) || info || i).
    QByteArray out(length, Qt::Uninitialized);
    std::array<unsigned char, kHashBytes> block{};
    qsizetype written = 0;
    for (unsigned counter = 1; written < length; ++counter) {
        crypto_auth_hmacsha256_init(&state, prk.data(), prk.size());
        if (counter > 1)
            crypto_auth_hmacsha256_update(&state, block.data(), block.size());
        crypto_auth_hmacsha256_update(&state, sodiumBytes(info),
                                      static_cast<unsigned long long>(info.size()));
        const auto c = static_cast<unsigned char>(counter);
        crypto_auth_hmacsha256_update(&state, &c, 1);
        crypto_auth_hmacsha256_final(&state, block.data());
        const qsizetype take = std::min(kHashBytes, length - written);
        std::copy_n(block.data(), take, out.data() + written);
        written += take;
    }
    sodium_memzero(prk.data(), prk.size());
    sodium_memzero(block.data(), block.size());
    sodium_memzero(&state, sizeof state);
    return out;
}

} // namespace linnet::crypto
