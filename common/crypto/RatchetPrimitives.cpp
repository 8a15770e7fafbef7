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

const unsigned char *bytes(QByteArrayView view)
{
    return sodiumBytes(view);
}

unsigned char *bytes(QByteArray &array)
{
    return reinterpret_cast<unsigned char *>(array.data());
}

/** Key (32) || nonce (24) for one message. */
QByteArray expandMessageKey(QByteArrayView messageKey)
{
    return hkdfSha256(QByteArray(32, '\0'), messageKey, kMessageKeysInfo, kKeyBytes + kNonceBytes);
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
    // sodium_pad always adds at least one byte, so an exact multiple gains a whole block.
    const qsizetype paddedCapacity = (plaintext.size() / kPaddingBlock + 1) * kPaddingBlock;
    QByteArray padded(paddedCapacity, Qt::Uninitialized);
    std::copy(plaintext.begin(), plaintext.end(), padded.begin());
    size_t paddedSize = 0;
    sodium_pad(&paddedSize, bytes(padded), static_cast<size_t>(plaintext.size()),
               static_cast<size_t>(kPaddingBlock), static_cast<size_t>(paddedCapacity));

    QByteArray keys = expandMessageKey(messageKey);
    QByteArray ciphertext(qsizetype(paddedSize) + kTagBytes, Qt::Uninitialized);
    unsigned long long ciphertextSize = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        bytes(ciphertext), &ciphertextSize, bytes(padded), paddedSize, bytes(associatedData),
        static_cast<unsigned long long>(associatedData.size()), nullptr, bytes(keys) + kKeyBytes,
        bytes(keys));
    wipe(keys);
    wipe(padded);
    return ciphertext;
}

bool isSealedSize(qsizetype size)
{
    return size >= kTagBytes + kPaddingBlock && (size - kTagBytes) % kPaddingBlock == 0;
}

Outcome<QByteArray> openMessage(QByteArrayView messageKey, QByteArrayView ciphertext,
                                QByteArrayView associatedData)
{
    if (!isSealedSize(ciphertext.size()))
        return cryptoFailure(CryptoError::Malformed,
                             QStringLiteral("ciphertext size is not tag + whole padding blocks"));
    QByteArray keys = expandMessageKey(messageKey);
    QByteArray padded(ciphertext.size() - kTagBytes, Qt::Uninitialized);
    unsigned long long paddedSize = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        bytes(padded), &paddedSize, nullptr, bytes(ciphertext),
        static_cast<unsigned long long>(ciphertext.size()), bytes(associatedData),
        static_cast<unsigned long long>(associatedData.size()), bytes(keys) + kKeyBytes,
        bytes(keys));
    wipe(keys);
    if (rc != 0)
        return cryptoFailure(CryptoError::DecryptFailed,
                             QStringLiteral("the message does not authenticate"));
    size_t plainSize = 0;
    if (sodium_unpad(&plainSize, bytes(padded), static_cast<size_t>(paddedSize),
                     static_cast<size_t>(kPaddingBlock)) != 0) {
        wipe(padded);
        return cryptoFailure(CryptoError::Malformed, QStringLiteral("bad plaintext padding"));
    }
    padded.truncate(qsizetype(plainSize));
    return padded;
}

} // namespace linnet::crypto
