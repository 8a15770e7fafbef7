// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkerGroup.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include "eventloop/EpollEventDispatcher.h"
#endif

namespace linnet::bench {

namespace {
/** Gives @p thread the epoll dispatcher; must run before the thread starts. */
void useEpoll(QThread *thread)
{
#ifdef Q_OS_LINUX
    auto *dispatcher = new eventloop::EpollEventDispatcher;
    if (dispatcher->isValid())
        thread->setEventDispatcher(dispatcher); // the thread owns it now
    else
        delete dispatcher;
#else
    Q_UNUSED(thread);
#endif
}
} // namespace

WorkerGroup::WorkerGroup(int threads, bool qtDispatcher)
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("bench-worker-%1").arg(i));
        if (!qtDispatcher)
            useEpoll(thread);
        auto *worker = new LoadWorker(i, m_counters);
        worker->moveToThread(thread);
        // The worker and its sockets are destroyed on their own thread.
        QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
}

WorkerGroup::~WorkerGroup()
{
    for (QThread *t : m_threads)
        t->quit();
    for (QThread *t : m_threads) {
        t->wait();
        delete t;
    }
}

void WorkerGroup::post(const std::function<void(LoadWorker &, int)> &job)
{
    for (size_t i = 0; i < m_workers.size(); ++i) {
        LoadWorker *w = m_workers[i];
        QMetaObject::invokeMethod(
            w, [w, job, i] { job(*w, int(i)); }, Qt::QueuedConnection);
    }
}

void WorkerGroup::run(const std::function<void(LoadWorker &, int)> &job)
{
    for (size_t i = 0; i < m_workers.size(); ++i) {
        LoadWorker *w = m_workers[i];
        QMetaObject::invokeMethod(
            w, [w, &job, i] { job(*w, int(i)); }, Qt::BlockingQueuedConnection);
    }
}

LatencyHistogram WorkerGroup::mergedHistogram()
{
    LatencyHistogram merged;
    run([&merged](LoadWorker &w, int) { merged.merge(w.histogram()); });
    return merged;
}

QStringList WorkerGroup::errorSamples()
{
    QStringList all;
    run([&all](LoadWorker &w, int) { all += w.errorSamples(); });
    return all;
}

int WorkerGroup::localAddressCount()
{
    QSet<QString> all;
    run([&all](LoadWorker &w, int) { all.unite(w.localAddresses()); });
    return int(all.size());
}

} // namespace linnet::bench
