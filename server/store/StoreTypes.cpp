// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTypes.h"

namespace linnet::server {

quint64 InboxEntry::entryId() const
{
    return std::visit([](const auto &f) { return f.entry; }, frame);
}

} // namespace linnet::server
