// SPDX-License-Identifier: GPL-3.0-or-later
#include "SourceRateLimit.h"

#include <algorithm>

namespace linnet::lan {

bool SourceRateLimit::allow(const QString &source, qint64 nowMs)
{
    auto it = m_buckets.find(source);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_options.maxSources)
            forgetIdlest();
        it = m_buckets.insert(source, Bucket{m_options.burst, nowMs, -1});
    }
    Bucket &b = *it;
    const qint64 elapsed = std::max<qint64>(0, nowMs - b.updated);
    b.tokens = std::min(m_options.burst, b.tokens + double(elapsed) * m_options.perSecond / 1000.0);
    b.updated = std::max(b.updated, nowMs);
    if (b.tokens < 1.0)
        return false;
    b.tokens -= 1.0;
    return true;
}

bool SourceRateLimit::shouldLogDrop(const QString &source, qint64 nowMs)
{
    const auto it = m_buckets.find(source);
    if (it == m_buckets.end())
        return true;
    if (it->lastLogged >= 0 && nowMs - it->lastLogged < 1000)
        return false;
    it->lastLogged = nowMs;
    return true;
}

void SourceRateLimit::forgetIdlest()
{
    // Rare (a thousand sources): a linear pass is cheaper than keeping an order.
    auto idlest = m_buckets.begin();
    for (auto it = m_buckets.begin(); it != m_buckets.end(); ++it)
        if (it->updated < idlest->updated)
            idlest = it;
    if (idlest != m_buckets.end())
        m_buckets.erase(idlest);
}

} // namespace linnet::lan
