// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox/Outbox.h"

#include "ClientLog.h"

#include <algorithm>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

Outbox::Outbox(OutboxStore &store, SendFunction send, Options options, QObject *parent)
    : QObject(parent), m_store(store), m_send(std::move(send)), m_options(options)
{
    m_waitTimer.setSingleShot(true);
    m_waitTimer.setInterval(m_options.waitRetryMs);
    connect(&m_waitTimer, &QTimer::timeout, this, &Outbox::flush);
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &QTimer::timeout, this, &Outbox::flush);
}

bool Outbox::isTemporary(ErrorCode code)
{
    return code == ErrorCode::RateLimited || code == ErrorCode::InternalError ||
           code == ErrorCode::ShuttingDown || code == ErrorCode::NotAuthenticated;
}

// --- the connection -------------------------------------------------------------------

void Outbox::connected(qint64 now)
{
    m_online = true;
    m_onlineSince = now;
    m_behind = true; // whatever is in the outbox now was never sent on this connection
}

void Outbox::disconnected()
{
    m_online = false;
    m_inFlight.clear();
    m_requests.clear();
    m_behind = true;
}

// --- sending ----------------------------------------------------------------------------

void Outbox::submit(const OutboxItem &item)
{
    if (!m_online)
        return;
    if (m_behind || m_inFlight.size() >= m_options.maxInFlight)
        flush(); // keeps creation order behind older queued messages
    else if (attempt(item) == Outcome::Waiting)
        m_behind = true;
}

void Outbox::flush()
{
    if (!m_online)
        return;
    m_behind = false;
    QSet<QString> waiting; // recipients whose earlier message waits: keep their order
    for (const auto &item : m_store.pending()) {
        if (m_inFlight.contains(item.id))
            continue;
        if (m_inFlight.size() >= m_options.maxInFlight) {
            m_behind = true;
            break;
        }
        if (waiting.contains(item.recipient))
            continue;
        switch (attempt(item)) {
        case Outcome::Sent:
            if (isAgain(item))
                m_store.countAttempt(item.id);
            break;
        case Outcome::Waiting:
            waiting.insert(item.recipient);
            m_behind = true;
            break;
        case Outcome::Failed:
            break;
        case Outcome::Offline:
            m_behind = true;
            return;
        }
    }
}

void Outbox::retrySoon()
{
    m_behind = true;
    m_waitTimer.start();
}

Outbox::Outcome Outbox::attempt(const OutboxItem &item)
{
    const Attempt a = m_send(item, isAgain(item));
    switch (a.outcome) {
    case Outcome::Sent:
        m_inFlight.insert(item.id);
        m_requests.insert(a.requestId, item.id);
        break;
    case Outcome::Failed:
        fail(item.id, a.code, a.reason);
        break;
    case Outcome::Waiting:
    case Outcome::Offline:
        break;
    }
    return a.outcome;
}

bool Outbox::isAgain(const OutboxItem &item) const
{
    // It may have reached the server before (sent, then the line dropped): the
    // server then looks it up instead of taking it as new (protocol.md 6).
    return item.attempts > 0 || item.createdAt < m_onlineSince;
}

// --- answers ------------------------------------------------------------------------------

void Outbox::acked(quint32 requestId, const MessageId &id)
{
    m_requests.remove(requestId);
    m_retryDelayMs = 0; // the server takes messages again
    setProblem(id, {});
    m_inFlight.remove(id);
    m_deviceRetries.remove(id);
}

void Outbox::flushIfRoom()
{
    if (m_behind && m_inFlight.size() < m_options.maxInFlight / 2)
        flush();
}

MessageId Outbox::takeRequest(quint32 requestId, const MessageId &named)
{
    const MessageId carried = m_requests.take(requestId);
    return named.isNull() ? carried : named;
}

void Outbox::refused(const MessageId &id, ErrorCode code, const QString &reason)
{
    if (isTemporary(code))
        retryLater(id, code, reason);
    else
        fail(id, code, reason);
}

std::optional<QString> Outbox::devicesChanged(const MessageId &id, ErrorCode code,
                                              const QString &reason)
{
    m_inFlight.remove(id);
    const auto conversation = m_store.conversationOf(id);
    if (++m_deviceRetries[id] > m_options.maxDeviceRetries || !conversation) {
        fail(id, code, reason);
        return std::nullopt;
    }
    m_behind = true;
    return conversation;
}

void Outbox::fail(const MessageId &id, ErrorCode code, const QString &reason)
{
    m_inFlight.remove(id);
    m_deviceRetries.remove(id);
    qCInfo(lcClient) << "message" << id.toHex() << "failed:" << int(code) << reason;
    if (m_store.markFailed(id)) {
        if (const auto conversation = m_store.conversationOf(id))
            Q_EMIT messageFailed(id, *conversation);
    }
    setProblem(id, reason.isEmpty() ? protocol::errorCodeName(code) : reason);
    Q_EMIT errorOccurred(code, reason, id);
}

void Outbox::failRecipient(const QString &recipient, ErrorCode code, const QString &reason)
{
    for (const auto &item : m_store.pending())
        if (item.recipient == recipient)
            fail(item.id, code, reason);
}

void Outbox::retryLater(const MessageId &id, ErrorCode code, const QString &reason)
{
    m_inFlight.remove(id);
    m_behind = true;
    // Doubling from twice the reconnect backoff's start to its ceiling: a failing disk
    // or a busy server is not hammered, a short hiccup costs a second.
    m_retryDelayMs = m_retryDelayMs == 0 ? 2 * m_options.initialBackoffMs
                                         : std::min(2 * m_retryDelayMs, m_options.maxBackoffMs);
    m_backoffTimer.start(m_retryDelayMs);
    qCInfo(lcClient) << "message" << id.toHex() << "refused for now (" << int(code) << reason
                     << "); trying again in" << m_retryDelayMs << "ms";
    setProblem(
        id, tr("%1; trying again").arg(reason.isEmpty() ? protocol::errorCodeName(code) : reason));
    Q_EMIT errorOccurred(code, reason, id);
}

// --- the user's hand ----------------------------------------------------------------------

void Outbox::requeued(const MessageId &id)
{
    m_deviceRetries.remove(id);
    setProblem(id, {});
}

void Outbox::forget(const MessageId &id)
{
    m_problems.remove(id);
    m_inFlight.remove(id);
    m_deviceRetries.remove(id);
}

void Outbox::setProblem(const MessageId &id, const QString &reason)
{
    if (reason.isEmpty() ? !m_problems.remove(id) : m_problems.value(id) == reason)
        return;
    if (!reason.isEmpty())
        m_problems.insert(id, reason);
    if (const auto conversation = m_store.conversationOf(id))
        Q_EMIT problemChanged(id, *conversation, reason);
}

} // namespace linnet::client
