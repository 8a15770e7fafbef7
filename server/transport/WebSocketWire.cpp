// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebSocketWire.h"

#include <QCryptographicHash>
#include <QUrl>

#include <cstring>
#include <utility>

namespace linnet::server::websocket {

namespace {

constexpr QByteArrayView kCrlf("\r\n");
constexpr QByteArrayView kGuid("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");

/** Whether the comma-separated header @p value lists @p token (case-insensitive). */
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView part = comma < 0 ? value : value.first(comma);
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        value = comma < 0 ? QByteArrayView() : value.sliced(comma + 1);
    }
    return false;
}

bool isControl(quint8 opcode)
{
    return opcode & 0x8;
}

bool isValidCloseCode(quint16 code)
{
    // 1004-1006 and 1015 must not be sent; 1012-2999 are unassigned or reserved.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) ||
           (code >= 3000 && code <= 4999);
}

void unmask(char *data, qsizetype size, const char mask[4])
{
    quint64 wide;
    char repeated[8];
    for (int i = 0; i < 8; ++i)
        repeated[i] = mask[i % 4];
    std::memcpy(&wide, repeated, 8);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 chunk;
        std::memcpy(&chunk, data + i, 8);
        chunk ^= wide;
        std::memcpy(data + i, &chunk, 8);
    }
    for (; i < size; ++i)
        data[i] = char(data[i] ^ mask[i % 4]);
}

} // namespace

qsizetype headLength(QByteArrayView buffer)
{
    const qsizetype end = buffer.indexOf(QByteArrayView("\r\n\r\n"));
    return end < 0 ? 0 : end + 4;
}

std::variant<Handshake, HandshakeRefusal> parseHandshake(QByteArrayView head)
{
    auto refuse = [](int status, const char *reason) {
        return HandshakeRefusal{status, QByteArray(reason)};
    };
    qsizetype lineEnd = head.indexOf(kCrlf);
    const QByteArrayView requestLine = head.first(lineEnd < 0 ? head.size() : lineEnd);
    if (!requestLine.startsWith("GET "))
        return refuse(405, "a WebSocket handshake is a GET request");
    const qsizetype targetEnd = requestLine.lastIndexOf(' ');
    const QByteArrayView version = requestLine.sliced(targetEnd + 1);
    if (targetEnd <= 4 || !version.startsWith("HTTP/1.") || version == "HTTP/1.0")
        return refuse(400, "a WebSocket handshake needs HTTP/1.1");
    const QByteArrayView target = requestLine.sliced(4, targetEnd - 4);

    QByteArrayView upgrade, connection, key, wsVersion;
    QByteArray forwardedFor;
    bool host = false;
    for (qsizetype pos = lineEnd + 2; pos < head.size();) {
        qsizetype end = head.indexOf(kCrlf, pos);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(pos, end - pos);
        pos = end + 2;
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return refuse(400, "malformed header line");
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        auto is = [&name](const char *n) { return name.compare(n, Qt::CaseInsensitive) == 0; };
        if (is("host"))
            host = true;
        else if (is("upgrade"))
            upgrade = value;
        else if (is("connection"))
            connection = value;
        else if (is("sec-websocket-key"))
            key = value;
        else if (is("sec-websocket-version"))
            wsVersion = value;
        else if (is("x-forwarded-for"))
            forwardedFor += (forwardedFor.isEmpty() ? "" : ", ") + value.toByteArray();
    }
    if (!host)
        return refuse(400, "missing Host header");
    if (!hasToken(upgrade, "websocket") || !hasToken(connection, "upgrade"))
        return refuse(426, "this port speaks WebSocket only (Upgrade: websocket)");
    if (wsVersion != "13")
        return refuse(426, "unsupported WebSocket version; this server speaks 13");
    if (QByteArray::fromBase64(key.toByteArray()).size() != 16)
        return refuse(400, "Sec-WebSocket-Key must be 16 bytes in base64");
    const QUrl url = QUrl::fromEncoded(target.toByteArray());
    if (!url.isValid())
        return refuse(400, "malformed request target");
    return Handshake{url.path(), key.toByteArray(), forwardedFor};
}

QByteArray acceptResponse(const Handshake &handshake)
{
    const QByteArray accept =
        QCryptographicHash::hash(handshake.key + kGuid.toByteArray(), QCryptographicHash::Sha1)
            .toBase64();
    return QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Accept: ") +
           accept + QByteArrayLiteral("\r\n\r\n");
}

QByteArray refusalResponse(const HandshakeRefusal &refusal)
{
    const char *status = refusal.status == 405   ? "Method Not Allowed"
                         : refusal.status == 426 ? "Upgrade Required"
                         : refusal.status == 431 ? "Request Header Fields Too Large"
                                                 : "Bad Request";
    const QByteArray body = refusal.reason + '\n';
    QByteArray out = "HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + status + "\r\n";
    if (refusal.status == 426)
        out += "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return out;
}

QByteArray frameHeader(Opcode opcode, qsizetype size)
{
    QByteArray header;
    header.reserve(10);
    header.append(char(0x80 | quint8(opcode)));
    if (size < 126) {
        header.append(char(size));
    } else if (size <= 0xffff) {
        header.append(char(126));
        header.append(char(size >> 8));
        header.append(char(size & 0xff));
    } else {
        header.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            header.append(char((quint64(size) >> shift) & 0xff));
    }
    return header;
}

QByteArray closePayload(quint16 code, const QString &reason)
{
    QByteArray out;
    out.append(char(code >> 8));
    out.append(char(code & 0xff));
    QByteArray text = reason.toUtf8();
    if (text.size() > 123) { // control frames carry at most 125 bytes
        text.truncate(123);
        // do not cut a UTF-8 sequence in half
        while (!text.isEmpty() && (quint8(text.back()) & 0xc0) == 0x80)
            text.chop(1);
        if (!text.isEmpty() && (quint8(text.back()) & 0x80))
            text.chop(1);
    }
    return out + text;
}

void FrameReader::feed(const QByteArray &bytes)
{
    if (m_failed || bytes.isEmpty())
        return;
    if (m_offset == m_buffer.size()) {
        m_buffer = bytes; // shares the socket's buffer: no copy in the common case
        m_offset = 0;
        return;
    }
    if (m_offset > 0) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

std::optional<Event> FrameReader::fail(quint16 code, const char *reason)
{
    m_failed = true;
    m_buffer = QByteArray();
    m_message = QByteArray();
    m_offset = 0;
    return Event{Event::Kind::Error, Opcode::Close, QByteArray(reason), code};
}

std::optional<Event> FrameReader::next()
{
    // A loop, not recursion, over the fragments of a message: a peer may send
    // thousands of them in one read.
    for (;;) {
        if (m_failed)
            return std::nullopt;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2) {
            if (available == 0) {
                m_buffer = QByteArray(); // nothing kept between messages
                m_offset = 0;
            }
            return std::nullopt;
        }
        const auto *p = reinterpret_cast<const quint8 *>(m_buffer.constData() + m_offset);
        const bool fin = p[0] & 0x80;
        const quint8 opcode = p[0] & 0x0f;
        const bool masked = p[1] & 0x80;
        const quint8 length7 = p[1] & 0x7f;
        // What two bytes can tell is checked before waiting for the rest.
        if (p[0] & 0x70)
            return fail(closecode::kProtocolError,
                        "reserved bits set: no extension was negotiated");
        if (!masked)
            return fail(closecode::kProtocolError, "client frames must be masked");
        if (isControl(opcode)) {
            if (opcode != quint8(Opcode::Close) && opcode != quint8(Opcode::Ping) &&
                opcode != quint8(Opcode::Pong))
                return fail(closecode::kProtocolError, "unknown control opcode");
            if (!fin || length7 > 125)
                return fail(closecode::kProtocolError, "control frames are short and unfragmented");
        } else {
            if (opcode > quint8(Opcode::Binary))
                return fail(closecode::kProtocolError, "unknown data opcode");
            if (opcode == quint8(Opcode::Continuation) && !m_inMessage)
                return fail(closecode::kProtocolError, "continuation frame without a message");
            if (opcode != quint8(Opcode::Continuation) && m_inMessage)
                return fail(closecode::kProtocolError, "new message before the last one ended");
        }
        const qsizetype lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        const qsizetype headerBytes = 2 + lengthBytes + 4;
        if (available < headerBytes)
            return std::nullopt;
        quint64 length = length7;
        if (lengthBytes) {
            length = 0;
            for (qsizetype i = 0; i < lengthBytes; ++i)
                length = (length << 8) | p[2 + i];
        }
        if (!isControl(opcode) && length > quint64(m_maxMessageBytes - m_message.size()))
            return fail(closecode::kTooBig, "message too big");
        if (quint64(available - headerBytes) < length)
            return std::nullopt;

        const char *mask = m_buffer.constData() + m_offset + 2 + lengthBytes;
        QByteArray payload(m_buffer.constData() + m_offset + headerBytes, qsizetype(length));
        unmask(payload.data(), payload.size(), mask);
        m_offset += headerBytes + qsizetype(length);

        switch (Opcode(opcode)) {
        case Opcode::Ping:
            return Event{Event::Kind::Ping, Opcode::Ping, payload, 0};
        case Opcode::Pong:
            return Event{Event::Kind::Pong, Opcode::Pong, payload, 0};
        case Opcode::Close: {
            if (payload.isEmpty())
                return Event{Event::Kind::Close, Opcode::Close, {}, 0};
            if (payload.size() == 1)
                return fail(closecode::kProtocolError, "close frame with a one-byte payload");
            const quint16 code = quint16((quint8(payload[0]) << 8) | quint8(payload[1]));
            if (!isValidCloseCode(code))
                return fail(closecode::kProtocolError, "invalid close code");
            return Event{Event::Kind::Close, Opcode::Close, payload.sliced(2), code};
        }
        default:
            break;
        }
        if (opcode != quint8(Opcode::Continuation))
            m_messageType = Opcode(opcode);
        if (fin && !m_inMessage)
            return Event{Event::Kind::Message, m_messageType, payload, 0};
        m_message.append(payload);
        m_inMessage = !fin;
        if (!m_inMessage)
            return Event{Event::Kind::Message, m_messageType,
                         std::exchange(m_message, QByteArray()), 0};
    }
}

} // namespace linnet::server::websocket
