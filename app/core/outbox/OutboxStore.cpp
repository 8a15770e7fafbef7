// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox/OutboxStore.h"

#include "store/LocalStore.h"

namespace linnet::client {

QList<OutboxItem> LocalOutboxStore::pending()
{
    return m_store.outbox();
}

void LocalOutboxStore::countAttempt(const protocol::MessageId &id)
{
    m_store.countAttempt(id);
}

bool LocalOutboxStore::markFailed(const protocol::MessageId &id)
{
    return m_store.markFailed(id);
}

std::optional<QString> LocalOutboxStore::conversationOf(const protocol::MessageId &id)
{
    return m_store.conversationOf(id);
}

} // namespace linnet::client
