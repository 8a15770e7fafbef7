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
 * conversations, so the last seq of each conversation it has seen is kept here
 * and the database is read once per conversation. A conversation without a row
 * gets a reserved id; its first message's batch writes the row.
 */
class ConversationSeqs {
public:
    struct Slot {
        qint64 conversation = 0;
        quint64 seq = 0;
    };

    ConversationSeqs(Store &store, GroupCommitter &committer);

    /** The conversation of the two accounts and the seq of its next message. */
    Slot next(qint64 accountA, qint64 accountB);
    /**
     * Forgets every conversation (after a failed commit, once no seq handed out
     * is waiting for a commit): the database is the reference again, so the
     * seqs of the lost messages are given again and leave no gap.
     */
    void clear() { m_seqs.clear(); }

private:
    Store &m_store;
    GroupCommitter &m_committer;
    QHash<QPair<qint64, qint64>, ConversationSeq> m_seqs;
};

} // namespace linnet::server
