// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>

namespace linnet::protocol::detail {

/**
 * Appends CBOR items of definite length (RFC 8949, shortest heads) to a
 * QByteArray: the bytes QCborStreamWriter writes for the same calls, without
 * the QBuffer and QIODevice calls it makes for every item, which were most of
 * the cost of encoding a frame. Containers are opened with their size;
 * endArray()/endMap() only mark the end for the reader of the calling code.
 * Internal to the frame codec; not part of the protocol API.
 */
class CborWriter {
public:
    explicit CborWriter(QByteArray &out) : m_out(out) {}

    void append(quint64 value) { head(0, value); }
    void append(qint64 value)
    {
        if (value >= 0)
            head(0, quint64(value));
        else
            head(1, quint64(-1 - value));
    }
    void append(bool value) { m_out.append(char(value ? 0xf5 : 0xf4)); }
    void append(QLatin1StringView text); ///< as a text string (Latin-1 converted to UTF-8)
    void append(const QString &text);
    void append(const QByteArray &bytes) { appendByteString(bytes.constData(), bytes.size()); }
    void appendByteString(const char *data, qsizetype size);

    void startArray(quint64 count) { head(4, count); }
    void endArray() {}
    void startMap(quint64 pairs) { head(5, pairs); }
    void endMap() {}

private:
    void head(quint8 major, quint64 argument);

    QByteArray &m_out;
};

} // namespace linnet::protocol::detail
