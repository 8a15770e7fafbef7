// SPDX-License-Identifier: GPL-3.0-or-later
#include "Keys.h"

#include "BinaryCodec.h"
#include "Sodium.h"

#include <sodium.h>

namespace linnet::crypto {

namespace {

/** Fills the X25519 half from the Ed25519 half; false if the keys do not convert. */
bool deriveDh(const QByteArray &edPublic, const QByteArray &edSecret, QByteArray &dhPublic,
              QByteArray &dhSecret)
{
    dhPublic = QByteArray(kX25519KeyBytes, Qt::Uninitialized);
    dhSecret = QByteArray(kX25519KeyBytes, Qt::Uninitialized);
    return crypto_sign_ed25519_pk_to_curve25519(sodiumBytes(dhPublic), sodiumBytes(edPublic)) ==
               0 &&
           crypto_sign_ed25519_sk_to_curve25519(sodiumBytes(dhSecret), sodiumBytes(edSecret)) == 0;
}

} // namespace

KeyPair generateX25519()
{
    KeyPair pair;
    pair.secretKey = randomBytes(kX25519KeyBytes);
    pair.publicKey = QByteArray(kX25519KeyBytes, Qt::Uninitialized);
    crypto_scalarmult_base(sodiumBytes(pair.publicKey), sodiumBytes(pair.secretKey));
    return pair;
}

std::optional<QByteArray> x25519(QByteArrayView secret, QByteArrayView remotePublic)
{
    if (secret.size() != kX25519KeyBytes || remotePublic.size() != kX25519KeyBytes)
        return std::nullopt;
    QByteArray shared(crypto_scalarmult_BYTES, Qt::Uninitialized);
    // libsodium returns -1 when the result is all zeros (a small-order point).
    if (crypto_scalarmult(sodiumBytes(shared), sodiumBytes(secret), sodiumBytes(remotePublic)) !=
        0) {
        wipe(shared);
        return std::nullopt;
    }
    return shared;
}

IdentityKeyPair IdentityKeyPair::generate()
{
    IdentityKeyPair pair;
    pair.m_public = QByteArray(kEd25519PublicBytes, Qt::Uninitialized);
    pair.m_secret = QByteArray(kEd25519SecretBytes, Qt::Uninitialized);
    crypto_sign_ed25519_keypair(sodiumBytes(pair.m_public), sodiumBytes(pair.m_secret));
    // A freshly generated key always converts; fromSecret() handles stored input.
    deriveDh(pair.m_public, pair.m_secret, pair.m_dhPublic, pair.m_dhSecret);
    return pair;
}

std::optional<IdentityKeyPair> IdentityKeyPair::fromSecret(QByteArrayView ed25519Secret64)
{
    if (ed25519Secret64.size() != kEd25519SecretBytes)
        return std::nullopt;
    IdentityKeyPair pair;
    pair.m_public = QByteArray(kEd25519PublicBytes, Qt::Uninitialized);
    pair.m_secret = QByteArray(kEd25519SecretBytes, Qt::Uninitialized);
    // Re-derive from the seed so that a secret with a foreign public half is refused.
    crypto_sign_ed25519_seed_keypair(sodiumBytes(pair.m_public), sodiumBytes(pair.m_secret),
                                     sodiumBytes(ed25519Secret64));
    if (!constantTimeEquals(pair.m_secret, ed25519Secret64))
        return std::nullopt;
    if (!deriveDh(pair.m_public, pair.m_secret, pair.m_dhPublic, pair.m_dhSecret))
        return std::nullopt;
    return pair;
}

IdentityKeyPair::~IdentityKeyPair()
{
    wipe(m_secret);
    wipe(m_dhSecret);
}

QByteArray IdentityKeyPair::sign(QByteArrayView message) const
{
    if (m_secret.size() != kEd25519SecretBytes)
        return {};
    QByteArray signature(crypto_sign_ed25519_BYTES, Qt::Uninitialized);
    crypto_sign_ed25519_detached(sodiumBytes(signature), nullptr, sodiumBytes(message),
                                 static_cast<unsigned long long>(message.size()),
                                 sodiumBytes(m_secret));
    return signature;
}

bool verifySignature(QByteArrayView ed25519Public, QByteArrayView message, QByteArrayView signature)
{
    if (ed25519Public.size() != kEd25519PublicBytes || signature.size() != kEd25519SignatureBytes)
        return false;
    return crypto_sign_ed25519_verify_detached(sodiumBytes(signature), sodiumBytes(message),
                                               static_cast<unsigned long long>(message.size()),
                                               sodiumBytes(ed25519Public)) == 0;
}

std::optional<QByteArray> identityDhPublic(QByteArrayView ed25519Public)
{
    if (ed25519Public.size() != kEd25519PublicBytes)
        return std::nullopt;
    QByteArray dh(kX25519KeyBytes, Qt::Uninitialized);
    // Fails on small-order points, points off the curve and outside the main subgroup.
    if (crypto_sign_ed25519_pk_to_curve25519(sodiumBytes(dh), sodiumBytes(ed25519Public)) != 0)
        return std::nullopt;
    return dh;
}

QByteArray signedPreKeyMessage(quint32 id, QByteArrayView preKeyPublic)
{
    QByteArray message("LinnetSignedPreKey1");
    appendU32(message, id);
    message.append(preKeyPublic);
    return message;
}

SignedPreKey generateSignedPreKey(const IdentityKeyPair &identity, quint32 id, qint64 now)
{
    SignedPreKey key;
    key.id = id;
    key.pair = generateX25519();
    key.signature = identity.sign(signedPreKeyMessage(id, key.pair.publicKey));
    key.createdAt = now;
    return key;
}

bool verifySignedPreKey(QByteArrayView identityPublic, quint32 id, QByteArrayView preKeyPublic,
                        QByteArrayView signature)
{
    if (preKeyPublic.size() != kX25519KeyBytes)
        return false;
    return verifySignature(identityPublic, signedPreKeyMessage(id, preKeyPublic), signature);
}

} // namespace linnet::crypto
