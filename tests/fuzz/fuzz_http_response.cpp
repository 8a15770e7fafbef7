// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the client's reading of media transfer responses (app/core/media/
// HttpResponseHead), what a server (or anything posing as one) answers an upload or a
// download with. Properties: an accepted head has a status from 100 to 599 and lower-case
// header names; header numbers and Content-Range starts are -1 or not negative.
#include "FuzzSupport.h"

#include "media/HttpResponseHead.h"

using namespace linnet::client::http;
using linnet::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw = linnet::fuzz::input(data, size).toByteArray();
    check(contentRangeStart(raw) >= -1, "a range start is -1 or not negative");
    ResponseHead head;
    if (!parseResponseHead(raw, head))
        return 0;
    check(head.status >= 100 && head.status <= 599, "a status is from 100 to 599");
    for (const auto &[name, value] : head.headers) {
        check(name == name.toLower(), "header names are lower-case");
        check(head.number(name) >= -1, "a header number is -1 or not negative");
        check(contentRangeStart(value) >= -1, "a range start is -1 or not negative");
    }
    return 0;
}
