// SPDX-License-Identifier: GPL-3.0-or-later
// ChatClient, part two: the outgoing side (outbox, per-device encryption, key
// fetches, identity changes and verification). Part one, ChatClient.cpp, has
// the connection, the account and the incoming frames.
#include "ChatClient.h"

#include "ClientLog.h"
#include "Clock.h"
#include "net/Connection.h"
#include "store/HistoryEditStore.h"
#include "store/LocalStore.h"
#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"
#include "protocol/MessageContent.h"

#include <limits>

namespace linnet::client {

using protocol::ErrorCode;
using protocol::MessageId;

// --- outgoing -----------------------------------------------------------------------

MessageId ChatClient::sendText(const QString &peer, const QString &text)
{
    if (text.size() > protocol::kMaxTextLength) {
        // Refused before it is stored or encrypted: every receiver would reject it.
        Q_EMIT errorOccurred(ErrorCode::InvalidField,
                             tr("the message is %L1 characters long; at most %L2 can be sent")
                                 .arg(text.size())
                                 .arg(protocol::kMaxTextLength),
                             {});
        return {};
    }
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
    const QByteArray frame = protocol::encodeFrame(request);
    if (frame.size() > protocol::kMaxFrameBytes) {
        // One copy per device: a long text to people with many devices can pass the
        // frame limit. The server could only drop it without naming it (413).
        failMessage(
            item.id, ErrorCode::FrameTooLarge,
            tr("the message is too large to encrypt for every device of this chat (%1 copies); "
               "send it in shorter parts")
                .arg(plan.copies.size()));
        return SendOutcome::Failed;
    }
    if (!m_connection->sendEncoded(frame))
        return SendOutcome::Offline;
    m_inFlight.insert(item.id);
    m_sendRequests.insert(request.requestId, item.id);
    return SendOutcome::Sent;
}

ChatClient::SendOutcome ChatClient::sendGroupItem(const OutboxItem &item)
{
    const quint32 requestId = ++m_nextRequestId;
    const auto prepared = m_groups.send(item, requestId);
    switch (prepared.outcome) {
    case GroupMessaging::Outcome::Sent:
        m_inFlight.insert(item.id);
        m_sendRequests.insert(requestId, item.id);
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
    qCInfo(lcClient) << "message" << id.toHex() << "failed:" << int(code) << reason;
    if (m_store.markFailed(id)) {
        if (const auto m = m_store.message(id))
            Q_EMIT messageStateChanged(id, m->conversation, DeliveryState::Failed);
    }
    setSendProblem(id, reason.isEmpty() ? protocol::errorCodeName(code) : reason);
    Q_EMIT errorOccurred(code, reason, id);
}

void ChatClient::retryLater(const MessageId &id, ErrorCode code, const QString &reason)
{
    m_inFlight.remove(id);
    m_outboxBehind = true;
    // Doubling from twice the reconnect backoff's start to its ceiling: a failing disk
    // or a busy server is not hammered, a short hiccup costs a second.
    m_retryDelayMs = m_retryDelayMs == 0 ? 2 * m_options.initialBackoffMs
                                         : std::min(2 * m_retryDelayMs, m_options.maxBackoffMs);
    m_sendRetryTimer.start(m_retryDelayMs);
    qCInfo(lcClient) << "message" << id.toHex() << "refused for now (" << int(code) << reason
                     << "); trying again in" << m_retryDelayMs << "ms";
    setSendProblem(
        id, tr("%1; trying again").arg(reason.isEmpty() ? protocol::errorCodeName(code) : reason));
    Q_EMIT errorOccurred(code, reason, id);
}

void ChatClient::setSendProblem(const MessageId &id, const QString &reason)
{
    if (reason.isEmpty() ? !m_sendProblems.remove(id) : m_sendProblems.value(id) == reason)
        return;
    if (!reason.isEmpty())
        m_sendProblems.insert(id, reason);
    if (const auto m = m_store.message(id))
        Q_EMIT sendProblemChanged(id, m->conversation, reason);
}

bool ChatClient::retryMessage(const MessageId &id)
{
    const auto m = m_store.message(id);
    if (!m || !m->outgoing || m->state != DeliveryState::Failed)
        return false;
    // The same content as the first time: the text, its chat and when it was written.
    const QByteArray body =
        protocol::encodeContent({m->text, isGroupKey(m->conversation) ? QString() : m->conversation,
                                 m->senderTime != 0 ? m->senderTime : m->sentAt});
    if (!HistoryEditStore(m_store).requeue(id, body, nowMs()))
        return false;
    m_deviceRetries.remove(id);
    setSendProblem(id, {});
    Q_EMIT messageStateChanged(id, m->conversation, DeliveryState::Queued);
    m_outboxBehind = true;
    flushOutbox();
    return true;
}

bool ChatClient::deleteMessage(const MessageId &id)
{
    const auto m = m_store.message(id);
    // A message on its way may still be stored by the server: only one that is not
    // (failed, or queued and not in flight) can be taken back.
    if (!m || !m->outgoing || m_inFlight.contains(id) ||
        (m->state != DeliveryState::Failed && m->state != DeliveryState::Queued))
        return false;
    if (!HistoryEditStore(m_store).removeMessage(id))
        return false;
    m_sendProblems.remove(id);
    m_deviceRetries.remove(id);
    Q_EMIT messageRemoved(id, m->conversation);
    Q_EMIT conversationChanged(m->conversation);
    return true;
}

bool ChatClient::deleteConversation(const QString &key)
{
    for (const auto &m : m_store.messages(key, std::numeric_limits<int>::max(), 0)) {
        m_sendProblems.remove(m.id);
        m_inFlight.remove(m.id);
    }
    if (!HistoryEditStore(m_store).removeConversation(key))
        return false;
    Q_EMIT conversationRemoved(key);
    return true;
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
