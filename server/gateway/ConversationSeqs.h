// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreTypes.h"

#include <QHash>
#include <QPair>

namespace linnet::server {

class GroupCommitter;
class Store;

/**
 * Hands out the seq of each one-to-one message as it arrives, before its group
 * commit, so that the message can be pushed to its online devices at once
 * (MessageController). The gateway is the only one to give seqs to one-to-one
 * conversations (and the batch writer, on its behalf, the only one to create
 * their rows), so the last seq of each conversation it has seen is kept here
 * and the database is read once per conversation. A conversation without a row
 * gets a reserved id; its first message's batch writes the row.
 *
 * preload() reads every conversation when they fit in the cache: from then on
 * a pair that is not cached has no conversation, and no message asks the
 * database. The cache stays complete until more conversations than it holds
 * are seen: then it starts over, once the store has written every seq it held
 * in memory (GroupCommitter::flush()). A failed commit takes back its seqs
 * (rewind()); the database is not read again for them.
 */
class ConversationSeqs {
public:
    struct Slot {
        qint64 conversation = 0;
        quint64 seq = 0;
    };

    /**
     * Conversations kept before the cache starts over: 49 bytes each in the hash
     * (measured), ~47 MiB at the ceiling. At 200,000 the bench's 499,500 random
     * pairs overflowed it within seconds, and from then on the loop thread read
     * the database for most messages (docs/benchmarks.md, finding 28).
     */
    static constexpr qsizetype kMaxCached = 1000000;

    ConversationSeqs(Store &store, GroupCommitter &committer, qsizetype maxCached = kMaxCached);

    /**
     * Reads every one-to-one conversation if there are at most maxCached: true if
     * the cache is then complete.
     */
    bool preload();
    /** The conversation of the two accounts and the seq of its next message. */
    Slot next(qint64 accountA, qint64 accountB);
    /**
     * The commit of the message given @p seq between the two accounts failed, and
     * with it every send gathered after it (GroupCommitter): its seq and every
     * later one of the conversation are given again, so that they leave no gap.
     */
    void rewind(qint64 accountA, qint64 accountB, quint64 seq);

    /** True while a pair that is not cached is known to have no conversation. */
    bool isComplete() const { return m_complete; }
    /** Conversations looked up in the database by next() so far. */
    quint64 lookups() const { return m_lookups; }

private:
    Store &m_store;
    GroupCommitter &m_committer;
    const qsizetype m_maxCached;
    QHash<QPair<qint64, qint64>, ConversationSeq> m_seqs;
    bool m_complete = false;
    quint64 m_lookups = 0;
};

} // namespace linnet::server
