// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanCbor.h"

#include "LanAnnouncement.h"

namespace linnet::lan::detail {

using protocol::detail::CborItem;

Envelope readEnvelope(protocol::detail::FieldReader &in)
{
    Envelope out;
    const CborItem *v = in.item("v");
    if (!v) {
        out.reason = QStringLiteral("missing field \"v\"");
        return out;
    }
    if (v->type != CborItem::Type::Unsigned && v->type != CborItem::Type::Negative) {
        out.reason = QStringLiteral("field \"v\" must be an integer");
        return out;
    }
    if (v->type != CborItem::Type::Unsigned || v->value != kLanVersion) {
        out.versionMismatch = true;
        out.reason = QStringLiteral("LAN protocol version is not %1").arg(kLanVersion);
        return out;
    }
    const CborItem *t = in.item("t");
    if (!t || t->type != CborItem::Type::Text) {
        out.reason = QStringLiteral("field \"t\" must be a text string");
        return out;
    }
    out.type = in.utf8(*t);
    out.ok = true;
    return out;
}

} // namespace linnet::lan::detail
