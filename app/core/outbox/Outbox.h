// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientTypes.h"
#include "outbox/OutboxStore.h"
#include "protocol/ErrorCode.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace linnet::client {

/**
 * The outgoing queue of one account: which stored messages go out now, which wait and
 * when they are tried again. At most Options::maxInFlight sends await their acks; a
 * recipient's messages leave in the order they were written; a temporary refusal (busy,
 * failing or stopping server) is retried after a doubling delay with its reason shown,
 * any other refusal fails the message with its reason. Encryption and the network are
 * the send function's job (ChatClient's); storage is the OutboxStore's. Lives on the
 * thread of its owner.
 */
class Outbox : public QObject {
    Q_OBJECT

public:
    /** What one try to send a message came to. */
    enum class Outcome {
        Sent,    ///< on the wire; its ack (or a refusal) follows
        Waiting, ///< not now (keys, a held contact): later ones to the same recipient wait too
        Failed,  ///< never sendable: fails with code and reason
        Offline, ///< the connection is gone: nothing more is tried
    };
    struct Attempt {
        Outcome outcome = Outcome::Waiting;
        quint32 requestId = 0; ///< Sent: the request the ack or error will name
        protocol::ErrorCode code = protocol::ErrorCode::InternalError; ///< Failed: why
        QString reason;                                                ///< Failed: for people

        static Attempt sent(quint32 requestId) { return {Outcome::Sent, requestId, {}, {}}; }
        static Attempt waiting() { return {Outcome::Waiting, 0, {}, {}}; }
        static Attempt offline() { return {Outcome::Offline, 0, {}, {}}; }
        static Attempt failed(protocol::ErrorCode code, const QString &reason)
        {
            return {Outcome::Failed, 0, code, reason};
        }
    };
    /** Encrypts and sends @p item. @p again: it may have reached the server before (it is
     *  a resend, or older than this connection), so the server must look it up. */
    using SendFunction = std::function<Attempt(const OutboxItem &item, bool again)>;

    struct Options {
        int initialBackoffMs = 500; ///< the first retry after a temporary refusal: twice this
        int maxBackoffMs = 30000;   ///< the longest delay between retries
        int waitRetryMs = 2000;     ///< retrySoon()'s delay
        int maxInFlight = 500;      ///< sends awaiting their ack
        int maxDeviceRetries = 3;   ///< re-encryptions after devices_changed before failing
    };

    Outbox(OutboxStore &store, SendFunction send, Options options, QObject *parent = nullptr);

    /** Errors after which the same request may succeed later: the server was busy, failing
     *  or going away. Every other refusal of a message is for good (protocol.md 9). */
    static bool isTemporary(protocol::ErrorCode code);

    // --- the connection ---------------------------------------------------------------
    /** Authenticated at @p now (ms): what waits was never sent on this connection. Call
     *  flush() when ready to send. */
    void connected(qint64 now);
    /** The connection is gone or closed: nothing is in flight any more. */
    void disconnected();

    // --- sending ------------------------------------------------------------------------
    /** A message just stored: sent at once if nothing waits before it, else in its turn. */
    void submit(const OutboxItem &item);
    /** Sends what waits, oldest first, as far as the window allows. What the retry timers
     *  do when due. */
    void flush();
    /** Something the sends wait for may be there in a moment (keys, a group's state):
     *  flush again after Options::waitRetryMs. */
    void retrySoon();

    // --- answers ------------------------------------------------------------------------
    /** The server acked @p id (request @p requestId): it leaves the window, its problem is
     *  over and the server takes messages again (the backoff restarts). */
    void acked(quint32 requestId, const protocol::MessageId &id);
    /** After an ack is stored: sends what waits once half the window is free. */
    void flushIfRoom();
    /** The message an error is about: @p named if it names one, else the one request
     *  @p requestId carried (an unreadable frame or a failed commit names no message). */
    protocol::MessageId takeRequest(quint32 requestId, const protocol::MessageId &named);
    /** The server refused @p id: retried later if temporary, else failed. */
    void refused(const protocol::MessageId &id, protocol::ErrorCode code, const QString &reason);
    /** devices_changed for @p id: returns its conversation, whose devices must be learnt
     *  again before flush() encrypts it anew; nullopt if it failed instead (too many times,
     *  or it is gone). */
    std::optional<QString> devicesChanged(const protocol::MessageId &id, protocol::ErrorCode code,
                                          const QString &reason);
    /** Fails @p id for good with @p reason (its state becomes Failed). */
    void fail(const protocol::MessageId &id, protocol::ErrorCode code, const QString &reason);
    /** Fails every waiting message to @p recipient (its keys cannot be had). */
    void failRecipient(const QString &recipient, protocol::ErrorCode code, const QString &reason);

    // --- the user's hand ------------------------------------------------------------------
    /** A failed message is queued again (Retry): its old problem and counts are gone. */
    void requeued(const protocol::MessageId &id);
    /** A message is deleted: nothing more is known about it. */
    void forget(const protocol::MessageId &id);

    bool isInFlight(const protocol::MessageId &id) const { return m_inFlight.contains(id); }
    int inFlightCount() const { return int(m_inFlight.size()); }
    /** Why @p id is not sent yet; empty when there is no known problem. */
    QString problem(const protocol::MessageId &id) const { return m_problems.value(id); }
    /** The delay of the pending retry after a temporary refusal; 0 after an ack. */
    int retryDelayMs() const { return m_retryDelayMs; }
    /** True while a retry after a temporary refusal is scheduled. */
    bool isRetryScheduled() const { return m_backoffTimer.isActive(); }
    /** True while a retrySoon() is scheduled. */
    bool isWaitRetryScheduled() const { return m_waitTimer.isActive(); }

Q_SIGNALS:
    /** @p id failed for good (its state is now Failed). */
    void messageFailed(const linnet::protocol::MessageId &id, const QString &conversation);
    /** @p id met a problem (@p reason, for people), or it is over (empty). */
    void problemChanged(const linnet::protocol::MessageId &id, const QString &conversation,
                        const QString &reason);
    /** A refusal a person should hear about. */
    void errorOccurred(linnet::protocol::ErrorCode code, const QString &reason,
                       const linnet::protocol::MessageId &id);

private:
    /** One try of @p item; a Failed outcome fails it. */
    Outcome attempt(const OutboxItem &item);
    bool isAgain(const OutboxItem &item) const;
    void retryLater(const protocol::MessageId &id, protocol::ErrorCode code, const QString &reason);
    void setProblem(const protocol::MessageId &id, const QString &reason);

    OutboxStore &m_store;
    SendFunction m_send;
    Options m_options;
    bool m_online = false;
    qint64 m_onlineSince = 0;
    QSet<protocol::MessageId> m_inFlight; ///< sent on this connection, not yet acked
    /** The message each send request carried: an error naming only the request (a frame
     *  the server could not read, a failed commit) still fails or retries its message. */
    QHash<quint32, protocol::MessageId> m_requests;
    QHash<protocol::MessageId, QString> m_problems;
    QHash<protocol::MessageId, int> m_deviceRetries; ///< devices_changed answers per message
    QTimer m_waitTimer;                              ///< retrySoon()
    QTimer m_backoffTimer;  ///< the outbox again after a temporary refusal of a send
    int m_retryDelayMs = 0; ///< that timer's last delay; doubles, reset by an ack
    /** Some entries are neither in flight nor acked (window full, retry due): new
     *  messages must queue behind them instead of being sent at once. */
    bool m_behind = false;
};

} // namespace linnet::client
