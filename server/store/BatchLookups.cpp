// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchLookups.h"

namespace linnet::server {

using Step = SqliteStatement::Step;

bool BatchLookups::prepare()
{
    return m_devicesOfAccount.prepare(
               m_db, R"(SELECT id FROM devices WHERE account_id = ?1 AND revoked_at IS NULL
                         ORDER BY id)") &&
           m_findGroup.prepare(
               m_db, R"(SELECT last_seq FROM conversations WHERE id = ?1 AND kind = 1)") &&
           // One query for the whole fan-out: members without devices still count as members.
           m_groupDevices.prepare(m_db, R"(SELECT m.account_id, d.id FROM group_members m
                                           LEFT JOIN devices d ON d.account_id = m.account_id
                                                            AND d.revoked_at IS NULL
                                           WHERE m.conversation = ?1 ORDER BY d.id)");
}

void BatchLookups::clear()
{
    m_devices.clear();
    m_groups.clear();
}

std::optional<QList<qint64>> BatchLookups::devicesOf(qint64 accountId)
{
    if (const auto it = m_devices.constFind(accountId); it != m_devices.cend())
        return *it;
    m_devicesOfAccount.bind(1, accountId);
    QList<qint64> ids;
    Step row;
    while ((row = m_devicesOfAccount.step()) == Step::Row)
        ids.append(m_devicesOfAccount.int64At(0));
    if (row == Step::Error)
        return std::nullopt;
    m_devices.insert(accountId, ids);
    return ids;
}

BatchLookups::Group *BatchLookups::groupFor(qint64 conversation)
{
    if (auto it = m_groups.find(conversation); it != m_groups.end())
        return &it->second;
    Group group;
    group.id = conversation;
    m_findGroup.bind(1, conversation);
    const Step found = m_findGroup.step();
    if (found == Step::Error)
        return nullptr;
    if (found == Step::Row) {
        group.exists = true;
        group.lastSeq = quint64(m_findGroup.int64At(0));
        m_findGroup.reset();
    }
    if (group.exists) {
        m_groupDevices.bind(1, conversation);
        Step row;
        while ((row = m_groupDevices.step()) == Step::Row) {
            group.members.insert(m_groupDevices.int64At(0));
            if (!m_groupDevices.isNullAt(1))
                group.devices.append(m_groupDevices.int64At(1));
        }
        if (row == Step::Error)
            return nullptr;
    }
    return &m_groups.emplace(conversation, std::move(group)).first->second;
}

} // namespace linnet::server
