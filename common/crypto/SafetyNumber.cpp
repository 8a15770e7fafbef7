// SPDX-License-Identifier: GPL-3.0-or-later
#include "SafetyNumber.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace linnet::crypto {

namespace {
QString half(const std::array<unsigned char, 2> &version, const QString &user,
             QList<QByteArray> identities)
{
    std::sort(identities.begin(), identities.end());
    QByteArray keys;
    for (const QByteArray &key : std::as_const(identities))
        keys += key;
    const auto *keyBytes = reinterpret_cast<const unsigned char *>(keys.constData());
    const auto keySize = static_cast<unsigned long long>(keys.size());

    crypto_hash_sha512_state state;
    std::array<unsigned char, crypto_hash_sha512_BYTES> hash{};
    const QByteArray userBytes = user.toUtf8();
    crypto_hash_sha512_init(&state);
    crypto_hash_sha512_update(&state, version.data(), version.size());
    crypto_hash_sha512_update(&state, keyBytes, keySize);
    crypto_hash_sha512_update(&state,
                              reinterpret_cast<const unsigned char *>(userBytes.constData()),
                              static_cast<unsigned long long>(userBytes.size()));
    crypto_hash_sha512_final(&state, hash.data());
    for (int i = 0; i < kSafetyNumberIterations; ++i) {
        crypto_hash_sha512_init(&state);
        crypto_hash_sha512_update(&state, hash.data(), hash.size());
        crypto_hash_sha512_update(&state, keyBytes, keySize);
        crypto_hash_sha512_final(&state, hash.data());
    }

    QString digits;
    digits.reserve(30);
    for (int chunk = 0; chunk < 6; ++chunk) {
        quint64 value = 0;
        for (int b = 0; b < 5; ++b)
            value = (value << 8) | hash[size_t(chunk * 5 + b)];
        digits += QStringLiteral("%1").arg(value % 100000, 5, 10, QLatin1Char('0'));
    }
    return digits;
}
} // namespace

QString safetyNumberHalf(const QString &user, QList<QByteArray> identities)
{
    return half({0x00, 0x00}, user, std::move(identities));
}

QString accountSafetyNumber(const QString &localUser, const QByteArray &localAccountKey,
                            const QString &remoteUser, const QByteArray &remoteAccountKey)
{
    // Version 0x0001 keeps these numbers apart from the device-key ones of version 0x0000.
    const QString local = half({0x00, 0x01}, localUser, {localAccountKey});
    const QString remote = half({0x00, 0x01}, remoteUser, {remoteAccountKey});
    return local < remote ? local + remote : remote + local;
}

QString safetyNumber(const QString &localUser, QList<QByteArray> localIdentities,
                     const QString &remoteUser, QList<QByteArray> remoteIdentities)
{
    const QString local = safetyNumberHalf(localUser, std::move(localIdentities));
    const QString remote = safetyNumberHalf(remoteUser, std::move(remoteIdentities));
    return local < remote ? local + remote : remote + local;
}

} // namespace linnet::crypto
