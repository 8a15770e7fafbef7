// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanDiscovery.h"

#include "Clock.h"
#include "LanLog.h"

#include <QNetworkDatagram>

namespace linnet::client {

using lan::AnnouncementError;

namespace {

/** Refusals that are expected in normal operation are not warnings. */
void logRejected(AnnouncementError error, const QString &reason, const QHostAddress &from)
{
    const QString what = lan::announcementErrorName(error);
    switch (error) {
    case AnnouncementError::Own:
    case AnnouncementError::Duplicate:
        qCDebug(lcLan).noquote() << "ignored announcement from" << from.toString() << "-" << what;
        return;
    case AnnouncementError::UnknownDevice:
        qCInfo(lcLan).noquote() << "ignored announcement from" << from.toString() << "-" << what;
        return;
    default:
        qCWarning(lcLan).noquote()
            << "refused announcement from" << from.toString() << "-" << what << ":" << reason;
    }
}

} // namespace

QHostAddress LanDiscovery::ipv4Group()
{
    return QHostAddress(QStringLiteral("239.255.76.78"));
}

QHostAddress LanDiscovery::ipv6Group()
{
    return QHostAddress(QStringLiteral("ff02::4c4e"));
}

int LanDiscovery::jitteredDelayMs(int intervalMs, QRandomGenerator &random)
{
    return int(double(intervalMs) * (0.5 + random.generateDouble()));
}

LanDiscovery::LanDiscovery(crypto::IdentityKeyPair identity, lan::LanDevice self, Options options,
                           QObject *parent)
    : QObject(parent), m_identity(std::move(identity)), m_self(std::move(self)),
      m_options(std::move(options)), m_verifier(m_self, m_options.freshness),
      m_rateLimit(m_options.rate), m_random(QRandomGenerator::securelySeeded()), m_clock(&nowMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        announce();
        scheduleNext();
    });
}

LanDiscovery::~LanDiscovery() = default;

void LanDiscovery::setKnownDevices(QList<lan::LanDevice> devices)
{
    m_verifier.setKnownDevices(std::move(devices));
}

QList<QNetworkInterface> LanDiscovery::interfaces()
{
    QList<QNetworkInterface> out;
    if (!m_options.interfaces.isEmpty()) {
        for (const QString &name : m_options.interfaces) {
            const QNetworkInterface iface = QNetworkInterface::interfaceFromName(name);
            if (iface.isValid())
                out.append(iface);
            else if (!m_failedPaths.contains(name)) { // once, not every interval
                m_failedPaths.insert(name);
                qCWarning(lcLan) << "no network interface" << name;
            }
        }
        return out;
    }
    const auto wanted =
        QNetworkInterface::IsUp | QNetworkInterface::IsRunning | QNetworkInterface::CanMulticast;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if ((iface.flags() & wanted) == wanted && !(iface.flags() & QNetworkInterface::IsLoopBack))
            out.append(iface);
    }
    return out;
}

std::unique_ptr<QUdpSocket> LanDiscovery::openSocket(const QHostAddress &any)
{
    auto socket = std::make_unique<QUdpSocket>();
    // Shared: several Linnet instances on one computer all listen on the one port.
    if (!socket->bind(any, m_options.port,
                      QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
        qCWarning(lcLan).noquote()
            << "cannot listen for announcements on"
            << any.toString() + QLatin1Char(':') + QString::number(m_options.port) << ":"
            << socket->errorString();
        return nullptr;
    }
    socket->setSocketOption(QAbstractSocket::MulticastTtlOption, 1);
    socket->setSocketOption(QAbstractSocket::MulticastLoopbackOption, 1);
    QUdpSocket *raw = socket.get();
    connect(raw, &QUdpSocket::readyRead, this, [this, raw] { readFrom(*raw); });
    return socket;
}

void LanDiscovery::refreshInterfaces()
{
    m_interfaces = interfaces();
    for (const QNetworkInterface &iface : std::as_const(m_interfaces)) {
        if (m_joined.contains(iface.name()))
            continue;
        m_joined.insert(iface.name());
        const QList<QPair<QUdpSocket *, QHostAddress>> groups{
            {m_options.ipv4 ? m_v4.get() : nullptr, ipv4Group()},
            {m_options.ipv6 ? m_v6.get() : nullptr, ipv6Group()}};
        for (const auto &[socket, group] : groups) {
            if (socket && m_options.multicast && !socket->joinMulticastGroup(group, iface))
                qCWarning(lcLan).noquote() << "cannot join" << group.toString() << "on"
                                           << iface.name() << ":" << socket->errorString();
        }
    }
}

bool LanDiscovery::start(quint16 listenerPort)
{
    stop();
    m_listenerPort = listenerPort;
    m_joined.clear();
    m_failedPaths.clear();
    if ((m_options.multicast && m_options.ipv4) || m_options.broadcast)
        m_v4 = openSocket(QHostAddress(QHostAddress::AnyIPv4));
    if (m_options.multicast && m_options.ipv6)
        m_v6 = openSocket(QHostAddress(QHostAddress::AnyIPv6));
    if (!m_v4 && !m_v6) {
        qCWarning(lcLan) << "LAN discovery cannot start: no socket could be opened";
        return false;
    }
    refreshInterfaces();
    m_active = true;
    qCInfo(lcLan).noquote() << "LAN discovery on UDP port" << m_options.port << "over"
                            << m_interfaces.size() << "interface(s); peer link on port"
                            << listenerPort;
    announce();
    scheduleNext();
    return true;
}

void LanDiscovery::stop()
{
    if (m_active)
        qCInfo(lcLan) << "LAN discovery stopped";
    m_active = false;
    m_timer.stop();
    // Later, not now: stop() may run inside a slot of the socket's own readyRead.
    if (m_v4)
        m_v4.release()->deleteLater();
    if (m_v6)
        m_v6.release()->deleteLater();
    m_lastHeard.clear();
}

void LanDiscovery::scheduleNext()
{
    if (m_active)
        m_timer.start(jitteredDelayMs(m_options.intervalMs, m_random));
}

void LanDiscovery::send(QUdpSocket &socket, const QByteArray &datagram, const QHostAddress &to,
                        const QString &path)
{
    if (socket.writeDatagram(datagram, to, m_options.port) == datagram.size())
        return;
    if (!m_failedPaths.contains(path)) { // once per path and start, not every interval
        m_failedPaths.insert(path);
        qCWarning(lcLan).noquote() << "cannot announce on" << path << ":" << socket.errorString();
    }
}

void LanDiscovery::announce()
{
    if (!m_active)
        return;
    // Strictly increasing, so a receiver never takes a new one for a replay.
    const qint64 stamp = std::max(now(), m_lastStamp + 1);
    m_lastStamp = stamp;
    const QByteArray datagram = lan::makeAnnouncement(m_identity, m_self, stamp, m_listenerPort);
    refreshInterfaces(); // a network that came up since (Wi-Fi joined) is used from now on
    for (const QNetworkInterface &iface : std::as_const(m_interfaces)) {
        if (m_v4 && m_options.multicast && m_options.ipv4) {
            m_v4->setMulticastInterface(iface);
            send(*m_v4, datagram, ipv4Group(), QStringLiteral("IPv4 multicast on ") + iface.name());
        }
        if (m_v6 && m_options.multicast) {
            QHostAddress group = ipv6Group();
            group.setScopeId(iface.name());
            send(*m_v6, datagram, group, QStringLiteral("IPv6 multicast on ") + iface.name());
        }
        if (m_v4 && m_options.broadcast) {
            for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
                if (!entry.broadcast().isNull())
                    send(*m_v4, datagram, entry.broadcast(),
                         QStringLiteral("broadcast to ") + entry.broadcast().toString());
            }
        }
    }
    if (m_v4 && m_options.broadcast) {
        for (const QHostAddress &to : std::as_const(m_options.extraBroadcastAddresses))
            send(*m_v4, datagram, to, QStringLiteral("broadcast to ") + to.toString());
    }
}

void LanDiscovery::readFrom(QUdpSocket &socket)
{
    while (socket.hasPendingDatagrams()) {
        // One byte more than allowed, so that an oversized datagram is seen as such.
        const QNetworkDatagram d = socket.receiveDatagram(lan::kMaxAnnouncementBytes + 1);
        if (!d.isValid())
            continue;
        onDatagram(d.data(), d.senderAddress());
        if (!m_active)
            return; // a slot stopped discovery: this socket is gone
    }
}

void LanDiscovery::onDatagram(const QByteArray &bytes, const QHostAddress &from)
{
    const qint64 at = now();
    const QString source = from.toString();
    if (!m_rateLimit.allow(source, at)) {
        // Dropped undecoded; logged once a second per source, not once a datagram.
        if (m_rateLimit.shouldLogDrop(source, at))
            qCWarning(lcLan).noquote() << "too many datagrams from" << source
                                       << ": dropping its datagrams over the rate limit";
        Q_EMIT announcementRejected(AnnouncementError::RateLimited,
                                    QStringLiteral("over the rate limit"), from);
        return;
    }
    auto heard = m_verifier.verify(bytes, at);
    if (!heard) {
        logRejected(heard.error().error, heard.error().reason, from);
        Q_EMIT announcementRejected(heard.error().error, heard.error().reason, from);
        return;
    }
    const auto &h = heard.value();
    const auto key = qMakePair(h.device.account, h.device.device);
    const auto last = m_lastHeard.constFind(key);
    const bool fresh = last == m_lastHeard.cend() || at - *last > 3 * m_options.intervalMs;
    m_lastHeard.insert(key, at);
    if (fresh)
        qCInfo(lcLan).noquote() << "heard" << h.device.account << "device" << h.device.device
                                << "at" << from.toString() << "port" << h.port;
    Q_EMIT peerHeard(h.device, from, h.port);
    // A device heard for the first time hears us at once too, not an interval later.
    if (fresh && m_active && at - m_lastAnswer >= m_options.answerGapMs) {
        m_lastAnswer = at;
        announce();
    }
}

} // namespace linnet::client
