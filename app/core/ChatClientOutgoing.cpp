// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient, part two: the outgoing side (outbox, per-device encryption, key
// fetches, identity changes and verification). Part one, ChatClient.cpp, has
// the connection, the account and the incoming frames.
#include "ChatClient.h"

#include "ClientLog.h"
#include "Connection.h"
#include "LocalStore.h"
#include "protocol/MessageContent.h"

#include <QDateTime>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

// --- outgoing -----------------------------------------------------------------------

MessageId ChatClient::sendText(const QString &peer, const QString &text)
{
    const bool group = isGroupKey(peer);
    if (group) {
        const auto g = m_groups.group(peer);
        if (!g || !g->member) {
            Q_EMIT errorOccurred(ErrorCode::UnknownGroup, tr("you are not a member of this group"),
                                 {});
            return {};
        }
    }
    ChatMessage m;
    m.id = MessageId::generate();
    m.conversation = peer;
    m.sender = m_username;
    m.outgoing = true;
    m.text = text;
    m.sentAt = nowMs();
    m.senderTime = m.sentAt;
    m.state = DeliveryState::Queued;
    // Recipient and time go inside the ciphertext too: the server's copies of them are
    // only routing (a one-to-one chat's other party; groups bind theirs in the AD).
    const QByteArray body = protocol::encodeContent({text, group ? QString() : peer, m.sentAt});
    const auto stored = m_store.addOutgoing(m, body);
    if (!stored) {
        Q_EMIT errorOccurred(ErrorCode::InternalError,
                             tr("cannot save the message: %1").arg(stored.error().reason), m.id);
        return {};
    }
    if (!group)
        m_contacts.add(peer, m.sentAt);
    Q_EMIT messageAdded(m);
    Q_EMIT conversationChanged(peer);
    if (m_state != ConnectionState::Online)
        return m.id;
    if (m_outboxBehind || m_inFlight.size() >= kMaxInFlight)
        flushOutbox(); // keeps creation order behind older queued messages
    else if (sendItem(OutboxItem{m.id, peer, body, m.sentAt, 0}) == SendOutcome::Waiting)
        m_outboxBehind = true;
    return m.id;
}

void ChatClient::flushOutbox()
{
    if (m_state != ConnectionState::Online)
        return;
    m_outboxBehind = false;
    QSet<QString> waiting; // recipients whose earlier message waits: keep their order
    for (const auto &item : m_store.outbox()) {
        if (m_inFlight.contains(item.id))
            continue;
        if (m_inFlight.size() >= kMaxInFlight) {
            m_outboxBehind = true;
            break;
        }
        if (waiting.contains(item.recipient))
            continue;
        switch (sendItem(item)) {
        case SendOutcome::Sent:
            if (item.attempts > 0 || item.createdAt < m_onlineSince)
                m_store.countAttempt(item.id); // a resend: worth recording, not on the hot path
            break;
        case SendOutcome::Waiting:
            waiting.insert(item.recipient);
            m_outboxBehind = true;
            break;
        case SendOutcome::Failed:
            break;
        case SendOutcome::Offline:
            m_outboxBehind = true;
            return;
        }
    }
}

ChatClient::SendOutcome ChatClient::sendItem(const OutboxItem &item)
{
    if (!m_ownKeys.isLoaded())
        return SendOutcome::Waiting;
    if (isGroupKey(item.recipient))
        return sendGroupItem(item);
    if (m_cryptoStore.isHeld(item.recipient))
        return SendOutcome::Waiting; // until the user accepts the new security code
    const auto plan = m_e2e.encryptFor(item.recipient, item.body, nowMs());
    if (plan.temporary) {
        qCInfo(lcClient) << "message" << item.id.toHex() << "waits:" << plan.error;
        m_retryTimer.start();
        return SendOutcome::Waiting;
    }
    if (!plan.error.isEmpty()) {
        failMessage(item.id, ErrorCode::UnknownUser, plan.error);
        return SendOutcome::Failed;
    }
    if (!plan.requests.isEmpty()) {
        for (const auto &request : plan.requests)
            m_keySync.request(request);
        return SendOutcome::Waiting;
    }
    protocol::SendRequest request{++m_nextRequestId, item.id, item.recipient, plan.copies};
    // It may have reached the server before (sent, then the line dropped): the
    // server then looks it up instead of taking it as new (protocol.md 6).
    request.again = item.attempts > 0 || item.createdAt < m_onlineSince;
    if (!m_connection->send(request))
        return SendOutcome::Offline;
    m_inFlight.insert(item.id);
    return SendOutcome::Sent;
}

ChatClient::SendOutcome ChatClient::sendGroupItem(const OutboxItem &item)
{
    const auto prepared = m_groups.send(item, ++m_nextRequestId);
    switch (prepared.outcome) {
    case GroupMessaging::Outcome::Sent:
        m_inFlight.insert(item.id);
        return SendOutcome::Sent;
    case GroupMessaging::Outcome::Waiting:
        return SendOutcome::Waiting;
    case GroupMessaging::Outcome::Offline:
        return SendOutcome::Offline;
    case GroupMessaging::Outcome::Failed:
        break;
    }
    failMessage(item.id, ErrorCode::UnknownGroup, prepared.error);
    return SendOutcome::Failed;
}

void ChatClient::failMessage(const MessageId &id, ErrorCode code, const QString &reason)
{
    m_inFlight.remove(id);
    m_deviceRetries.remove(id);
    if (m_store.markFailed(id)) {
        if (const auto m = m_store.message(id))
            Q_EMIT messageStateChanged(id, m->conversation, DeliveryState::Failed);
    }
    Q_EMIT errorOccurred(code, reason, id);
}

// --- keys ---------------------------------------------------------------------------

void ChatClient::onKeys(const protocol::KeysReply &reply)
{
    for (const QString &peer : m_keySync.onKeys(reply, nowMs()))
        if (peer != m_username)
            noteIdentityChanged(peer);
    flushOutbox();
}

void ChatClient::noteIdentityChanged(const QString &peer)
{
    // A contact the user verified: nothing more goes out to the new key until the user
    // accepts it. Others get the notice and the messages go on (trust on first use).
    const bool hold = m_cryptoStore.verifiedSafetyNumber(peer).has_value();
    m_cryptoStore.clearVerified(peer);
    if (hold && !m_cryptoStore.isHeld(peer)) {
        m_cryptoStore.setHeld(peer, true);
        Q_EMIT heldChanged(peer, true);
    }
    if (!m_store.conversation(peer))
        return; // nobody to tell yet: no conversation with them
    const QString text =
        hold ? tr("The security code of %1 changed. Messages to them wait until you accept the "
                  "new security code.")
                   .arg(peer)
             : tr("The security code of %1 changed. Compare it again to be sure you talk to them.")
                   .arg(peer);
    const auto notice = m_notices.add(peer, text, nowMs());
    if (notice) {
        Q_EMIT messageAdded(*notice);
        Q_EMIT conversationChanged(peer);
    }
    Q_EMIT identityChanged(peer);
}

bool ChatClient::isHeld(const QString &peer)
{
    return m_cryptoStore.isHeld(peer);
}

void ChatClient::acceptIdentityChange(const QString &peer)
{
    if (!m_cryptoStore.isHeld(peer))
        return;
    m_cryptoStore.setHeld(peer, false);
    Q_EMIT heldChanged(peer, false);
    m_outboxBehind = true;
    flushOutbox();
}

QString ChatClient::safetyNumber(const QString &peer)
{
    if (!m_ownKeys.isLoaded() && !ensureKeys())
        return {};
    return m_e2e.safetyNumber(peer);
}

bool ChatClient::isVerified(const QString &peer)
{
    const QString current = safetyNumber(peer);
    return !current.isEmpty() && m_cryptoStore.verifiedSafetyNumber(peer) == current;
}

void ChatClient::setVerified(const QString &peer, bool verified)
{
    const QString current = safetyNumber(peer);
    if (verified && !current.isEmpty())
        m_cryptoStore.setVerified(peer, current, nowMs());
    else
        m_cryptoStore.clearVerified(peer);
}

} // namespace linnet::client
