// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Frames.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace linnet::protocol {

/** The wire name of a frame's type ("send", "deliver_ack", ...). */
QString frameTypeName(const Frame &frame);

/** Encodes a frame as one CBOR map, ready for a binary WebSocket message. */
QByteArray encodeFrame(const Frame &frame);

/**
 * Decodes and validates one frame. Rejects, with a specific Error and never a
 * crash: more than kMaxFrameBytes (before parsing), invalid CBOR, trailing
 * bytes, a non-map, a missing or other version, an unknown type, a missing,
 * mistyped, duplicated or out-of-range field. Unknown extra keys are ignored
 * (forward compatibility). If @p requestId is given it receives the frame's
 * request id whenever one could be read, so an error reply can name it.
 */
Result<Frame> decodeFrame(QByteArrayView bytes, quint32 *requestId = nullptr);

/** A JSON rendering of any CBOR frame, for logs and `linnet-cli decode`. */
QString dumpFrame(QByteArrayView bytes);

} // namespace linnet::protocol
