// SPDX-License-Identifier: GPL-3.0-or-later
#include "CborScan.h"

namespace linnet::protocol::detail {

namespace {

constexpr quint8 kBreak = 0xff;
constexpr quint8 kIndefinite = 31;

/** An item's head: major type, additional information and its argument. */
struct Head {
    quint8 major = 0;
    quint8 info = 0;
    quint64 argument = 0;
};

/** Reads the head at @p pos and moves @p pos past it; nullptr or what is wrong. */
const char *readHead(QByteArrayView bytes, qsizetype &pos, Head &head)
{
    if (pos >= bytes.size())
        return "unexpected end of data";
    const auto initial = quint8(bytes[pos++]);
    head.major = initial >> 5;
    head.info = initial & 0x1f;
    head.argument = head.info;
    if (head.info < 24 || head.info == kIndefinite)
        return nullptr;
    if (head.info > 27)
        return "reserved additional information";
    const qsizetype size = qsizetype(1) << (head.info - 24); // 1, 2, 4 or 8 bytes
    if (bytes.size() - pos < size)
        return "unexpected end of data";
    quint64 argument = 0;
    for (qsizetype i = 0; i < size; ++i)
        argument = (argument << 8) | quint8(bytes[pos + i]);
    pos += size;
    head.argument = argument;
    return nullptr;
}

/** What follows at @p pos inside an indefinite-length item: a break is consumed. */
enum class Next { Item, Break, End };
Next peekInside(QByteArrayView bytes, qsizetype &pos)
{
    if (pos >= bytes.size())
        return Next::End;
    if (quint8(bytes[pos]) != kBreak)
        return Next::Item;
    ++pos;
    return Next::Break;
}

} // namespace

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const quint8 c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        qsizetype length = 0;
        quint32 point = 0;
        if (c >= 0xc2 && c <= 0xdf) {
            length = 2;
            point = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            length = 3;
            point = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            length = 4;
            point = c & 0x07;
        } else {
            return false; // a continuation byte first, 0xc0/0xc1 (overlong) or past U+10FFFF
        }
        if (n - i < length)
            return false;
        for (qsizetype k = 1; k < length; ++k) {
            const quint8 d = p[i + k];
            if ((d & 0xc0) != 0x80)
                return false;
            point = (point << 6) | (d & 0x3f);
        }
        if (length == 3 && (point < 0x800 || (point >= 0xd800 && point <= 0xdfff)))
            return false;
        if (length == 4 && (point < 0x10000 || point > 0x10ffff))
            return false;
        i += length;
    }
    return true;
}

bool CborScanner::fail(qsizetype at, const char *what)
{
    m_error = what;
    m_errorOffset = at;
    return false;
}

bool CborScanner::read(qsizetype offset, CborItem &out)
{
    return readAt(offset, 0, out);
}

bool CborScanner::readAt(qsizetype offset, int depth, CborItem &out)
{
    if (depth > kMaxDepth)
        return fail(offset, "nested too deeply");
    qsizetype pos = offset;
    Head head;
    if (const char *wrong = readHead(m_bytes, pos, head))
        return fail(offset, wrong);
    out = CborItem{};
    out.content = pos;
    out.value = head.argument;
    const bool indefinite = head.info == kIndefinite;
    switch (head.major) {
    case 0:
    case 1:
        if (indefinite)
            return fail(offset, "an integer of indefinite length");
        out.type = head.major == 0 ? CborItem::Type::Unsigned : CborItem::Type::Negative;
        out.end = pos;
        return true;
    case 2:
    case 3:
        out.type = head.major == 2 ? CborItem::Type::Bytes : CborItem::Type::Text;
        if (indefinite) {
            out.indefinite = true;
            return readChunks(out, head.major);
        }
        if (head.argument > quint64(m_bytes.size() - pos))
            return fail(offset, "a string runs past the end of data");
        out.end = pos + qsizetype(head.argument);
        if (out.type == CborItem::Type::Text && !isValidUtf8(view(out)))
            return fail(offset, "invalid UTF-8 in a text string");
        return true;
    case 4:
    case 5: {
        out.type = head.major == 4 ? CborItem::Type::Array : CborItem::Type::Map;
        const quint64 perEntry = head.major == 5 ? 2 : 1;
        CborItem child;
        if (indefinite) {
            out.indefinite = true;
            quint64 items = 0;
            for (Next next; (next = peekInside(m_bytes, pos)) != Next::Break;) {
                if (next == Next::End)
                    return fail(pos, "unexpected end of data");
                if (!readAt(pos, depth + 1, child))
                    return false;
                pos = child.end;
                ++items;
            }
            if (items % perEntry != 0)
                return fail(offset, "a map key without a value");
            out.value = items / perEntry;
        } else {
            // Each item takes a byte at least: a larger count cannot be in the data.
            if (head.argument > quint64(m_bytes.size() - pos) / perEntry)
                return fail(offset, "an array or map runs past the end of data");
            for (quint64 i = 0; i < head.argument * perEntry; ++i) {
                if (!readAt(pos, depth + 1, child))
                    return false;
                pos = child.end;
            }
        }
        out.end = pos;
        return true;
    }
    case 6: {
        if (indefinite)
            return fail(offset, "a tag of indefinite length");
        out.type = CborItem::Type::Tag;
        CborItem tagged;
        if (!readAt(pos, depth + 1, tagged))
            return false;
        out.end = tagged.end;
        return true;
    }
    default: // 7: simple values and floats
        out.end = pos;
        switch (head.info) {
        case 20:
            out.type = CborItem::Type::False;
            return true;
        case 21:
            out.type = CborItem::Type::True;
            return true;
        case 22:
            out.type = CborItem::Type::Null;
            return true;
        case 23:
            out.type = CborItem::Type::Undefined;
            return true;
        case 24:
            // RFC 8949 3.3: values below 32 must use the one-byte form.
            if (head.argument < 32)
                return fail(offset, "a simple value in two bytes below 32");
            out.type = CborItem::Type::Simple;
            return true;
        case 25:
        case 26:
        case 27:
            out.type = CborItem::Type::Float;
            return true;
        case kIndefinite:
            return fail(offset, "a break outside an indefinite-length item");
        default:
            out.type = CborItem::Type::Simple;
            return true;
        }
    }
}

bool CborScanner::readChunks(CborItem &out, quint8 major)
{
    qsizetype pos = out.content;
    quint64 total = 0;
    for (Next next; (next = peekInside(m_bytes, pos)) != Next::Break;) {
        if (next == Next::End)
            return fail(pos, "unexpected end of data");
        const qsizetype at = pos;
        Head head;
        if (const char *wrong = readHead(m_bytes, pos, head))
            return fail(at, wrong);
        if (head.major != major || head.info == kIndefinite)
            return fail(at, "a chunk of another kind in an indefinite-length string");
        if (head.argument > quint64(m_bytes.size() - pos))
            return fail(at, "a string runs past the end of data");
        const QByteArrayView chunk = m_bytes.sliced(pos, qsizetype(head.argument));
        if (major == 3 && !isValidUtf8(chunk))
            return fail(at, "invalid UTF-8 in a text string");
        pos += chunk.size();
        total += quint64(chunk.size());
    }
    out.value = total;
    out.end = pos;
    return true;
}

QByteArray CborScanner::copyBytes(const CborItem &item) const
{
    if (!item.indefinite) {
        const QByteArrayView bytes = view(item);
        return QByteArray(bytes.data(), bytes.size());
    }
    QByteArray out;
    out.reserve(qsizetype(item.value));
    qsizetype pos = item.content;
    while (pos < item.end && quint8(m_bytes[pos]) != kBreak) {
        Head head;
        readHead(m_bytes, pos, head); // read() checked every chunk
        out.append(m_bytes.sliced(pos, qsizetype(head.argument)));
        pos += qsizetype(head.argument);
    }
    return out;
}

QString CborScanner::text(const CborItem &item) const
{
    return item.indefinite ? QString::fromUtf8(copyBytes(item)) : QString::fromUtf8(view(item));
}

CborChildren::CborChildren(CborScanner &scanner, const CborItem &container)
    : m_scanner(scanner), m_offset(container.content),
      m_remaining(container.type == CborItem::Type::Map ? 2 * container.value : container.value),
      m_indefinite(container.indefinite)
{
}

bool CborChildren::next(CborItem &out)
{
    if (m_indefinite) {
        const QByteArrayView bytes = m_scanner.bytes();
        if (m_offset >= bytes.size() || quint8(bytes[m_offset]) == kBreak)
            return false;
    } else if (m_remaining == 0) {
        return false;
    } else {
        --m_remaining;
    }
    if (!m_scanner.read(m_offset, out))
        return false;
    m_offset = out.end;
    return true;
}

} // namespace linnet::protocol::detail
