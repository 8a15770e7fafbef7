// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationSeqs.h"

#include "ServerLog.h"
#include "relay/GroupCommitter.h"
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
        m_seqs.insert({c.memberA, c.memberB}, Seqs{c.seq.id, c.seq.lastSeq, c.seq.lastSeq, 0});
    m_complete = true;
    return true;
}

ConversationSeqs::Seqs *ConversationSeqs::find(qint64 accountA, qint64 accountB)
{
    const auto it = m_seqs.find(pairOf(accountA, accountB));
    return it == m_seqs.end() ? nullptr : &*it;
}

bool ConversationSeqs::mayPush(const Seqs &seqs, quint64 seq) const
{
    // committed 0: the row of the conversation is not committed, and its id is only
    // reserved in memory; a crash could give both to another pair.
    return seqs.committed > 0 && seq <= seqs.committed + kPushAhead;
}

void ConversationSeqs::notePushed(qint64 accountA, qint64 accountB, quint64 seq)
{
    if (Seqs *s = find(accountA, accountB))
        s->pushed = std::max(s->pushed, seq);
}

void ConversationSeqs::noteCommitted(qint64 accountA, qint64 accountB, quint64 seq)
{
    if (Seqs *s = find(accountA, accountB))
        s->committed = std::max(s->committed, seq);
}

void ConversationSeqs::rewind(qint64 accountA, qint64 accountB, quint64 seq)
{
    // A pushed seq stays taken: the devices that had it keep it.
    if (Seqs *s = find(accountA, accountB); s && seq > 0)
        s->last = std::max(std::min(s->last, seq - 1), s->pushed);
}

bool ConversationSeqs::hasPushedUncommitted() const
{
    for (const Seqs &s : m_seqs)
        if (s.pushed > s.committed)
            return true;
    return false;
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
                // What the database does not know stays: seqs pushed and never committed.
                for (auto kept = m_seqs.begin(); kept != m_seqs.end();)
                    kept = kept->pushed > kept->committed ? std::next(kept) : m_seqs.erase(kept);
                m_complete = false;
            } else {
                qCWarning(lcRelay) << "conversation seqs not written:" << m_seqs.size()
                                   << "conversations kept in memory";
            }
        }
        Seqs seqs;
        std::optional<ConversationSeq> existing;
        if (!m_complete) {
            ++m_lookups;
            existing = m_store.conversationBetween(key.first, key.second);
        }
        if (existing)
            seqs = Seqs{existing->id, existing->lastSeq, existing->lastSeq, 0};
        else
            seqs.id = m_store.reserveConversationId();
        it = m_seqs.insert(key, seqs);
    }
    const quint64 seq = ++it->last;
    return {it->id, seq, mayPush(*it, seq)};
}

} // namespace linnet::server
