// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>

class QSocketNotifier;

namespace linnet::server {

/**
 * A listening TCP socket that accepts on its own descriptor (Linux) and hands
 * each accepted, non-blocking descriptor to a handler.
 *
 * It exists for what QTcpServer does not do: when accept(2) fails because the
 * process or the system is out of descriptors (EMFILE, ENFILE) or the kernel out
 * of memory, QTcpServer (Qt 6.4) leaves the connection pending and the socket
 * readable, so a level-triggered loop calls accept again at once — a core spun
 * at 100 % until something closed. Here the listener stops watching its socket
 * and retries on a timer (kRetryMs): the pending connections wait in the
 * kernel's backlog and are taken as soon as descriptors are free.
 */
class TcpListener : public QObject {
    Q_OBJECT
public:
    /** Gets the accepted descriptor (owned from now on) and the peer's address. */
    using AcceptHandler = std::function<void(int fd, const QHostAddress &peer)>;

    explicit TcpListener(QObject *parent = nullptr);
    ~TcpListener() override;

    void setAcceptHandler(AcceptHandler handler) { m_handler = std::move(handler); }
    /** Binds and listens; returns the port actually bound, or why not (errno text). */
    protocol::Result<quint16> listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const { return m_fd >= 0; }
    /** Accepting is paused after a resource error, until the retry timer fires. */
    bool isPaused() const { return m_retry.isActive(); }

    /** How long accepting pauses after EMFILE/ENFILE/ENOBUFS/ENOMEM. */
    static constexpr int kRetryMs = 250;
    /** Connections accepted per readiness before others get their turn. */
    static constexpr int kMaxAcceptsPerPass = 64;
    /** The listen(2) backlog: where connections wait while accepting is paused. */
    static constexpr int kBacklog = 1024;

private:
    void acceptPending();
    void pause(int error);

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_retry;
    QElapsedTimer m_pausedFor;   ///< valid while a pause episode lasts (for the log)
    QElapsedTimer m_lastWarning; ///< the last "cannot accept" warning
    int m_pausesSinceWarning = 0;
    static constexpr qint64 kWarningIntervalMs = 60 * 1000;
    AcceptHandler m_handler;
};

} // namespace linnet::server
