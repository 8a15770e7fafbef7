// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>

namespace linnet::server {

/**
 * Counts the connections that have not authenticated yet — in their TCP/TLS or
 * WebSocket handshake, or open and not signed in — per address and in total,
 * and decides about each new one. Signed-in connections are not counted here
 * (max_connections limits them), so a flood of connections that never sign in
 * cannot take the places of users who do.
 */
class ConnectionAdmission {
public:
    /** What a connection handed over to plain HTTP (media) is told first. */
    enum class HandOver {
        Serve,
        /** Over its address's limit of connections not signed in (HTTP 429). */
        AddressBusy,
        /** The server has max_connections connections (HTTP 503). */
        ServerFull,
    };

    enum class Verdict {
        Admit,
        /** Over the per-address limit: kept just long enough to be told why (error 429). */
        Refuse,
        /** Over every limit: closed at once, before any byte is read. */
        Drop,
    };

    /** Connections over the per-address limit that are still told why, per address. */
    static constexpr int kRefusalsPerAddress = 4;

    ConnectionAdmission(int maxTotal, int maxPerAddress)
        : m_maxTotal(maxTotal), m_maxPerAddress(maxPerAddress)
    {
    }

    /**
     * What a limit is counted by: an IPv4 address (also when it arrives IPv4-mapped
     * on a dual-stack socket), or the /64 network of an IPv6 address, because one
     * IPv6 host usually has a whole /64 to pick addresses from.
     */
    static QString addressKey(const QHostAddress &peer);

    /** With @p perAddress false only the total counts (a trusted proxy: many clients). */
    Verdict verdict(const QString &key, bool perAddress = true) const;
    /** Counts a connection of @p key (admitted or refused) until remove(). */
    void add(const QString &key);
    void remove(const QString &key);

    int total() const { return m_total; }
    int fromAddress(const QString &key) const { return m_byAddress.value(key); }

private:
    int m_maxTotal;
    int m_maxPerAddress;
    int m_total = 0;
    QHash<QString, int> m_byAddress;
};

} // namespace linnet::server
