// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationSeqs.h"

#include "ServerLog.h"
#include "gateway/GroupCommitter.h"
#include "store/Store.h"

namespace linnet::server {

namespace {
QPair<qint64, qint64> pairOf(qint64 a, qint64 b)
{
    return {std::min(a, b), std::max(a, b)};
}
} // namespace

ConversationSeqs::ConversationSeqs(Store &store, GroupCommitter &committer, qsizetype maxCached)
    : m_store(store), m_committer(committer), m_maxCached(maxCached)
{
}

bool ConversationSeqs::preload()
{
    m_seqs.clear();
    m_complete = false;
    const auto all = m_store.oneToOneConversations(m_maxCached);
    if (!all) {
        // More than the cache holds, or a read error (the store said which).
        qCInfo(lcRelay) << "conversations not read at start (more than" << m_maxCached
                        << "or unreadable): their seqs are read as messages come";
        return false;
    }
    m_seqs.reserve(qsizetype(all->size()));
    for (const OneToOneConversation &c : *all)
        m_seqs.insert({c.memberA, c.memberB}, c.seq);
    m_complete = true;
    return true;
}

void ConversationSeqs::rewind(qint64 accountA, qint64 accountB, quint64 seq)
{
    if (const auto it = m_seqs.find(pairOf(accountA, accountB)); it != m_seqs.end() && seq > 0)
        it->lastSeq = std::min(it->lastSeq, seq - 1);
}

ConversationSeqs::Slot ConversationSeqs::next(qint64 accountA, qint64 accountB)
{
    const auto key = pairOf(accountA, accountB);
    auto it = m_seqs.find(key);
    if (it == m_seqs.end()) {
        // Seqs handed out but not yet committed are only known here, and the
        // store holds committed ones in memory: both are written before the
        // database becomes the reference again. If they cannot be (a failed
        // commit), the cache grows instead: the database could be behind it.
        if (m_seqs.size() >= m_maxCached) {
            if (m_committer.flush()) {
                m_seqs.clear();
                m_complete = false;
            } else {
                qCWarning(lcRelay) << "conversation seqs not written:" << m_seqs.size()
                                   << "conversations kept in memory";
            }
        }
        ConversationSeq seq;
        std::optional<ConversationSeq> existing;
        if (!m_complete) {
            ++m_lookups;
            existing = m_store.conversationBetween(key.first, key.second);
        }
        if (existing)
            seq = *existing;
        else
            seq.id = m_store.reserveConversationId();
        it = m_seqs.insert(key, seq);
    }
    return {it->id, ++it->lastSeq};
}

} // namespace linnet::server
