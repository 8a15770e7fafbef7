// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimiter.h"

#include <algorithm>

namespace linnet::server {

namespace {
constexpr qsizetype kPruneThreshold = 10000;
}

void TokenBucket::refill(double burst, double perSecond, qint64 nowMs)
{
    if (nowMs > updatedMs) {
        tokens = std::min(burst, tokens + (nowMs - updatedMs) * perSecond / 1000.0);
        updatedMs = nowMs;
    }
}

bool TokenBucket::take(double burst, double perSecond, qint64 nowMs, double count)
{
    refill(burst, perSecond, nowMs);
    if (tokens < count)
        return false;
    tokens -= count;
    return true;
}

RateLimiter::Bucket &RateLimiter::refill(const QString &key, qint64 nowMs)
{
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= kPruneThreshold)
            prune(nowMs);
        it = m_buckets.insert(key, Bucket{m_burst, nowMs});
    }
    it->refill(m_burst, m_perSecond, nowMs);
    return it.value();
}

bool RateLimiter::wouldAllow(const QString &key, qint64 nowMs)
{
    return refill(key, nowMs).tokens >= 1.0;
}

bool RateLimiter::tryConsume(const QString &key, qint64 nowMs)
{
    return refill(key, nowMs).take(m_burst, m_perSecond, nowMs);
}

void RateLimiter::consume(const QString &key, qint64 nowMs)
{
    Bucket &b = refill(key, nowMs);
    b.tokens = std::max(0.0, b.tokens - 1.0);
}

void RateLimiter::refund(const QString &key, qint64 nowMs)
{
    Bucket &b = refill(key, nowMs);
    b.tokens = std::min(m_burst, b.tokens + 1.0);
}

void RateLimiter::prune(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double tokens = it->tokens + (nowMs - it->updatedMs) * m_perSecond / 1000.0;
        if (tokens >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace linnet::server
