// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: what a client does with an envelope from the network (Envelope, the prekey
// header, RatchetHeader, then SessionCipher::decrypt as a responder with no session and
// with an established one), and the stored forms of sessions (SessionRecord,
// DoubleRatchet). Properties: a decoded envelope or header encodes back to the same bytes;
// a failed decrypt leaves the session record exactly as it was; a deserialized state
// serializes to bytes that deserialize to the same serialization.
#include "FuzzKeys.h"
#include "FuzzSupport.h"

#include "crypto/DoubleRatchet.h"
#include "crypto/Envelope.h"
#include "crypto/SessionCipher.h"
#include "crypto/SessionRecord.h"
#include "crypto/Sodium.h"

using namespace linnet::crypto;
using linnet::fuzz::check;
using linnet::fuzz::checkReserialize;

namespace {

/** Bob's keys and his record after Alice's first message. */
struct Responder {
    LocalIdentity local = linnet::fuzz::bob();
    SessionRecord established;
};

Responder makeResponder()
{
    Responder bob;
    SessionRecord alice;
    check(
        initiateSession(alice, linnet::fuzz::identityFromSeed('a'), linnet::fuzz::bobBundle()).ok(),
        "Alice starts a session");
    const auto first = encrypt(alice, "hello");
    check(first.ok(), "Alice encrypts");
    check(decrypt(bob.established, bob.local, first.value()).ok(), "Bob decrypts");
    return bob;
}

const Responder &responder()
{
    static const Responder bob = makeResponder();
    return bob;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    check(linnet::crypto::initSodium(), "libsodium initialises");
    (void)responder();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);

    const auto envelope = Envelope::decode(bytes);
    if (envelope.ok())
        check(envelope.value().encode() == bytes, "an envelope encodes to the bytes it came from");
    if (const auto header = RatchetHeader::decode(bytes))
        check(header->encode() == bytes.first(RatchetHeader::kSize),
              "a ratchet header encodes to its bytes");

    const Responder &bob = responder();
    for (const SessionRecord *start :
         {&bob.established, static_cast<const SessionRecord *>(nullptr)}) {
        SessionRecord record = start ? *start : SessionRecord();
        const QByteArray before = record.serialize();
        const auto decrypted = decrypt(record, bob.local, bytes);
        if (!decrypted.ok())
            check(record.serialize() == before, "a failed decrypt leaves the record as it was");
    }

    checkReserialize<SessionRecord>(bytes);
    checkReserialize<DoubleRatchet>(bytes);
    return 0;
}
