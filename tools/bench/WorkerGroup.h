// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LoadWorker.h"

#include <functional>
#include <vector>

class QThread;

namespace linnet::bench {

/**
 * The worker threads of one run: one event loop and one LoadWorker each, and
 * the counters they share. The coordinator (main thread) posts work to them.
 * On Linux each loop runs on the epoll dispatcher (as the server's does), since
 * Qt's own polls every connection on every turn: with 500 connections per loop
 * that was most of the load generator's CPU. @p qtDispatcher keeps Qt's.
 */
class WorkerGroup {
public:
    WorkerGroup(int threads, bool qtDispatcher);
    ~WorkerGroup();
    WorkerGroup(const WorkerGroup &) = delete;
    WorkerGroup &operator=(const WorkerGroup &) = delete;

    int size() const { return int(m_workers.size()); }
    LoadCounters &counters() { return m_counters; }

    /** Runs @p job on every worker's thread without waiting. */
    void post(const std::function<void(LoadWorker &, int index)> &job);
    /** Runs @p job on every worker's thread, one after the other, and waits for each. */
    void run(const std::function<void(LoadWorker &, int index)> &job);

    /** The latency histograms of all workers merged. */
    LatencyHistogram mergedHistogram();
    QStringList errorSamples();
    /** How many local addresses the workers' authenticated connections came from. */
    int localAddressCount();

private:
    LoadCounters m_counters;
    std::vector<QThread *> m_threads;
    std::vector<LoadWorker *> m_workers;
};

} // namespace linnet::bench
