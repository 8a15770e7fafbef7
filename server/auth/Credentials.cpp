// SPDX-License-Identifier: GPL-3.0-or-later
#include "Credentials.h"

#include "crypto/Sodium.h"
#include "protocol/Limits.h"

#include <sodium.h>

namespace linnet::server {

using protocol::ErrorCode;

Credentials::Cost Credentials::interactiveCost()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

protocol::Result<QByteArray> Credentials::hashPassword(const QString &password) const
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                              m_cost.opsLimit, m_cost.memLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return protocol::makeError(ErrorCode::InternalError,
                                   QStringLiteral("password hashing ran out of memory"));
    return QByteArray(out);
}

bool Credentials::verifyPassword(const QByteArray &hash, const QString &password) const
{
    if (hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    // crypto_pwhash_str_verify needs a NUL-terminated string; QByteArray provides one.
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(),
                                    static_cast<unsigned long long>(utf8.size())) == 0;
}

QByteArray Credentials::newToken()
{
    return crypto::randomBytes(protocol::kTokenBytes);
}

QByteArray Credentials::hashSecret(QByteArrayView secret)
{
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), crypto_generichash_BYTES,
                       reinterpret_cast<const unsigned char *>(secret.data()),
                       static_cast<unsigned long long>(secret.size()), nullptr, 0);
    return out;
}

bool Credentials::tokenMatches(QByteArrayView token, QByteArrayView storedHash)
{
    return crypto::constantTimeEquals(hashSecret(token), storedHash);
}

QString Credentials::newInviteCode()
{
    // Crockford-style alphabet: no I, L, O, U, so codes read aloud without confusion.
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const QByteArray raw = crypto::randomBytes(16);
    QString code;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0)
            code += QLatin1Char('-');
        code += QLatin1Char(kAlphabet[static_cast<quint8>(raw[i]) % 32]);
    }
    return code;
}

QString Credentials::normalizeInviteCode(const QString &code)
{
    QString out;
    out.reserve(code.size());
    for (QChar c : code) {
        if (c.isLetterOrNumber())
            out += c.toUpper();
    }
    return out;
}

} // namespace linnet::server
