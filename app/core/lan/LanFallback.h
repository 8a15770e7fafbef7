// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LanActivation.h"
#include "LanDiscovery.h"
#include "LanLink.h"
#include "LanPeerServer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace linnet::client {

/**
 * LAN fallback as a whole (docs/protocol.md 12): runs discovery and the peer-link
 * listener while LanActivation says the server is unreachable, dials the known devices it
 * hears (only the side with the lower identity key at once, §12.3), keeps one
 * authenticated link per peer device and hands their frames to the engine. It knows
 * nothing of messages: ChatClient decides what goes over a link.
 */
class LanFallback : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool enabled = true;
        LanDiscovery::Options discovery;
        int handshakeTimeoutMs = 5000;
        /** The side with the higher identity key dials after hearing the other this long. */
        int dialDelayMs = 3000;

        /** The defaults, turned off. */
        static Options off()
        {
            Options o;
            o.enabled = false;
            return o;
        }
    };

    explicit LanFallback(Options options, QObject *parent = nullptr);
    ~LanFallback() override;

    /** Who this device is (once the account and its keys are loaded). */
    void setIdentity(const crypto::IdentityKeyPair &identity, const lan::LanDevice &self,
                     std::function<bool(qint64)> isMember);
    /** The devices that may be heard and linked (every device of the key store). */
    void setKnownDevices(const QList<lan::LanDevice> &devices);

    void setEnabled(bool enabled);
    /** The engine's connection events (LanActivation). */
    void connectionUp();
    void connectionLost();
    void attemptFailed();
    bool isActive() const { return m_discovery != nullptr; }

    /** The peers with an authenticated link now. */
    QList<lan::LanDevice> linkedDevices() const;
    /** Sends @p frame to @p account's @p device over its link; false if none is up. */
    bool send(const QString &account, qint64 device, const lan::LanFrame &frame);

Q_SIGNALS:
    void activeChanged(bool active);
    void linkUp(const linnet::lan::LanDevice &peer);
    void linkDown(const linnet::lan::LanDevice &peer);
    void frameReceived(const linnet::lan::LanDevice &from, const linnet::lan::LanFrame &frame);

private:
    using Key = QPair<QString, qint64>;
    void update();
    void start();
    void stop();
    void onPeerHeard(const lan::LanDevice &device, const QHostAddress &address, quint16 port);
    void adopt(LanLink *link);
    /** Of two links to one device, keep the one the lower identity key dialled. */
    bool dialledByLower(const LanLink &link) const;
    std::optional<lan::LanDevice> known(const QString &account, qint64 device) const;

    Options m_options;
    LanActivation m_activation;
    std::shared_ptr<LanTrust> m_trust;
    QList<lan::LanDevice> m_known;
    // Children of this object; stop() hands them to deleteLater, since it may run inside
    // a signal of one of their links or sockets.
    LanPeerServer *m_server = nullptr;
    LanDiscovery *m_discovery = nullptr;
    QHash<Key, QPointer<LanLink>> m_links; ///< up, or being dialled by this device
    QHash<Key, qint64> m_firstHeard;       ///< ms (monotonic) a device was first heard
    QElapsedTimer m_clock;
};

} // namespace linnet::client
