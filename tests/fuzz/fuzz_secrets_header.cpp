// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the header of the passphrase store's file (PassphraseSecretStore, e.g.
// PROFILE/secrets.bin), read before any key is derived. Property: a header that passes
// names Argon2id with a cost inside the bounds open() promises (so a damaged file cannot
// make it spend minutes or gigabytes) and a whole salt; a refusal says why.
#include "FuzzSupport.h"

#include "e2e/PassphraseSecretStore.h"

#include <sodium.h>

using linnet::client::PassphraseSecretStore;
using linnet::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray content = linnet::fuzz::input(data, size).toByteArray();
    const auto params = PassphraseSecretStore::readHeader(content, QStringLiteral("secrets.bin"));
    if (!params.ok()) {
        check(!params.error().reason.isEmpty(), "a refused file says why");
        return 0;
    }
    const auto &p = params.value();
    check(p.algorithm == crypto_pwhash_ALG_ARGON2ID13, "the KDF is Argon2id");
    check(p.opsLimit >= crypto_pwhash_argon2id_OPSLIMIT_MIN && p.opsLimit <= 32,
          "the passes are bounded");
    check(p.memLimit >= crypto_pwhash_argon2id_MEMLIMIT_MIN &&
              p.memLimit <= crypto_pwhash_MEMLIMIT_SENSITIVE,
          "the memory is bounded");
    check(p.salt.size() == crypto_pwhash_SALTBYTES, "the salt is whole");
    return 0;
}
