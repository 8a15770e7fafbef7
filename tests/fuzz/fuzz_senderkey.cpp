// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: group messages and sender keys (SenderKey): distributions, the key id a
// message names, ReceivedSenderKeys::decrypt and the stored forms of sender keys. The
// fuzzer cannot forge Ed25519 signatures, so the input is read as up to four messages
// (u16 BE length, a flag byte, the message); with the flag's low bit set the target signs
// the message with the test sender's key, which reaches the chain, skipped-key and
// decryption code behind the signature check. Properties: a decoded distribution encodes
// to its bytes; a failed decrypt leaves the state exactly as it was; a deserialized state
// serializes to bytes that deserialize to the same serialization.
#include "FuzzKeys.h"
#include "FuzzSupport.h"

#include "crypto/SenderKey.h"
#include "crypto/Sodium.h"

#include <QtEndian>

#include <sodium.h>

using namespace linnet::crypto;
using linnet::fuzz::check;
using linnet::fuzz::checkReserialize;

namespace {

constexpr int kMaxMessages = 4;

/** Receives the test sender's messages (linnet::fuzz::senderKey()) from iteration 0. */
ReceivedSenderKeys makeReceiver()
{
    ReceivedSenderKeys received;
    check(received.add(linnet::fuzz::senderKey().distribution()).ok(),
          "the test sender's key is taken");
    return received;
}

const ReceivedSenderKeys &receiver()
{
    static const ReceivedSenderKeys received = makeReceiver();
    return received;
}

QByteArray signedByTheSender(QByteArrayView message)
{
    static const QByteArray secret = linnet::fuzz::ed25519FromSeed('k').second;
    const QByteArray signedPart =
        QByteArray(linnet::fuzz::kGroupAssociatedData) + message.toByteArray();
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(signedPart.constData()),
                         quint64(signedPart.size()),
                         reinterpret_cast<const unsigned char *>(secret.constData()));
    return message.toByteArray() + signature;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    check(initSodium(), "libsodium initialises");
    (void)receiver();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);

    const auto distribution = SenderKeyDistribution::decode(bytes);
    if (distribution.ok())
        check(distribution.value().encode() == bytes,
              "a distribution encodes to the bytes it came from");
    (void)senderKeyIdOf(bytes);
    checkReserialize<OwnSenderKey>(bytes);
    checkReserialize<ReceivedSenderKeys>(bytes);

    ReceivedSenderKeys keys = receiver();
    QByteArrayView rest = bytes;
    for (int i = 0; i < kMaxMessages && rest.size() >= 3; ++i) {
        const qsizetype length =
            qMin<qsizetype>(qFromBigEndian<quint16>(rest.data()), rest.size() - 3);
        const bool sign = rest[2] & 1;
        const QByteArrayView body = rest.sliced(3, length);
        rest = rest.sliced(3 + length);
        const QByteArray message = sign ? signedByTheSender(body) : body.toByteArray();
        const QByteArray before = keys.serialize();
        if (!keys.decrypt(message, linnet::fuzz::kGroupAssociatedData).ok())
            check(keys.serialize() == before, "a failed decrypt leaves the keys as they were");
    }
    return 0;
}
