// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace linnet::protocol::detail {

/*
 * Finds and checks CBOR data items (RFC 8949) in a buffer without building any
 * value: an item is its type, its head's argument and where its content lies.
 * Frame decoding reads fields straight from the frame's bytes this way; building
 * QCborValue trees and a hash of them per frame was most of the decoding cost.
 * Internal to the frame codec; not part of the protocol API.
 */

/** One data item: what it is and where it lies in the scanned buffer. */
struct CborItem {
    enum class Type : quint8 {
        Unsigned, ///< value is the integer
        Negative, ///< the integer is -1 - value
        Bytes,    ///< value is the length in bytes (all chunks)
        Text,     ///< value is the length in bytes of its UTF-8 (all chunks)
        Array,    ///< value is the number of elements
        Map,      ///< value is the number of key/value pairs
        Tag,      ///< value is the tag number; the tagged item starts at content
        False,
        True,
        Null,
        Undefined,
        Simple, ///< another simple value: value is its number
        Float,  ///< a half, single or double precision float
    };
    Type type = Type::Undefined;
    /** A string of indefinite length (chunks), or an array or map ended by a break. */
    bool indefinite = false;
    quint64 value = 0;
    qsizetype content = 0; ///< offset just past the head: a string's bytes, the first element
    qsizetype end = 0;     ///< offset just past the whole item
};

/**
 * Reads items from one buffer, which must outlive the scanner. read() checks
 * that the item is well-formed all the way down: heads complete and within the
 * buffer, valid UTF-8 in text strings, chunks of the right type, breaks only
 * where they end an indefinite-length item, nesting at most kMaxDepth deep.
 */
class CborScanner {
public:
    /** Arrays, maps and tags nested deeper than this are refused (as QCborValue does). */
    static constexpr int kMaxDepth = 1024;

    explicit CborScanner(QByteArrayView bytes) : m_bytes(bytes) {}

    QByteArrayView bytes() const { return m_bytes; }

    /** Reads the item starting at @p offset into @p out; false (see error()) if it is not
     * well-formed. */
    bool read(qsizetype offset, CborItem &out);
    /** What read() found wrong, and the offset where it did. */
    const char *error() const { return m_error; }
    qsizetype errorOffset() const { return m_errorOffset; }

    /** A definite-length string's bytes, shared with the buffer (nothing copied). */
    QByteArrayView view(const CborItem &item) const
    {
        return m_bytes.sliced(item.content, qsizetype(item.value));
    }
    /** A string's bytes, copied (the chunks of an indefinite one joined). */
    QByteArray copyBytes(const CborItem &item) const;
    /** A text string (valid UTF-8, checked by read()) as a QString. */
    QString text(const CborItem &item) const;

private:
    bool readAt(qsizetype offset, int depth, CborItem &out);
    bool readChunks(CborItem &out, quint8 major);
    bool fail(qsizetype at, const char *what);

    QByteArrayView m_bytes;
    const char *m_error = "";
    qsizetype m_errorOffset = 0;
};

/**
 * The elements of an array, or the keys and values of a map in turn, of an item
 * that CborScanner::read() accepted (so each is well-formed too).
 */
class CborChildren {
public:
    CborChildren(CborScanner &scanner, const CborItem &container);
    /** The next element into @p out; false after the last one. */
    bool next(CborItem &out);

private:
    CborScanner &m_scanner;
    qsizetype m_offset;
    quint64 m_remaining; ///< items left when of definite length
    bool m_indefinite;
};

/** True if @p bytes is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
 * past U+10FFFF). */
bool isValidUtf8(QByteArrayView bytes);

} // namespace linnet::protocol::detail
