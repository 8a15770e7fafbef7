// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace linnet::test {

/**
 * One WebSocket frame as a client sends it (RFC 6455 section 5.2), for tests that
 * speak to the server's WebSocket layer byte by byte: masked with a fixed key
 * unless @p masked is false, @p extraBits or'ed into the first byte (RSV bits).
 */
inline QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true,
                              bool masked = true, quint8 extraBits = 0)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | extraBits | opcode));
    const qsizetype n = payload.size();
    const char maskBit = masked ? char(0x80) : char(0);
    if (n < 126) {
        out.append(char(maskBit | n));
    } else if (n <= 0xffff) {
        out.append(char(maskBit | 126));
        out.append(char(n >> 8));
        out.append(char(n & 0xff));
    } else {
        out.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((quint64(n) >> shift) & 0xff));
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    if (masked)
        out.append(mask, 4);
    for (qsizetype i = 0; i < n; ++i)
        out.append(masked ? char(payload[i] ^ mask[i % 4]) : payload[i]);
    return out;
}

} // namespace linnet::test
