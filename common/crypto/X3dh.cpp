// SPDX-License-Identifier: GPL-3.0-or-later
#include "X3dh.h"

#include "Hkdf.h"
#include "Sodium.h"

namespace linnet::crypto {

namespace {

/**
 * Appends DH(@p secret, @p remotePublic) to @p ikm; false on a wrong size or an all-zero
 * output. The temporary result is wiped either way.
 */
bool appendDh(QByteArray &ikm, QByteArrayView secret, QByteArrayView remotePublic)
{
    auto shared = x25519(secret, remotePublic);
    if (!shared)
        return false;
    ikm.append(*shared);
    wipe(*shared);
    return true;
}

/** SK from the concatenated DH outputs; wipes @p dhOutputs. */
QByteArray deriveSharedKey(QByteArray &dhOutputs)
{
    // The 32 0xFF bytes are X3DH's domain separator for X25519 (spec section 2.2).
    QByteArray ikm(32, '\xff');
    ikm.append(dhOutputs);
    wipe(dhOutputs);
    QByteArray sk = hkdfSha256(QByteArray(32, '\0'), ikm, kX3dhInfo, 32);
    wipe(ikm);
    return sk;
}

CryptoFailure invalidKey(const char *what)
{
    return cryptoFailure(CryptoError::InvalidKey, QString::fromLatin1(what));
}

} // namespace

Result<X3dhInitiated> x3dhInitiate(const IdentityKeyPair &self, const PreKeyBundle &bundle)
{
    if (self.isNull())
        return invalidKey("no local identity key");
    const auto remoteIdentityDh = identityDhPublic(bundle.identity);
    if (!remoteIdentityDh)
        return invalidKey("the bundle's identity key is not a valid Ed25519 public key");
    if (bundle.signedPreKey.size() != kX25519KeyBytes)
        return invalidKey("the signed prekey is not 32 bytes");
    if (!verifySignedPreKey(bundle.identity, bundle.signedPreKeyId, bundle.signedPreKey,
                            bundle.signature))
        return cryptoFailure(CryptoError::BadSignature,
                             QStringLiteral("the signed prekey's signature does not verify"));
    const bool withOneTime = !bundle.oneTimePreKey.isEmpty();
    if (withOneTime && bundle.oneTimePreKey.size() != kX25519KeyBytes)
        return invalidKey("the one-time prekey is not 32 bytes");
    if (withOneTime && bundle.oneTimePreKeyId == 0)
        return cryptoFailure(CryptoError::Malformed,
                             QStringLiteral("one-time prekey id 0 is reserved for none"));

    KeyPair ephemeral = generateX25519();
    QByteArray dh;
    const bool ok = appendDh(dh, self.dhSecret(), bundle.signedPreKey) &&
                    appendDh(dh, ephemeral.secretKey, *remoteIdentityDh) &&
                    appendDh(dh, ephemeral.secretKey, bundle.signedPreKey) &&
                    (!withOneTime || appendDh(dh, ephemeral.secretKey, bundle.oneTimePreKey));
    wipe(ephemeral.secretKey);
    if (!ok) {
        wipe(dh);
        return invalidKey("a Diffie-Hellman output is all zeros");
    }

    X3dhInitiated out;
    out.sharedKey = deriveSharedKey(dh);
    out.associatedData = self.publicKey() + bundle.identity;
    out.baseKey = ephemeral.publicKey;
    out.remoteSignedPreKey = bundle.signedPreKey;
    out.signedPreKeyId = bundle.signedPreKeyId;
    out.oneTimePreKeyId = withOneTime ? bundle.oneTimePreKeyId : 0;
    return out;
}

Result<X3dhShared> x3dhRespond(const IdentityKeyPair &self, const KeyPair &signedPreKey,
                               const std::optional<KeyPair> &oneTimePreKey,
                               QByteArrayView remoteIdentity, QByteArrayView baseKey)
{
    if (self.isNull())
        return invalidKey("no local identity key");
    const auto remoteIdentityDh = identityDhPublic(remoteIdentity);
    if (!remoteIdentityDh)
        return invalidKey("the initiator's identity key is not a valid Ed25519 public key");
    if (baseKey.size() != kX25519KeyBytes)
        return invalidKey("the base key is not 32 bytes");

    QByteArray dh;
    const bool ok = appendDh(dh, signedPreKey.secretKey, *remoteIdentityDh) &&
                    appendDh(dh, self.dhSecret(), baseKey) &&
                    appendDh(dh, signedPreKey.secretKey, baseKey) &&
                    (!oneTimePreKey || appendDh(dh, oneTimePreKey->secretKey, baseKey));
    if (!ok) {
        wipe(dh);
        return invalidKey("a Diffie-Hellman output is all zeros or a key has the wrong size");
    }
    X3dhShared out;
    out.sharedKey = deriveSharedKey(dh);
    out.associatedData = remoteIdentity.toByteArray() + self.publicKey();
    return out;
}

} // namespace linnet::crypto
