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
    m_reload = false;
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

void ConversationSeqs::clear()
{
    m_seqs.clear();
    m_complete = false;
    m_reload = true;
}

ConversationSeqs::Slot ConversationSeqs::next(qint64 accountA, qint64 accountB)
{
    if (m_reload)
        preload();
    const auto key = pairOf(accountA, accountB);
    auto it = m_seqs.find(key);
    if (it == m_seqs.end()) {
        if (m_seqs.size() >= m_maxCached) {
            // Seqs handed out but not yet committed are only known here: commit
            // them before the database becomes the reference again.
            m_committer.flush();
            m_seqs.clear();
            m_complete = false;
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
