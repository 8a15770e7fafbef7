// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTypes.h"

#include "GroupStore.h"

namespace linnet::server {

quint64 InboxEntry::entryId() const
{
    return std::visit([](const auto &f) { return f.entry; }, frame);
}

const GroupMemberRecord *GroupRecord::member(qint64 accountId) const
{
    for (const GroupMemberRecord &m : members)
        if (m.accountId == accountId)
            return &m;
    return nullptr;
}

qsizetype GroupRecord::adminCount() const
{
    return std::count_if(members.cbegin(), members.cend(),
                         [](const GroupMemberRecord &m) { return m.admin; });
}

} // namespace linnet::server
