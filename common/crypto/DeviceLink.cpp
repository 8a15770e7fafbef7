// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceLink.h"

#include "AtRest.h"
#include "Sodium.h"

#include <QtEndian>

#include <sodium.h>

#include <cstdlib>
#include <cstring>

namespace linnet::crypto {

QByteArray loginProofStatement(QByteArrayView accountKey, const QString &username, qint64 time)
{
    const QByteArray user = username.toUtf8();
    if (accountKey.size() != kEd25519PublicBytes || user.isEmpty() || user.size() > 255 ||
        time <= 0)
        return {};
    QByteArray out;
    out.reserve(qsizetype(sizeof(kLoginProofContext)) + 32 + 1 + user.size() + 8);
    out += QByteArrayView(kLoginProofContext);
    out += accountKey;
    out += char(quint8(user.size()));
    out += user;
    char when[8];
    qToBigEndian(quint64(time), when);
    out += QByteArrayView(when, 8);
    return out;
}

QByteArray signLogin(const IdentityKeyPair &account, const QString &username, qint64 time)
{
    const QByteArray statement = loginProofStatement(account.publicKey(), username, time);
    if (statement.isEmpty() || account.isNull())
        return {};
    return account.sign(statement);
}

bool verifyLogin(QByteArrayView accountKey, const QString &username, qint64 time,
                 QByteArrayView signature, qint64 now)
{
    if (time <= 0 || std::llabs(now - time) > kLoginProofMaxSkewMs)
        return false;
    if (!identityDhPublic(accountKey)) // not a valid point of the prime-order subgroup
        return false;
    const QByteArray statement = loginProofStatement(accountKey, username, time);
    return !statement.isEmpty() && verifySignature(accountKey, statement, signature);
}

namespace {
// Crockford's base32: no I, L, O, U, so what is read aloud or typed is hard to mistake.
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr qsizetype kCodeChars = kLinkSecretBytes * 8 / 5;
constexpr char kLookupContext[] = "LinnetLinkLookup";
constexpr char kKeyContext[] = "LinnetLinkKey";
constexpr char kRequestContext[] = "LinnetLinkRequest1";
constexpr char kApprovalContext[] = "LinnetLinkApproval1";

QByteArray digest(const char *context, QByteArrayView secret)
{
    if (secret.size() != kLinkSecretBytes)
        return {};
    QByteArray input = QByteArray(context) + secret.toByteArray();
    QByteArray out(kLinkDigestBytes, Qt::Uninitialized);
    crypto_generichash(sodiumBytes(out), size_t(out.size()), sodiumBytes(input),
                       size_t(input.size()), nullptr, 0);
    sodium_memzero(input.data(), size_t(input.size()));
    return out;
}

QByteArray associatedData(const char *context, QByteArrayView lookup)
{
    return QByteArray(context) + lookup.toByteArray();
}

bool usable(QByteArrayView key, QByteArrayView lookup)
{
    return key.size() == kLinkDigestBytes && lookup.size() == kLinkDigestBytes;
}

/** A byte array then a short UTF-8 text, length-prefixed (u8). */
QByteArray withText(QByteArrayView head, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > 255)
        return {};
    return head.toByteArray() + char(quint8(utf8.size())) + utf8;
}

std::optional<QString> textAfter(QByteArrayView plain, qsizetype headBytes)
{
    if (plain.size() < headBytes + 1)
        return std::nullopt;
    const qsizetype length = quint8(plain[headBytes]);
    if (plain.size() != headBytes + 1 + length)
        return std::nullopt;
    return QString::fromUtf8(plain.sliced(headBytes + 1, length));
}
} // namespace

QByteArray newLinkSecret()
{
    return randomBytes(kLinkSecretBytes);
}

QString formatLinkCode(QByteArrayView secret)
{
    if (secret.size() != kLinkSecretBytes)
        return {};
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : secret) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            if (!out.isEmpty() && (out.size() + 1) % 5 == 0)
                out += QLatin1Char('-');
            out += QLatin1Char(kAlphabet[(buffer >> bits) & 31]);
        }
    }
    return out;
}

std::optional<QByteArray> parseLinkCode(const QString &typed)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    qsizetype chars = 0;
    for (QChar c : typed) {
        if (c.isSpace() || c == QLatin1Char('-'))
            continue;
        c = c.toUpper();
        if (c == QLatin1Char('I') || c == QLatin1Char('L'))
            c = QLatin1Char('1');
        else if (c == QLatin1Char('O'))
            c = QLatin1Char('0');
        const char *found = c.unicode() < 128 && c.unicode() != 0
                                ? std::strchr(kAlphabet, char(c.unicode()))
                                : nullptr;
        if (!found || ++chars > kCodeChars)
            return std::nullopt;
        buffer = (buffer << 5) | quint32(found - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out += char((buffer >> bits) & 0xff);
        }
    }
    if (chars != kCodeChars)
        return std::nullopt;
    return out;
}

QByteArray linkLookup(QByteArrayView secret)
{
    return digest(kLookupContext, secret);
}

QByteArray linkKey(QByteArrayView secret)
{
    return digest(kKeyContext, secret);
}

QByteArray sealLinkRequest(QByteArrayView key, QByteArrayView lookup,
                           const LinkRequestContent &content)
{
    if (!usable(key, lookup) || content.identityKey.size() != kEd25519PublicBytes)
        return {};
    const QByteArray plain = withText(content.identityKey, content.deviceName);
    if (plain.isEmpty())
        return {};
    return sealAtRest(key, plain, associatedData(kRequestContext, lookup));
}

std::optional<LinkRequestContent> openLinkRequest(QByteArrayView key, QByteArrayView lookup,
                                                  QByteArrayView sealed)
{
    if (!usable(key, lookup))
        return std::nullopt;
    const auto plain = openAtRest(key, sealed, associatedData(kRequestContext, lookup));
    if (!plain)
        return std::nullopt;
    const auto name = textAfter(*plain, kEd25519PublicBytes);
    if (!name)
        return std::nullopt;
    return LinkRequestContent{plain->left(kEd25519PublicBytes), *name};
}

QByteArray sealLinkApproval(QByteArrayView key, QByteArrayView lookup,
                            const IdentityKeyPair &account)
{
    if (!usable(key, lookup) || account.isNull())
        return {};
    QByteArray plain = account.secretKey();
    QByteArray sealed = sealAtRest(key, plain, associatedData(kApprovalContext, lookup));
    sodium_memzero(plain.data(), size_t(plain.size()));
    return sealed;
}

std::optional<IdentityKeyPair> openLinkApproval(QByteArrayView key, QByteArrayView lookup,
                                                QByteArrayView sealed)
{
    if (!usable(key, lookup))
        return std::nullopt;
    auto plain = openAtRest(key, sealed, associatedData(kApprovalContext, lookup));
    if (!plain)
        return std::nullopt;
    auto account = IdentityKeyPair::fromSecret(*plain);
    sodium_memzero(plain->data(), size_t(plain->size()));
    return account;
}

} // namespace linnet::crypto
