// SPDX-License-Identifier: GPL-3.0-or-later
#include "RatchetPrimitives.h"

#include "Hkdf.h"
#include "Sodium.h"

#include <sodium.h>

namespace linnet::crypto {

namespace {

constexpr qsizetype kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr qsizetype kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

/** Key (32) || nonce (24) for one message: HKDF(32 zero bytes, mk, @p info, 56). */
QByteArray expandMessageKey(QByteArrayView info, QByteArrayView messageKey)
{
    return hkdfSha256(QByteArray(32, '\0'), messageKey, info, kKeyBytes + kNonceBytes);
}

} // namespace

RootStep kdfRoot(QByteArrayView rootKey, QByteArrayView dhOutput)
{
    QByteArray out = hkdfSha256(rootKey, dhOutput, kRatchetInfo, 64);
    RootStep step{out.first(32), out.sliced(32)};
    wipe(out);
    return step;
}

ChainStep kdfChain(QByteArrayView chainKey)
{
    static const char messageConstant = '\x01';
    static const char chainConstant = '\x02';
    return ChainStep{hmacSha256(chainKey, QByteArrayView(&chainConstant, 1)),
                     hmacSha256(chainKey, QByteArrayView(&messageConstant, 1))};
}

QByteArray sealMessage(QByteArrayView messageKey, QByteArrayView plaintext,
                       QByteArrayView associatedData)
{
    return sealPadded(kMessageKeysInfo, messageKey, plaintext, associatedData);
}

bool isSealedSize(qsizetype size)
{
    return size >= kTagBytes + kPaddingBlock && (size - kTagBytes) % kPaddingBlock == 0;
}

Result<QByteArray> openMessage(QByteArrayView messageKey, QByteArrayView ciphertext,
                               QByteArrayView associatedData)
{
    return openPadded(kMessageKeysInfo, messageKey, ciphertext, associatedData,
                      QStringLiteral("the message does not authenticate"));
}

QByteArray sealPadded(QByteArrayView info, QByteArrayView messageKey, QByteArrayView plaintext,
                      QByteArrayView associatedData)
{
    // sodium_pad always adds at least one byte, so an exact multiple gains a whole block.
    const qsizetype paddedCapacity = (plaintext.size() / kPaddingBlock + 1) * kPaddingBlock;
    QByteArray padded(paddedCapacity, Qt::Uninitialized);
    std::copy(plaintext.begin(), plaintext.end(), padded.begin());
    size_t paddedSize = 0;
    sodium_pad(&paddedSize, sodiumBytes(padded), static_cast<size_t>(plaintext.size()),
               static_cast<size_t>(kPaddingBlock), static_cast<size_t>(paddedCapacity));

    QByteArray keys = expandMessageKey(info, messageKey);
    QByteArray ciphertext(qsizetype(paddedSize) + kTagBytes, Qt::Uninitialized);
    unsigned long long ciphertextSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        sodiumBytes(ciphertext), &ciphertextSize, sodiumBytes(padded), paddedSize,
        sodiumBytes(associatedData), static_cast<unsigned long long>(associatedData.size()),
        nullptr, sodiumBytes(keys) + kKeyBytes, sodiumBytes(keys));
    wipe(keys);
    wipe(padded);
    return ciphertext;
}

Result<QByteArray> openPadded(QByteArrayView info, QByteArrayView messageKey,
                              QByteArrayView ciphertext, QByteArrayView associatedData,
                              const QString &unauthenticated)
{
    if (!isSealedSize(ciphertext.size()))
        return cryptoFailure(CryptoError::Malformed,
                             QStringLiteral("ciphertext size is not tag + whole padding blocks"));
    QByteArray keys = expandMessageKey(info, messageKey);
    QByteArray padded(ciphertext.size() - kTagBytes, Qt::Uninitialized);
    unsigned long long paddedSize = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        sodiumBytes(padded), &paddedSize, nullptr, sodiumBytes(ciphertext),
        static_cast<unsigned long long>(ciphertext.size()), sodiumBytes(associatedData),
        static_cast<unsigned long long>(associatedData.size()), sodiumBytes(keys) + kKeyBytes,
        sodiumBytes(keys));
    wipe(keys);
    if (rc != 0)
        return cryptoFailure(CryptoError::DecryptFailed, unauthenticated);
    size_t plainSize = 0;
    if (sodium_unpad(&plainSize, sodiumBytes(padded), static_cast<size_t>(paddedSize),
                     static_cast<size_t>(kPaddingBlock)) != 0) {
        wipe(padded);
        return cryptoFailure(CryptoError::Malformed, QStringLiteral("bad plaintext padding"));
    }
    padded.truncate(qsizetype(plainSize));
    return padded;
}

} // namespace linnet::crypto
