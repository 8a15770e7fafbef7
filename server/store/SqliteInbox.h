// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreTypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>
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

/** Every column of one inbox row; an unset optional is written as NULL. */
struct InboxRow {
    qint64 device = 0;
    int kind = 0;
    qint64 conversation = 0;
    quint64 seq = 0;
    std::optional<QByteArray> messageId, body, receiptIds;
    std::optional<QString> from, to, by, subject, groupName;
    std::optional<qint64> fromDevice, receiptKind, upToSeq, groupOp;
    bool inGroup = false;
    qint64 ts = 0;
    qint64 created = 0;
};

class SqliteConnection;

/**
 * Writes inbox rows of every kind with one INSERT prepared once, for the
 * batch writer (on its SqliteConnection) and the group store (on QtSql),
 * inside their transactions. Internal to the server core.
 */
class InboxRowWriter {
public:
    /** Where the INSERT runs: on QtSql or on SQLite's C API. */
    class Sink {
    public:
        virtual ~Sink() = default;
        virtual bool prepare() = 0;
        /** The new row's entry id, or nullopt (see error()). */
        virtual std::optional<quint64> write(const InboxRow &row) = 0;
        virtual QString error() const = 0;
    };

    explicit InboxRowWriter(const QSqlDatabase &db);
    explicit InboxRowWriter(SqliteConnection &connection);
    ~InboxRowWriter();

    /** Prepares the statement; false (see error()) on failure. */
    bool prepare() { return m_sink->prepare(); }
    QString error() const { return m_sink->error(); }

    /** Each inserts one row for @p deviceId, sets the entry id and appends the entry to @p out. */
    bool insert(qint64 deviceId, protocol::Deliver deliver, std::vector<InboxEntry> &out);
    bool insert(qint64 deviceId, protocol::Receipt receipt, std::vector<InboxEntry> &out);
    bool insert(qint64 deviceId, protocol::GroupEvent event, std::vector<InboxEntry> &out);
    /** A sender key has no timestamp of its own: @p createdAt dates the row for retention. */
    bool insert(qint64 deviceId, protocol::SenderKeyCopy copy, qint64 createdAt,
                std::vector<InboxEntry> &out);

private:
    /** Writes @p row and, if that worked, appends @p item with its entry id to @p out. */
    template <typename Item>
    bool append(const InboxRow &row, Item item, std::vector<InboxEntry> &out);

    std::unique_ptr<Sink> m_sink;
};

/** The inbox columns in the order readInboxRow() expects, for SELECT lists. */
#define LINNET_INBOX_COLUMNS                                                                       \
    "entry, device_id, kind, conversation, seq, message_id, from_name, from_device, to_name, ts, " \
    "body, receipt_kind, by_name, up_to_seq, receipt_ids, in_group, group_op, subject_name, "      \
    "group_name"

class SqliteStatement;

/** The current row of @p q (selected with LINNET_INBOX_COLUMNS) as an entry; nullopt if corrupt. */
std::optional<InboxEntry> readInboxRow(const SqliteStatement &q);

} // namespace linnet::server
