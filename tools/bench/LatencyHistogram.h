// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <array>

namespace linnet::bench {

/**
 * A log-linear latency histogram in the spirit of HdrHistogram: values in
 * nanoseconds, 64 linear sub-buckets per power of two (relative error below
 * 1.6 %), fixed size, mergeable across worker threads.
 */
class LatencyHistogram {
public:
    void record(qint64 ns);
    void merge(const LatencyHistogram &other);

    quint64 count() const { return m_count; }
    qint64 max() const { return m_max; }
    qint64 min() const { return m_count ? m_min : 0; }
    double mean() const { return m_count ? double(m_sum) / double(m_count) : 0; }
    /** The value at @p quantile (0..1), the upper edge of its bucket, capped at max. */
    qint64 valueAt(double quantile) const;

private:
    static constexpr int kSubBits = 6;
    static constexpr int kSub = 1 << kSubBits;
    static constexpr int kBuckets = (64 - kSubBits) * kSub;
    static int indexOf(quint64 value);
    static quint64 upperEdge(int index);

    std::array<quint64, kBuckets> m_counts{};
    quint64 m_count = 0;
    qint64 m_max = 0;
    qint64 m_min = 0;
    quint64 m_sum = 0;
};

} // namespace linnet::bench
