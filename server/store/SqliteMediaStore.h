// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MediaStore.h"

#include <QSqlDatabase>

namespace linnet::server {

/** MediaStore on the SqliteStore's connection (tables of schema step 9). */
class SqliteMediaStore final : public MediaStore {
public:
    explicit SqliteMediaStore(const QSqlDatabase &db);

    protocol::Status createBlob(const BlobRecord &blob) override;
    std::optional<BlobRecord> blob(const QByteArray &id) override;
    protocol::Result<qint64> bytesOfAccount(qint64 accountId) override;
    protocol::Status noteWritten(const QByteArray &id, qint64 now, bool complete) override;
    bool hasGrant(const QByteArray &id, qint64 deviceId) override;
    protocol::Result<bool> dropGrant(const QByteArray &id, qint64 deviceId) override;
    protocol::Status removeBlob(const QByteArray &id) override;
    QList<QByteArray> expired(qint64 now, const BlobLifetime &lifetime, int limit) override;

private:
    QSqlDatabase m_db;
};

} // namespace linnet::server
