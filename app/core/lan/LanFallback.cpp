// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanFallback.h"

#include "LanLog.h"

namespace linnet::client {

LanFallback::LanFallback(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    m_activation.setEnabled(m_options.enabled);
    m_clock.start();
}

LanFallback::~LanFallback()
{
    stop();
}

void LanFallback::setIdentity(const crypto::IdentityKeyPair &identity, const lan::LanDevice &self,
                              std::function<bool(qint64)> isMember)
{
    if (m_trust && m_trust->self == self)
        return; // the same device: its links and discovery stay
    auto trust = std::make_shared<LanTrust>();
    trust->identity = identity;
    trust->self = self;
    trust->knownDevice = [this](const QString &account, qint64 device) {
        return known(account, device);
    };
    trust->isMember = std::move(isMember);
    const bool wasActive = isActive();
    stop(); // links and discovery belong to the previous identity
    m_trust = std::move(trust);
    if (wasActive)
        update();
}

void LanFallback::setKnownDevices(const QList<lan::LanDevice> &devices)
{
    m_known = devices;
    if (m_discovery)
        m_discovery->setKnownDevices(devices);
}

std::optional<lan::LanDevice> LanFallback::known(const QString &account, qint64 device) const
{
    for (const lan::LanDevice &d : m_known) {
        if (d.account == account && d.device == device)
            return d;
    }
    return std::nullopt;
}

void LanFallback::setEnabled(bool enabled)
{
    m_activation.setEnabled(enabled);
    update();
}

void LanFallback::connectionUp()
{
    m_activation.connectionUp();
    update();
}

void LanFallback::connectionLost()
{
    m_activation.connectionLost();
    update();
}

void LanFallback::attemptFailed()
{
    m_activation.attemptFailed();
    update();
}

void LanFallback::update()
{
    const bool wanted = m_activation.active() && m_trust;
    if (wanted && !isActive())
        start();
    else if (!wanted && isActive())
        stop();
}

void LanFallback::start()
{
    m_server = new LanPeerServer(m_trust, m_options.handshakeTimeoutMs, this);
    connect(m_server, &LanPeerServer::linkUp, this, &LanFallback::adopt);
    m_discovery = new LanDiscovery(m_trust->identity, m_trust->self, m_options.discovery, this);
    m_discovery->setKnownDevices(m_known);
    connect(m_discovery, &LanDiscovery::peerHeard, this, &LanFallback::onPeerHeard);
    if (!m_server->listen() || !m_discovery->start(m_server->port())) {
        delete m_discovery;
        delete m_server;
        m_discovery = nullptr;
        m_server = nullptr;
        return;
    }
    qCInfo(lcLan) << "server unreachable: LAN fallback started";
    Q_EMIT activeChanged(true);
}

void LanFallback::stop()
{
    if (!isActive())
        return;
    // Deleted later, not now: stop() may run inside a signal of their links or sockets.
    m_discovery->stop();
    m_discovery->deleteLater();
    m_discovery = nullptr;
    const auto links = m_links;
    m_links.clear();
    m_firstHeard.clear();
    for (const auto &link : links) {
        if (link)
            link->close();
    }
    m_server->close();
    m_server->deleteLater();
    m_server = nullptr;
    qCInfo(lcLan) << "LAN fallback stopped";
    Q_EMIT activeChanged(false);
}

QList<lan::LanDevice> LanFallback::linkedDevices() const
{
    QList<lan::LanDevice> out;
    for (const auto &link : m_links) {
        if (link && link->isUp())
            out.append(link->peer());
    }
    return out;
}

bool LanFallback::send(const QString &account, qint64 device, const lan::LanFrame &frame)
{
    const auto link = m_links.value(qMakePair(account, device));
    return link && link->send(frame);
}

bool LanFallback::dialledByLower(const LanLink &link) const
{
    const QByteArray &mine = m_trust->self.identity;
    const QByteArray &theirs = link.peer().identity;
    return link.role() == LanLink::Role::Dialer ? mine < theirs : theirs < mine;
}

void LanFallback::onPeerHeard(const lan::LanDevice &device, const QHostAddress &address,
                              quint16 port)
{
    const Key key = qMakePair(device.account, device.device);
    if (m_links.value(key))
        return; // up, or being dialled
    const qint64 now = m_clock.elapsed();
    const qint64 first = *m_firstHeard.insert(key, m_firstHeard.value(key, now));
    // The lower key dials; the higher one too if no link came up in a while (§12.3).
    if (!(m_trust->self.identity < device.identity) && now - first < m_options.dialDelayMs)
        return;
    auto *link = new LanLink(LanLink::urlFor(address, port), device, m_trust,
                             m_options.handshakeTimeoutMs, this);
    m_links.insert(key, link);
    connect(link, &LanLink::up, this, [this, link] { adopt(link); });
    connect(link, &LanLink::closed, this, [this, link, key] {
        if (m_links.value(key) == link)
            m_links.remove(key);
        link->deleteLater();
    });
}

void LanFallback::adopt(LanLink *link)
{
    const lan::LanDevice peer = link->peer();
    const Key key = qMakePair(peer.account, peer.device);
    const QPointer<LanLink> existing = m_links.value(key);
    if (existing && existing != link && existing->isUp()) {
        // Two links to one device: both sides keep the one the lower key dialled.
        if (dialledByLower(*existing)) {
            link->close();
            return;
        }
        existing->close();
    }
    m_links.insert(key, link);
    connect(link, &LanLink::frameReceived, this,
            [this, peer](const lan::LanFrame &frame) { Q_EMIT frameReceived(peer, frame); });
    connect(link, &LanLink::closed, this, [this, link, key, peer] {
        if (m_links.value(key) == link)
            m_links.remove(key);
        Q_EMIT linkDown(peer);
    });
    Q_EMIT linkUp(peer);
}

} // namespace linnet::client
