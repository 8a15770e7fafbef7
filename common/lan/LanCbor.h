// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LanAnnouncement.h"
#include "protocol/CborFields.h"

#include <QByteArray>
#include <QString>

namespace linnet::lan::detail {

/*
 * The envelope every LAN datagram and peer-link frame shares with the server protocol
 * ({"v", "t", ...fields} as one CBOR map, docs/protocol.md §2), written and read with the
 * frame codec's CBOR machinery. Internal to common/lan.
 */

/** What readEnvelope() found. */
struct Envelope {
    bool ok = false;
    bool versionMismatch = false; ///< "v" is an integer other than kLanVersion
    QString reason;               ///< when !ok
    QByteArray type;              ///< "t", UTF-8
};

/** Checks "v" (kLanVersion) and reads "t" of a map @p in has read without error. */
Envelope readEnvelope(protocol::detail::FieldReader &in);

/**
 * One CBOR map: "v", "t" = @p type, then the fields @p fields(writerOrCounter) names (it
 * is called twice: to count them, then to write them).
 */
template <typename Fields> QByteArray encodeMap(const char *type, Fields fields)
{
    protocol::detail::FieldCounter counter;
    fields(counter);
    QByteArray out;
    out.reserve(128);
    protocol::detail::CborWriter writer(out);
    writer.startMap(quint64(2 + counter.count));
    protocol::detail::FieldWriter w(writer);
    w("v", quint64(kLanVersion));
    w("t", type);
    fields(w);
    writer.endMap();
    return out;
}

} // namespace linnet::lan::detail
