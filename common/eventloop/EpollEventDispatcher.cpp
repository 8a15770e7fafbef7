// SPDX-License-Identifier: GPL-3.0-or-later
#include "EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QThread>

#include <cerrno>
#include <cstring>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace linnet::eventloop {

Q_LOGGING_CATEGORY(lcEventLoop, "linnet.eventloop", QtInfoMsg)

namespace {
/** Ready descriptors taken from the kernel per turn (the rest come next turn). */
constexpr int kMaxEvents = 512;

qint64 nowMs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}
} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent), m_epoll(epoll_create1(EPOLL_CLOEXEC)),
      m_wake(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wake < 0) {
        qCWarning(lcEventLoop) << "epoll is not available:" << strerror(errno);
        return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wake;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev) != 0) {
        qCWarning(lcEventLoop) << "cannot watch the wake-up eventfd:" << strerror(errno);
        ::close(m_wake);
        m_wake = -1;
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wake >= 0)
        ::close(m_wake);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

quint32 EpollEventDispatcher::wantedMask(const Watch &w)
{
    quint32 mask = 0;
    if (w.read)
        mask |= EPOLLIN;
    if (w.write)
        mask |= EPOLLOUT;
    if (w.exception)
        mask |= EPOLLPRI;
    return mask;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Watch &w = m_watches[int(notifier->socket())];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        w.read = notifier;
        break;
    case QSocketNotifier::Write:
        w.write = notifier;
        break;
    case QSocketNotifier::Exception:
        w.exception = notifier;
        break;
    }
    if (!w.dirty) {
        w.dirty = true;
        m_dirty.append(int(notifier->socket()));
    }
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const auto it = m_watches.find(int(notifier->socket()));
    if (it == m_watches.end())
        return;
    Watch &w = it.value();
    if (w.read == notifier)
        w.read = nullptr;
    else if (w.write == notifier)
        w.write = nullptr;
    else if (w.exception == notifier)
        w.exception = nullptr;
    else
        return;
    if (!wantedMask(w)) {
        // Dropped from the kernel now, while the descriptor is still open: Qt closes
        // it next, and a new socket may get the same number in this very turn.
        if (w.applied) {
            epoll_event ev{};
            if (epoll_ctl(m_epoll, EPOLL_CTL_DEL, it.key(), &ev) != 0 && errno != EBADF &&
                errno != ENOENT)
                qCWarning(lcEventLoop)
                    << "epoll: cannot drop descriptor" << it.key() << strerror(errno);
        }
        m_watches.erase(it);
        return;
    }
    if (!w.dirty) {
        w.dirty = true;
        m_dirty.append(it.key());
    }
}

void EpollEventDispatcher::applyInterest()
{
    for (int fd : std::as_const(m_dirty)) {
        const auto it = m_watches.find(fd);
        if (it == m_watches.end())
            continue;
        Watch &w = it.value();
        w.dirty = false;
        // Never 0: unregisterSocketNotifier() drops a descriptor's last notifier at once.
        const quint32 wanted = wantedMask(w);
        if (wanted == w.applied)
            continue;
        epoll_event ev{};
        ev.events = wanted;
        ev.data.fd = fd;
        int rc = epoll_ctl(m_epoll, w.applied ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev);
        if (rc != 0 && errno == ENOENT) // closed and reused since we added it
            rc = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
        else if (rc != 0 && errno == EEXIST)
            rc = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
        if (rc != 0) {
            qCWarning(lcEventLoop) << "epoll: cannot watch descriptor" << fd << strerror(errno);
            w.applied = 0;
            continue;
        }
        w.applied = wanted;
    }
    m_dirty.clear();
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    Timer t;
    t.intervalMs = std::max<qint64>(0, interval);
    t.type = timerType;
    t.object = object;
    t.due = m_dueTimes.emplace(nowMs() + t.intervalMs, timerId);
    m_timers.insert(timerId, t);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_dueTimes.erase(it->due);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            m_dueTimes.erase(it->due);
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> out;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it)
        if (it->object == object)
            out.append(TimerInfo(it.key(), int(it->intervalMs), it->type));
    return out;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    return int(std::max<qint64>(0, it->due->first - nowMs()));
}

void EpollEventDispatcher::wakeUp()
{
    // From the loop's own thread (an event posted by a handler, a quit()) the loop
    // is not blocked and will come back to processEvents(): a flag that keeps the
    // next epoll_wait from blocking is enough. Every event posted to a connection's
    // flush cost an eventfd write, an extra turn and its reads before.
    if (QThread::currentThreadId() == m_loopThread.load(std::memory_order_relaxed)) {
        m_selfWake = true;
        return;
    }
    // One write is enough until the loop has read it.
    if (m_wakePending.exchange(true))
        return;
    const quint64 one = 1;
    if (::write(m_wake, &one, sizeof one) < 0 && errno != EAGAIN)
        qCWarning(lcEventLoop) << "epoll: cannot wake the loop:" << strerror(errno);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

void EpollEventDispatcher::drainWakeUp()
{
    // Read first, then clear: a wakeUp() in between finds the flag still set and
    // skips its write, which is fine because every turn starts by sending the
    // posted events. The other order could leave the flag set with nothing to read,
    // and the loop would never block again.
    // One read takes the whole counter; a write after it leaves the descriptor
    // readable for the next turn.
    quint64 count = 0;
    if (::read(m_wake, &count, sizeof count) < 0 && errno != EAGAIN)
        qCWarning(lcEventLoop) << "epoll: cannot read the wake-up eventfd:" << strerror(errno);
    m_wakePending.store(false);
}

int EpollEventDispatcher::waitTimeoutMs(bool canWait) const
{
    if (!canWait)
        return 0;
    if (m_dueTimes.empty())
        return -1;
    const qint64 left = m_dueTimes.begin()->first - nowMs();
    return int(std::clamp<qint64>(left, 0, std::numeric_limits<int>::max()));
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_loopThread.store(QThread::currentThreadId(), std::memory_order_relaxed);
    m_interrupted.store(false);
    m_selfWake = false; // what was posted before this point is sent now
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.load())
        return false;

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait =
        (flags & QEventLoop::WaitForMoreEvents) && !m_wakePending.load() && !m_selfWake;
    if (canWait)
        Q_EMIT aboutToBlock();

    applyInterest();
    epoll_event events[kMaxEvents];
    const int timeout = includeTimers ? waitTimeoutMs(canWait) : (canWait ? -1 : 0);
    int ready = epoll_wait(m_epoll, events, kMaxEvents, timeout);
    if (ready < 0) {
        if (errno != EINTR)
            qCWarning(lcEventLoop) << "epoll_wait failed:" << strerror(errno);
        ready = 0;
    }

    int handled = 0;
    // Socket activations are looked up at dispatch time: an earlier one in this
    // turn may have deleted or disabled a later one's notifier.
    QList<QPair<int, quint32>> activations;
    activations.reserve(ready);
    for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd; // copied out: epoll_event is packed
        const quint32 got = events[i].events;
        if (fd == m_wake) {
            drainWakeUp();
            ++handled;
        } else {
            activations.append({fd, got});
        }
    }
    if (includeNotifiers) {
        for (const auto &[fd, got] : std::as_const(activations)) {
            const auto send = [this, fd = fd](QSocketNotifier *Watch::*which) {
                const auto it = m_watches.constFind(fd);
                if (it == m_watches.cend() || !(it.value().*which))
                    return 0;
                QEvent event(QEvent::SockAct);
                QCoreApplication::sendEvent(it.value().*which, &event);
                return 1;
            };
            const bool failed = got & (EPOLLERR | EPOLLHUP);
            if (got & EPOLLPRI)
                handled += send(&Watch::exception);
            if (got & (EPOLLIN | EPOLLRDHUP) || failed)
                handled += send(&Watch::read);
            if (got & EPOLLOUT || failed)
                handled += send(&Watch::write);
        }
    }
    if (includeTimers)
        handled += activateTimers();
    return handled > 0;
}

int EpollEventDispatcher::activateTimers()
{
    const qint64 now = nowMs();
    QList<int> due;
    for (auto it = m_dueTimes.cbegin(); it != m_dueTimes.cend() && it->first <= now; ++it)
        due.append(it->second);
    int fired = 0;
    for (int id : std::as_const(due)) {
        const auto it = m_timers.find(id);
        if (it == m_timers.end())
            continue; // killed by an earlier timer of this turn
        // Rescheduled before the event: the handler may kill or restart it.
        m_dueTimes.erase(it->due);
        it->due = m_dueTimes.emplace(now + std::max<qint64>(it->intervalMs, 1), id);
        QTimerEvent event(id);
        QCoreApplication::sendEvent(it->object, &event);
        ++fired;
    }
    return fired;
}

} // namespace linnet::eventloop
