// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2e/KeySync.h"

#include "e2e/E2eSessions.h"
#include "e2e/OwnKeys.h"
#include "protocol/Limits.h"

namespace linnet::client {

KeySync::KeySync(OwnKeys &keys, E2eSessions &sessions, Send send, NextRequestId nextRequestId)
    : m_keys(keys), m_sessions(sessions), m_send(std::move(send)),
      m_nextRequestId(std::move(nextRequestId))
{
}

void KeySync::reset()
{
    m_requests.clear();
    m_uploads.clear();
    m_sessions.resetFreshness();
}

void KeySync::upload(quint64 serverPreKeys, qint64 now)
{
    if (!m_keys.isLoaded() || !m_uploads.isEmpty())
        return; // one at a time; its answer tells whether another is needed
    const quint32 requestId = m_nextRequestId();
    const auto upload = m_keys.buildUpload(requestId, serverPreKeys, now);
    if (m_send(upload))
        m_uploads.insert(requestId, upload);
}

bool KeySync::onPreKeyCount(const protocol::PreKeyCount &count, qint64 now)
{
    bool confirmed = false;
    if (const auto it = m_uploads.constFind(count.requestId); it != m_uploads.cend()) {
        m_keys.confirmUpload(it.value());
        m_uploads.erase(it);
        confirmed = true;
    }
    if (count.count < quint64(protocol::kPreKeyLowWater))
        upload(count.count, now);
    return confirmed;
}

void KeySync::request(const protocol::KeysRequest &request)
{
    if (m_requests.contains(request.user))
        return; // the answer re-runs the outbox, which asks again if still needed
    protocol::KeysRequest r = request;
    r.requestId = m_nextRequestId();
    if (m_send(r))
        m_requests.insert(r.user, r.requestId);
}

E2eSessions::KeysChange KeySync::onKeys(const protocol::KeysReply &reply, qint64 now)
{
    if (m_requests.value(reply.user) == reply.requestId)
        m_requests.remove(reply.user);
    return m_sessions.applyKeys(reply, now);
}

std::optional<QString> KeySync::takeFailed(quint32 requestId)
{
    for (auto it = m_requests.begin(); requestId != 0 && it != m_requests.end(); ++it) {
        if (it.value() == requestId) {
            QString user = it.key();
            m_requests.erase(it);
            return user;
        }
    }
    return std::nullopt;
}

} // namespace linnet::client
