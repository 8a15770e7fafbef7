// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceFingerprint.h"

#include "protocol/Limits.h"

#include <QByteArray>
#include <QStringList>

#include <sodium.h>

namespace linnet::crypto {

QString deviceFingerprint(QByteArrayView identityKey)
{
    if (identityKey.size() != protocol::kKeyBytes)
        return {};
    const QByteArray input =
        QByteArrayLiteral("LinnetDeviceFingerprint") + identityKey.toByteArray();
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       quint64(input.size()), nullptr, 0);
    const QString hex =
        QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(hash), sizeof hash).toHex())
            .toUpper();
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(u' ');
}

} // namespace linnet::crypto
