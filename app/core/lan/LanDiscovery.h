// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Keys.h"
#include "lan/AnnouncementVerifier.h"
#include "lan/SourceRateLimit.h"

#include <QHash>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QUdpSocket>

#include <functional>
#include <memory>
#include <vector>

namespace linnet::client {

/**
 * Finds known devices on the local network while the server is unreachable
 * (docs/protocol.md 12.1, 12.2): announces this device's peer-link port by IPv4 and IPv6
 * multicast and IPv4 broadcast at a jittered interval, and reports every announcement
 * that AnnouncementVerifier takes. Refused announcements are logged and reported, never
 * acted on. Between start() and stop() only: otherwise no socket is open. Whoever owns it
 * decides when (LanActivation) and keeps the list of known devices current.
 */
class LanDiscovery : public QObject {
    Q_OBJECT
public:
    struct Options {
        quint16 port = lan::kDefaultLanPort; ///< UDP port of announcements
        int intervalMs = 2000;               ///< mean time between announcements
        /** Names of the interfaces to use; empty: every one that is up and can multicast. */
        QStringList interfaces;
        bool multicast = true; ///< IPv4 and IPv6 multicast paths
        bool ipv4 = true;      ///< the IPv4 multicast path
        bool ipv6 = true;      ///< the IPv6 multicast path
        bool broadcast = true; ///< the IPv4 broadcast path
        /** Broadcast addresses beyond the interfaces' own (loopback has none: 127.255.255.255). */
        QList<QHostAddress> extraBroadcastAddresses;
        int answerGapMs = 500; ///< least time between two announcements made as answers
        lan::AnnouncementVerifier::Options freshness;
        /** Datagrams looked at per source address (protocol.md 12.2, "Rate"). */
        lan::SourceRateLimit::Options rate{50.0, 100.0, 1024};
    };

    /** The multicast groups of protocol.md 12.1. */
    static QHostAddress ipv4Group();
    static QHostAddress ipv6Group();

    /** The time until the next announcement: uniformly in [0.5, 1.5] x @p intervalMs. */
    static int jitteredDelayMs(int intervalMs, QRandomGenerator &random);

    LanDiscovery(crypto::IdentityKeyPair identity, lan::LanDevice self, Options options,
                 QObject *parent = nullptr);
    ~LanDiscovery() override;

    /** The devices whose announcements are taken (this device is left out). */
    void setKnownDevices(QList<lan::LanDevice> devices);
    /** Opens the sockets and announces @p listenerPort at once, then at the interval. */
    bool start(quint16 listenerPort);
    /** Closes every socket: nothing is sent or received until start(). */
    void stop();
    bool isActive() const { return m_active; }
    /** Makes an announcement now (also called as an answer to a new device). */
    void announce();

    /** For tests: the clock announcements are stamped and checked with. */
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    /** A known device announced that it listens at @p address : @p port. */
    void peerHeard(const linnet::lan::LanDevice &device, const QHostAddress &address, quint16 port);
    /** An announcement was refused (already logged). */
    void announcementRejected(linnet::lan::AnnouncementError error, const QString &reason,
                              const QHostAddress &from);

private:
    QList<QNetworkInterface> interfaces();
    /** Takes the interfaces as they are now and joins the groups on new ones. */
    void refreshInterfaces();
    std::unique_ptr<QUdpSocket> openSocket(const QHostAddress &any);
    void readFrom(QUdpSocket &socket);
    void send(QUdpSocket &socket, const QByteArray &datagram, const QHostAddress &to,
              const QString &path);
    void onDatagram(const QByteArray &bytes, const QHostAddress &from);
    void scheduleNext();
    qint64 now() const { return m_clock(); }

    crypto::IdentityKeyPair m_identity;
    lan::LanDevice m_self;
    Options m_options;
    lan::AnnouncementVerifier m_verifier;
    lan::SourceRateLimit m_rateLimit;
    std::unique_ptr<QUdpSocket> m_v4;
    std::unique_ptr<QUdpSocket> m_v6;
    QList<QNetworkInterface> m_interfaces;
    QSet<QString> m_joined;      ///< interfaces whose groups the sockets joined
    QSet<QString> m_failedPaths; ///< paths (and interfaces) whose failure was logged, once each
    QTimer m_timer;
    QRandomGenerator m_random;
    std::function<qint64()> m_clock;
    QHash<QPair<QString, qint64>, qint64> m_lastHeard; ///< local ms a device was last heard
    qint64 m_lastAnswer = 0;
    qint64 m_lastStamp = 0; ///< announcements carry strictly increasing timestamps
    quint16 m_listenerPort = 0;
    bool m_active = false;
};

} // namespace linnet::client
