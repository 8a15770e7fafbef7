// SPDX-License-Identifier: GPL-3.0-or-later
// MessageController, part two: draining a device's inbox after `sync` (reading it in
// pages, the flow-control window, and retrying when the inbox cannot be read).
#include "MessageController.h"

#include "ServerLog.h"
#include "gateway/Session.h"
#include "gateway/SessionRegistry.h"
#include "store/Store.h"

namespace linnet::server {

using protocol::ErrorCode;

namespace {
/** Inbox rows read per query while draining. */
constexpr int kDrainPage = 500;
} // namespace

void MessageController::handleSync(Session *session, const protocol::SyncRequest &request)
{
    startDrain(session, request.requestId);
}

void MessageController::startDrain(Session *session, quint32 syncRequestId)
{
    auto &drain = session->drain();
    drain.cursor = 0;
    drain.inFlight.clear();
    // Everything is sent again from the inbox, pushed copies too once committed.
    drain.pushed.clear();
    drain.pushedIds.clear();
    drain.skip.clear();
    drain.caughtUp = false;
    drain.syncedSent = false;
    drain.syncRequestId = syncRequestId;
    drain.sentInDrain = 0;
    drain.readFailures = 0;
    m_drainRetries.remove(session->deviceId());
    pump(session);
}

void MessageController::pump(Session *session)
{
    auto &drain = session->drain();
    const qsizetype window = m_config.drainWindow;
    LateAcks lateAcks;
    bool full = false;
    if (m_drainRetries.contains(session->deviceId()))
        return; // its inbox could not be read: the retry timer reads again
    while (!drain.caughtUp && hasRoom(session) && !session->isClosing()) {
        const int limit =
            static_cast<int>(std::min<qsizetype>(kDrainPage, window - drain.inFlight.size()));
        const auto loaded = m_store.loadInbox(session->deviceId(), drain.cursor, limit);
        if (!loaded) {
            failDrain(session, loaded.error());
            break;
        }
        drain.readFailures = 0;
        const std::vector<InboxEntry> &entries = loaded.value();
        for (const auto &entry : entries) {
            const quint64 id = entry.entryId();
            if (drain.skip.remove(id) || notePushed(session, entry, lateAcks)) {
                drain.cursor = std::max(drain.cursor, id); // the device has it already
            } else if (!hasRoom(session)) {
                // A slow reader: the rest of the page is read again from the cursor
                // once it has caught up (resumeOutput) or acked (handleDeliverAck).
                full = true;
                break;
            } else {
                sendEntry(session, entry);
            }
        }
        // A short page means the inbox is read to its end, unless the device stopped it.
        if (!full && static_cast<int>(entries.size()) < limit)
            drain.caughtUp = true;
    }
    ackEntries(session, std::move(lateAcks.entries), {}, std::move(lateAcks.toldInAck));
    if (drain.caughtUp && !drain.syncedSent) {
        drain.syncedSent = true;
        session->send(protocol::Synced{drain.syncRequestId, drain.sentInDrain});
    }
}

void MessageController::failDrain(Session *session, const protocol::Error &error)
{
    // Never "synced": the device would take what it has for everything, and the
    // entries it misses would wait unseen. It learns that its inbox could not be
    // read, the entries stay, and the drain goes on from the cursor later.
    auto &drain = session->drain();
    drain.caughtUp = false;
    qCWarning(lcRelay).nospace() << "inbox of device " << session->deviceId() << " not readable ("
                                 << drain.readFailures + 1
                                 << " times in a row), drain stopped after entry " << drain.cursor
                                 << " and retried in " << kDrainRetryMs << " ms: " << error.reason;
    if (drain.readFailures++ == 0)
        session->sendError(drain.syncRequestId, ErrorCode::InboxUnavailable,
                           QStringLiteral("the server cannot read your waiting messages now; "
                                          "they are kept, and sent once it can"));
    m_drainRetries.insert(session->deviceId());
    if (!m_drainRetry.isActive())
        m_drainRetry.start();
}

void MessageController::retryDrains()
{
    const QSet<qint64> devices = std::exchange(m_drainRetries, {});
    for (qint64 device : devices) {
        Session *session = m_registry.byDevice(device);
        if (session && !session->isClosing())
            pump(session); // else gone: its next connection drains from the start
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

} // namespace linnet::server
