// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

namespace linnet::lan {

/**
 * How many datagrams from one source address are looked at (docs/protocol.md 12.2,
 * "Rate"): a token bucket per source, refilled at Options::perSecond up to Options::burst.
 * A datagram over the limit is dropped before it is decoded, so a flood costs a hash
 * lookup each, and a flood from one address leaves the others heard. At most
 * Options::maxSources addresses are tracked; past that the one idle longest is forgotten.
 * Pure logic: the caller passes the time.
 */
class SourceRateLimit {
public:
    struct Options {
        double perSecond = 20.0; ///< steady datagrams per second per source
        double burst = 40.0;     ///< datagrams a quiet source may send at once
        qsizetype maxSources = 1024;
    };

    SourceRateLimit() : SourceRateLimit(Options{}) {}
    explicit SourceRateLimit(Options options) : m_options(options) {}

    /** True if a datagram from @p source at @p nowMs may be looked at (and counts it). */
    bool allow(const QString &source, qint64 nowMs);
    /** True once per source and second of dropping: whether to log this drop. */
    bool shouldLogDrop(const QString &source, qint64 nowMs);
    qsizetype trackedSources() const { return m_buckets.size(); }

private:
    struct Bucket {
        double tokens = 0;
        qint64 updated = 0;
        qint64 lastLogged = -1;
    };
    void forgetIdlest();

    Options m_options;
    QHash<QString, Bucket> m_buckets;
};

} // namespace linnet::lan
