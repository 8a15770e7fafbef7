// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BatchLookups.h"
#include "SqliteConnection.h"
#include "SqliteInbox.h"
#include "StoreTypes.h"

#include <vector>

namespace linnet::server {

/**
 * The read receipts of SqliteBatchWriter's batch. One-to-one: "read up to seq"
 * goes to the other member's devices and the reader's other devices. Groups: the
 * member's read position is stored, and the receipt goes to the senders of the
 * messages it newly covers and to the reader's other devices; a position never
 * moves back nor past the group's last message. Internal to SqliteBatchWriter.
 */
class SqliteReadReceipts {
public:
    /** All three outlive this object. */
    SqliteReadReceipts(SqliteConnection &connection, BatchLookups &lookups, InboxRowWriter &inbox);

    /** Prepares the statements; false: see the connection's error. */
    bool prepare();
    /**
     * Applies @p read: the receipts go into the inbox (their entries into @p out).
     * A read of a conversation the reader is not in is ignored. False on a
     * database error.
     */
    bool apply(const ReadWrite &read, std::vector<InboxEntry> &out);

private:
    bool applyGroup(const ReadWrite &read, std::vector<InboxEntry> &out);
    /** Queues the receipt to @p accounts' devices, except the reading device itself. */
    bool tell(const ReadWrite &read, quint64 upToSeq, const QList<qint64> &accounts,
              std::vector<InboxEntry> &out);

    SqliteConnection &m_db;
    BatchLookups &m_lookups;
    InboxRowWriter &m_inbox;
    SqliteStatement m_members, m_readPosition, m_setReadPosition, m_readSenders;
};

} // namespace linnet::server
