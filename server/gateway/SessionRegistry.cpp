// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionRegistry.h"

#include "Session.h"

namespace linnet::server {

Session *SessionRegistry::add(Session *session)
{
    Session *previous = m_byDevice.value(session->deviceId());
    if (previous == session)
        return nullptr;
    if (previous)
        remove(previous);
    m_byDevice.insert(session->deviceId(), session);
    m_byAccount.insert(session->accountId(), session);
    return previous;
}

void SessionRegistry::remove(Session *session)
{
    auto it = m_byDevice.find(session->deviceId());
    if (it == m_byDevice.end() || it.value() != session)
        return;
    m_byDevice.erase(it);
    m_byAccount.remove(session->accountId(), session);
}

} // namespace linnet::server
