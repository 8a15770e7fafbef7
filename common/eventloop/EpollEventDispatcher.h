// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <map>

namespace linnet::eventloop {

/**
 * An event dispatcher on Linux epoll for a thread with many sockets: the
 * server's main thread and the load generator's workers (install it with
 * QCoreApplication::setEventDispatcher or QThread::setEventDispatcher).
 *
 * Qt 6.4's dispatchers (glib's and Qt's own) hand every socket to poll() on
 * every turn of the loop and walk all of them afterwards, so with thousands of
 * connections each turn costs O(connections) even when one socket is ready: at
 * 1,000 clients and 1,000 msgs/s that was a third of the server's CPU. Here the
 * kernel keeps the interest set; a turn costs O(ready sockets + due timers).
 * Interest changes (Qt toggles a socket's write notifier around every write)
 * are only recorded, and handed to the kernel once per turn before waiting.
 *
 * Semantics follow QEventDispatcherUNIX: level-triggered notifiers, an error
 * or hang-up activates the read and write notifiers, timers fire with at least
 * their interval between shots, posted events are sent first in each turn.
 */
class EpollEventDispatcher final : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    /** False if the kernel refused epoll or eventfd; then use Qt's dispatcher. */
    bool isValid() const { return m_epoll >= 0 && m_wake >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    /** The notifiers of one descriptor and what the kernel was last told. */
    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 applied = 0; ///< epoll event mask the kernel has; 0 = not added
        bool dirty = false;
    };
    struct Timer {
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        std::multimap<qint64, int>::iterator due;
    };

    static quint32 wantedMask(const Watch &w);
    void applyInterest();
    int waitTimeoutMs(bool canWait) const;
    int activateSockets(int ready);
    int activateTimers();
    void drainWakeUp();

    int m_epoll = -1;
    int m_wake = -1; ///< eventfd: wakeUp() from another thread
    std::atomic<bool> m_wakePending{false};
    /** The thread running processEvents(); its own wakeUp()s need no eventfd. */
    std::atomic<Qt::HANDLE> m_loopThread{nullptr};
    bool m_selfWake = false; ///< wakeUp() from the loop's own thread since its turn began
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watch> m_watches;
    QList<int> m_dirty;
    QHash<int, Timer> m_timers;
    std::multimap<qint64, int> m_dueTimes; ///< steady-clock ms -> timer id
};

} // namespace linnet::eventloop
