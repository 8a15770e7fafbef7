// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CryptoResult.h"

#include <QByteArray>

#include <optional>

namespace linnet::crypto {

/** What a prekey envelope tells the responder so that it can run X3DH (docs/crypto.md). */
struct PreKeyHeader {
    QByteArray identity; ///< the initiator's Ed25519 identity public key, 32
    QByteArray baseKey;  ///< the initiator's X3DH ephemeral public key, 32
    quint32 signedPreKeyId = 0;
    quint32 oneTimePreKeyId = 0; ///< 0 = none was used
    bool operator==(const PreKeyHeader &) const = default;
};

/**
 * One encrypted message on the wire: version 0x01, type (0x01 message, 0x02 prekey
 * message), for a prekey message the PreKeyHeader (identity 32, base key 32, spk id u32
 * BE, opk id u32 BE), then the ratchet message (header 40 || AEAD ciphertext).
 */
struct Envelope {
    static constexpr quint8 kVersion = 0x01;
    static constexpr quint8 kTypeMessage = 0x01;
    static constexpr quint8 kTypePreKeyMessage = 0x02;
    static constexpr qsizetype kPreKeyHeaderSize = 72;

    std::optional<PreKeyHeader> preKey; ///< set for a prekey message
    QByteArray ratchetMessage;          ///< RatchetHeader (40) || ciphertext

    QByteArray encode() const;
    /** UnsupportedVersion for another version byte; Malformed for anything else wrong. */
    static Result<Envelope> decode(QByteArrayView bytes);
};

} // namespace linnet::crypto
