// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>
#include <variant>

/**
 * HTTP/1.1 as the media transfers need it (docs/protocol.md 10), without
 * sockets: the request head, the Range and Content-Range headers, the blob in
 * the path, the bearer ticket, and response heads. Pure functions of their
 * input, strict about what they accept (they will be fuzzed).
 */
namespace linnet::server::http {

/** Most bytes a request head may have (as for the WebSocket handshake). */
inline constexpr qsizetype kMaxHeadBytes = 8 * 1024;
/** The path prefix of media transfers; the blob's 32 hex digits follow. */
inline constexpr char kMediaPathPrefix[] = "/v1/media/";

enum class Method { Get, Head, Put, Other };

/** What the media transfers read of a request head. */
struct RequestHead {
    Method method = Method::Other;
    QByteArray target; ///< the request target as sent
    bool http10 = false;
    QByteArray authorization;
    std::optional<qint64> contentLength;
    QByteArray contentRange;
    QByteArray range;
    bool expectContinue = false; ///< Expect: 100-continue
    bool chunked = false;        ///< a Transfer-Encoding was given
};

/** A request the server answers with @c status and closes. */
struct Refusal {
    int status = 400;
    QByteArray reason;
};

/** Whether @p head (a request head, complete or not) asks for a media path. */
bool isMediaRequest(QByteArrayView head);
/** Parses a complete request head (up to and with its blank line). */
std::variant<RequestHead, Refusal> parseRequestHead(QByteArrayView head);

/** The blob id in a target "/v1/media/<32 lower-case hex>", or nullopt. */
std::optional<QByteArray> blobFromTarget(QByteArrayView target);
/** The ticket bytes of "Bearer <base64url>", or nullopt. */
std::optional<QByteArray> bearerToken(QByteArrayView authorization);

/** A Range header's single range: "bytes=FIRST-" or "bytes=FIRST-LAST". */
struct ByteRange {
    qint64 first = 0;
    std::optional<qint64> last; ///< inclusive
};
/** nullopt if it is not one byte range of that form (then it is ignored, RFC 9110 14.2). */
std::optional<ByteRange> parseRange(QByteArrayView value);

/** "bytes FIRST-LAST/TOTAL" of a PUT. */
struct ContentRange {
    qint64 first = 0;
    qint64 last = 0; ///< inclusive
    qint64 total = 0;
};
std::optional<ContentRange> parseContentRange(QByteArrayView value);

/** A non-negative decimal number without sign or spaces that fits in qint64. */
std::optional<qint64> parseNumber(QByteArrayView digits);

using Headers = QList<std::pair<QByteArray, QByteArray>>;
/**
 * A response head: status line, @p headers, Content-Length (when @p contentLength
 * is not negative), then the blank line.
 */
QByteArray responseHead(int status, const Headers &headers, qint64 contentLength);
/** A whole response with a short plain-text @p reason as its body. */
QByteArray textResponse(int status, const QByteArray &reason, const Headers &headers = {});

} // namespace linnet::server::http
