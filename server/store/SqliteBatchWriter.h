// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <map>
#include <optional>
#include <tuple>

namespace linnet::server {

/**
 * SqliteStore's hot path: applies one WriteBatch in one IMMEDIATE transaction
 * with statements prepared once. Internal to the server core.
 */
class SqliteBatchWriter {
public:
    explicit SqliteBatchWriter(const QSqlDatabase &db);

    protocol::Result<BatchResult> apply(const WriteBatch &batch);

private:
    struct Conversation {
        qint64 id = 0;
        quint64 lastSeq = 0;
        bool dirty = false;
    };
    struct DeliveredGroup {
        qint64 senderAccount = 0;
        qint64 conversation = 0;
        QString by;
        qint64 timestamp = 0;
        QList<protocol::MessageId> ids;
    };
    /** Lookups cached for the duration of one batch only (admins may add devices meanwhile). */
    struct BatchState {
        QHash<qint64, QList<qint64>> devices;
        QHash<QPair<qint64, qint64>, Conversation> conversations;
        QHash<QPair<qint64, protocol::MessageId>, size_t> sentInBatch;
        std::vector<DeliveredGroup> delivered;
        std::map<std::tuple<qint64, qint64, qint64>, size_t> deliveredIndex;
    };

    bool prepareAll();
    bool prepare(QSqlQuery &q, const char *sql);
    bool exec(QSqlQuery &q);

    bool applySend(const SendWrite &send, BatchState &state, BatchResult &result);
    bool applyAck(const AckWrite &ack, BatchState &state);
    bool emitDelivered(BatchState &state, BatchResult &result);
    bool applyRead(const ReadWrite &read, BatchState &state, BatchResult &result);
    bool flushConversations(BatchState &state);

    /** Device ids of an account, cached per batch. Returned by value: a pointer into
     *  the cache would dangle as soon as the next lookup grows the hash. */
    std::optional<QList<qint64>> devicesOf(qint64 accountId, BatchState &state);
    Conversation *conversationFor(qint64 a, qint64 b, qint64 now, BatchState &state);
    bool insertEntry(qint64 deviceId, protocol::Deliver deliver, BatchResult &result);
    bool insertEntry(qint64 deviceId, protocol::Receipt receipt, BatchResult &result);

    QSqlDatabase m_db;
    bool m_prepared = false;
    QString m_error;
    QSqlQuery m_begin, m_commit, m_rollback;
    QSqlQuery m_findMessage, m_insertMessage, m_markDelivered;
    QSqlQuery m_findConversation, m_insertConversation, m_updateConversation, m_members;
    QSqlQuery m_devicesOfAccount;
    QSqlQuery m_findEntry, m_deleteEntry, m_insertEntry;
};

/** The inbox columns in the order readInboxRow() expects, for SELECT lists. */
#define LINNET_INBOX_COLUMNS                                                                       \
    "entry, device_id, kind, conversation, seq, message_id, from_name, from_device, to_name, ts, " \
    "body, receipt_kind, by_name, up_to_seq, receipt_ids"

/** One inbox row (selected with LINNET_INBOX_COLUMNS) as an entry; nullopt if corrupt. */
std::optional<InboxEntry> readInboxRow(const QSqlQuery &q);

} // namespace linnet::server
