// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace linnet::crypto {

/** Appends @p value as 4 bytes, big-endian. */
void appendU32(QByteArray &out, quint32 value);
/** Appends a u32 big-endian length, then @p bytes. */
void appendBlob(QByteArray &out, QByteArrayView bytes);

/**
 * Bounds-checked reading of the byte formats in this folder (envelopes, serialized
 * sessions). Every read fails instead of running past the end, and once a read has
 * failed every later one fails too, so a parser can check ok() once at the end.
 */
class BinaryReader {
public:
    explicit BinaryReader(QByteArrayView data) : m_data(data) {}

    bool readU8(quint8 &out);
    bool readU32(quint32 &out);
    /** Exactly @p size bytes. */
    bool readBytes(qsizetype size, QByteArray &out);
    /** A u32 length then that many bytes; fails if longer than @p maxSize. */
    bool readBlob(QByteArray &out, qsizetype maxSize);
    /** Everything not read yet. */
    QByteArrayView rest() const { return m_failed ? QByteArrayView() : m_data.sliced(m_pos); }

    qsizetype remaining() const { return m_failed ? 0 : m_data.size() - m_pos; }
    bool ok() const { return !m_failed; }
    bool atEnd() const { return !m_failed && m_pos == m_data.size(); }

private:
    bool take(qsizetype size);

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    bool m_failed = false;
};

} // namespace linnet::crypto
