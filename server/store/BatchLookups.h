// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SqliteConnection.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <optional>
#include <unordered_map>

namespace linnet::server {

/**
 * What one batch of SqliteBatchWriter looks up about accounts' devices and
 * groups, on statements prepared once and cached until the batch ends (admins
 * may add devices meanwhile). Internal to SqliteBatchWriter and the classes that
 * share its batch.
 */
class BatchLookups {
public:
    /** A group as this batch sees it: its seq, members and every member device. */
    struct Group {
        qint64 id = 0;
        bool exists = false; ///< false: no such group (cached so as not to ask again)
        quint64 lastSeq = 0;
        bool dirty = false; ///< lastSeq was raised by this batch
        QSet<qint64> members;
        QList<qint64> devices;
    };

    /** @p connection outlives the lookups. */
    explicit BatchLookups(SqliteConnection &connection) : m_db(connection) {}

    /** Prepares the statements; false: see the connection's error. */
    bool prepare();
    /** Forgets what the last batch looked up. */
    void clear();

    /** The device ids of an account, in id order; nullopt on a database error. */
    std::optional<QList<qint64>> devicesOf(qint64 accountId);
    /**
     * The group @p conversation as of this batch (nullptr only on a database
     * error). The pointer stays valid until clear().
     */
    Group *groupFor(qint64 conversation);
    /** Every group this batch looked up. */
    const std::unordered_map<qint64, Group> &groups() const { return m_groups; }

private:
    SqliteConnection &m_db;
    SqliteStatement m_devicesOfAccount, m_findGroup, m_groupDevices;
    QHash<qint64, QList<qint64>> m_devices;
    std::unordered_map<qint64, Group> m_groups; ///< node-based: Group pointers stay valid
};

} // namespace linnet::server
