// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CryptoResult.h"

#include <QByteArray>

namespace linnet::crypto {

/**
 * The Double Ratchet's building blocks (KDF_RK, KDF_CK, ENCRYPT/DECRYPT of the Signal
 * specification, section 5.2), kept apart from the state machine in DoubleRatchet.
 * Every input and output key is 32 bytes.
 */

inline constexpr char kRatchetInfo[] = "Linnet ratchet v1";
inline constexpr char kMessageKeysInfo[] = "Linnet message keys v1";
/** Plaintexts are padded (ISO/IEC 7816-4, sodium_pad) to a multiple of this. */
inline constexpr qsizetype kPaddingBlock = 64;

struct RootStep {
    QByteArray rootKey;
    QByteArray chainKey;
};

/** KDF_RK: HKDF(salt = @p rootKey, ikm = @p dhOutput, info = kRatchetInfo, 64) -> (rk, ck). */
RootStep kdfRoot(QByteArrayView rootKey, QByteArrayView dhOutput);

struct ChainStep {
    QByteArray chainKey;
    QByteArray messageKey;
};

/** KDF_CK: mk = HMAC-SHA256(ck, 0x01), ck' = HMAC-SHA256(ck, 0x02). */
ChainStep kdfChain(QByteArrayView chainKey);

/**
 * Pads @p plaintext and encrypts it with XChaCha20-Poly1305 under the key and nonce
 * expanded from @p messageKey: HKDF(salt = 32 zero bytes, ikm = mk, info =
 * kMessageKeysInfo, 56) -> key (32) || nonce (24). A message key encrypts one message
 * only, so a derived nonce never repeats under its key.
 */
QByteArray sealMessage(QByteArrayView messageKey, QByteArrayView plaintext,
                       QByteArrayView associatedData);

/** True if @p size can be a sealMessage() output (tag plus whole padding blocks). */
bool isSealedSize(qsizetype size);

/** The inverse of sealMessage: DecryptFailed if it does not authenticate, Malformed on bad padding.
 */
Result<QByteArray> openMessage(QByteArrayView messageKey, QByteArrayView ciphertext,
                               QByteArrayView associatedData);

/**
 * sealMessage with the key and nonce expanded under @p info instead of kMessageKeysInfo:
 * sender keys seal their group messages this way under their own label (SenderKey.h).
 */
QByteArray sealPadded(QByteArrayView info, QByteArrayView messageKey, QByteArrayView plaintext,
                      QByteArrayView associatedData);

/** The inverse of sealPadded; a message that does not authenticate fails with @p unauthenticated.
 */
Result<QByteArray> openPadded(QByteArrayView info, QByteArrayView messageKey,
                              QByteArrayView ciphertext, QByteArrayView associatedData,
                              const QString &unauthenticated);

} // namespace linnet::crypto
