// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LanFrames.h"
#include "protocol/Result.h"

namespace linnet::lan {

/** The wire name of a frame's type ("lan_msg", ...). */
QString lanFrameTypeName(const LanFrame &frame);

/** One CBOR map {"v", "t", ...fields} (docs/protocol.md 12.4, 12.5). */
QByteArray encodeLanFrame(const LanFrame &frame);

/**
 * Decodes and validates one peer-link frame: over kMaxFrameBytes, invalid CBOR, not a
 * map, a missing or mistyped field (MalformedFrame), another "v" (UnsupportedVersion),
 * an unknown "t" (UnknownType), a field out of range (InvalidField). Unknown keys are
 * ignored.
 */
protocol::Result<LanFrame> decodeLanFrame(QByteArrayView bytes);

} // namespace linnet::lan
