// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QByteArrayView>
#include <QHostAddress>
#include <QList>

#include <utility>

namespace linnet::server {

/**
 * The reverse proxies whose X-Forwarded-For the server believes (trusted_proxies):
 * a connection from one of them is counted, for the limits per address, under the
 * client address the proxy names instead of its own. From any other peer the
 * header is ignored, so a client cannot choose the address it is counted under.
 */
class TrustedProxies {
public:
    /** "ADDRESS[/PREFIX], ..." (commas or spaces between); an error names the bad entry. */
    static protocol::Result<TrustedProxies> parse(const QString &text);

    bool isEmpty() const { return m_subnets.isEmpty(); }
    bool contains(const QHostAddress &address) const;
    /**
     * Who is behind @p peer: @p peer itself unless it is a trusted proxy and
     * @p forwardedFor (the X-Forwarded-For value) names someone. Then the right-most
     * address in it that is not a trusted proxy (each proxy appends the address it got
     * the request from, so everything left of that was written by the client and is
     * not believed), or the left-most if all are trusted proxies. An entry that is not
     * an IP address there ends the search with @p peer: a proxy that writes such
     * entries is not one to believe.
     */
    QHostAddress clientAddress(const QHostAddress &peer, QByteArrayView forwardedFor) const;

    bool operator==(const TrustedProxies &) const = default;

private:
    QList<std::pair<QHostAddress, int>> m_subnets;
};

} // namespace linnet::server
