// SPDX-License-Identifier: GPL-3.0-or-later
#include "media/HttpResponseHead.h"

#include <algorithm>

namespace linnet::client::http {

QByteArray ResponseHead::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key == name)
            return value;
    return {};
}

qint64 ResponseHead::number(const QByteArray &name) const
{
    const QByteArray value = header(name);
    // Digits only: toLongLong() would also take "+5" or " 5".
    if (value.isEmpty() || value.size() > 18 ||
        !std::all_of(value.cbegin(), value.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    return value.toLongLong();
}

bool parseResponseHead(const QByteArray &raw, ResponseHead &head)
{
    const QList<QByteArray> lines = raw.split('\n');
    if (lines.isEmpty())
        return false;
    const QList<QByteArray> status = lines.first().trimmed().split(' ');
    if (status.size() < 2 || !status[0].startsWith("HTTP/1."))
        return false;
    bool ok = false;
    head.status = status[1].toInt(&ok);
    if (!ok || head.status < 100 || head.status > 599)
        return false;
    head.headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            head.headers.append(
                {line.first(colon).trimmed().toLower(), line.sliced(colon + 1).trimmed()});
    }
    return true;
}

qint64 contentRangeStart(const QByteArray &value)
{
    if (!value.startsWith("bytes "))
        return -1;
    const QByteArray start = value.sliced(6).split('-').value(0);
    if (start.isEmpty() || start.size() > 18 ||
        !std::all_of(start.cbegin(), start.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    return start.toLongLong();
}

} // namespace linnet::client::http
