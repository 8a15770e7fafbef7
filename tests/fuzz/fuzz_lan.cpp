// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: what arrives from the LAN (common/lan): announcement datagrams and the
// frames of a peer link once opened. Properties: an announcement or frame that decodes
// re-encodes to bytes that decode to the same value, and encoding is deterministic.
#include "FuzzSupport.h"

#include "lan/LanAnnouncement.h"
#include "lan/LanFrameCodec.h"

using namespace linnet::lan;
using linnet::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);

    const auto announcement = decodeAnnouncement(bytes);
    if (announcement.ok()) {
        const QByteArray encoded = encodeAnnouncement(announcement.value());
        const auto again = decodeAnnouncement(encoded);
        check(again.ok(), "an encoded announcement decodes");
        check(again.value() == announcement.value(), "decode(encode(announcement)) == it");
        check(encodeAnnouncement(again.value()) == encoded, "encoding is deterministic");
    } else {
        check(!announcement.error().reason.isEmpty(), "a rejected announcement says why");
    }

    const auto frame = decodeLanFrame(bytes);
    if (frame.ok()) {
        (void)lanFrameTypeName(frame.value());
        const QByteArray encoded = encodeLanFrame(frame.value());
        const auto again = decodeLanFrame(encoded);
        check(again.ok(), "an encoded LAN frame decodes");
        check(again.value() == frame.value(), "decode(encode(frame)) == frame");
        check(encodeLanFrame(again.value()) == encoded, "encoding is deterministic");
    }
    return 0;
}
