// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaultProxy.h"

#include <QPointer>
#include <QQueue>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace linnet::chaos {

namespace {

/** Closes @p socket with a TCP reset instead of a FIN (SO_LINGER 0). */
void resetSocket(QTcpSocket *socket)
{
    if (socket->socketDescriptor() >= 0) {
        const linger hard{1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    socket->abort();
}

} // namespace

/** One proxied connection: two sockets and, per direction, the chunks on their way. */
class FaultProxy::Link : public QObject {
public:
    Link(FaultProxy &proxy, QTcpSocket *client) : m_proxy(proxy), m_client(client)
    {
        m_client->setParent(this);
        m_upstream = new QTcpSocket(this);
        m_toClient.from = m_upstream;
        m_toClient.to = m_client;
        m_toUpstream.from = m_client;
        m_toUpstream.to = m_upstream;
        for (Pipe *pipe : {&m_toClient, &m_toUpstream}) {
            pipe->timer.setSingleShot(true);
            connect(&pipe->timer, &QTimer::timeout, this, [this, pipe] { release(*pipe); });
            connect(pipe->from, &QTcpSocket::readyRead, this, [this, pipe] { take(*pipe); });
            connect(pipe->from, &QTcpSocket::disconnected, this, [this] { close(); });
        }
        connect(m_upstream, &QTcpSocket::connected, this, [this] { release(m_toUpstream); });
        connect(m_upstream, &QTcpSocket::errorOccurred, this, [this] {
            if (m_upstream->state() == QAbstractSocket::UnconnectedState)
                close();
        });
        m_upstream->connectToHost(QHostAddress::LocalHost, proxy.m_upstreamPort);
    }

    /** From now on nothing passes and nothing closes: only the other side can give up. */
    void kill() { m_dead = true; }
    bool isDead() const { return m_dead; }

    void reset()
    {
        if (m_closed)
            return;
        // Cut mid-chunk: half of what is on its way to each side gets there, then RST.
        for (Pipe *pipe : {&m_toClient, &m_toUpstream})
            if (!pipe->chunks.isEmpty() && pipe->to->state() == QAbstractSocket::ConnectedState) {
                const QByteArray &head = pipe->chunks.head().second;
                pipe->to->write(head.left(std::max<qsizetype>(1, head.size() / 2)));
                pipe->to->flush();
            }
        m_closed = true;
        resetSocket(m_client);
        resetSocket(m_upstream);
        m_proxy.remove(this);
    }

private:
    struct Pipe {
        QTcpSocket *from = nullptr;
        QTcpSocket *to = nullptr;
        QQueue<QPair<qint64, QByteArray>> chunks; ///< (due at, bytes), in order
        qint64 lastDue = 0;
        QTimer timer;
    };

    void take(Pipe &pipe)
    {
        const QByteArray data = pipe.from->readAll();
        if (m_dead || m_closed || data.isEmpty())
            return;
        const FaultProxyOptions &o = m_proxy.m_options;
        if (o.resetChance > 0 && m_proxy.m_random.generateDouble() < o.resetChance) {
            pipe.chunks.enqueue({0, data});
            ++m_proxy.m_resets;
            reset();
            return;
        }
        const qint64 now = m_proxy.m_clock.elapsed();
        qint64 due = now + o.delayMs;
        if (o.jitterMs > 0)
            due += m_proxy.m_random.bounded(2 * o.jitterMs + 1) - o.jitterMs;
        if (o.holdChance > 0 && m_proxy.m_random.generateDouble() < o.holdChance)
            due += o.holdMs;
        due = std::max(due, pipe.lastDue); // jitter never reorders a byte stream
        pipe.lastDue = due;
        pipe.chunks.enqueue({due, data});
        if (!pipe.timer.isActive())
            pipe.timer.start(int(std::max<qint64>(0, pipe.chunks.head().first - now)));
    }

    void release(Pipe &pipe)
    {
        if (m_dead || m_closed)
            return;
        if (pipe.to->state() != QAbstractSocket::ConnectedState)
            return; // the upstream connects: "connected" releases what waits
        const qint64 now = m_proxy.m_clock.elapsed();
        while (!pipe.chunks.isEmpty() && pipe.chunks.head().first <= now)
            pipe.to->write(pipe.chunks.dequeue().second);
        if (!pipe.chunks.isEmpty())
            pipe.timer.start(int(pipe.chunks.head().first - now));
    }

    void close()
    {
        if (m_closed || m_dead)
            return;
        // One side went away: the other gets what was on its way, then a FIN.
        m_closed = true;
        for (Pipe *pipe : {&m_toClient, &m_toUpstream}) {
            pipe->timer.stop();
            if (pipe->to->state() == QAbstractSocket::ConnectedState) {
                while (!pipe->chunks.isEmpty())
                    pipe->to->write(pipe->chunks.dequeue().second);
                pipe->to->disconnectFromHost();
            }
        }
        m_proxy.remove(this);
    }

    FaultProxy &m_proxy;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    Pipe m_toClient;
    Pipe m_toUpstream;
    bool m_dead = false;
    bool m_closed = false;
};

FaultProxy::FaultProxy(FaultProxyOptions options, quint32 seed, QObject *parent)
    : QObject(parent), m_options(options), m_random(seed)
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    qDeleteAll(m_links);
}

bool FaultProxy::listen(quint16 upstreamPort)
{
    m_upstreamPort = upstreamPort;
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *link = new Link(*this, client);
        m_links.append(link);
        ++m_linksMade;
        if (m_clock.elapsed() < m_holeUntil) {
            link->kill();
            ++m_blackHoled;
        }
    }
}

void FaultProxy::remove(Link *link)
{
    m_links.removeOne(link);
    link->deleteLater();
}

void FaultProxy::resetAll()
{
    const QList<Link *> links = m_links;
    for (Link *link : links)
        if (!link->isDead()) {
            ++m_resets;
            link->reset();
        }
}

void FaultProxy::blackHole(int ms)
{
    m_holeUntil = m_clock.elapsed() + ms;
    for (Link *link : std::as_const(m_links))
        if (!link->isDead()) {
            link->kill();
            ++m_blackHoled;
        }
}

} // namespace linnet::chaos
