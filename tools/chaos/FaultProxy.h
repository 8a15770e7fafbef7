// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTcpServer>

#include <memory>

namespace linnet::chaos {

/** How bad the network between the clients and the server is, all the time. */
struct FaultProxyOptions {
    int delayMs = 200;        ///< every chunk waits this long...
    int jitterMs = 100;       ///< ... give or take up to this much (order is kept)
    double holdChance = 0.02; ///< a chunk (and what follows it) is held back...
    int holdMs = 1500;        ///< ... this much longer
    double resetChance = 0.0; ///< a chunk is cut in half and the link reset (RST)
};

/**
 * A fault-injecting TCP proxy on a loopback port in front of the server (the kernel
 * here has no netem): each connection to it is a link to the upstream port, whose
 * chunks are delayed with jitter and now and then held back, and which faults on
 * request: resetAll() cuts every link in the middle of a chunk with a TCP reset;
 * blackHole() makes every link, and every link made during the hole, silently dead:
 * nothing passes either way and no FIN or reset comes, as when a NAT forgets a
 * connection or a route goes away. Only heartbeats can tell.
 */
class FaultProxy : public QObject {
    Q_OBJECT

public:
    FaultProxy(FaultProxyOptions options, quint32 seed, QObject *parent = nullptr);
    ~FaultProxy() override;

    /** Listens on a free loopback port, forwarding to @p upstreamPort; false on failure. */
    bool listen(quint16 upstreamPort);
    quint16 port() const { return m_server.serverPort(); }
    void setOptions(const FaultProxyOptions &options) { m_options = options; }

    /** Every open link is cut mid-chunk with a reset (RST) on both sides. */
    void resetAll();
    /** Every open link, and every new one for @p ms, goes silently dead for good. */
    void blackHole(int ms);

    int links() const { return m_linksMade; }
    int resets() const { return m_resets; }
    int blackHoled() const { return m_blackHoled; }

private:
    class Link;
    void onNewConnection();
    void remove(Link *link);

    FaultProxyOptions m_options;
    QRandomGenerator m_random;
    QTcpServer m_server;
    quint16 m_upstreamPort = 0;
    QList<Link *> m_links;
    QElapsedTimer m_clock;
    qint64 m_holeUntil = -1;
    int m_linksMade = 0;
    int m_resets = 0;
    int m_blackHoled = 0;
};

} // namespace linnet::chaos
