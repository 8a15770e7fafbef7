// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationSeqs.h"

#include "gateway/GroupCommitter.h"
#include "store/Store.h"

namespace linnet::server {

namespace {
/** Conversations kept before the cache starts over (~100 bytes each). */
constexpr qsizetype kMaxCached = 200000;

QPair<qint64, qint64> pairOf(qint64 a, qint64 b)
{
    return {std::min(a, b), std::max(a, b)};
}
} // namespace

ConversationSeqs::ConversationSeqs(Store &store, GroupCommitter &committer)
    : m_store(store), m_committer(committer)
{
}

ConversationSeqs::Slot ConversationSeqs::next(qint64 accountA, qint64 accountB)
{
    const auto key = pairOf(accountA, accountB);
    auto it = m_seqs.find(key);
    if (it == m_seqs.end()) {
        if (m_seqs.size() >= kMaxCached) {
            // Seqs handed out but not yet committed are only known here: commit
            // them before the database becomes the reference again.
            m_committer.flush();
            m_seqs.clear();
        }
        ConversationSeq seq;
        if (const auto existing = m_store.conversationBetween(key.first, key.second))
            seq = *existing;
        else
            seq.id = m_store.reserveConversationId();
        it = m_seqs.insert(key, seq);
    }
    return {it->id, ++it->lastSeq};
}

} // namespace linnet::server
