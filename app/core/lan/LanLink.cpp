// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanLink.h"

#include "LanLog.h"
#include "lan/LanFrameCodec.h"
#include "protocol/Limits.h"

#include <QNetworkProxy>

namespace linnet::client {

using lan::LanFrame;

LanLink::LanLink(QWebSocket *socket, std::shared_ptr<const LanTrust> trust, int handshakeTimeoutMs,
                 QObject *parent)
    : QObject(parent), m_trust(std::move(trust)), m_handshake(Role::Listener)
{
    socket->setParent(this);
    setUp(socket, handshakeTimeoutMs);
    sendClear(lan::LanHello{m_handshake.ephemeral()});
}

LanLink::LanLink(const QUrl &url, const lan::LanDevice &peer, std::shared_ptr<const LanTrust> trust,
                 int handshakeTimeoutMs, QObject *parent)
    : QObject(parent), m_trust(std::move(trust)), m_handshake(Role::Dialer), m_peer(peer)
{
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    // A peer on this network, never through a proxy (which would also learn who talks).
    socket->setProxy(QNetworkProxy::NoProxy);
    setUp(socket, handshakeTimeoutMs);
    connect(socket, &QWebSocket::connected, this,
            [this] { sendClear(lan::LanHello{m_handshake.ephemeral()}); });
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this] {
        if (m_state == State::Up || m_state == State::Closed)
            return;
        qCInfo(lcLan).noquote() << "cannot connect to" << m_peer.account << "device"
                                << m_peer.device << ":" << m_socket->errorString();
        finish(QStringLiteral("cannot connect: ") + m_socket->errorString());
    });
    // From the event loop: a connection that fails at once then still reports to the
    // slots the caller connects after this constructor.
    QMetaObject::invokeMethod(
        socket, [socket, url] { socket->open(url); }, Qt::QueuedConnection);
}

LanLink::~LanLink() = default;

QUrl LanLink::urlFor(const QHostAddress &address, quint16 port)
{
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(address.toString()); // keeps a scope: ws://[fe80::1%25eth0]:port
    url.setPort(port);
    url.setPath(QStringLiteral("/v1/lan"));
    return url;
}

void LanLink::setUp(QWebSocket *socket, int handshakeTimeoutMs)
{
    m_socket = socket;
    // Room for the seal and the envelope around the largest frame.
    m_socket->setMaxAllowedIncomingMessageSize(quint64(protocol::kMaxFrameBytes + 1024));
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &LanLink::onBinary);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this] { refuse(QStringLiteral("sent a text message")); });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_state == State::Up)
            qCInfo(lcLan).noquote() << "peer link with" << who() << "closed";
        else if (m_state != State::Closed)
            qCInfo(lcLan).noquote() << "peer link with" << who() << "closed before the handshake";
        finish(QStringLiteral("connection closed"));
    });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this, handshakeTimeoutMs] {
        refuse(QStringLiteral("not authenticated within %1 ms").arg(handshakeTimeoutMs));
    });
    m_deadline.start(handshakeTimeoutMs);
}

QString LanLink::who() const
{
    const QString address = m_socket ? m_socket->peerAddress().toString() + QLatin1Char(':') +
                                           QString::number(m_socket->peerPort())
                                     : QString();
    if (m_peer.account.isEmpty())
        return address;
    return QStringLiteral("%1 device %2 (%3)").arg(m_peer.account).arg(m_peer.device).arg(address);
}

bool LanLink::send(const LanFrame &frame)
{
    if (m_state != State::Up)
        return false;
    sendSealed(frame);
    return true;
}

void LanLink::close()
{
    if (m_state == State::Closed)
        return;
    finish(QStringLiteral("closed by this device"));
    m_socket->close();
}

void LanLink::sendClear(const LanFrame &frame)
{
    m_socket->sendBinaryMessage(lan::encodeLanFrame(frame));
}

void LanLink::sendSealed(const LanFrame &frame)
{
    m_socket->sendBinaryMessage(m_out.seal(lan::encodeLanFrame(frame)));
}

void LanLink::onBinary(const QByteArray &bytes)
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Hello) {
        onHello(bytes);
        return;
    }
    const auto opened = m_in.open(bytes);
    if (!opened) {
        refuse(QStringLiteral("sent a frame that does not open (forged, replayed or cut)"));
        return;
    }
    auto decoded = lan::decodeLanFrame(*opened);
    if (!decoded) {
        refuse(QStringLiteral("sent a frame that does not decode: ") + decoded.error().reason);
        return;
    }
    if (m_state == State::Auth) {
        if (const auto *auth = std::get_if<lan::LanAuth>(&decoded.value()))
            onAuth(*auth);
        else
            refuse(lan::lanFrameTypeName(decoded.value()) + QStringLiteral(" before lan_auth"));
        return;
    }
    onFrame(decoded.value());
}

void LanLink::onHello(const QByteArray &bytes)
{
    const auto decoded = lan::decodeLanFrame(bytes);
    const auto *hello = decoded ? std::get_if<lan::LanHello>(&decoded.value()) : nullptr;
    if (!hello) {
        refuse(QStringLiteral("did not start with lan_hello"));
        return;
    }
    if (!m_handshake.takePeerEphemeral(hello->ephemeral)) {
        refuse(QStringLiteral("sent an unusable lan_hello key"));
        return;
    }
    m_out = m_handshake.takeSending();
    m_in = m_handshake.takeReceiving();
    m_state = State::Auth;
    const LanTrust &t = *m_trust;
    if (role() == Role::Dialer) // the dialer proves itself first (protocol.md 12.4)
        sendSealed(lan::LanAuth{t.self.account, t.self.device,
                                m_handshake.sign(t.identity, t.self, m_peer)});
}

void LanLink::onAuth(const lan::LanAuth &auth)
{
    const LanTrust &t = *m_trust;
    if (role() == Role::Listener) {
        const auto known = t.knownDevice ? t.knownDevice(auth.account, auth.device) : std::nullopt;
        if (!known) {
            refuse(QStringLiteral("%1 device %2 is not a known device")
                       .arg(auth.account)
                       .arg(auth.device));
            return;
        }
        m_peer = *known;
    } else if (auth.account != m_peer.account || auth.device != m_peer.device) {
        refuse(QStringLiteral("answered as %1 device %2, not the device dialled")
                   .arg(auth.account)
                   .arg(auth.device));
        return;
    }
    if (!m_handshake.verifyPeer(m_peer, t.self, auth.signature)) {
        refuse(QStringLiteral("failed the challenge (the signature does not verify)"));
        return;
    }
    if (role() == Role::Listener)
        sendSealed(lan::LanAuth{t.self.account, t.self.device,
                                m_handshake.sign(t.identity, t.self, m_peer)});
    m_state = State::Up;
    m_deadline.stop();
    qCInfo(lcLan).noquote() << "peer link up with" << who();
    Q_EMIT up();
}

QString LanLink::notForUs(const QString &to, qint64 group) const
{
    const LanTrust &t = *m_trust;
    if (group != 0)
        return t.isMember && t.isMember(group)
                   ? QString()
                   : QStringLiteral("group %1, which this account is not in").arg(group);
    // A copy of an own message from another own device names the chat, any user.
    if (m_peer.account == t.self.account || to == t.self.account)
        return {};
    return QStringLiteral("account %1").arg(to);
}

QString LanLink::notForUs(const LanFrame &frame) const
{
    if (const auto *m = std::get_if<lan::LanMessage>(&frame)) {
        if (m->device != m_trust->self.device)
            return QStringLiteral("device %1").arg(m->device);
        return notForUs(m->to, m->group);
    }
    if (const auto *r = std::get_if<lan::LanRead>(&frame))
        return notForUs(r->to, r->group);
    if (const auto *ty = std::get_if<lan::LanTyping>(&frame))
        return notForUs(ty->to, ty->group);
    if (const auto *k = std::get_if<lan::LanSenderKey>(&frame))
        return notForUs(QString(), k->group);
    return {};
}

void LanLink::onFrame(const LanFrame &frame)
{
    if (std::holds_alternative<lan::LanHello>(frame) ||
        std::holds_alternative<lan::LanAuth>(frame)) {
        refuse(QStringLiteral("sent %1 after the handshake").arg(lan::lanFrameTypeName(frame)));
        return;
    }
    const QString other = notForUs(frame);
    if (!other.isEmpty()) {
        refuse(QStringLiteral("sent %1 for %2").arg(lan::lanFrameTypeName(frame), other));
        return;
    }
    Q_EMIT frameReceived(frame);
}

void LanLink::refuse(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    qCWarning(lcLan).noquote() << "refused peer link with" << who() << ":" << reason;
    finish(reason); // first: closing the socket may report "connection closed" at once
    m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, reason.left(120));
}

void LanLink::finish(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_deadline.stop();
    Q_EMIT closed(reason);
}

} // namespace linnet::client
