// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the server's WebSocket opening handshake (WebSocketWire): finding the end of
// a request head and parsing it, and the close frame payloads it writes. Properties: a head
// found is inside the input and ends with its blank line; an accepted handshake has a path
// and a key and gets a 101; a close payload stays a control frame's size with whole UTF-8.
#include "FuzzSupport.h"

#include "protocol/CborScan.h"
#include "transport/WebSocketWire.h"

#include <QtEndian>

#include <variant>

using namespace linnet::server::websocket;
using linnet::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);

    const qsizetype length = headLength(bytes);
    check(length >= 0 && length <= bytes.size(), "a head lies inside the input");
    if (length > 0)
        check(bytes.first(length).endsWith("\r\n\r\n"), "a head ends with its blank line");
    const auto parsed = parseHandshake(length > 0 ? bytes.first(length) : bytes);
    if (const auto *handshake = std::get_if<Handshake>(&parsed)) {
        check(!handshake->key.isEmpty(), "an accepted handshake has a key");
        check(acceptResponse(*handshake).startsWith("HTTP/1.1 101 "), "it is answered by a 101");
    } else {
        const auto &refusal = std::get<HandshakeRefusal>(parsed);
        check(refusal.status >= 400 && refusal.status < 600, "a refusal is a 4xx or 5xx");
        check(refusalResponse(refusal).startsWith("HTTP/1.1 "), "a refusal is an HTTP response");
    }

    // The same bytes as a close code and a reason the server might give.
    if (bytes.size() >= 2) {
        const quint16 code = qFromBigEndian<quint16>(bytes.data());
        const QByteArray payload = closePayload(code, QString::fromUtf8(bytes.sliced(2)));
        check(payload.size() <= 125, "a close payload fits a control frame");
        check(linnet::protocol::detail::isValidUtf8(QByteArrayView(payload).sliced(2)),
              "a close reason is cut between characters");
    }
    return 0;
}
