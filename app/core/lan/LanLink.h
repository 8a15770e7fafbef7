// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Keys.h"
#include "lan/LanFrames.h"
#include "lan/LanHandshake.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <optional>

namespace linnet::client {

/** Who this device is on the LAN and whom it trusts; shared by all its peer links. */
struct LanTrust {
    crypto::IdentityKeyPair identity;
    lan::LanDevice self;
    /** The known device (account, device id), with its identity key; nullopt: a stranger. */
    std::function<std::optional<lan::LanDevice>(const QString &account, qint64 device)> knownDevice;
    /** Whether this account is a member of group @p group. */
    std::function<bool(qint64 group)> isMember;
};

/**
 * One peer link (docs/protocol.md 12.4, 12.5): a WebSocket to another device of a known
 * account, authenticated both ways by the handshake (lan_hello, then lan_auth signed by
 * the identity keys), every later frame sealed. A peer that fails the challenge, is not a
 * known device, is not the device dialled, sends a frame that does not open or decode, or
 * a frame for another account or device is refused: logged under linnet.lan, the link
 * closed (1008), nothing passed on. Emits closed() once, whatever ends it.
 */
class LanLink : public QObject {
    Q_OBJECT
public:
    using Role = lan::LanHandshake::Role;

    /** The listener's side of a WebSocket a LanPeerServer accepted (it takes @p socket). */
    LanLink(QWebSocket *socket, std::shared_ptr<const LanTrust> trust, int handshakeTimeoutMs,
            QObject *parent = nullptr);
    /** The dialer's side: connects to @p url, expecting the device @p peer to answer. */
    LanLink(const QUrl &url, const lan::LanDevice &peer, std::shared_ptr<const LanTrust> trust,
            int handshakeTimeoutMs, QObject *parent = nullptr);
    ~LanLink() override;

    /** ws://ADDRESS:PORT/v1/lan, an IPv6 link-local address with its scope. */
    static QUrl urlFor(const QHostAddress &address, quint16 port);

    Role role() const { return m_handshake.role(); }
    bool isUp() const { return m_state == State::Up; }
    /** The authenticated peer (the expected one while a dial is under way). */
    const lan::LanDevice &peer() const { return m_peer; }
    /** Sends a frame, sealed; false (nothing sent) unless the link is up. */
    bool send(const lan::LanFrame &frame);
    /** Closes the link (normal closure). */
    void close();

Q_SIGNALS:
    /** Both sides are authenticated: frames may flow. */
    void up();
    void frameReceived(const linnet::lan::LanFrame &frame);
    /** The link is over (refused, closed by either side, cut); @p reason for logs. */
    void closed(const QString &reason);

private:
    enum class State { Hello, Auth, Up, Closed };
    void setUp(QWebSocket *socket, int handshakeTimeoutMs);
    void onBinary(const QByteArray &bytes);
    void onHello(const QByteArray &bytes);
    void onAuth(const lan::LanAuth &auth);
    void onFrame(const lan::LanFrame &frame);
    /** Why @p frame is not for this account and device, or empty. */
    QString notForUs(const lan::LanFrame &frame) const;
    QString notForUs(const QString &to, qint64 group) const;
    void sendClear(const lan::LanFrame &frame);
    void sendSealed(const lan::LanFrame &frame);
    void refuse(const QString &reason);
    void finish(const QString &reason);
    QString who() const;

    std::shared_ptr<const LanTrust> m_trust;
    lan::LanHandshake m_handshake;
    QWebSocket *m_socket = nullptr; ///< a child of this link
    lan::LanFrameSealer m_out;
    lan::LanFrameSealer m_in;
    lan::LanDevice m_peer;
    QTimer m_deadline;
    State m_state = State::Hello;
};

} // namespace linnet::client
