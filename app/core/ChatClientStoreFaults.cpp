// SPDX-License-Identifier: GPL-3.0-or-later
// The engine when its own database cannot take what arrives (a full disk): what was
// not stored is not acknowledged, so the server keeps it; the engine asks for the inbox
// again, waiting longer each time, until the store takes it (docs/reliability.md).
#include "ChatClient.h"

#include "ClientLog.h"
#include "net/Connection.h"

#include <algorithm>

namespace linnet::client {

using protocol::ErrorCode;

void ChatClient::storeFailed(const protocol::MessageId &id, const QString &reason)
{
    if (m_storeRetry.isActive())
        return; // said once per spell: a drain of hundreds would say it hundreds of times
    qCWarning(lcClient) << "cannot store incoming message" << id.toHex() << ":" << reason
                        << "; the server keeps it, asking again in" << m_storeRetryMs << "ms";
    Q_EMIT errorOccurred(ErrorCode::InternalError,
                         tr("cannot store an incoming message: %1").arg(reason), id);
    m_storeRetry.start(m_storeRetryMs);
    m_storeRetryMs = std::min(m_storeRetryMs * 2, m_options.maxBackoffMs);
}

void ChatClient::storeSucceeded()
{
    if (!m_storeRetry.isActive())
        m_storeRetryMs = m_options.initialBackoffMs;
}

void ChatClient::retryStore()
{
    // Offline: the next connection drains the inbox anyway.
    if (m_state == ConnectionState::Online)
        m_connection->send(protocol::SyncRequest{++m_nextRequestId});
}

} // namespace linnet::client
