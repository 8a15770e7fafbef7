// SPDX-License-Identifier: GPL-3.0-or-later
#include "GroupCommitter.h"

#include "ServerLog.h"
#include "store/Store.h"

#include <QTimer>

namespace linnet::server {

GroupCommitter::GroupCommitter(Store &store, std::unique_ptr<CommitThread> thread,
                               std::chrono::milliseconds gather, QObject *parent)
    : QObject(parent), m_store(store), m_thread(std::move(thread)), m_gather(gather)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &GroupCommitter::onTimer);
}

GroupCommitter::~GroupCommitter()
{
    // The owner flushed before tearing down what the callback reaches; whatever
    // is left stays in the inbox for the next connection.
    m_onEntries = {};
    // Not flush(): the seqs the store holds are written at the owner's flush, and
    // a crash leaves them to SqliteStore::open(); nothing else waits here.
    commitAll();
    // The thread is joined before this object goes: nothing it posts can outlive us.
    m_thread.reset();
}

GroupCommitter::PendingSend GroupCommitter::addSend(SendWrite write, SendCallback done)
{
    const PendingSend where{m_batchNumber, m_batch.sends.size()};
    // A group message reaches its members only after its commit: it does not wait.
    m_urgent = m_urgent || write.group != 0;
    m_batch.sends.push_back(std::move(write));
    m_sendCallbacks.push_back(std::move(done));
    noteWrite();
    return where;
}

bool GroupCommitter::ackBeforeCommit(PendingSend send, size_t copy)
{
    if (send.batch != m_batchNumber || send.index >= m_batch.sends.size())
        return false;
    auto &live = m_batch.sends[send.index].live;
    if (copy >= live.size())
        return false;
    live[copy].acked = true;
    return true;
}

void GroupCommitter::addAck(AckWrite write)
{
    m_batch.acks.push_back(std::move(write));
    noteWrite();
}

void GroupCommitter::addRead(ReadWrite write)
{
    m_batch.reads.push_back(std::move(write));
    noteWrite();
}

void GroupCommitter::noteWrite()
{
    if (m_batchWrites++ == 0)
        m_gathering.start();
    schedule();
}

qint64 GroupCommitter::gatherLeftMs() const
{
    if (m_urgent || m_batchWrites >= kCommitAtWrites || !m_gathering.isValid())
        return 0;
    return std::max<qint64>(0, m_gather.count() - m_gathering.elapsed());
}

void GroupCommitter::schedule()
{
    if (m_inFlight || m_armPosted)
        return; // a batch in flight commits the pending one when it is done
    if (m_timer.isActive() && gatherLeftMs() > 0)
        return; // armed already, and the batch need not go sooner
    m_armPosted = true;
    // The timer fires once the loop has handled every event already waiting and
    // the batch is m_gather old, so everything written meanwhile lands in this one
    // batch. It is armed from a posted event, so that the frames this turn queued
    // (messages pushed before their commit) go out in the next turn's posted
    // flushes before the loop blocks in a commit of its own.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_armPosted = false;
            if (!m_inFlight && !m_batch.empty())
                m_timer.start(int(gatherLeftMs()));
        },
        Qt::QueuedConnection);
}

void GroupCommitter::onTimer()
{
    if (m_inFlight)
        return; // committed when the batch in flight is done
    if (const qint64 left = gatherLeftMs(); left > 0)
        m_timer.start(int(left));
    else
        commitPending();
}

void GroupCommitter::commitPending()
{
    Q_ASSERT(!m_inFlight);
    if (m_batch.empty())
        return;
    WriteBatch batch = std::move(m_batch);
    m_batch = {};
    m_timer.stop();
    m_urgent = false;
    m_batchWrites = 0;
    m_gathering.invalidate();
    const quint64 number = m_batchNumber++;
    std::vector<SendCallback> callbacks = std::move(m_sendCallbacks);
    m_sendCallbacks.clear();
    const BatchSize size{batch.sends.size(),
                         batch.sends.size() + batch.acks.size() + batch.reads.size()};

    if (!m_thread) {
        QElapsedTimer took;
        took.start();
        const auto result = m_store.commitBatch(batch);
        finish(result, std::move(callbacks), size, took.nsecsElapsed());
        return;
    }
    InFlight flight;
    flight.batch = number;
    flight.callbacks = std::move(callbacks);
    flight.size = size;
    flight.since.start();
    flight.result = m_thread->commit(std::move(batch), [this] {
        QMetaObject::invokeMethod(this, &GroupCommitter::onCommitted, Qt::QueuedConnection);
    });
    m_inFlight = std::move(flight);
}

void GroupCommitter::onCommitted()
{
    // settle() may have handled this batch already, or a later one may be in flight.
    if (!m_inFlight ||
        m_inFlight->result.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    takeInFlight();
    // What gathered while it was in flight: now, or once it is old enough.
    if (gatherLeftMs() == 0)
        commitPending();
    else if (!m_batch.empty())
        schedule();
}

bool GroupCommitter::takeInFlight()
{
    if (!m_inFlight)
        return false;
    InFlight flight = std::move(*m_inFlight);
    m_inFlight.reset();
    // The batch comes back with the result and is freed here, where it was built.
    const CommitThread::Committed committed = flight.result.get();
    finish(committed.result, std::move(flight.callbacks), flight.size, flight.since.nsecsElapsed());
    return true;
}

void GroupCommitter::settle()
{
    if (takeInFlight() && !m_batch.empty())
        schedule(); // gathered while that batch was in flight
}

bool GroupCommitter::flush()
{
    if (!m_seqsFlushed)
        m_batch.flushSeqs = true;
    commitAll();
    return m_seqsFlushed;
}

void GroupCommitter::commitAll()
{
    takeInFlight();
    commitPending();
    takeInFlight();
}

void GroupCommitter::finish(const protocol::Result<BatchResult> &result,
                            std::vector<SendCallback> callbacks, BatchSize size, qint64 nanoseconds)
{
    logTiming(size, nanoseconds);
    m_totals.nanoseconds += nanoseconds;
    m_totals.lastFailed = !result;
    if (!result) {
        ++m_totals.failures;
        m_totals.lastError = result.error().reason;
        m_seqsFlushed = false;
        qCWarning(lcRelay) << "group commit of" << size.sends
                           << "messages failed:" << result.error().reason;
        // Nothing was acked, so senders keep their messages queued and resend;
        // unapplied delivery acks only mean a redelivery the client dedups.
        const protocol::Error error{protocol::ErrorCode::InternalError,
                                    QStringLiteral("the server could not store the message; "
                                                   "it was not accepted, send it again later")};
        for (const auto &cb : callbacks)
            cb(error);
        // The sends gathered meanwhile hold seqs given after the lost ones: they
        // fail too, so that the resent messages get those seqs again (no gap),
        // except seqs already pushed, which go to no other message (ConversationSeqs).
        // Their acks and reads stay and are committed next.
        if (!m_batch.sends.empty()) {
            std::vector<SendCallback> pending = std::move(m_sendCallbacks);
            m_sendCallbacks.clear();
            m_batchWrites -= m_batch.sends.size();
            m_batch.sends.clear();
            if (m_batch.empty())
                m_gathering.invalidate();
            ++m_batchNumber; // what was pushed from it is no longer pending
            for (const auto &cb : pending)
                cb(error);
        }
        return;
    }
    ++m_totals.batches;
    m_totals.messages += size.sends;
    m_totals.writes += size.writes;
    const BatchResult &r = result.value();
    m_seqsFlushed = r.seqsFlushed;
    for (size_t i = 0; i < callbacks.size() && i < r.sends.size(); ++i)
        callbacks[i](r.sends[i]);
    if (m_onEntries && !r.newEntries.empty())
        m_onEntries(r.newEntries);
}

void GroupCommitter::logTiming(BatchSize size, qint64 nanoseconds)
{
    if (!lcRelay().isDebugEnabled())
        return;
    if (!m_stats.window.isValid())
        m_stats.window.start();
    ++m_stats.commits;
    m_stats.nanoseconds += nanoseconds;
    m_stats.maxNanoseconds = std::max(m_stats.maxNanoseconds, nanoseconds);
    m_stats.writes += size.writes;
    m_stats.sends += size.sends;
    const qint64 windowMs = m_stats.window.elapsed();
    if (windowMs < 10000)
        return;
    // With commit_thread = off the share is of the event loop's time spent committing.
    qCDebug(lcRelay).nospace() << "commits in the last " << windowMs / 1000.0
                               << " s: " << m_stats.commits << ", "
                               << double(m_stats.sends) / m_stats.commits << " messages and "
                               << double(m_stats.writes) / m_stats.commits << " writes each, "
                               << m_stats.nanoseconds / 1e6 / m_stats.commits << " ms on average, "
                               << m_stats.maxNanoseconds / 1e6 << " ms at most, "
                               << m_stats.nanoseconds / 1e4 / windowMs << " % of the time";
    m_stats = {};
}

} // namespace linnet::server
