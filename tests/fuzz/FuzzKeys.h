// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fixed keys of the crypto fuzz targets, shared with linnet-fuzz-seeds so that seeds made
// once (a prekey envelope to Bob, group messages of the test sender) stay valid for the
// targets that read them. Test keys only: derived from constant seeds.

#include "crypto/BinaryCodec.h"
#include "crypto/SenderKey.h"
#include "crypto/SessionCipher.h"

#include <sodium.h>

namespace linnet::fuzz {

inline crypto::KeyPair x25519FromSeed(char fill)
{
    crypto::KeyPair pair;
    pair.secretKey = QByteArray(32, fill);
    pair.publicKey = QByteArray(32, Qt::Uninitialized);
    crypto_scalarmult_base(reinterpret_cast<unsigned char *>(pair.publicKey.data()),
                           reinterpret_cast<const unsigned char *>(pair.secretKey.constData()));
    return pair;
}

/** An Ed25519 pair from a seed of 32 @p fill bytes: public 32, secret 64. */
inline std::pair<QByteArray, QByteArray> ed25519FromSeed(char fill)
{
    const QByteArray seed(crypto_sign_SEEDBYTES, fill);
    QByteArray pk(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    QByteArray sk(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char *>(pk.data()),
                             reinterpret_cast<unsigned char *>(sk.data()),
                             reinterpret_cast<const unsigned char *>(seed.constData()));
    return {pk, sk};
}

inline crypto::IdentityKeyPair identityFromSeed(char fill)
{
    return *crypto::IdentityKeyPair::fromSecret(ed25519FromSeed(fill).second);
}

/** Bob, the responder of fuzz_envelope: signed prekey 1, one-time prekey 7. */
inline crypto::LocalIdentity bob()
{
    crypto::LocalIdentity local;
    local.identity = identityFromSeed('b');
    local.signedPreKey = [](quint32 id) -> std::optional<crypto::KeyPair> {
        if (id == 1)
            return x25519FromSeed('s');
        return std::nullopt;
    };
    local.oneTimePreKey = [](quint32 id) -> std::optional<crypto::KeyPair> {
        if (id == 7)
            return x25519FromSeed('o');
        return std::nullopt;
    };
    return local;
}

/** The prekey bundle of bob(), as the server would hand it out. */
inline crypto::PreKeyBundle bobBundle()
{
    const crypto::LocalIdentity local = bob();
    crypto::PreKeyBundle bundle;
    bundle.identity = local.identity.publicKey();
    bundle.signedPreKeyId = 1;
    bundle.signedPreKey = x25519FromSeed('s').publicKey;
    bundle.signature = local.identity.sign(crypto::signedPreKeyMessage(1, bundle.signedPreKey));
    bundle.oneTimePreKeyId = 7;
    bundle.oneTimePreKey = x25519FromSeed('o').publicKey;
    return bundle;
}

/** The group sender of fuzz_senderkey: key id 0x01020304 at iteration 0, signing seed 'k'. */
inline constexpr quint32 kSenderKeyId = 0x01020304;
/** The associated data of its group messages. */
inline constexpr char kGroupAssociatedData[] = "fuzz group 3";

inline crypto::OwnSenderKey senderKey()
{
    // The state's version byte is whatever this build writes.
    QByteArray state = crypto::OwnSenderKey::generate().serialize().first(1);
    crypto::appendU32(state, kSenderKeyId);
    crypto::appendU32(state, 0);
    const auto [pk, sk] = ed25519FromSeed('k');
    state += QByteArray(32, 'c') + pk + sk;
    return *crypto::OwnSenderKey::deserialize(state);
}

} // namespace linnet::fuzz
