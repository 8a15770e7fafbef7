// SPDX-License-Identifier: GPL-3.0-or-later
#include "AtRest.h"

#include "Sodium.h"

#include <sodium.h>

namespace linnet::crypto {

namespace {

constexpr qsizetype kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kAtRestKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

} // namespace

QByteArray sealAtRest(QByteArrayView key32, QByteArrayView plaintext, QByteArrayView associatedData)
{
    if (key32.size() != kAtRestKeyBytes)
        return {};
    QByteArray out = randomBytes(kNonceBytes);
    out.resize(kNonceBytes + plaintext.size() + kTagBytes);
    auto *data = reinterpret_cast<unsigned char *>(out.data());
    unsigned long long cipherSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        data + kNonceBytes, &cipherSize, sodiumBytes(plaintext),
        static_cast<unsigned long long>(plaintext.size()), sodiumBytes(associatedData),
        static_cast<unsigned long long>(associatedData.size()), nullptr, data, sodiumBytes(key32));
    return out;
}

std::optional<QByteArray> openAtRest(QByteArrayView key32, QByteArrayView sealed,
                                     QByteArrayView associatedData)
{
    if (key32.size() != kAtRestKeyBytes || sealed.size() < kNonceBytes + kTagBytes)
        return std::nullopt;
    QByteArray plain(sealed.size() - kNonceBytes - kTagBytes, Qt::Uninitialized);
    unsigned long long plainSize = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<unsigned char *>(plain.data()), &plainSize, nullptr,
        sodiumBytes(sealed) + kNonceBytes,
        static_cast<unsigned long long>(sealed.size() - kNonceBytes), sodiumBytes(associatedData),
        static_cast<unsigned long long>(associatedData.size()), sodiumBytes(sealed),
        sodiumBytes(key32));
    if (rc != 0) {
        wipe(plain);
        return std::nullopt;
    }
    return plain;
}

} // namespace linnet::crypto
