// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GroupStore.h"
#include "IdSequence.h"
#include "SqliteInbox.h"
#include "storage/SqlQuery.h"

#include <QSqlDatabase>

#include <memory>

namespace linnet::server {

/**
 * GroupStore on SqliteStore's connection (tables chat_groups and
 * group_members, schema step 3). Each write is one IMMEDIATE transaction that
 * takes seqs from conversations.last_seq, which the batch writer reads afresh
 * in every batch, so events and messages share one consistent order.
 */
class SqliteGroupStore final : public GroupStore {
public:
    /** New groups take their conversation id from @p conversationIds. */
    SqliteGroupStore(const QSqlDatabase &db, IdSequence &conversationIds);

    protocol::Result<GroupCommit> createGroup(const GroupCreateWrite &write) override;
    protocol::Result<GroupCommit> changeGroup(const GroupChangeWrite &write) override;
    std::optional<GroupRecord> group(qint64 conversation) override;
    bool isMember(qint64 conversation, qint64 accountId) override;
    QList<qint64> memberAccounts(qint64 conversation) override;
    protocol::Result<std::vector<InboxEntry>>
    storeSenderKeys(const SenderKeysWrite &write) override;

private:
    IdSequence &m_conversationIds;
    bool ensurePrepared();
    /** Keeps @p reason in m_error; false. */
    bool failed(const QString &reason);
    bool exec(storage::Query &q, const char *what);
    bool begin(const storage::Transaction &tx);
    bool commit(storage::Transaction &tx);
    /** @p what with m_error, logged; the caller's Transaction rolls back as it goes out of scope.
     */
    protocol::Error failure(const QString &what) const;
    bool addMember(qint64 conversation, qint64 accountId, bool admin, qint64 joined);
    /** Device ids of the accounts in @p accounts, in account then device order. */
    std::optional<QList<qint64>> devicesOfAccounts(const QList<qint64> &accounts);
    std::optional<QList<qint64>> memberDevices(qint64 conversation);
    bool writeEvent(const protocol::GroupEvent &event, const QList<qint64> &devices,
                    std::vector<InboxEntry> &out);

    QSqlDatabase m_db;
    bool m_prepared = false;
    QString m_error;
    InboxRowWriter m_inbox;
    std::unique_ptr<storage::Query> m_isMember, m_members, m_memberDevices, m_devicesOfAccount,
        m_insertMember;
};

} // namespace linnet::server
