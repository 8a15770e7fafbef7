// SPDX-License-Identifier: GPL-3.0-or-later
#include "CborWriter.h"

namespace linnet::protocol::detail {

void CborWriter::head(quint8 major, quint64 argument)
{
    const auto initial = quint8(major << 5);
    if (argument < 24) {
        m_out.append(char(initial | argument));
        return;
    }
    int size = 8;
    quint8 info = 27;
    if (argument <= 0xff) {
        size = 1;
        info = 24;
    } else if (argument <= 0xffff) {
        size = 2;
        info = 25;
    } else if (argument <= 0xffffffffu) {
        size = 4;
        info = 26;
    }
    char bytes[9];
    bytes[0] = char(initial | info);
    for (int i = 0; i < size; ++i)
        bytes[1 + i] = char(argument >> (8 * (size - 1 - i)));
    m_out.append(bytes, 1 + size);
}

void CborWriter::append(QLatin1StringView text)
{
    bool ascii = true;
    for (char c : text)
        ascii = ascii && quint8(c) < 0x80;
    if (!ascii) {
        append(QString(text));
        return;
    }
    head(3, quint64(text.size()));
    m_out.append(text.data(), text.size());
}

void CborWriter::append(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    head(3, quint64(utf8.size()));
    m_out.append(utf8);
}

void CborWriter::appendByteString(const char *data, qsizetype size)
{
    head(2, quint64(size));
    m_out.append(data, size);
}

} // namespace linnet::protocol::detail
