// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpRequestHead.h"

#include "protocol/Limits.h"

namespace linnet::server::http {

namespace {

constexpr QByteArrayView kCrlf("\r\n");

bool isToken(char c)
{
    // RFC 9110 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isTokenText(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isToken(c))
            return false;
    return true;
}

/** Field values: visible characters, spaces and tabs; no control characters. */
bool isFieldValue(QByteArrayView value)
{
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 206:
        return "Partial Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    default:
        return "Error";
    }
}

} // namespace

std::optional<qint64> parseNumber(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 18) // 18 digits always fit in qint64
        return std::nullopt;
    qint64 value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool isMediaRequest(QByteArrayView head)
{
    const qsizetype space = head.indexOf(' ');
    if (space <= 0)
        return false;
    return head.sliced(space + 1).startsWith(QByteArrayView(kMediaPathPrefix));
}

std::variant<RequestHead, Refusal> parseRequestHead(QByteArrayView head)
{
    auto refuse = [](int status, const char *reason) { return Refusal{status, reason}; };
    if (head.size() > kMaxHeadBytes)
        return refuse(431, "request head too large");
    if (!head.endsWith("\r\n\r\n"))
        return refuse(400, "incomplete request head");
    const qsizetype lineEnd = head.indexOf(kCrlf);
    const QByteArrayView line = head.first(lineEnd);
    // method SP target SP HTTP/1.x, single spaces
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return refuse(400, "malformed request line");
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isTokenText(method) || target.contains(' ') || !isFieldValue(target) ||
        !target.startsWith('/'))
        return refuse(400, "malformed request line");
    RequestHead request;
    if (version == "HTTP/1.0")
        request.http10 = true;
    else if (version != "HTTP/1.1")
        return refuse(505, "this server speaks HTTP/1.1");
    request.method = method == "GET"    ? Method::Get
                     : method == "HEAD" ? Method::Head
                     : method == "PUT"  ? Method::Put
                                        : Method::Other;
    request.target = target.toByteArray();

    bool host = false;
    for (qsizetype pos = lineEnd + 2;;) {
        const qsizetype end = head.indexOf(kCrlf, pos);
        const QByteArrayView field = head.sliced(pos, end - pos);
        pos = end + 2;
        if (field.isEmpty())
            break;
        const qsizetype colon = field.indexOf(':');
        if (colon <= 0 || !isTokenText(field.first(colon)))
            return refuse(400, "malformed header line"); // also obs-fold and spaces before ':'
        const QByteArrayView name = field.first(colon);
        const QByteArrayView value = trimmed(field.sliced(colon + 1));
        if (!isFieldValue(value))
            return refuse(400, "malformed header value");
        auto is = [&name](const char *n) { return name.compare(n, Qt::CaseInsensitive) == 0; };
        // A header that decides what is read or written may come once only.
        auto once = [](QByteArray &slot, QByteArrayView v) {
            if (!slot.isNull())
                return false;
            slot = v.isEmpty() ? QByteArray("") : v.toByteArray();
            return true;
        };
        if (is("host")) {
            if (host)
                return refuse(400, "more than one Host header");
            host = true;
        } else if (is("content-length")) {
            const auto length = parseNumber(value);
            if (!length || request.contentLength)
                return refuse(400, "invalid Content-Length");
            request.contentLength = length;
        } else if (is("authorization")) {
            if (!once(request.authorization, value))
                return refuse(400, "more than one Authorization header");
        } else if (is("content-range")) {
            if (!once(request.contentRange, value))
                return refuse(400, "more than one Content-Range header");
        } else if (is("range")) {
            if (!once(request.range, value))
                return refuse(400, "more than one Range header");
        } else if (is("expect")) {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
                return refuse(417, "only Expect: 100-continue is supported");
            request.expectContinue = true;
        } else if (is("transfer-encoding")) {
            request.chunked = true;
        }
    }
    if (!host && !request.http10)
        return refuse(400, "missing Host header");
    return request;
}

std::optional<QByteArray> blobFromTarget(QByteArrayView target)
{
    const QByteArrayView prefix(kMediaPathPrefix);
    if (!target.startsWith(prefix) || target.size() != prefix.size() + 2 * protocol::kBlobIdBytes)
        return std::nullopt;
    const QByteArrayView hex = target.sliced(prefix.size());
    for (char c : hex)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::nullopt;
    return QByteArray::fromHex(hex.toByteArray());
}

std::optional<QByteArray> bearerToken(QByteArrayView authorization)
{
    const QByteArrayView scheme("Bearer ");
    if (authorization.size() <= scheme.size() ||
        authorization.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QByteArrayView token = trimmed(authorization.sliced(scheme.size()));
    if (token.isEmpty() || token.size() > 4 * protocol::kMaxTicketBytes)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                 QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

std::optional<ByteRange> parseRange(QByteArrayView value)
{
    const QByteArrayView unit("bytes=");
    if (!value.startsWith(unit))
        return std::nullopt;
    const QByteArrayView spec = value.sliced(unit.size());
    const qsizetype dash = spec.indexOf('-');
    if (dash <= 0)
        return std::nullopt; // also suffix ranges ("-N"), which clients here never send
    const auto first = parseNumber(spec.first(dash));
    if (!first)
        return std::nullopt;
    const QByteArrayView rest = spec.sliced(dash + 1);
    if (rest.isEmpty())
        return ByteRange{*first, std::nullopt};
    const auto last = parseNumber(rest);
    if (!last || *last < *first)
        return std::nullopt;
    return ByteRange{*first, last};
}

std::optional<ContentRange> parseContentRange(QByteArrayView value)
{
    const QByteArrayView unit("bytes ");
    if (!value.startsWith(unit))
        return std::nullopt;
    const QByteArrayView spec = value.sliced(unit.size());
    const qsizetype dash = spec.indexOf('-');
    const qsizetype slash = spec.indexOf('/');
    if (dash <= 0 || slash <= dash + 1)
        return std::nullopt;
    const auto first = parseNumber(spec.first(dash));
    const auto last = parseNumber(spec.sliced(dash + 1, slash - dash - 1));
    const auto total = parseNumber(spec.sliced(slash + 1));
    if (!first || !last || !total || *last < *first || *last >= *total)
        return std::nullopt;
    return ContentRange{*first, *last, *total};
}

QByteArray responseHead(int status, const Headers &headers, qint64 contentLength)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (contentLength >= 0)
        out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    out += "\r\n";
    return out;
}

QByteArray textResponse(int status, const QByteArray &reason, const Headers &headers)
{
    Headers all = headers;
    all.emplaceBack("Content-Type", "text/plain; charset=utf-8");
    all.emplaceBack("Connection", "close");
    const QByteArray body = reason + '\n';
    return responseHead(status, all, body.size()) + body;
}

} // namespace linnet::server::http
