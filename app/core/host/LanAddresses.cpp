// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/LanAddresses.h"

#include <QNetworkInterface>

namespace linnet::client {

namespace {
/** The host part of "HOST:PORT", "[V6]:PORT" or a bare host. */
QString listenHost(const QString &listen)
{
    if (listen.startsWith(u'['))
        return listen.mid(1, listen.indexOf(u']') - 1);
    const qsizetype colon = listen.lastIndexOf(u':');
    return colon < 0 || listen.count(u':') > 1 ? listen : listen.left(colon);
}

QUrl withHost(QUrl url, const QHostAddress &address)
{
    QHostAddress plain = address;
    plain.setScopeId({});
    url.setHost(plain.toString());
    return url;
}
} // namespace

QList<NetworkInterfaceInfo> LanAddresses::systemInterfaces()
{
    QList<NetworkInterfaceInfo> out;
    for (const QNetworkInterface &i : QNetworkInterface::allInterfaces()) {
        NetworkInterfaceInfo info;
        info.name = i.humanReadableName();
        info.up = i.flags().testFlag(QNetworkInterface::IsUp);
        info.running = i.flags().testFlag(QNetworkInterface::IsRunning);
        info.loopback = i.flags().testFlag(QNetworkInterface::IsLoopBack);
        for (const QNetworkAddressEntry &entry : i.addressEntries())
            info.addresses << entry.ip();
        out << info;
    }
    return out;
}

QList<QUrl> LanAddresses::shareableUrls(const QUrl &serverUrl, const QString &listen,
                                        const QList<NetworkInterfaceInfo> &interfaces)
{
    const QString host = listenHost(listen.trimmed());
    const QHostAddress bound(host);
    const bool anyV4 =
        host.isEmpty() || host == QLatin1String("0.0.0.0") || host == QLatin1String("*");
    const bool anyV6 = host == QLatin1String("::") || host == QLatin1String("*");
    if (!anyV4 && !anyV6) {
        // Bound to one address: that one, unless only this computer can use it.
        if (bound.isNull() || bound.isLoopback())
            return {};
        return {withHost(serverUrl, bound)};
    }
    QList<QUrl> v4, v6;
    for (const NetworkInterfaceInfo &i : interfaces) {
        if (!i.up || !i.running || i.loopback)
            continue;
        for (const QHostAddress &a : i.addresses) {
            if (a.isLoopback() || a.isNull())
                continue;
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                const QUrl url = withHost(serverUrl, a);
                if (!v4.contains(url))
                    v4 << url;
            } else if (anyV6 && a.protocol() == QAbstractSocket::IPv6Protocol && !a.isLinkLocal()) {
                const QUrl url = withHost(serverUrl, a);
                if (!v6.contains(url))
                    v6 << url;
            }
        }
    }
    return v4 + v6;
}

} // namespace linnet::client
