// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpsProbe.h"

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

namespace {
/** A scrape waits this long for a writer's lock at most (WAL: readers seldom wait at all). */
constexpr int kBusyTimeoutMs = 1000;
} // namespace

bool OpsProbe::ensureOpen()
{
    if (m_db)
        return true;
    auto db = std::make_unique<SqliteConnection>();
    if (!db->open(m_file, kBusyTimeoutMs)) {
        m_error = db->error();
        return false;
    }
    m_db = std::move(db);
    return true;
}

std::optional<qint64> OpsProbe::number(const char *sql)
{
    SqliteStatement q;
    if (!q.prepare(*m_db, sql) || q.step() != SqliteStatement::Step::Row) {
        m_error = m_db->error();
        return std::nullopt;
    }
    const qint64 value = q.int64At(0);
    q.reset();
    return value;
}

protocol::Status OpsProbe::check()
{
    // A read of the schema and of a table's first page: the file is there and readable.
    if (!ensureOpen() || !number("SELECT COUNT(*) FROM (SELECT 1 FROM accounts LIMIT 1)"))
        return makeError(ErrorCode::InternalError,
                         QStringLiteral("cannot read the database %1: %2").arg(m_file, m_error));
    return {};
}

std::optional<OpsProbe::Counts> OpsProbe::counts()
{
    if (!ensureOpen())
        return std::nullopt;
    Counts c;
    const auto inbox = number("SELECT COUNT(*) FROM inbox");
    const auto accounts = number("SELECT COUNT(*) FROM accounts");
    const auto devices = number("SELECT COUNT(*) FROM devices WHERE revoked_at IS NULL");
    const auto blobs = number("SELECT COUNT(*) FROM media_blobs");
    const auto blobBytes = number("SELECT COALESCE(SUM(size), 0) FROM media_blobs");
    if (!inbox || !accounts || !devices || !blobs || !blobBytes)
        return std::nullopt;
    c.inboxEntries = *inbox;
    c.accounts = *accounts;
    c.devices = *devices;
    c.blobs = *blobs;
    c.blobBytes = *blobBytes;
    return c;
}

} // namespace linnet::server
