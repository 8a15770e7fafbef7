// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SqliteConnection.h"
#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace linnet::server {

class SqliteBatchWriter;

/**
 * The relay's side of SqliteStore, on SQLite's C API and a connection of its
 * own: the batch writer, and the reads made for every message (inbox pages, the
 * resend check, a conversation's seq). With a CommitThread the batches are
 * written on that thread's own store, so the loop's reads here never wait for
 * them. Opened once the schema is current; one thread only.
 */
class SqliteRelayStore {
public:
    SqliteRelayStore();
    ~SqliteRelayStore();
    SqliteRelayStore(const SqliteRelayStore &) = delete;
    SqliteRelayStore &operator=(const SqliteRelayStore &) = delete;

    /** Opens @p filePath, runs @p pragmas on the connection and prepares the statements. */
    protocol::Status open(const QString &filePath, int busyTimeoutMs, const QStringList &pragmas,
                          SeqFlushPolicy seqs = {});

    protocol::Result<BatchResult> commitBatch(const WriteBatch &batch);
    protocol::Result<std::vector<InboxEntry>> loadInbox(qint64 deviceId, quint64 afterEntry,
                                                        int limit);
    std::optional<ConversationSeq> conversationBetween(qint64 accountA, qint64 accountB);
    std::optional<std::vector<OneToOneConversation>> oneToOneConversations(qsizetype limit);
    bool messageStored(qint64 senderDevice, const protocol::MessageId &id);

private:
    SqliteConnection m_connection; ///< first member: the statements go before it
    std::unique_ptr<SqliteBatchWriter> m_writer;
    SqliteStatement m_loadInbox, m_messageStored, m_conversationBetween;
};

} // namespace linnet::server
