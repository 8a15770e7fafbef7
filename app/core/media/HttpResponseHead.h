// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

/**
 * The client's side of the media transfers' HTTP/1.1 (docs/protocol.md 10): the
 * status line and headers of a response, and the start of a Content-Range. Pure
 * functions of their input, without sockets, so that they can be tested and fuzzed.
 */
namespace linnet::client::http {

/** The status line and headers of an HTTP/1.1 response. */
struct ResponseHead {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; ///< names lower-cased, values trimmed

    /** The first value of a header (name lower-case), or empty. */
    QByteArray header(const QByteArray &name) const;
    /** A header's non-negative integer value, or -1. */
    qint64 number(const QByteArray &name) const;
};

/**
 * Parses a response head (without or with its final empty line) into @p head;
 * false if it is not an HTTP/1.x status line with a status from 100 to 599.
 */
bool parseResponseHead(const QByteArray &raw, ResponseHead &head);

/** "bytes START-END/SIZE" -> START, or -1 if the value is not of that form. */
qint64 contentRangeStart(const QByteArray &value);

} // namespace linnet::client::http
