// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrustedProxies.h"

#include <QRegularExpression>
#include <QStringList>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {

/** An IPv4 address that arrived IPv4-mapped (::ffff:a.b.c.d) as the IPv4 address. */
QHostAddress plain(const QHostAddress &address)
{
    bool v4 = false;
    const quint32 ip = address.toIPv4Address(&v4);
    return v4 ? QHostAddress(ip) : address;
}

} // namespace

protocol::Result<TrustedProxies> TrustedProxies::parse(const QString &text)
{
    TrustedProxies proxies;
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (const QString &entry : text.split(separators, Qt::SkipEmptyParts)) {
        auto subnet = entry.contains(QLatin1Char('/'))
                          ? QHostAddress::parseSubnet(entry)
                          : std::pair<QHostAddress, int>{QHostAddress(entry), -1};
        if (subnet.first.isNull())
            return makeError(ErrorCode::InvalidField,
                             QStringLiteral("trusted_proxies: \"%1\" is not an IP address or "
                                            "ADDRESS/PREFIX")
                                 .arg(entry));
        subnet.first = plain(subnet.first);
        if (subnet.second < 0)
            subnet.second = subnet.first.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        proxies.m_subnets.append(subnet);
    }
    return proxies;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress a = plain(address);
    for (const auto &subnet : m_subnets)
        if (a.isInSubnet(subnet))
            return true;
    return false;
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer,
                                           QByteArrayView forwardedFor) const
{
    if (forwardedFor.isEmpty() || !contains(peer))
        return peer;
    const QStringList hops =
        QString::fromLatin1(forwardedFor.toByteArray()).split(QLatin1Char(','), Qt::SkipEmptyParts);
    QHostAddress client = peer;
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        QString hop = it->trimmed();
        if (hop.startsWith(QLatin1Char('[')) && hop.contains(QLatin1Char(']')))
            hop = hop.mid(1, hop.indexOf(QLatin1Char(']')) - 1); // "[v6]:port"
        const QHostAddress address(hop);
        if (address.isNull())
            return peer;
        client = plain(address);
        if (!contains(client))
            return client;
    }
    return client;
}

} // namespace linnet::server
