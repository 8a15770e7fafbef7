// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

namespace linnet::server {

/** One token bucket: @p burst tokens at most, refilled at @p perSecond. */
struct TokenBucket {
    double tokens = 0;
    qint64 updatedMs = 0;

    static TokenBucket full(double burst, qint64 nowMs) { return {burst, nowMs}; }
    void refill(double burst, double perSecond, qint64 nowMs);
    /** Takes @p count tokens if there are that many (else takes none). */
    bool take(double burst, double perSecond, qint64 nowMs, double count = 1.0);
};

/**
 * Token buckets keyed by a string (an address, an account name). A key starts
 * with @p burst tokens and regains @p perSecond tokens each second. Memory is
 * bounded: keys whose bucket is full again are forgotten when the table grows.
 * Time is passed in, so tests need no clock.
 */
class RateLimiter {
public:
    RateLimiter(double burst, double perSecond) : m_burst(burst), m_perSecond(perSecond) {}

    /** True if @p key has a token left now (takes nothing). */
    bool wouldAllow(const QString &key, qint64 nowMs);
    /** Takes one token; returns false (and takes nothing) if none is left. */
    bool tryConsume(const QString &key, qint64 nowMs);
    /** Takes one token even if that leaves the bucket empty (for counting failures). */
    void consume(const QString &key, qint64 nowMs);
    /** Gives back a token taken by tryConsume (the attempt turned out fine). */
    void refund(const QString &key, qint64 nowMs);

    qsizetype trackedKeys() const { return m_buckets.size(); }

private:
    using Bucket = TokenBucket;
    Bucket &refill(const QString &key, qint64 nowMs);
    void prune(qint64 nowMs);

    double m_burst;
    double m_perSecond;
    QHash<QString, Bucket> m_buckets;
};

} // namespace linnet::server
