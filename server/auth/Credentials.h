// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArray>
#include <QString>

namespace linnet::server {

/**
 * Password hashing, device tokens and invite codes. Passwords are hashed with
 * Argon2id (libsodium crypto_pwhash_str, its own random salt inside the string).
 * Tokens and invite codes are high-entropy random values, so a fast BLAKE2b hash
 * is enough to store them; only the hash is ever written to disk and every
 * comparison is constant-time.
 */
class Credentials {
public:
    /** Argon2id cost; the defaults are libsodium's "interactive" limits. */
    struct Cost {
        quint64 opsLimit;
        size_t memLimit;
    };
    static Cost interactiveCost();

    explicit Credentials(Cost cost = interactiveCost()) : m_cost(cost) {}

    /** Slow by design (tens of milliseconds): call off the event loop thread. */
    protocol::Result<QByteArray> hashPassword(const QString &password) const;
    /** Slow by design. False for a wrong password or a malformed hash. */
    bool verifyPassword(const QByteArray &hash, const QString &password) const;

    /** kTokenBytes random bytes. */
    static QByteArray newToken();
    /** BLAKE2b-256 of a token or invite code. */
    static QByteArray hashSecret(QByteArrayView secret);
    /** Constant-time check of @p token against a stored hash. */
    static bool tokenMatches(QByteArrayView token, QByteArrayView storedHash);

    /** A human-friendly invite code, e.g. "K7QD-2MXA-9PRT-HV4C" (80 bits). */
    static QString newInviteCode();
    /** Upper-cases and strips separators so codes compare however they are typed. */
    static QString normalizeInviteCode(const QString &code);

private:
    Cost m_cost;
};

} // namespace linnet::server
