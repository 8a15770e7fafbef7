// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountIdentity.h"

#include <QtEndian>

#include <sodium.h>

namespace linnet::crypto {

QByteArray deviceCertificateStatement(QByteArrayView accountKey, const QString &username,
                                      qint64 deviceId, QByteArrayView deviceIdentity)
{
    const QByteArray user = username.toUtf8();
    if (accountKey.size() != kEd25519PublicBytes || deviceIdentity.size() != kEd25519PublicBytes ||
        user.isEmpty() || user.size() > 255 || deviceId <= 0)
        return {};
    QByteArray out;
    out.reserve(qsizetype(sizeof(kDeviceCertificateContext)) + 32 + 1 + user.size() + 8 + 32);
    out += QByteArrayView(kDeviceCertificateContext);
    out += accountKey;
    out += char(quint8(user.size()));
    out += user;
    char id[8];
    qToBigEndian(quint64(deviceId), id);
    out += QByteArrayView(id, 8);
    out += deviceIdentity;
    return out;
}

QByteArray signDevice(const IdentityKeyPair &account, const QString &username, qint64 deviceId,
                      QByteArrayView deviceIdentity)
{
    const QByteArray statement =
        deviceCertificateStatement(account.publicKey(), username, deviceId, deviceIdentity);
    if (statement.isEmpty() || account.isNull())
        return {};
    return account.sign(statement);
}

bool verifyDevice(QByteArrayView accountKey, const QString &username, qint64 deviceId,
                  QByteArrayView deviceIdentity, QByteArrayView signature)
{
    if (!identityDhPublic(accountKey)) // not a valid point of the prime-order subgroup
        return false;
    const QByteArray statement =
        deviceCertificateStatement(accountKey, username, deviceId, deviceIdentity);
    return !statement.isEmpty() && verifySignature(accountKey, statement, signature);
}

bool sameKey(QByteArrayView a, QByteArrayView b)
{
    return !a.isEmpty() && a.size() == b.size() &&
           sodium_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace linnet::crypto
