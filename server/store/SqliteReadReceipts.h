// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BatchLookups.h"
#include "SqliteConnection.h"
#include "SqliteInbox.h"
#include "StoreTypes.h"

#include <functional>
#include <vector>

namespace linnet::server {

/**
 * The read receipts of SqliteBatchWriter's batch. Each member's read position is
 * stored (read_positions one-to-one, group_members.read_seq in a group); a read
 * that does not move it forward stores nothing, and a position never moves back
 * nor past the conversation's last message. One-to-one, "read up to seq" goes to
 * the other member's devices and the reader's other devices; in a group, to the
 * senders of the messages it newly covers and to the reader's other devices.
 * Internal to SqliteBatchWriter.
 */
class SqliteReadReceipts {
public:
    /** All three outlive this object. */
    SqliteReadReceipts(SqliteConnection &connection, BatchLookups &lookups, InboxRowWriter &inbox);

    /** Prepares the statements; false: see the connection's error. */
    bool prepare();
    /** The last seq of a one-to-one conversation that its row may not have yet (HeldSeqs). */
    using HeldSeq = std::function<quint64(qint64 conversation)>;

    /**
     * Applies @p read: the receipts go into the inbox (their entries into @p out).
     * A read of a conversation the reader is not in is ignored. False on a
     * database error.
     */
    bool apply(const ReadWrite &read, std::vector<InboxEntry> &out, const HeldSeq &heldSeq);

private:
    bool applyGroup(const ReadWrite &read, std::vector<InboxEntry> &out);
    /**
     * Moves the reader's position in a one-to-one conversation to @p upTo: false on
     * a database error; @p moved says whether it moved (else nobody is told).
     */
    bool moveOneToOnePosition(const ReadWrite &read, quint64 upTo, bool &moved);
    /** Queues the receipt to @p accounts' devices, except the reading device itself. */
    bool tell(const ReadWrite &read, quint64 upToSeq, const QList<qint64> &accounts,
              std::vector<InboxEntry> &out);

    SqliteConnection &m_db;
    BatchLookups &m_lookups;
    InboxRowWriter &m_inbox;
    SqliteStatement m_members, m_readPosition, m_setReadPosition, m_readSenders;
    SqliteStatement m_oneToOnePosition, m_setOneToOnePosition;
};

} // namespace linnet::server
