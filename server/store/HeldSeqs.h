// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreTypes.h"

#include <QElapsedTimer>
#include <QHash>

#include <utility>
#include <vector>

namespace linnet::server {

/**
 * The last_seq of one-to-one conversations that batches committed but did not
 * write to conversations ("held"), and when they are due (SeqFlushPolicy). Only
 * bookkeeping: SqliteBatchWriter writes them. Internal to SqliteBatchWriter.
 */
class HeldSeqs {
public:
    /** What one batch holds: seqs above 1 (seq 1 is in the row its batch inserts). */
    struct Batch {
        QHash<qint64, quint64> seqs; ///< the highest seq of each conversation
        qint64 earliest = 0;         ///< the earliest created_at of those messages (0: none)

        void add(qint64 conversation, quint64 seq, qint64 createdAt);
        bool isEmpty() const { return seqs.isEmpty(); }
    };

    explicit HeldSeqs(SeqFlushPolicy policy) : m_policy(policy) {}

    bool isEmpty() const { return m_seqs.isEmpty(); }
    /** The held seq of @p conversation, 0 if none is held. */
    quint64 seqOf(qint64 conversation) const { return m_seqs.value(conversation); }
    /** True if the held seqs and @p batch's are to be written now (@p asked: flushSeqs). */
    bool due(const Batch &batch, bool asked) const;
    /** Every held seq and @p batch's, the highest of each conversation, in id order. */
    std::vector<std::pair<qint64, quint64>> toWrite(const Batch &batch) const;
    /** server_state.seqs_unflushed_since while @p batch's seqs are held too. */
    qint64 unflushedSince(const Batch &batch) const;
    /** After a commit: @p batch's seqs are held from now on, or (@p written) none is. */
    void committed(const Batch &batch, bool written);

private:
    const SeqFlushPolicy m_policy;
    QHash<qint64, quint64> m_seqs;
    qint64 m_since = 0;         ///< the earliest created_at of a message whose seq is held
    QElapsedTimer m_holdingFor; ///< since m_seqs was last empty
};

} // namespace linnet::server
