// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "IdSequence.h"
#include "Store.h"
#include "storage/SqlQuery.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace linnet::server {

class SqliteGroupStore;
class SqliteKeyStore;
class SqliteMediaStore;
class SqliteRelayStore;

/**
 * The default Store: one SQLite file (<dataDir>/linnet.db) in WAL mode with
 * synchronous=FULL, so that a committed batch survives power loss. Batches are
 * written on a connection of their own through SQLite's C API; everything else
 * goes through QtSql. Admin
 * commands may open the same file from another process meanwhile (busy_timeout).
 * Construct, then call open() before anything else; one thread only.
 */
class SqliteStore final : public Store {
public:
    static constexpr int kDefaultBusyTimeoutMs = 5000;
    /** Most memory SQLite's page cache of one connection may use. */
    static constexpr int kCacheKib = 64 * 1024;

    /** @p path is a data directory (the file is linnet.db inside) or a path ending in ".db". */
    explicit SqliteStore(const QString &path, int busyTimeoutMs = kDefaultBusyTimeoutMs,
                         SeqFlushPolicy seqs = {});
    ~SqliteStore() override;
    SqliteStore(const SqliteStore &) = delete;
    SqliteStore &operator=(const SqliteStore &) = delete;

    /**
     * Opens the file (creating it and the directory), sets PRAGMAs, migrates the
     * schema, and writes the seqs a crash left only in messages (repairSeqs()).
     */
    protocol::Status open();
    /**
     * A store on @p path, constructed and opened on the calling thread; with @p check,
     * open() runs quickCheck() before it reads or writes anything else and fails if the
     * file is damaged (linnet-server serve: a damaged database is not served).
     */
    static protocol::Result<std::unique_ptr<SqliteStore>> openAt(const QString &path,
                                                                 bool check = false);
    /**
     * PRAGMA quick_check: SQLite's check of every page and b-tree of the file (not
     * of index contents against their tables, which integrity_check adds at about 1.4
     * times the cost; docs/storage.md has the figures). An error naming the file and
     * SQLite's first findings if the file is damaged or cannot be read.
     */
    protocol::Status quickCheck();
    /** open() runs quickCheck() first (see openAt()). */
    void setCheckOnOpen(bool check) { m_checkOnOpen = check; }
    bool isOpen() const { return m_open; }
    QString filePath() const { return m_filePath; }

    KeyStore &keys() override;
    GroupStore &groups() override;
    MediaStore &media() override;

    protocol::Result<qint64> createAccount(const QString &username, const QByteArray &passwordHash,
                                           const std::optional<QByteArray> &inviteHash,
                                           qint64 now) override;
    protocol::Result<NewAccount>
    createAccountWithDevice(const QString &username, const QByteArray &passwordHash,
                            const std::optional<QByteArray> &inviteHash, const QString &deviceName,
                            const QByteArray &tokenHash, qint64 now) override;
    std::optional<AccountRecord> accountByName(const QString &username) override;
    std::optional<AccountRecord> accountById(qint64 id) override;
    QList<AccountRecord> listAccounts() override;
    bool setAccountDisabled(const QString &username, bool disabled) override;
    bool setServerAdmin(const QString &username, bool admin) override;
    QList<qint64> disabledAccountIds() override;
    void setLastSeen(qint64 accountId, qint64 when) override;
    void setLastSeenVisibility(qint64 accountId, protocol::LastSeenVisibility v) override;
    bool areContacts(qint64 accountA, qint64 accountB) override;

    protocol::Result<qint64> createDevice(qint64 accountId, const QString &name,
                                          const QByteArray &tokenHash, qint64 now) override;
    std::optional<DeviceRecord> deviceById(qint64 id) override;
    QList<qint64> deviceIdsOfAccount(qint64 accountId) override;
    QList<DeviceRecord> devicesOfAccount(qint64 accountId) override;
    protocol::Status renameDevice(qint64 accountId, qint64 deviceId, const QString &name) override;
    protocol::Status revokeDevice(qint64 accountId, qint64 deviceId, qint64 now) override;
    void setDeviceLastSeen(qint64 deviceId, qint64 when) override;

    protocol::Status createInvite(const QByteArray &codeHash, qint64 now,
                                  qint64 expiresAt) override;
    protocol::Result<QList<InviteRecord>> listInvites(int limit) override;

    protocol::Result<BatchResult> commitBatch(const WriteBatch &batch) override;
    protocol::Result<std::vector<InboxEntry>> loadInbox(qint64 deviceId, quint64 afterEntry,
                                                        int limit) override;
    quint64 inboxCount(qint64 deviceId) override;
    std::optional<ConversationSeq> conversationBetween(qint64 accountA, qint64 accountB) override;
    std::optional<std::vector<OneToOneConversation>>
    oneToOneConversations(qsizetype limit) override;
    qint64 reserveConversationId() override;
    protocol::Status beginServing(quint64 pushAhead) override;
    protocol::Status endServing() override;
    bool messageStored(qint64 senderDevice, const protocol::MessageId &id) override;
    QList<qint64> conversationMembers(qint64 conversation) override;
    qint64 expireBefore(qint64 cutoff) override;

private:
    void assertUsable() const;
    /** Keeps @p reason for lastError(); false. */
    bool failed(const QString &reason);
    /** Runs @p q; on failure keeps the reason for lastError(). */
    bool exec(storage::Query &q, const char *what);
    bool execSql(const QString &sql, const char *what);
    /** Whether @p tx began; if not, keeps the reason for lastError(). */
    bool begin(const storage::Transaction &tx);
    /** Commits @p tx; on failure keeps the reason for lastError() (@p tx then rolls back). */
    bool commit(storage::Transaction &tx);
    /**
     * After a crash, conversations.last_seq may lag behind the seqs of messages
     * committed since server_state.seqs_unflushed_since (SqliteBatchWriter holds
     * them in memory): takes them from those messages, and clears the mark.
     */
    protocol::Status repairSeqs();
    std::optional<AccountRecord> accountWhere(storage::Query &q);
    /** A DeviceRecord from the columns of kDeviceColumns, in order. */
    static DeviceRecord deviceRecord(const storage::Query &q);
    /** Runs @p body in one BEGIN IMMEDIATE transaction: committed if it succeeds, else rolled
     *  back. */
    template <typename T>
    protocol::Result<T> inTransaction(const QString &what,
                                      const std::function<protocol::Result<T>()> &body);
    /** The account's row (and the invite's use); inside a transaction. */
    protocol::Result<qint64> insertAccount(const QString &username, const QByteArray &passwordHash,
                                           const std::optional<QByteArray> &inviteHash, qint64 now);
    protocol::Result<qint64> insertDevice(qint64 accountId, const QString &name,
                                          const QByteArray &tokenHash, qint64 now);
    /** @p what with the reason of the last failed query (exec(), execSql(), begin(), commit()). */
    protocol::Error lastError(const QString &what) const;

    QString m_filePath;
    QString m_connectionName;
    int m_busyTimeoutMs;
    SeqFlushPolicy m_seqPolicy;
    bool m_open = false;
    bool m_checkOnOpen = false;
    QThread *m_thread = nullptr; ///< the thread that opened the connection
    QString m_lastError;
    QSqlDatabase m_db;
    /** Batches and the per-message reads, on SQLite's C API (see SqliteRelayStore). */
    std::unique_ptr<SqliteRelayStore> m_relay;
    std::unique_ptr<SqliteKeyStore> m_keys;
    std::unique_ptr<SqliteGroupStore> m_groups;
    std::unique_ptr<SqliteMediaStore> m_media;
    IdSequence m_conversationIds; ///< seeded on open; shared with m_groups
    // Queries called often outside batches, prepared once.
    std::unique_ptr<storage::Query> m_setLastSeen;
    std::unique_ptr<storage::Query> m_deviceById;
    std::unique_ptr<storage::Query> m_accountById;
};

} // namespace linnet::server
