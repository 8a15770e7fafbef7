// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: every protocol frame through decodeFrame (FrameCodec over CborScan), as
// the server reads what clients send and clients read what the server sends. Property:
// whatever decodes re-encodes to bytes that decode to the same frame, and encoding that
// frame again gives the same bytes (decode(encode(x)) == x for every frame the fuzzer
// reaches).
#include "FuzzSupport.h"

#include "protocol/FrameCodec.h"

using namespace linnet::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);
    quint32 requestId = 0;
    const Result<Frame> frame = decodeFrame(bytes, &requestId);
    if (!frame.ok()) {
        linnet::fuzz::check(!frame.error().reason.isEmpty(), "a rejected frame says why");
        return 0;
    }
    (void)frameTypeName(frame.value());
    const QByteArray encoded = encodeFrame(frame.value());
    const Result<Frame> again = decodeFrame(encoded);
    linnet::fuzz::check(again.ok(), "an encoded frame decodes");
    linnet::fuzz::check(again.value() == frame.value(), "decode(encode(frame)) == frame");
    linnet::fuzz::check(encodeFrame(again.value()) == encoded, "encoding is deterministic");
    return 0;
}
