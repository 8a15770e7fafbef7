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
 * A seq that has left the server (pushed before its commit) is never given to
 * another message, whatever crashes or failed commits come in between (issue
 * 23.6). So a message may be pushed before its commit only while its seq is at
 * most kPushAhead past the conversation's last committed seq (Slot::mayPush; a
 * conversation whose row is not committed yet pushes nothing), and a start after
 * a crash moves every conversation kPushAhead seqs on (Store::beginServing):
 * the seqs pushed and lost in the crash become a gap, never a seq used twice. A
 * failed commit takes back its seqs (rewind()) but never one that was pushed.
 *
 * preload() reads every conversation when they fit in the cache: from then on
 * a pair that is not cached has no conversation, and no message asks the
 * database. The cache stays complete until more conversations than it holds
 * are seen: then it starts over, once the store has written every seq it held
 * in memory (GroupCommitter::flush()), keeping the conversations with pushed
 * seqs that were never committed (the database does not know them).
 */
class ConversationSeqs {
public:
    struct Slot {
        qint64 conversation = 0;
        quint64 seq = 0;
        /** The message may be pushed before its commit (then call notePushed()). */
        bool mayPush = false;
    };

    /**
     * Seqs a conversation may push past its last committed one, and how far a start
     * after a crash moves every conversation on. A batch rarely holds more than a few
     * messages of one conversation; past this, messages wait for their commit.
     */
    static constexpr quint64 kPushAhead = 64;

    /**
     * Conversations kept before the cache starts over: 49 bytes each in the hash
     * (measured), ~47 MiB at the ceiling. At 200,000 the bench's 499,500 random
     * pairs overflowed it within seconds, and from then on the loop thread read
     * the database for most messages (docs/perf/findings.md, finding 28).
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
    /** The message given @p seq was pushed to a device before its commit. */
    void notePushed(qint64 accountA, qint64 accountB, quint64 seq);
    /** The message given @p seq is committed. */
    void noteCommitted(qint64 accountA, qint64 accountB, quint64 seq);
    /**
     * The commit of the message given @p seq between the two accounts failed, and
     * with it every send gathered after it (GroupCommitter): its seq and every
     * later one of the conversation are given again, so that they leave no gap,
     * except those up to the last seq pushed, which stay a gap.
     */
    void rewind(qint64 accountA, qint64 accountB, quint64 seq);
    /**
     * True if a seq was pushed and never committed (a failed commit): after the
     * last flush, the database does not know it, and the next start must move on.
     */
    bool hasPushedUncommitted() const;

    /** True while a pair that is not cached is known to have no conversation. */
    bool isComplete() const { return m_complete; }
    /** Conversations looked up in the database by next() so far. */
    quint64 lookups() const { return m_lookups; }

private:
    struct Seqs {
        qint64 id = 0;
        quint64 last = 0;      ///< the last seq handed out
        quint64 committed = 0; ///< the last committed, as far as the gateway knows
        quint64 pushed = 0;    ///< the last pushed before its commit
    };

    Seqs *find(qint64 accountA, qint64 accountB);
    bool mayPush(const Seqs &seqs, quint64 seq) const;

    Store &m_store;
    GroupCommitter &m_committer;
    const qsizetype m_maxCached;
    QHash<QPair<qint64, qint64>, Seqs> m_seqs;
    bool m_complete = false;
    quint64 m_lookups = 0;
};

} // namespace linnet::server
