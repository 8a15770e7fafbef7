// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

namespace linnet::crypto {

/** Key sizes used throughout this folder. */
inline constexpr qsizetype kX25519KeyBytes = 32;
inline constexpr qsizetype kEd25519PublicBytes = 32;
inline constexpr qsizetype kEd25519SecretBytes = 64;
inline constexpr qsizetype kEd25519SignatureBytes = 64;

/** An X25519 key pair: 32-byte public and 32-byte secret. */
struct KeyPair {
    QByteArray publicKey;
    QByteArray secretKey;
};

/** A fresh X25519 key pair from the OS CSPRNG. */
KeyPair generateX25519();

/**
 * X25519 Diffie-Hellman of @p secret and @p remotePublic (both 32 bytes). nullopt on a
 * wrong size or an all-zero result (a small-order remote point), which X3DH and the
 * ratchet report as InvalidKey.
 */
std::optional<QByteArray> x25519(QByteArrayView secret, QByteArrayView remotePublic);

/**
 * A device's long-term identity: an Ed25519 key pair (public 32, secret 64 = seed ||
 * public) that signs prekeys, and whose X25519 form (libsodium's
 * crypto_sign_ed25519_{pk,sk}_to_curve25519) takes part in X3DH. Signal signs with the
 * X25519 key through XEdDSA, which libsodium lacks; converting the Ed25519 key the other
 * way gives the same property: one published key for signing and DH.
 */
class IdentityKeyPair {
public:
    /** An empty pair (isNull()); sign() on it returns an empty signature. */
    IdentityKeyPair() = default;
    static IdentityKeyPair generate();
    /** From a stored 64-byte secret; nullopt if its embedded public key does not match. */
    static std::optional<IdentityKeyPair> fromSecret(QByteArrayView ed25519Secret64);

    IdentityKeyPair(const IdentityKeyPair &) = default;
    IdentityKeyPair(IdentityKeyPair &&) noexcept = default;
    IdentityKeyPair &operator=(const IdentityKeyPair &) = default;
    IdentityKeyPair &operator=(IdentityKeyPair &&) noexcept = default;
    ~IdentityKeyPair();

    QByteArray publicKey() const { return m_public; }  ///< Ed25519, 32 bytes
    QByteArray secretKey() const { return m_secret; }  ///< Ed25519, 64 bytes
    QByteArray sign(QByteArrayView message) const;     ///< detached, 64 bytes
    QByteArray dhPublic() const { return m_dhPublic; } ///< X25519 form, 32 bytes
    QByteArray dhSecret() const { return m_dhSecret; } ///< X25519 form, 32 bytes
    bool isNull() const { return m_secret.isEmpty(); }

private:
    QByteArray m_public;
    QByteArray m_secret;
    QByteArray m_dhPublic;
    QByteArray m_dhSecret;
};

/** Ed25519 detached-signature check; false on any wrong size. */
bool verifySignature(QByteArrayView ed25519Public, QByteArrayView message,
                     QByteArrayView signature);

/** The X25519 form of an Ed25519 identity key; nullopt if it is not a valid point. */
std::optional<QByteArray> identityDhPublic(QByteArrayView ed25519Public);

/** A medium-term X25519 prekey signed by the identity key (rotated by the client). */
struct SignedPreKey {
    quint32 id = 0;
    KeyPair pair;
    QByteArray signature;
    qint64 createdAt = 0;
};

/** A single-use X25519 prekey; the server hands each one out at most once. */
struct OneTimePreKey {
    quint32 id = 0;
    KeyPair pair;
};

/** The bytes a signed prekey's signature covers: "LinnetSignedPreKey1" || id (u32 BE) || public. */
QByteArray signedPreKeyMessage(quint32 id, QByteArrayView preKeyPublic);

SignedPreKey generateSignedPreKey(const IdentityKeyPair &identity, quint32 id, qint64 now);

/** What the server checks on upload and the initiator before X3DH. */
bool verifySignedPreKey(QByteArrayView identityPublic, quint32 id, QByteArrayView preKeyPublic,
                        QByteArrayView signature);

} // namespace linnet::crypto
