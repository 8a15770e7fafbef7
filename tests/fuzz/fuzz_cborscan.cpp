// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the CBOR scanner every frame goes through (CborScan), and the JSON dump of
// `linnet-cli decode` and the logs. Properties: an item the scanner accepts can be walked
// to its end (every child well-formed, inside the buffer); a complete item it accepts is
// well-formed CBOR for Qt's own reader too; its UTF-8 check agrees with Qt's decoder.
#include "FuzzSupport.h"

#include "protocol/CborFields.h"
#include "protocol/CborScan.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QString>

using namespace linnet::protocol::detail;
using linnet::fuzz::check;

namespace {

void walk(CborScanner &scanner, const CborItem &item, int depth)
{
    check(depth <= CborScanner::kMaxDepth + 1, "nesting is bounded");
    check(item.content <= item.end && item.end <= scanner.bytes().size(),
          "an item lies inside the buffer");
    switch (item.type) {
    case CborItem::Type::Bytes:
        check(scanner.copyBytes(item).size() == qsizetype(item.value), "bytes have their length");
        if (!item.indefinite)
            check(scanner.view(item).size() == qsizetype(item.value), "a view has the length");
        break;
    case CborItem::Type::Text: {
        const QString text = scanner.text(item);
        check(text.toUtf8() == scanner.copyBytes(item), "text is the UTF-8 it was read from");
        break;
    }
    case CborItem::Type::Array:
    case CborItem::Type::Map: {
        CborChildren children(scanner, item);
        CborItem child;
        quint64 count = 0;
        while (children.next(child)) {
            check(child.end <= item.end, "a child ends inside its container");
            walk(scanner, child, depth + 1);
            ++count;
        }
        const quint64 expected = item.type == CborItem::Type::Map ? 2 * item.value : item.value;
        if (!item.indefinite)
            check(count == expected, "a container has as many children as its head says");
        break;
    }
    case CborItem::Type::Tag: {
        CborItem tagged;
        check(scanner.read(item.content, tagged), "a tag's item is well-formed");
        check(tagged.end == item.end, "a tag ends with its item");
        walk(scanner, tagged, depth + 1);
        break;
    }
    default:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes = linnet::fuzz::input(data, size);

    const bool validUtf8 = isValidUtf8(bytes);
    check(validUtf8 == (QString::fromUtf8(bytes).toUtf8() == bytes),
          "isValidUtf8 agrees with Qt's UTF-8 decoder");

    CborScanner scanner(bytes);
    CborItem item;
    if (scanner.read(0, item)) {
        walk(scanner, item, 0);
        if (item.end == bytes.size()) {
            QCborStreamReader reader(bytes.data(), bytes.size());
            (void)QCborValue::fromCbor(reader);
            check(reader.lastError() == QCborError::NoError,
                  "what the scanner accepts is well-formed for Qt's reader too");
        }
    }
    (void)cborToJson(bytes);
    return 0;
}
