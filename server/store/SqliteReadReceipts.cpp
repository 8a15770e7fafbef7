// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteReadReceipts.h"

namespace linnet::server {

namespace {
/** conversations.kind of a group. */
constexpr int kConversationGroup = 1;
} // namespace

using Step = SqliteStatement::Step;

SqliteReadReceipts::SqliteReadReceipts(SqliteConnection &connection, BatchLookups &lookups,
                                       InboxRowWriter &inbox)
    : m_db(connection), m_lookups(lookups), m_inbox(inbox)
{
}

bool SqliteReadReceipts::prepare()
{
    return m_members.prepare(
               m_db,
               R"(SELECT kind, member_a, member_b, last_seq FROM conversations WHERE id = ?1)") &&
           m_oneToOnePosition.prepare(m_db, R"(SELECT read_seq FROM read_positions
                                               WHERE conversation = ?1 AND account_id = ?2)") &&
           m_setOneToOnePosition.prepare(
               m_db, R"(INSERT INTO read_positions (conversation, account_id, read_seq)
                        VALUES (?1, ?2, ?3)
                        ON CONFLICT (conversation, account_id)
                        DO UPDATE SET read_seq = excluded.read_seq)") &&
           m_readPosition.prepare(m_db, R"(SELECT read_seq FROM group_members
                                           WHERE conversation = ?1 AND account_id = ?2)") &&
           m_setReadPosition.prepare(m_db, R"(UPDATE group_members SET read_seq = ?1
                                              WHERE conversation = ?2 AND account_id = ?3)") &&
           // recipient_account 0: group messages, which alone are in messages_by_conversation.
           m_readSenders.prepare(m_db, R"(SELECT DISTINCT sender_account FROM messages
                                          WHERE conversation = ?1 AND seq > ?2 AND seq <= ?3
                                            AND recipient_account = 0)");
}

bool SqliteReadReceipts::apply(const ReadWrite &read, std::vector<InboxEntry> &out,
                               const HeldSeq &heldSeq)
{
    m_members.bind(1, read.conversation);
    const Step found = m_members.step();
    if (found == Step::Error)
        return false;
    if (found == Step::Done) // no such conversation: ignored like any foreign id
        return true;
    const qint64 kind = m_members.int64At(0);
    const qint64 memberA = m_members.int64At(1);
    const qint64 memberB = m_members.int64At(2);
    const quint64 rowLastSeq = quint64(m_members.int64At(3));
    m_members.reset();
    if (kind == kConversationGroup)
        return applyGroup(read, out);
    if (read.accountId != memberA && read.accountId != memberB)
        return true;
    // A position past the last message would mark later messages read in advance
    // (and leave every later read of them without effect).
    const quint64 upTo = std::min(read.upToSeq, std::max(rowLastSeq, heldSeq(read.conversation)));
    bool moved = false;
    if (!moveOneToOnePosition(read, upTo, moved))
        return false;
    if (!moved)
        return true;
    const qint64 other = read.accountId == memberA ? memberB : memberA;
    return tell(read, upTo, {other, read.accountId}, out);
}

bool SqliteReadReceipts::moveOneToOnePosition(const ReadWrite &read, quint64 upTo, bool &moved)
{
    m_oneToOnePosition.bind(1, read.conversation);
    m_oneToOnePosition.bind(2, read.accountId);
    const Step position = m_oneToOnePosition.step();
    if (position == Step::Error)
        return false;
    const quint64 previous = position == Step::Row ? quint64(m_oneToOnePosition.int64At(0)) : 0;
    m_oneToOnePosition.reset();
    moved = upTo > previous;
    if (!moved)
        return true;
    m_setOneToOnePosition.bind(1, read.conversation);
    m_setOneToOnePosition.bind(2, read.accountId);
    m_setOneToOnePosition.bind(3, qint64(upTo));
    return m_setOneToOnePosition.run();
}

bool SqliteReadReceipts::applyGroup(const ReadWrite &read, std::vector<InboxEntry> &out)
{
    const BatchLookups::Group *group = m_lookups.groupFor(read.conversation);
    if (!group)
        return false;
    if (!group->exists || !group->members.contains(read.accountId))
        return true; // not a member: nothing to record, nobody to tell
    m_readPosition.bind(1, read.conversation);
    m_readPosition.bind(2, read.accountId);
    const Step position = m_readPosition.step();
    if (position == Step::Error)
        return false;
    const quint64 previous = position == Step::Row ? quint64(m_readPosition.int64At(0)) : 0;
    m_readPosition.reset();
    // A position past the last message would mark later messages read in advance.
    const quint64 upTo = std::min(read.upToSeq, group->lastSeq);
    if (upTo <= previous)
        return true;
    m_setReadPosition.bind(1, qint64(upTo));
    m_setReadPosition.bind(2, read.conversation);
    m_setReadPosition.bind(3, read.accountId);
    if (!m_setReadPosition.run())
        return false;

    m_readSenders.bind(1, read.conversation);
    m_readSenders.bind(2, qint64(previous));
    m_readSenders.bind(3, qint64(upTo));
    QList<qint64> senders;
    Step row;
    while ((row = m_readSenders.step()) == Step::Row)
        senders.append(m_readSenders.int64At(0));
    if (row == Step::Error)
        return false;
    senders.removeAll(read.accountId);
    senders.append(read.accountId); // the reader's other devices follow the position too
    return tell(read, upTo, senders, out);
}

bool SqliteReadReceipts::tell(const ReadWrite &read, quint64 upToSeq, const QList<qint64> &accounts,
                              std::vector<InboxEntry> &out)
{
    QList<qint64> targets;
    for (qint64 account : accounts) {
        const auto devices = m_lookups.devicesOf(account);
        if (!devices)
            return false;
        for (qint64 device : *devices)
            if (device != read.deviceId && !targets.contains(device))
                targets.append(device);
    }
    protocol::Receipt receipt;
    receipt.kind = protocol::ReceiptKind::Read;
    receipt.conversation = read.conversation;
    receipt.by = read.accountName;
    receipt.upToSeq = upToSeq;
    receipt.timestamp = read.timestamp;
    for (qint64 device : std::as_const(targets))
        if (!m_inbox.insert(device, receipt, out))
            return false;
    return true;
}

} // namespace linnet::server
