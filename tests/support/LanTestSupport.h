// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Keys.h"
#include "lan/LanAnnouncement.h"
#include "protocol/CborWriter.h"

#include <QList>
#include <QPair>
#include <QVariant>

namespace linnet::test {

/** A device for LAN tests: a fresh identity key and the LanDevice naming it. */
struct LanTestDevice {
    crypto::IdentityKeyPair keys = crypto::IdentityKeyPair::generate();
    lan::LanDevice device;
    LanTestDevice(const char *account, qint64 id) : device{QString::fromLatin1(account), id, {}}
    {
        device.identity = keys.publicKey();
    }
};

using CborFieldList = QList<QPair<const char *, QVariant>>;

/**
 * A CBOR map of @p fields (byte arrays, strings, booleans, integers) in that order,
 * duplicates included: datagrams and frames no honest encoder writes.
 */
inline QByteArray cborMap(const CborFieldList &fields)
{
    QByteArray out;
    protocol::detail::CborWriter w(out);
    w.startMap(quint64(fields.size()));
    for (const auto &[key, value] : fields) {
        w.append(QLatin1String(key));
        if (value.typeId() == QMetaType::QByteArray)
            w.append(value.toByteArray());
        else if (value.typeId() == QMetaType::QString)
            w.append(value.toString());
        else if (value.typeId() == QMetaType::Bool)
            w.append(value.toBool());
        else
            w.append(value.toLongLong());
    }
    return out;
}

} // namespace linnet::test
