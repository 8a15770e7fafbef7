// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

namespace linnet::client {

/** What LanAddresses needs to know of one network interface (a seam for tests). */
struct NetworkInterfaceInfo {
    QString name;
    bool up = false;
    bool running = false;
    bool loopback = false;
    QList<QHostAddress> addresses;
};

/**
 * The addresses other computers can reach a server on this machine by: a server
 * listening on all interfaces prints ws://127.0.0.1:PORT/v1/ws, which works for
 * this computer only. These are the same URL with each address of an interface that
 * is up, running and not loopback: IPv4 first, then IPv6 (not link-local, which
 * needs a scope nobody can type). Only the UI's wording is left to the UI.
 */
class LanAddresses {
public:
    /** The interfaces of this machine (QNetworkInterface::allInterfaces()). */
    static QList<NetworkInterfaceInfo> systemInterfaces();

    /**
     * URLs to give to others for a server whose own URL is @p serverUrl and which
     * listens on @p listen ("HOST:PORT", as passed to `serve --listen`). A server bound
     * to one address is reachable there only: that address if it is not loopback, else
     * none. Empty: nobody else can reach it (no network, or loopback only).
     */
    static QList<QUrl> shareableUrls(const QUrl &serverUrl, const QString &listen,
                                     const QList<NetworkInterfaceInfo> &interfaces);
};

} // namespace linnet::client
