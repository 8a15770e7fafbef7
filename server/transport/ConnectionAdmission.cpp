// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionAdmission.h"

namespace linnet::server {

QString ConnectionAdmission::addressKey(const QHostAddress &peer)
{
    bool isIpv4 = false;
    const quint32 v4 = peer.toIPv4Address(&isIpv4); // also ::ffff:a.b.c.d
    if (isIpv4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR bytes = peer.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

ConnectionAdmission::Verdict ConnectionAdmission::verdict(const QString &key, bool perAddress) const
{
    const int fromKey = perAddress ? fromAddress(key) : 0;
    if (m_total >= m_maxTotal || fromKey >= m_maxPerAddress + kRefusalsPerAddress)
        return Verdict::Drop;
    if (fromKey >= m_maxPerAddress)
        return Verdict::Refuse;
    return Verdict::Admit;
}

void ConnectionAdmission::add(const QString &key)
{
    ++m_byAddress[key];
    ++m_total;
}

void ConnectionAdmission::remove(const QString &key)
{
    const auto it = m_byAddress.find(key);
    if (it == m_byAddress.end())
        return;
    if (--it.value() == 0)
        m_byAddress.erase(it);
    --m_total;
}

} // namespace linnet::server
