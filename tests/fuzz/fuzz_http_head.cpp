// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the HTTP request heads of media transfers (server/media/HttpRequestHead):
// the head, the blob in the path, the bearer ticket, Range, Content-Range and numbers.
// Properties: what is accepted is in range (a blob id has its size, a range's last byte
// is not before its first, a Content-Range ends before its total), and a number read
// prints back as the same number.
#include "FuzzSupport.h"

#include "media/HttpRequestHead.h"
#include "protocol/Limits.h"

#include <variant>

using namespace linnet::server::http;
using linnet::fuzz::check;

namespace {

void checkNumber(QByteArrayView digits)
{
    const auto number = parseNumber(digits);
    if (!number)
        return;
    check(*number >= 0, "a number is not negative");
    check(parseNumber(QByteArray::number(*number)) == number, "a number prints back");
}

void checkFields(QByteArrayView target, QByteArrayView authorization, QByteArrayView range,
                 QByteArrayView contentRange)
{
    if (const auto blob = blobFromTarget(target))
        check(blob->size() == linnet::protocol::kBlobIdBytes, "a blob id has its size");
    if (const auto token = bearerToken(authorization))
        check(!token->isEmpty(), "a bearer token is not empty");
    if (const auto r = parseRange(range))
        check(r->first >= 0 && (!r->last || *r->last >= r->first), "a range is ordered");
    if (const auto r = parseContentRange(contentRange))
        check(r->first >= 0 && r->first <= r->last && r->last < r->total,
              "a content range lies inside its total");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);
    (void)isMediaRequest(bytes);
    const auto parsed = parseRequestHead(bytes);
    if (const auto *head = std::get_if<RequestHead>(&parsed)) {
        check(!head->contentLength || *head->contentLength >= 0, "a length is not negative");
        checkFields(head->target, head->authorization, head->range, head->contentRange);
    } else {
        const int status = std::get<Refusal>(parsed).status;
        check(status >= 400 && status < 600, "a refusal is a 4xx or 5xx");
    }
    // The whole input as each field, too: most heads never get that far.
    checkFields(bytes, bytes, bytes, bytes);
    checkNumber(bytes);
    return 0;
}
