// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <variant>

/**
 * RFC 6455 on the server's side, without sockets: the opening handshake and the
 * frame format. WebSocketConnection puts them on a QTcpSocket. Nothing here
 * allocates per idle connection.
 */
namespace linnet::server::websocket {

enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/** Status codes of close frames used here (RFC 6455 section 7.4.1). */
namespace closecode {
inline constexpr quint16 kProtocolError = 1002;
inline constexpr quint16 kTooBig = 1009;
} // namespace closecode

/** Most bytes a request head (request line and headers) may have. */
inline constexpr qsizetype kMaxHeadBytes = 8 * 1024;

/** What the server needs of a valid opening handshake. */
struct Handshake {
    QString path; ///< the request target's path, percent-decoded, without the query
    QByteArray key;
    /** X-Forwarded-For, several header lines joined with ", " (believed only from
     *  trusted_proxies: TrustedProxies::clientAddress). */
    QByteArray forwardedFor;
};

/** A refused handshake: the HTTP status and a reason for the body. */
struct HandshakeRefusal {
    int status = 400;
    QByteArray reason;
};

/** Length of the request head in @p buffer up to and with its blank line; 0 if incomplete. */
qsizetype headLength(QByteArrayView buffer);
/** Parses a complete request head (as delimited by headLength()). */
std::variant<Handshake, HandshakeRefusal> parseHandshake(QByteArrayView head);
/** The 101 response that accepts @p handshake. */
QByteArray acceptResponse(const Handshake &handshake);
/** The response that refuses a handshake; the connection is closed after it. */
QByteArray refusalResponse(const HandshakeRefusal &refusal);

/** A server frame's header (FIN set, unmasked) for a payload of @p size bytes. */
QByteArray frameHeader(Opcode opcode, qsizetype size);
/** A close frame's payload: the code and at most 123 bytes of reason. */
QByteArray closePayload(quint16 code, const QString &reason);

/** One thing a client said, as read by FrameReader. */
struct Event {
    enum class Kind { Message, Ping, Pong, Close, Error };
    Kind kind = Kind::Message;
    Opcode type = Opcode::Binary; ///< Message: Text or Binary
    QByteArray payload;           ///< Message, Ping, Pong: the data; Close, Error: the reason
    quint16 code = 0; ///< Close: the peer's code (0: none); Error: the code to close with
};

/**
 * Reads client frames incrementally: feed() what the socket delivered, then
 * take events with next() until it returns nullopt. Checks what RFC 6455 asks of
 * a server: frames masked, no reserved bits or opcodes, control frames short
 * and unfragmented, continuations in order; and that no message exceeds the
 * limit, before its payload is buffered. After an Error event it reads nothing
 * more. Holds no memory between messages.
 */
class FrameReader {
public:
    explicit FrameReader(qsizetype maxMessageBytes) : m_maxMessageBytes(maxMessageBytes) {}

    void feed(const QByteArray &bytes);
    std::optional<Event> next();
    /** Bytes received and not yet returned as events. */
    qsizetype buffered() const { return m_buffer.size() - m_offset + m_message.size(); }

private:
    std::optional<Event> fail(quint16 code, const char *reason);

    qsizetype m_maxMessageBytes;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    QByteArray m_message; ///< fragments of a message in progress
    Opcode m_messageType = Opcode::Binary;
    bool m_inMessage = false;
    bool m_failed = false;
};

} // namespace linnet::server::websocket
