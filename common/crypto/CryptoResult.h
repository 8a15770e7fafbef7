// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Result.h"

#include <QString>

#include <utility>

namespace linnet::crypto {

/** Why a cryptographic operation refused its input. docs/crypto.md says when each occurs. */
enum class CryptoError {
    InvalidKey,         ///< a key of the wrong size, not a valid point, or an all-zero DH output
    BadSignature,       ///< a signed prekey whose signature does not verify
    Malformed,          ///< truncated or structurally wrong bytes
    UnsupportedVersion, ///< an envelope or serialized state of a version we do not speak
    DecryptFailed,      ///< authentication failed: wrong key, tampered bytes
    Replayed,           ///< the message key was already used (or discarded)
    TooFarAhead,        ///< more than DoubleRatchet::kMaxSkip messages would be skipped
    NoSession,          ///< encrypting without an established session
    MissingPreKey,      ///< a prekey envelope names a prekey we do not (or no longer) have
};

/** Stable snake_case name of @p code, for logs. */
inline QString cryptoErrorName(CryptoError code)
{
    switch (code) {
    case CryptoError::InvalidKey:
        return QStringLiteral("invalid_key");
    case CryptoError::BadSignature:
        return QStringLiteral("bad_signature");
    case CryptoError::Malformed:
        return QStringLiteral("malformed");
    case CryptoError::UnsupportedVersion:
        return QStringLiteral("unsupported_version");
    case CryptoError::DecryptFailed:
        return QStringLiteral("decrypt_failed");
    case CryptoError::Replayed:
        return QStringLiteral("replayed");
    case CryptoError::TooFarAhead:
        return QStringLiteral("too_far_ahead");
    case CryptoError::NoSession:
        return QStringLiteral("no_session");
    case CryptoError::MissingPreKey:
        return QStringLiteral("missing_prekey");
    }
    return QStringLiteral("unknown");
}

/** A refused operation: a code and a reason a person can read (never secret material). */
struct CryptoFailure {
    CryptoError code = CryptoError::Malformed;
    QString reason;
};

inline CryptoFailure cryptoFailure(CryptoError code, QString reason)
{
    return CryptoFailure{code, std::move(reason)};
}

/**
 * A value or a CryptoFailure: linnet::Result with the crypto error type. Crypto code
 * reports bad input as a value instead of throwing (base/Result.h says why).
 */
template <typename T> using Result = linnet::Result<T, CryptoFailure>;

/** Ok, or a CryptoFailure saying why not: for an operation that has no value to return. */
using Status = linnet::Status<CryptoFailure>;

} // namespace linnet::crypto
