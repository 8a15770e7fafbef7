// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageController.h"

#include "ServerLog.h"
#include "gateway/DeviceDirectory.h"
#include "gateway/GroupCommitter.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "store/Store.h"

#include <QDateTime>
#include <QPointer>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Inbox rows read per query while draining. */
constexpr int kDrainPage = 500;
/** Username cache entries kept before the cache is cleared. */
constexpr qsizetype kMaxCachedAccounts = 100000;
} // namespace

MessageController::MessageController(Store &store, SessionRegistry &registry,
                                     GroupCommitter &committer, DeviceDirectory &directory,
                                     const ServerConfig &config)
    : m_store(store), m_registry(registry), m_committer(committer), m_directory(directory),
      m_config(config)
{
}

std::optional<qint64> MessageController::resolveAccount(const QString &username)
{
    const auto it = m_accountIds.constFind(username);
    if (it != m_accountIds.constEnd())
        return it.value();
    const auto account = m_store.accountByName(username);
    if (!account)
        return std::nullopt;
    if (m_accountIds.size() >= kMaxCachedAccounts)
        m_accountIds.clear();
    m_accountIds.insert(username, account->id);
    return account->id;
}

void MessageController::handleSend(Session *session, const protocol::SendRequest &request)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!session->sendBucket().take(m_config.messageBurst, m_config.messagesPerSecond, now)) {
        session->sendError(request.requestId, ErrorCode::RateLimited,
                           QStringLiteral("sending too fast; the message was not accepted, "
                                          "send it again in a moment"),
                           request.id);
        return;
    }
    if (request.group != 0) {
        handleGroupSend(session, request, now);
        return;
    }
    const auto recipient = resolveAccount(request.to);
    if (!recipient) {
        session->sendError(request.requestId, ErrorCode::UnknownUser,
                           QStringLiteral("there is no user \"%1\" on this server").arg(request.to),
                           request.id);
        return;
    }
    // Every device that can read the conversation gets its own ciphertext: the
    // copies must match the devices and keys as they are now, or the sender
    // refreshes its view of them (keys_get) and encrypts again.
    if (const auto why = m_directory.mismatch(session->accountId(), session->deviceId(), *recipient,
                                              request.copies)) {
        session->sendError(request.requestId, ErrorCode::DevicesChanged,
                           QStringLiteral("the devices of %1 or your own changed (%2); fetch their "
                                          "keys and send again")
                               .arg(request.to, *why),
                           request.id);
        return;
    }
    SendWrite write;
    write.senderAccount = session->accountId();
    write.senderDevice = session->deviceId();
    write.senderName = session->username();
    write.recipientAccount = *recipient;
    write.recipientName = request.to;
    write.id = request.id;
    write.copies = request.copies;
    write.timestamp = now;
    QPointer<Session> guard(session);
    const quint32 requestId = request.requestId;
    m_committer.addSend(std::move(write), [guard, requestId](const auto &outcome) {
        if (!guard)
            return; // the client resends with the same id and gets the original ack
        if (!outcome) {
            guard->sendError(requestId, outcome.error().code, outcome.error().reason);
            return;
        }
        const SendOutcome &o = outcome.value();
        guard->send(
            protocol::SendAck{requestId, o.id, o.conversation, o.seq, o.timestamp, o.duplicate});
    });
}

void MessageController::handleGroupSend(Session *session, const protocol::SendRequest &request,
                                        qint64 now)
{
    if (!m_store.groups().isMember(request.group, session->accountId())) {
        session->sendError(request.requestId, ErrorCode::UnknownGroup,
                           QStringLiteral("you are not a member of group %1; the message was not "
                                          "accepted")
                               .arg(request.group),
                           request.id);
        return;
    }
    SendWrite write;
    write.senderAccount = session->accountId();
    write.senderDevice = session->deviceId();
    write.senderName = session->username();
    write.id = request.id;
    write.timestamp = now;
    write.group = request.group;
    write.body = request.body;
    QPointer<Session> guard(session);
    const quint32 requestId = request.requestId;
    const protocol::MessageId id = request.id;
    const qint64 group = request.group;
    m_committer.addSend(std::move(write), [guard, requestId, id, group](const auto &outcome) {
        if (!guard)
            return; // the client resends with the same id and gets the original ack
        if (!outcome) {
            guard->sendError(requestId, outcome.error().code, outcome.error().reason, id);
            return;
        }
        const SendOutcome &o = outcome.value();
        if (o.notMember) { // removed in the same event-loop turn, before the commit
            guard->sendError(requestId, ErrorCode::UnknownGroup,
                             QStringLiteral("you are not a member of group %1; the message was "
                                            "not accepted")
                                 .arg(group),
                             id);
            return;
        }
        guard->send(
            protocol::SendAck{requestId, o.id, o.conversation, o.seq, o.timestamp, o.duplicate});
    });
}

void MessageController::handleDeliverAck(Session *session, const protocol::DeliverAck &ack)
{
    auto &drain = session->drain();
    for (quint64 entry : ack.entries)
        drain.inFlight.remove(entry);
    AckWrite write;
    write.accountId = session->accountId();
    write.accountName = session->username();
    write.deviceId = session->deviceId();
    write.entries = ack.entries;
    write.timestamp = QDateTime::currentMSecsSinceEpoch();
    m_committer.addAck(std::move(write));
    // Acked entries are at or below the cursor, so reading on from the cursor
    // is right even before this ack is committed.
    pump(session);
}

void MessageController::handleRead(Session *session, const protocol::ReadRequest &read)
{
    ReadWrite write;
    write.accountId = session->accountId();
    write.accountName = session->username();
    write.deviceId = session->deviceId();
    write.conversation = read.conversation;
    write.upToSeq = read.upToSeq;
    write.timestamp = QDateTime::currentMSecsSinceEpoch();
    m_committer.addRead(std::move(write));
}

void MessageController::handleSync(Session *session, const protocol::SyncRequest &request)
{
    startDrain(session, request.requestId);
}

void MessageController::startDrain(Session *session, quint32 syncRequestId)
{
    auto &drain = session->drain();
    drain.cursor = 0;
    drain.inFlight.clear();
    drain.caughtUp = false;
    drain.syncedSent = false;
    drain.syncRequestId = syncRequestId;
    drain.sentInDrain = 0;
    pump(session);
}

void MessageController::pump(Session *session)
{
    auto &drain = session->drain();
    const qsizetype window = m_config.drainWindow;
    while (!drain.caughtUp && drain.inFlight.size() < window && !session->isClosing()) {
        const int limit =
            static_cast<int>(std::min<qsizetype>(kDrainPage, window - drain.inFlight.size()));
        const auto entries = m_store.loadInbox(session->deviceId(), drain.cursor, limit);
        for (const auto &entry : entries)
            sendEntry(session, entry);
        if (static_cast<int>(entries.size()) < limit)
            drain.caughtUp = true;
    }
    if (drain.caughtUp && !drain.syncedSent) {
        drain.syncedSent = true;
        session->send(protocol::Synced{drain.syncRequestId, drain.sentInDrain});
    }
}

void MessageController::sendEntry(Session *session, const InboxEntry &entry)
{
    auto &drain = session->drain();
    const quint64 id = entry.entryId();
    std::visit([session](const auto &frame) { session->send(frame); }, entry.frame);
    drain.cursor = std::max(drain.cursor, id);
    drain.inFlight.insert(id);
    ++drain.sentInDrain;
}

void MessageController::settleCommits()
{
    m_committer.settle();
}

void MessageController::deliverNew(const std::vector<InboxEntry> &entries)
{
    QSet<Session *> behind;
    for (const auto &entry : entries) {
        Session *session = m_registry.byDevice(entry.deviceId);
        if (!session || session->isClosing())
            continue; // stays in the inbox for the next connection
        auto &drain = session->drain();
        if (drain.caughtUp && drain.inFlight.size() < m_config.drainWindow &&
            entry.entryId() > drain.cursor) {
            sendEntry(session, entry);
        } else if (entry.entryId() > drain.cursor) {
            // The device is still draining or its window is full: this entry is
            // in the inbox and the pump reads it in order.
            drain.caughtUp = false;
            behind.insert(session);
        }
    }
    for (Session *session : std::as_const(behind))
        pump(session);
}

} // namespace linnet::server
