// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"
#include "store/CommitThread.h"
#include "store/StoreTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>

namespace linnet::server {

class Store;

/**
 * Group commit: every write that arrives during one turn of the event loop
 * (sends, delivery acks, reads) goes into one WriteBatch, committed in one
 * transaction with one fsync. Under load a batch holds hundreds of messages,
 * so durability does not cap throughput; when idle a lone message is committed
 * at once. Acks to senders go out only after the commit: ack means durable.
 *
 * With a CommitThread the batch is written there while the loop goes on; the
 * writes arriving meanwhile form the next batch, committed as soon as the one
 * in flight is done (one batch in flight at a time, so batches commit in the
 * order they were gathered). Without one, the batch commits on this thread.
 *
 * When a batch fails, its sends fail, and so do the sends gathered since (their
 * seqs were given after the lost ones); delivery acks and reads are kept.
 */
class GroupCommitter : public QObject {
    Q_OBJECT
public:
    using SendCallback = std::function<void(const protocol::Result<SendOutcome> &)>;
    using EntriesCallback = std::function<void(const std::vector<InboxEntry> &)>;

    /** A batch of this many writes is committed without waiting for @p gather. */
    static constexpr size_t kCommitAtWrites = 2000;

    /**
     * @p thread may be null: then batches commit synchronously on @p store. A batch
     * gathers writes for @p gather after its first one (0: until the loop has
     * handled the events already waiting) and while a batch is in flight.
     */
    GroupCommitter(Store &store, std::unique_ptr<CommitThread> thread,
                   std::chrono::milliseconds gather = {}, QObject *parent = nullptr);
    ~GroupCommitter() override;

    /** Called after each successful commit with every inbox entry it created. */
    void setEntriesCallback(EntriesCallback callback) { m_onEntries = std::move(callback); }

    /** Where a send waits for its commit: its batch and its place in that batch. */
    struct PendingSend {
        quint64 batch = 0;
        size_t index = 0;
    };

    PendingSend addSend(SendWrite write, SendCallback done);
    /**
     * Copy @p copy of a send pushed before its commit (SendWrite::live) was
     * acknowledged: if its batch has not gone to the store yet, the copy will not
     * be stored and true is returned (the caller adds the ack as unstored).
     */
    bool ackBeforeCommit(PendingSend send, size_t copy);
    /** True while batch @p batch is being written. */
    bool isCommitting(quint64 batch) const { return m_inFlight && m_inFlight->batch == batch; }
    void addAck(AckWrite write);
    void addRead(ReadWrite write);

    /**
     * Commits everything pending now, with every seq the store holds in memory
     * (WriteBatch::flushSeqs), and waits for it (shutdown; before the database is
     * the reference for seqs again). True if the database then has every seq.
     */
    bool flush();
    /**
     * Waits for the batch in flight, if any, and hands out its results, so that
     * an inbox write made next on another connection gets later entry ids than
     * every entry delivered so far.
     */
    void settle();

    /** What was committed since the start (/metrics, /healthz). */
    struct Totals {
        quint64 batches = 0;    ///< committed
        quint64 failures = 0;   ///< batches that failed
        quint64 messages = 0;   ///< sends in committed batches: messages accepted and acked
        quint64 writes = 0;     ///< sends, delivery acks and reads in committed batches
        qint64 nanoseconds = 0; ///< spent committing, failed batches included
        bool lastFailed = false;
        QString lastError; ///< of the last failed batch
    };
    const Totals &totals() const { return m_totals; }
    quint64 batchesCommitted() const { return m_totals.batches; }
    quint64 batchesFailed() const { return m_totals.failures; }

private:
    /** How much a batch held, for the log. */
    struct BatchSize {
        size_t sends = 0;
        size_t writes = 0; ///< sends, acks and reads
    };
    struct InFlight {
        quint64 batch = 0;
        std::future<CommitThread::Committed> result;
        std::vector<SendCallback> callbacks;
        BatchSize size;
        QElapsedTimer since;
    };
    /** Commit timings, logged every 10 s at debug level (linnet.server.relay.debug). */
    struct Stats {
        QElapsedTimer window;
        quint64 commits = 0, sends = 0, writes = 0;
        qint64 nanoseconds = 0, maxNanoseconds = 0;
    };

    /** Counts a write added to m_batch and schedules its commit. */
    void noteWrite();
    /** How long m_batch should still gather before it is committed. */
    qint64 gatherLeftMs() const;
    void schedule();
    void onTimer();
    void commitPending();
    /** Commits m_batch after the batch in flight, and waits for both. */
    void commitAll();
    void onCommitted();
    /** Hands out the results of the batch in flight (waiting for it); false if none. */
    bool takeInFlight();
    void finish(const protocol::Result<BatchResult> &result, std::vector<SendCallback> callbacks,
                BatchSize size, qint64 nanoseconds);
    /** Adds one commit to m_stats; logs them every 10 s at debug level. */
    void logTiming(BatchSize size, qint64 nanoseconds);

    Store &m_store;
    std::unique_ptr<CommitThread> m_thread;
    std::chrono::milliseconds m_gather;
    WriteBatch m_batch;
    size_t m_batchWrites = 0;  ///< sends, acks and reads in m_batch
    bool m_urgent = false;     ///< m_batch holds a group message: no gathering
    QElapsedTimer m_gathering; ///< since m_batch's first write
    quint64 m_batchNumber = 1; ///< of m_batch; each commit takes the next
    std::vector<SendCallback> m_sendCallbacks;
    std::optional<InFlight> m_inFlight;
    EntriesCallback m_onEntries;
    Stats m_stats;
    QTimer m_timer;           ///< commits m_batch once it has gathered long enough
    bool m_armPosted = false; ///< the event that arms m_timer is on its way
    Totals m_totals;
    /** As the last commit said (BatchResult::seqsFlushed); nothing is held at start. */
    bool m_seqsFlushed = true;
};

} // namespace linnet::server
