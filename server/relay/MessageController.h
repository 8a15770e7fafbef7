// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ConversationSeqs.h"
#include "relay/GroupCommitter.h"
#include "ServerConfig.h"
#include "protocol/Frames.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace linnet::server {

class DeviceDirectory;
class Session;
class SessionRegistry;
class Store;

/**
 * The relay: send (one-to-one and group), deliver_ack, read and sync, and the
 * per-device inbox drain.
 * Writes go through the GroupCommitter; entries reach a device either live
 * (pushed right after the commit that created them) or from the inbox, always
 * in entry order and with at most ServerConfig::drainWindow unacked at once.
 * A device whose connection has kMaxOutputBacklog or more of output waiting
 * (it reads slower than it is sent to) gets nothing more until it has caught
 * up: what it misses meanwhile waits in its inbox, not in the server's memory.
 *
 * A one-to-one message does not wait for its commit to reach a device that is
 * online and caught up: it gets its seq at once (ConversationSeqs) and is
 * pushed under a live id (kLiveIdBase and up, never an inbox entry id). The
 * sender's ack still waits for the commit. A copy acknowledged before its batch
 * goes to the store is never written (its receipt is); one acknowledged later
 * is deleted by the entry id its commit gave it. A device that has one-to-one
 * copies waiting for a commit without having been pushed gets nothing pushed
 * until they are committed, so messages keep their order on every device.
 * A message with attachments (SendRequest::media) is never pushed before its
 * commit: the commit writes the download grants its devices need.
 */
class MessageController {
public:
    MessageController(Store &store, SessionRegistry &registry, GroupCommitter &committer,
                      DeviceDirectory &directory, const ServerConfig &config);

    /**
     * Before the first session: moves seqs on after a crash (Store::beginServing) and
     * reads what the relay keeps in memory (ConversationSeqs). An error: do not serve.
     */
    protocol::Status start();
    /**
     * At a clean stop, after the last session: commits what is pending and, if every
     * seq pushed is committed, records the clean stop (Store::endServing).
     */
    void stop();

    void handleSend(Session *session, const protocol::SendRequest &request);
    void handleDeliverAck(Session *session, const protocol::DeliverAck &ack);
    void handleRead(Session *session, const protocol::ReadRequest &read);
    void handleSync(Session *session, const protocol::SyncRequest &request);

    /** Starts the inbox drain of a freshly authenticated session. */
    void startDrain(Session *session, quint32 syncRequestId = 0);
    /** The session's output has caught up (Session::readyForOutput): goes on with its drain. */
    void resumeOutput(Session *session);
    /** Pushes entries a commit just created to the devices that are online. */
    void deliverNew(const std::vector<InboxEntry> &entries);
    /**
     * Call before writing inbox entries outside the GroupCommitter (group events,
     * sender keys): waits for the batch being committed and delivers its entries,
     * so that the entries written next come after them, as deliverNew requires.
     */
    void settleCommits();

    /** Live ids are at least this; inbox entry ids stay far below. */
    static constexpr quint64 kLiveIdBase = quint64(1) << 62;
    /** Output waiting for a device beyond which nothing more is sent to it for now. */
    static constexpr qint64 kMaxOutputBacklog = 1024 * 1024;
    /**
     * `read` frames per connection: a burst, then this many per second (429 past
     * it). A client sends one when the user reads a conversation; a flood had put
     * 3,000 receipts into a peer's inbox in 0.03 s (issue 23.1).
     */
    static constexpr double kReadBurst = 100;
    static constexpr double kReadsPerSecond = 10;
    /** How long a drain whose inbox read failed waits before it reads again. */
    static constexpr int kDrainRetryMs = 5000;

private:
    /** Entries a device acked while their batch was being written (see notePushed). */
    struct LateAcks {
        QList<quint64> entries;
        QHash<quint64, qint64> toldInAck; ///< as AckWrite::toldInAck
    };
    /** A copy to push once its send is queued for the commit. */
    struct Push {
        Session *session = nullptr;
        size_t copy = 0;
        protocol::Deliver frame;
    };
    /**
     * Picks the copies of @p write that can be pushed now and gives them live ids;
     * returns the devices of the others, counted in m_unpushed until the commit.
     */
    QList<qint64> choosePushes(SendWrite &write, bool mayPush, std::vector<Push> &pushes);
    void push(const std::vector<Push> &pushes, GroupCommitter::PendingSend where);
    /** What handleSend keeps of a one-to-one send until its batch is committed. */
    struct SendInFlight {
        QPointer<Session> session; ///< null once the sender disconnected
        quint32 requestId = 0;
        QPair<qint64, protocol::MessageId> key; ///< (sender device, id)
        qint64 senderAccount = 0;
        qint64 recipientAccount = 0;
        ConversationSeqs::Slot slot; ///< the seq given, or none for a resend
        QList<qint64> unpushed;      ///< devices counted in m_unpushed until the commit
        QList<QPair<QPointer<Session>, quint64>> pushedTo; ///< copies pushed before the commit
    };
    /**
     * The commit of @p send's batch is over: acks it, or on failure gives its seq
     * back (keeping a pushed one for its resend) and tells the sender why.
     */
    void finishSend(const SendInFlight &send, const protocol::Result<SendOutcome> &outcome);
    /**
     * Drops what is kept about copies pushed from a send that stored none: its
     * commit failed, or it was a resend (not marked `again`) of a stored message.
     */
    void forgetPushes(const QList<QPair<QPointer<Session>, quint64>> &pushes);
    bool canPush(const Session *session) const;
    /** The device's window and connection take another entry now. */
    bool hasRoom(const Session *session) const;
    /**
     * True if @p entry is a copy already pushed on @p session under a live id:
     * notes its entry id (and queues its ack in @p lateAcks if the device acked it
     * while its batch was being written) instead of sending it again.
     */
    bool notePushed(Session *session, const InboxEntry &entry, LateAcks &lateAcks);
    /**
     * The copies in @p pushedTo that the recipient's devices acked while their
     * batch was being written: the sender's ack says delivered (the time returned,
     * or 0 if none was acked), and their entries' acks will send no receipt to
     * @p senderDevice.
     */
    qint64 tellLateDelivery(const QList<QPair<QPointer<Session>, quint64>> &pushedTo,
                            qint64 recipientAccount, qint64 senderDevice);
    void ackEntries(Session *session, QList<quint64> entries, QList<UnstoredDelivery> unstored = {},
                    QHash<quint64, qint64> toldInAck = {});
    void handleGroupSend(Session *session, const protocol::SendRequest &request, qint64 now);
    void pump(Session *session);
    /**
     * The inbox of @p session could not be read: tells the device (InboxUnavailable,
     * never "synced"), keeps the cursor and reads again after kDrainRetryMs.
     */
    void failDrain(Session *session, const protocol::Error &error);
    void retryDrains();
    void sendEntry(Session *session, const InboxEntry &entry);
    std::optional<qint64> resolveAccount(const QString &username);

    Store &m_store;
    SessionRegistry &m_registry;
    GroupCommitter &m_committer;
    DeviceDirectory &m_directory;
    const ServerConfig &m_config;
    QHash<QString, qint64> m_accountIds; ///< username -> id; accounts are never renamed
    ConversationSeqs m_seqs;
    /** Copies per device that wait for their commit without having been pushed. */
    QHash<qint64, int> m_unpushed;
    /** One-to-one sends waiting for their commit, by (sender device, id). */
    QHash<QPair<qint64, protocol::MessageId>, int> m_uncommitted;
    /** Where a message pushed before a commit that failed was pushed: its resend goes there. */
    struct LostPush {
        qint64 recipientAccount = 0;
        ConversationSeqs::Slot slot;
    };
    /** By (sender device, id); forgotten when a resend takes it (bounded, kMaxLostPushes). */
    QHash<QPair<qint64, protocol::MessageId>, LostPush> m_lostPushes;
    static constexpr qsizetype kMaxLostPushes = 100000;
    quint64 m_nextLiveId;
    bool m_serving = false; ///< start() recorded in the store that seqs may be pushed ahead
    /** Devices whose drain waits for m_drainRetry after a failed inbox read. */
    QSet<qint64> m_drainRetries;
    QTimer m_drainRetry;
};

} // namespace linnet::server
