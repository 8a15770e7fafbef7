// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyStore.h"
#include "storage/SqlQuery.h"

#include <QSqlDatabase>

#include <functional>

namespace linnet::server {

/** KeyStore on the SqliteStore's connection (tables of schema steps 2 and 7). */
class SqliteKeyStore final : public KeyStore {
public:
    explicit SqliteKeyStore(const QSqlDatabase &db);

    protocol::Result<quint64> storeKeys(qint64 accountId, qint64 deviceId,
                                        const protocol::KeysUpload &keys, qint64 now) override;
    QList<DeviceKeysRecord> keysOfAccount(qint64 accountId) override;
    protocol::Result<std::optional<protocol::PreKeyPublic>> claimPreKey(qint64 deviceId,
                                                                        qint64 now) override;
    quint64 preKeyCount(qint64 deviceId) override;
    QByteArray accountKey(qint64 accountId) override;
    protocol::Status clearAccountKey(qint64 accountId) override;

private:
    protocol::Result<quint64> storeInTransaction(qint64 accountId, qint64 deviceId,
                                                 const protocol::KeysUpload &keys, qint64 now);
    protocol::Result<std::optional<protocol::PreKeyPublic>> claimInTransaction(qint64 deviceId,
                                                                               qint64 now);
    /** "@p what: <the driver's text>", the error a failed statement returns. */
    static protocol::Error failure(const char *what, const QSqlError &error);
    /** Runs @p q; on failure sets @p error to failure(@p what, ...). */
    static bool run(storage::Query &q, const char *what, protocol::Error &error);
    /** @p body in one BEGIN IMMEDIATE transaction, committed if it succeeds. */
    template <typename T>
    protocol::Result<T> inTransaction(const char *beginFailed, const char *commitFailed,
                                      const std::function<protocol::Result<T>()> &body);

    QSqlDatabase m_db;
};

} // namespace linnet::server
