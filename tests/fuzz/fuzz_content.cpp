// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: what a client reads out of a decrypted message (MessageContent: text,
// the chat it belongs to, an attachment's description). Property: content that decodes
// re-encodes to bytes that decode to the same content, and encoding is deterministic.
#include "FuzzSupport.h"

#include "protocol/MessageContent.h"

using namespace linnet::protocol;
using linnet::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto content = decodeContent(linnet::fuzz::input(data, size));
    if (!content.ok())
        return 0;
    const QByteArray encoded = encodeContent(content.value());
    const auto again = decodeContent(encoded);
    check(again.ok(), "encoded content decodes");
    check(again.value() == content.value(), "decode(encode(content)) == content");
    check(encodeContent(again.value()) == encoded, "encoding is deterministic");
    if (content.value().file)
        check(isValidFileName(content.value().file->name), "an attachment's name is valid");
    return 0;
}
