// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CryptoResult.h"
#include "Keys.h"

#include <QByteArray>

#include <optional>

namespace linnet::crypto {

/** What the server hands out for a device: its identity and prekeys (X3DH "prekey bundle"). */
struct PreKeyBundle {
    QByteArray identity; ///< Ed25519 public, 32
    quint32 signedPreKeyId = 0;
    QByteArray signedPreKey; ///< X25519 public, 32
    QByteArray signature;    ///< over signedPreKeyMessage(signedPreKeyId, signedPreKey)
    quint32 oneTimePreKeyId = 0;
    QByteArray oneTimePreKey; ///< X25519 public, 32; empty = none left on the server
};

/** The initiator's X3DH output, and the public values the responder needs. */
struct X3dhInitiated {
    QByteArray sharedKey;          ///< SK, 32 bytes: the ratchet's first root key
    QByteArray associatedData;     ///< AD = initiator identity || responder identity (Ed25519)
    QByteArray baseKey;            ///< EK_A public, carried in every prekey envelope
    QByteArray remoteSignedPreKey; ///< SPK_B: the responder's first ratchet public key
    quint32 signedPreKeyId = 0;
    quint32 oneTimePreKeyId = 0; ///< 0 when the bundle had none
};

/** The responder's X3DH output. */
struct X3dhShared {
    QByteArray sharedKey;
    QByteArray associatedData;
};

/** Info string of the X3DH KDF; docs/crypto.md lists every KDF input. */
inline constexpr char kX3dhInfo[] = "Linnet X3DH v1";

/**
 * X3DH as the initiator (Alice) against @p bundle, with a fresh ephemeral key:
 * DH1 = DH(IK_A, SPK_B), DH2 = DH(EK_A, IK_B), DH3 = DH(EK_A, SPK_B), DH4 = DH(EK_A, OPK_B);
 * SK = HKDF(salt = 32 zero bytes, ikm = 32 x 0xFF || DH1..DH4, info = kX3dhInfo, 32).
 * BadSignature if the signed prekey does not verify; InvalidKey for a key of the wrong
 * size, an identity that is not a valid point, or an all-zero DH output.
 */
Result<X3dhInitiated> x3dhInitiate(const IdentityKeyPair &self, const PreKeyBundle &bundle);

/**
 * X3DH as the responder (Bob) for an initiator identity @p remoteIdentity (Ed25519) and
 * base key @p baseKey, with our signed prekey and, if the initiator used one, the
 * one-time prekey. Errors as for x3dhInitiate (there is no signature to check).
 */
Result<X3dhShared> x3dhRespond(const IdentityKeyPair &self, const KeyPair &signedPreKey,
                               const std::optional<KeyPair> &oneTimePreKey,
                               QByteArrayView remoteIdentity, QByteArrayView baseKey);

} // namespace linnet::crypto
