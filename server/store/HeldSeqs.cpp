// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeldSeqs.h"

#include <algorithm>

namespace linnet::server {

namespace {
/** The earlier of two times, where 0 means none. */
qint64 earliestOf(qint64 a, qint64 b)
{
    return a == 0 || b == 0 ? std::max(a, b) : std::min(a, b);
}

/** Takes @p from into @p into, keeping the higher seq of a conversation in both. */
void mergeInto(QHash<qint64, quint64> &into, const QHash<qint64, quint64> &from)
{
    for (auto it = from.cbegin(); it != from.cend(); ++it) {
        quint64 &seq = into[it.key()];
        seq = std::max(seq, *it);
    }
}
} // namespace

void HeldSeqs::Batch::add(qint64 conversation, quint64 seq, qint64 createdAt)
{
    quint64 &highest = seqs[conversation];
    highest = std::max(highest, seq);
    earliest = earliestOf(earliest, createdAt);
}

bool HeldSeqs::due(const Batch &batch, bool asked) const
{
    return asked || m_seqs.size() + batch.seqs.size() >= m_policy.maxHeld ||
           (m_holdingFor.isValid() && m_holdingFor.elapsed() >= m_policy.interval.count());
}

std::vector<std::pair<qint64, quint64>> HeldSeqs::toWrite(const Batch &batch) const
{
    QHash<qint64, quint64> merged = m_seqs;
    mergeInto(merged, batch.seqs);
    std::vector<std::pair<qint64, quint64>> all;
    all.reserve(size_t(merged.size()));
    for (auto it = merged.cbegin(); it != merged.cend(); ++it)
        all.emplace_back(it.key(), *it);
    // In id order: the table's pages are written one after another.
    std::sort(all.begin(), all.end());
    return all;
}

qint64 HeldSeqs::unflushedSince(const Batch &batch) const
{
    return earliestOf(m_since, batch.earliest);
}

void HeldSeqs::committed(const Batch &batch, bool written)
{
    if (written) {
        m_seqs.clear();
        m_since = 0;
        m_holdingFor.invalidate();
        return;
    }
    if (batch.isEmpty())
        return;
    if (m_seqs.isEmpty())
        m_holdingFor.start();
    mergeInto(m_seqs, batch.seqs);
    m_since = earliestOf(m_since, batch.earliest);
}

} // namespace linnet::server
