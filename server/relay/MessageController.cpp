// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageController.h"

#include "ServerLog.h"
#include "relay/DeviceDirectory.h"
#include "relay/GroupCommitter.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "media/MediaController.h"
#include "store/Store.h"

#include <QDateTime>
#include <QPointer>

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Username cache entries kept before the cache is cleared. */
constexpr qsizetype kMaxCachedAccounts = 100000;

/** The part of a message's write that says who sent which message when. */
SendWrite sendWriteFrom(const Session &session, const protocol::SendRequest &request, qint64 now)
{
    SendWrite write;
    write.senderAccount = session.accountId();
    write.senderDevice = session.deviceId();
    write.senderName = session.username();
    write.id = request.id;
    write.timestamp = now;
    return write;
}
} // namespace

MessageController::MessageController(Store &store, SessionRegistry &registry,
                                     GroupCommitter &committer, DeviceDirectory &directory,
                                     const ServerConfig &config)
    : m_store(store), m_registry(registry), m_committer(committer), m_directory(directory),
      m_config(config), m_seqs(store, committer),
      // Unique across restarts too: a client may send an earlier connection's
      // acks on a new one, and they must not match anything pushed since.
      m_nextLiveId(kLiveIdBase + (quint64(QDateTime::currentMSecsSinceEpoch()) << 20))
{
    m_drainRetry.setSingleShot(true);
    m_drainRetry.setInterval(kDrainRetryMs);
    QObject::connect(&m_drainRetry, &QTimer::timeout, [this] { retryDrains(); });
}

protocol::Status MessageController::start()
{
    if (auto begun = m_store.beginServing(ConversationSeqs::kPushAhead); !begun)
        return begun.error();
    m_serving = true;
    m_seqs.preload();
    return {};
}

void MessageController::stop()
{
    // Seqs pushed before a commit that failed are known only here: if there are
    // any, the next start moves every conversation on as after a crash.
    if (!m_committer.flush() || !m_serving || m_seqs.hasPushedUncommitted())
        return;
    m_serving = false;
    if (const auto ended = m_store.endServing(); !ended)
        qCWarning(lcRelay) << ended.error().reason;
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
    // Attachments: each blob complete and this account's, or nothing is stored. A
    // resend of a stored message is answered from the store, whatever became of them.
    if (!request.media.isEmpty() &&
        !(request.again && m_store.messageStored(session->deviceId(), request.id)) &&
        !MediaController::mayReference(m_store.media(), session->accountId(), request.media)) {
        session->sendError(request.requestId, ErrorCode::UnknownMedia,
                           QStringLiteral("an attachment of the message is not a complete upload "
                                          "of yours; the message was not accepted"),
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
    SendWrite write = sendWriteFrom(*session, request, now);
    write.recipientAccount = *recipient;
    write.recipientName = request.to;
    write.copies = request.copies;
    write.media = request.media;
    // A resend of a message already stored or on its way is neither given a seq
    // nor pushed: the batch answers it with the original ack and stores nothing.
    // Only a send marked `again` can be a stored one, so only it is looked up.
    const QPair<qint64, protocol::MessageId> key{write.senderDevice, write.id};
    std::vector<Push> pushes;
    QList<qint64> unpushed;
    ConversationSeqs::Slot slot;
    if (!m_uncommitted.contains(key) &&
        !(request.again && m_store.messageStored(write.senderDevice, write.id))) {
        // A message pushed before a commit that failed keeps its seq: the devices
        // that had it know it by that one, and it is given to no other message.
        const auto lost = m_lostPushes.constFind(key);
        if (lost != m_lostPushes.cend() && lost->recipientAccount == write.recipientAccount) {
            slot = lost->slot;
            m_lostPushes.erase(lost);
        } else {
            slot = m_seqs.next(write.senderAccount, write.recipientAccount);
        }
        write.conversation = slot.conversation;
        write.seq = slot.seq;
        // A message with attachments waits for its commit, which writes the grants
        // its recipients need to fetch them.
        unpushed = choosePushes(write, slot.mayPush && write.media.isEmpty(), pushes);
        if (!pushes.empty())
            m_seqs.notePushed(write.senderAccount, write.recipientAccount, slot.seq);
    }
    ++m_uncommitted[key];
    SendInFlight inFlight{
        session, request.requestId,   key, write.senderAccount, write.recipientAccount,
        slot,    std::move(unpushed), {}};
    for (const Push &p : pushes)
        inFlight.pushedTo.append({p.session, p.frame.entry});
    const auto where = m_committer.addSend(
        std::move(write), [this, inFlight = std::move(inFlight)](const auto &outcome) {
            finishSend(inFlight, outcome);
        });
    push(pushes, where);
}

void MessageController::finishSend(const SendInFlight &send,
                                   const protocol::Result<SendOutcome> &outcome)
{
    for (qint64 device : send.unpushed)
        if (auto it = m_unpushed.find(device); it != m_unpushed.end() && --*it <= 0)
            m_unpushed.erase(it);
    if (auto it = m_uncommitted.find(send.key); it != m_uncommitted.end() && --*it <= 0)
        m_uncommitted.erase(it);
    if (!outcome) {
        // The batch failed, and the committer failed every send gathered
        // since: their seqs are given again, except those that were pushed,
        // which are kept for the resends of their own messages.
        m_seqs.rewind(send.senderAccount, send.recipientAccount, send.slot.seq);
        if (!send.pushedTo.isEmpty()) {
            if (m_lostPushes.size() >= kMaxLostPushes)
                m_lostPushes.clear(); // their resends get new seqs: a gap, no reuse
            m_lostPushes.insert(send.key, LostPush{send.recipientAccount, send.slot});
        }
        forgetPushes(send.pushedTo); // nothing was stored for their acks to delete
        // The id says which message to send again (a client may have several
        // waiting for their ack on this connection).
        if (send.session)
            send.session->sendError(send.requestId, outcome.error().code, outcome.error().reason,
                                    send.key.second);
        return;
    }
    const SendOutcome &o = outcome.value();
    if (o.seq != 0)
        m_seqs.noteCommitted(send.senderAccount, send.recipientAccount, o.seq);
    if (o.duplicate)
        forgetPushes(send.pushedTo); // a resend not marked `again`: nothing of it was stored
    if (!send.session)
        return; // the client resends with the same id and gets the original ack
    if (o.sendAgain) {
        send.session->sendError(send.requestId, ErrorCode::InternalError,
                                QStringLiteral("the message was not stored; send it again"), o.id);
        return;
    }
    // Acked by the recipient while this batch was being written: said here,
    // not in a receipt that would cost an inbox row and two frames more.
    const qint64 delivered =
        o.deliveredAt != 0 || o.duplicate
            ? o.deliveredAt
            : tellLateDelivery(send.pushedTo, send.recipientAccount, send.key.first);
    send.session->send(protocol::SendAck{send.requestId, o.id, o.conversation, o.seq, o.timestamp,
                                         o.duplicate, delivered});
}

qint64 MessageController::tellLateDelivery(const QList<QPair<QPointer<Session>, quint64>> &pushedTo,
                                           qint64 recipientAccount, qint64 senderDevice)
{
    qint64 deliveredAt = 0;
    for (const auto &[session, live] : pushedTo) {
        // The sender's own other devices having it is no delivery.
        if (!session || session->accountId() != recipientAccount)
            continue;
        auto &pushed = session->drain().pushed;
        const auto it = pushed.find(live);
        if (it == pushed.end() || !it->acked)
            continue;
        it->toldInAck = senderDevice;
        if (deliveredAt == 0)
            deliveredAt = QDateTime::currentMSecsSinceEpoch();
    }
    return deliveredAt;
}

void MessageController::forgetPushes(const QList<QPair<QPointer<Session>, quint64>> &pushes)
{
    for (const auto &[session, live] : pushes) {
        if (!session)
            continue;
        auto &drain = session->drain();
        if (const auto it = drain.pushed.constFind(live); it != drain.pushed.cend()) {
            drain.pushedIds.remove({it->fromDevice, it->id});
            drain.pushed.erase(it);
        }
        drain.inFlight.remove(live);
    }
}

bool MessageController::canPush(const Session *session) const
{
    if (!session || session->isClosing())
        return false;
    return session->drain().caughtUp && hasRoom(session) &&
           !m_unpushed.contains(session->deviceId());
}

bool MessageController::hasRoom(const Session *session) const
{
    return session->drain().inFlight.size() < m_config.drainWindow &&
           session->pendingOutput() < kMaxOutputBacklog;
}

void MessageController::resumeOutput(Session *session)
{
    if (session->isAuthenticated() && !session->drain().caughtUp)
        pump(session);
}

QList<qint64> MessageController::choosePushes(SendWrite &write, bool mayPush,
                                              std::vector<Push> &pushes)
{
    QList<qint64> unpushed;
    write.live.resize(size_t(write.copies.size()));
    protocol::Deliver frame{0,
                            write.id,
                            write.conversation,
                            write.seq,
                            write.senderName,
                            write.senderDevice,
                            write.recipientName,
                            write.timestamp,
                            {}};
    for (qsizetype i = 0; i < write.copies.size(); ++i) {
        const protocol::DeviceCopy &copy = write.copies[i];
        Session *target = m_registry.byDevice(copy.device);
        // A device that is draining, whose window is full, or that still has
        // copies in the pipe without a push gets this one after the commit; so do
        // all when the seq may not leave before its commit (ConversationSeqs).
        if (!mayPush || !canPush(target)) {
            unpushed.append(copy.device);
            ++m_unpushed[copy.device];
            continue;
        }
        frame.entry = m_nextLiveId++;
        frame.body = copy.body;
        write.live[size_t(i)].id = frame.entry;
        pushes.push_back({target, size_t(i), frame});
    }
    return unpushed;
}

void MessageController::push(const std::vector<Push> &pushes, GroupCommitter::PendingSend where)
{
    for (const Push &p : pushes) {
        auto &drain = p.session->drain();
        const quint64 live = p.frame.entry;
        drain.inFlight.insert(live);
        drain.pushed.insert(live, Session::Pushed{where, p.copy, p.frame.fromDevice, p.frame.id});
        drain.pushedIds.insert({p.frame.fromDevice, p.frame.id}, live);
        p.session->send(p.frame);
    }
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
    SendWrite write = sendWriteFrom(*session, request, now);
    write.group = request.group;
    write.body = request.body;
    write.media = request.media;
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
    QList<quint64> entries;
    QList<UnstoredDelivery> unstored;
    entries.reserve(ack.entries.size());
    for (quint64 entry : ack.entries) {
        drain.inFlight.remove(entry);
        if (entry < kLiveIdBase) {
            entries.append(entry);
            continue;
        }
        const auto it = drain.pushed.find(entry);
        if (it == drain.pushed.end())
            continue; // pushed on an earlier connection, or before a sync: the inbox has it
        Session::Pushed &pushed = *it;
        if (pushed.entry != 0) {
            entries.append(pushed.entry);
        } else if (m_committer.ackBeforeCommit(pushed.send, pushed.copy)) {
            unstored.append({pushed.fromDevice, pushed.id});
        } else if (m_committer.isCommitting(pushed.send.batch)) {
            pushed.acked = true; // acked by its entry id once the commit gives it one
            continue;
        } // else its batch is done and stored no row (a duplicate, or the commit failed)
        drain.pushedIds.remove({pushed.fromDevice, pushed.id});
        drain.pushed.erase(it);
    }
    ackEntries(session, std::move(entries), std::move(unstored));
    // Acked entries are at or below the cursor, so reading on from the cursor
    // is right even before this ack is committed.
    pump(session);
}

void MessageController::ackEntries(Session *session, QList<quint64> entries,
                                   QList<UnstoredDelivery> unstored,
                                   QHash<quint64, qint64> toldInAck)
{
    if (entries.isEmpty() && unstored.isEmpty())
        return;
    AckWrite write;
    write.accountId = session->accountId();
    write.accountName = session->username();
    write.deviceId = session->deviceId();
    write.entries = std::move(entries);
    write.unstored = std::move(unstored);
    write.toldInAck = std::move(toldInAck);
    write.timestamp = QDateTime::currentMSecsSinceEpoch();
    m_committer.addAck(std::move(write));
}

bool MessageController::notePushed(Session *session, const InboxEntry &entry, LateAcks &lateAcks)
{
    const auto *deliver = std::get_if<protocol::Deliver>(&entry.frame);
    if (!deliver || deliver->group)
        return false; // only one-to-one messages are pushed before their commit
    auto &drain = session->drain();
    const auto id = drain.pushedIds.find({deliver->fromDevice, deliver->id});
    if (id == drain.pushedIds.end())
        return false;
    const auto pushed = drain.pushed.find(*id);
    if (pushed == drain.pushed.end()) {
        drain.pushedIds.erase(id);
        return false;
    }
    if (pushed->acked) {
        lateAcks.entries.append(entry.entryId());
        if (pushed->toldInAck != 0)
            lateAcks.toldInAck.insert(entry.entryId(), pushed->toldInAck);
        drain.pushed.erase(pushed);
        drain.pushedIds.erase(id);
    } else {
        pushed->entry = entry.entryId();
    }
    return true;
}

void MessageController::handleRead(Session *session, const protocol::ReadRequest &read)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!session->readBucket().take(kReadBurst, kReadsPerSecond, now)) {
        // A read covers every earlier one: the client's next read says it again.
        session->sendError(0, ErrorCode::RateLimited,
                           QStringLiteral("marking conversations read too fast; this read of "
                                          "conversation %1 was not recorded, send it again in "
                                          "a moment")
                               .arg(read.conversation));
        return;
    }
    ReadWrite write;
    write.accountId = session->accountId();
    write.accountName = session->username();
    write.deviceId = session->deviceId();
    write.conversation = read.conversation;
    write.upToSeq = read.upToSeq;
    write.timestamp = now;
    m_committer.addRead(std::move(write));
}

void MessageController::settleCommits()
{
    m_committer.settle();
}

void MessageController::deliverNew(const std::vector<InboxEntry> &entries)
{
    QSet<Session *> behind;
    std::vector<std::pair<Session *, LateAcks>> lateAcks;
    LateAcks late;
    for (const auto &entry : entries) {
        Session *session = m_registry.byDevice(entry.deviceId);
        if (!session || session->isClosing())
            continue; // stays in the inbox for the next connection
        auto &drain = session->drain();
        const quint64 id = entry.entryId();
        if (notePushed(session, entry, late)) {
            // Every earlier entry was sent if the device is caught up; if not, the
            // drain comes by this one and passes it over.
            if (drain.caughtUp)
                drain.cursor = std::max(drain.cursor, id);
            else if (id > drain.cursor)
                drain.skip.insert(id);
            if (!late.entries.isEmpty())
                lateAcks.emplace_back(session, std::exchange(late, {}));
            continue;
        }
        if (drain.caughtUp && hasRoom(session) && id > drain.cursor) {
            sendEntry(session, entry);
        } else if (id > drain.cursor) {
            // The device is still draining, its window is full or it reads slowly:
            // this entry is in the inbox and the pump reads it in order.
            drain.caughtUp = false;
            behind.insert(session);
        }
    }
    for (auto &[session, acks] : lateAcks)
        ackEntries(session, std::move(acks.entries), {}, std::move(acks.toldInAck));
    for (Session *session : std::as_const(behind))
        pump(session);
}

} // namespace linnet::server
