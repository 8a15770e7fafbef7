// SPDX-License-Identifier: GPL-3.0-or-later
#include "LatencyHistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace linnet::bench {

int LatencyHistogram::indexOf(quint64 value)
{
    if (value < quint64(kSub))
        return int(value);
    const int msb = 63 - std::countl_zero(value); // >= kSubBits
    const int shift = msb - kSubBits + 1;
    const int sub = int(value >> shift); // kSub/2 .. kSub-1
    return std::min(kBuckets - 1, shift * (kSub / 2) + sub);
}

quint64 LatencyHistogram::upperEdge(int index)
{
    if (index < kSub)
        return quint64(index);
    const int shift = (index - kSub / 2) / (kSub / 2);
    const quint64 sub = quint64(index - shift * (kSub / 2));
    return ((sub + 1) << shift) - 1;
}

void LatencyHistogram::record(qint64 ns)
{
    const quint64 v = ns < 0 ? 0 : quint64(ns);
    ++m_counts[size_t(indexOf(v))];
    m_min = m_count ? std::min<qint64>(m_min, qint64(v)) : qint64(v);
    ++m_count;
    m_max = std::max<qint64>(m_max, qint64(v));
    m_sum += v;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    if (other.m_count)
        m_min = m_count ? std::min(m_min, other.m_min) : other.m_min;
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
    m_sum += other.m_sum;
}

qint64 LatencyHistogram::valueAt(double quantile) const
{
    if (!m_count)
        return 0;
    const auto target = quint64(std::ceil(std::clamp(quantile, 0.0, 1.0) * double(m_count)));
    quint64 seen = 0;
    for (size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= std::max<quint64>(target, 1))
            return std::min<qint64>(qint64(upperEdge(int(i))), m_max);
    }
    return m_max;
}

} // namespace linnet::bench
