// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchConnection.h"

#include "eventloop/SocketIo.h"
#include "protocol/FrameCodec.h"
#include "protocol/Limits.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <limits>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace linnet::bench {

namespace {

constexpr quint8 kContinuation = 0x0, kBinary = 0x2, kClose = 0x8, kPing = 0x9, kPong = 0xA;
constexpr QByteArrayView kGuid("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
/** Most bytes of the server's handshake answer. */
constexpr qsizetype kMaxHeadBytes = 8 * 1024;

QHostAddress resolve(const QString &host)
{
    QHostAddress address(host);
    if (!address.isNull())
        return address;
    const QList<QHostAddress> found = QHostInfo::fromName(host).addresses();
    return found.isEmpty() ? QHostAddress() : found.first();
}

/** The socket address of @p address and @p port; its length, or 0 if unusable. */
socklen_t socketAddress(const QHostAddress &address, quint16 port, sockaddr_storage &out)
{
    out = {};
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&out);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        return sizeof(sockaddr_in);
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&out);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        return sizeof(sockaddr_in6);
    }
    return 0;
}

/**
 * A non-blocking TCP socket, bound to @p source if it is set, whose connect to
 * @p host:@p port is under way; -1 if it could not be started.
 */
int startConnect(const QString &host, quint16 port, const QHostAddress &source)
{
    sockaddr_storage to;
    const socklen_t toLength = socketAddress(resolve(host), port, to);
    if (toLength == 0)
        return -1;
    const int fd = ::socket(to.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    bool ok = true;
    if (!source.isNull()) {
        // The port is then chosen by connect(), per destination: each source
        // address has the whole ephemeral port range to itself.
        ::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        sockaddr_storage from;
        const socklen_t fromLength = socketAddress(source, 0, from);
        ok = fromLength != 0 && from.ss_family == to.ss_family &&
             ::bind(fd, reinterpret_cast<const sockaddr *>(&from), fromLength) == 0;
    }
    ok = ok && (::connect(fd, reinterpret_cast<const sockaddr *>(&to), toLength) == 0 ||
                errno == EINPROGRESS);
    if (!ok) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

BenchConnection::BenchConnection(QObject *parent)
    : QObject(parent), m_maskState(QRandomGenerator::global()->generate() | 1)
{
}

BenchConnection::~BenchConnection()
{
    m_closeRequested = true; // nothing is reported from a destructor
    finish();
}

void BenchConnection::open(const QUrl &url, const QHostAddress &source)
{
    finish();
    m_closeRequested = false;
    m_in.clear();
    m_inOffset = 0;
    m_message.clear();
    m_out.clear();
    m_outSent = 0;

    m_state = State::Connecting;
    const auto port = quint16(url.port(80));
    m_fd = url.scheme() == QLatin1String("ws") ? startConnect(url.host(), port, source) : -1;
    if (m_fd < 0) {
        // A connection that cannot start (wss:// is not spoken here) is reported
        // closed from the event loop, as one refused by the server would be.
        QMetaObject::invokeMethod(
            this, [this] { finish(); }, Qt::QueuedConnection);
        return;
    }
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &BenchConnection::onReadable);
    m_readNotifier->setEnabled(false); // from the handshake on
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &BenchConnection::onWritable);

    // The opening handshake, sent once the connection is up (onWritable).
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    const QByteArray key = nonce.toBase64();
    m_expectedAccept =
        QCryptographicHash::hash(key + kGuid.toByteArray(), QCryptographicHash::Sha1).toBase64();
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    m_out = "GET " + target + " HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':' +
            QByteArray::number(port) +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
            "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

QHostAddress BenchConnection::localAddress() const
{
    if (m_fd < 0)
        return {};
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local), &length) != 0)
        return {};
    QHostAddress address;
    address.setAddress(reinterpret_cast<const sockaddr *>(&local));
    return address;
}

void BenchConnection::onWritable()
{
    if (m_state == State::Connecting) {
        int error = 0;
        socklen_t size = sizeof error;
        if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0) {
            finish();
            return;
        }
        m_state = State::Handshake;
        m_readNotifier->setEnabled(true);
    }
    flushOutput();
}

void BenchConnection::send(const protocol::Frame &frame)
{
    if (m_state != State::Open)
        return;
    queueFrame(kBinary, protocol::encodeFrame(frame));
    if (!m_dispatching)
        flushOutput();
}

void BenchConnection::close()
{
    m_closeRequested = true; // a close we asked for is not an error
    if (m_state != State::Open) {
        finish();
        return;
    }
    const char normal[2] = {char(1000 >> 8), char(1000 & 0xff)};
    queueFrame(kClose, QByteArrayView(normal, 2));
    m_state = State::Closing; // gone when the server answers or closes TCP
    flushOutput();
}

void BenchConnection::queueFrame(quint8 opcode, QByteArrayView payload)
{
    const qsizetype size = payload.size();
    char header[14];
    qsizetype headerBytes = 2;
    header[0] = char(0x80 | opcode);
    if (size < 126) {
        header[1] = char(0x80 | size);
    } else if (size <= 0xffff) {
        header[1] = char(0x80 | 126);
        header[2] = char(size >> 8);
        header[3] = char(size & 0xff);
        headerBytes = 4;
    } else {
        header[1] = char(0x80 | 127);
        for (int i = 0; i < 8; ++i)
            header[2 + i] = char((quint64(size) >> (56 - 8 * i)) & 0xff);
        headerBytes = 10;
    }
    // Client frames are masked (RFC 6455 5.3); xorshift is enough for a load generator.
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 17;
    m_maskState ^= m_maskState << 5;
    std::memcpy(header + headerBytes, &m_maskState, 4);
    const char *mask = header + headerBytes;
    headerBytes += 4;

    const qsizetype start = m_out.size();
    m_out.resize(start + headerBytes + size);
    char *out = m_out.data() + start;
    std::memcpy(out, header, size_t(headerBytes));
    out += headerBytes;
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(payload[i] ^ mask[i & 3]);
}

void BenchConnection::flushOutput()
{
    if (m_fd < 0 || m_state == State::Connecting)
        return;
    switch (eventloop::sendPending(m_fd, m_out, m_outSent)) {
    case eventloop::SendState::Sent:
        break;
    case eventloop::SendState::WouldBlock:
        setWriteWatch(true); // the rest when the kernel takes more
        return;
    case eventloop::SendState::Failed:
        finish();
        return;
    }
    m_out.resize(0); // keeps its capacity for the next frames
    m_outSent = 0;
    setWriteWatch(false);
}

void BenchConnection::setWriteWatch(bool on)
{
    if (m_writeNotifier && m_writeNotifier->isEnabled() != on)
        m_writeNotifier->setEnabled(on);
}

void BenchConnection::onReadable()
{
    const bool ended = !eventloop::readAvailable(m_fd, m_in, std::numeric_limits<qsizetype>::max());
    if (m_state == State::Handshake && !readHandshake()) {
        if (ended || m_state == State::Closed)
            finish();
        return;
    }
    m_dispatching = true;
    readFrames();
    m_dispatching = false;
    if (ended)
        finish();
    else if (m_fd >= 0)
        flushOutput(); // what the handlers sent, in one send(2)
}

bool BenchConnection::readHandshake()
{
    const qsizetype end = m_in.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_in.size() > kMaxHeadBytes)
            finish();
        return false;
    }
    const QByteArray head = m_in.left(end + 2).toLower();
    const bool accepted = head.startsWith("http/1.1 101 ") &&
                          head.contains("\r\nsec-websocket-accept: " + m_expectedAccept.toLower());
    m_in.remove(0, end + 4);
    if (!accepted) {
        finish();
        return false;
    }
    m_state = State::Open;
    if (m_onConnected)
        m_onConnected();
    return m_state == State::Open;
}

void BenchConnection::readFrames()
{
    while (m_state == State::Open || m_state == State::Closing) {
        const qsizetype available = m_in.size() - m_inOffset;
        if (available < 2)
            break;
        const auto *p = reinterpret_cast<const uchar *>(m_in.constData() + m_inOffset);
        const bool fin = p[0] & 0x80;
        const quint8 opcode = p[0] & 0x0f;
        if (p[1] & 0x80) { // a server never masks (RFC 6455 5.1)
            finish();
            return;
        }
        quint64 length = p[1] & 0x7f;
        qsizetype headerBytes = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = quint64(p[2]) << 8 | p[3];
            headerBytes = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = length << 8 | p[i];
            headerBytes = 10;
        }
        if (length > quint64(protocol::kMaxFrameBytes) + 1024) {
            finish();
            return;
        }
        if (available < headerBytes + qsizetype(length))
            break;
        const QByteArrayView payload(m_in.constData() + m_inOffset + headerBytes,
                                     qsizetype(length));
        m_inOffset += headerBytes + qsizetype(length);

        if (opcode == kBinary || opcode == kContinuation) {
            QByteArrayView message = payload;
            if (!fin || !m_message.isEmpty()) { // the server does not fragment, but may
                m_message.append(payload);
                if (!fin)
                    continue;
                message = m_message;
            }
            auto decoded = protocol::decodeFrame(message);
            if (!decoded)
                ++m_decodeErrors;
            else if (m_onFrame && m_state == State::Open)
                m_onFrame(decoded.value());
            m_message.clear();
        } else if (opcode == kPing) {
            if (m_state == State::Open)
                queueFrame(kPong, payload);
        } else if (opcode == kClose) {
            if (m_state == State::Open) // answer with the server's code
                queueFrame(kClose, payload.first(std::min<qsizetype>(payload.size(), 2)));
            flushOutput();
            finish();
            return;
        }
        // pongs and anything else: nothing to do
    }
    if (m_inOffset == m_in.size()) {
        m_in.resize(0);
        m_inOffset = 0;
    } else if (m_inOffset > 64 * 1024) {
        m_in.remove(0, m_inOffset);
        m_inOffset = 0;
    }
}

void BenchConnection::finish()
{
    const bool wasUp = m_state != State::Closed;
    m_state = State::Closed;
    // Out of the dispatcher before the descriptor's number can be reused; deleted
    // later, as we may be inside one of their signals now.
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (wasUp && !m_closeRequested) {
        m_closeRequested = true; // reported once
        if (m_onClosed)
            m_onClosed();
    }
}

} // namespace linnet::bench
