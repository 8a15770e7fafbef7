// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreTypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>
#include <vector>

namespace linnet::server {

/** The kind column of an inbox row. */
namespace inboxkind {
inline constexpr int kDeliver = 0;    ///< a message (one-to-one, or in_group = 1)
inline constexpr int kReceipt = 1;    ///< delivered or read receipt
inline constexpr int kGroupEvent = 2; ///< a change of a group
inline constexpr int kSenderKey = 3;  ///< a sender-key distribution for one device
} // namespace inboxkind

/**
 * Writes inbox rows of every kind with one INSERT prepared once, for the
 * batch writer and the group store (same connection, inside their
 * transactions). Internal to the server core.
 */
class InboxRowWriter {
public:
    explicit InboxRowWriter(const QSqlDatabase &db);

    /** Prepares the statement; false (see error()) on failure. */
    bool prepare();
    QString error() const { return m_error; }

    /** Each inserts one row for @p deviceId, sets the entry id and appends the entry to @p out. */
    bool insert(qint64 deviceId, protocol::Deliver deliver, std::vector<InboxEntry> &out);
    bool insert(qint64 deviceId, protocol::Receipt receipt, std::vector<InboxEntry> &out);
    bool insert(qint64 deviceId, protocol::GroupEvent event, std::vector<InboxEntry> &out);
    /** A sender key has no timestamp of its own: @p createdAt dates the row for retention. */
    bool insert(qint64 deviceId, protocol::SenderKeyCopy copy, qint64 createdAt,
                std::vector<InboxEntry> &out);

private:
    struct Row;
    bool write(const Row &row);

    QSqlQuery m_insert;
    QString m_error;
    quint64 m_lastEntry = 0;
};

/** The inbox columns in the order readInboxRow() expects, for SELECT lists. */
#define LINNET_INBOX_COLUMNS                                                                       \
    "entry, device_id, kind, conversation, seq, message_id, from_name, from_device, to_name, ts, " \
    "body, receipt_kind, by_name, up_to_seq, receipt_ids, in_group, group_op, subject_name, "      \
    "group_name"

/** One inbox row (selected with LINNET_INBOX_COLUMNS) as an entry; nullopt if corrupt. */
std::optional<InboxEntry> readInboxRow(const QSqlQuery &q);

} // namespace linnet::server
