// SPDX-License-Identifier: GPL-3.0-or-later
#include "TcpListener.h"

#include "ServerLog.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace linnet::server {

namespace {

using protocol::ErrorCode;
using protocol::makeError;

/** Where to bind: IPv4, IPv6 (only), or both on one IPv6 socket (QHostAddress::Any). */
struct BindAddress {
    sockaddr_storage storage{};
    socklen_t length = 0;
    bool dualStack = false;
};

BindAddress bindAddress(const QHostAddress &address, quint16 port, bool ipv6Available)
{
    BindAddress out;
    const bool any = address == QHostAddress::Any;
    if (address.protocol() == QAbstractSocket::IPv4Protocol || address == QHostAddress::AnyIPv4 ||
        (any && !ipv6Available)) {
        auto *in = reinterpret_cast<sockaddr_in *>(&out.storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = any ? htonl(INADDR_ANY) : htonl(address.toIPv4Address());
        out.length = sizeof(sockaddr_in);
        return out;
    }
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(&out.storage);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    if (any || address == QHostAddress::AnyIPv6) {
        in6->sin6_addr = in6addr_any;
        out.dualStack = any;
    } else {
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, bytes.c, sizeof bytes.c);
        const QString scope = address.scopeId();
        bool numeric = false;
        const uint index = scope.toUInt(&numeric);
        in6->sin6_scope_id = numeric ? index : ::if_nametoindex(scope.toLatin1().constData());
    }
    out.length = sizeof(sockaddr_in6);
    return out;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

TcpListener::TcpListener(QObject *parent) : QObject(parent)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        m_notifier->setEnabled(true);
        acceptPending();
    });
}

TcpListener::~TcpListener()
{
    close();
}

protocol::Result<quint16> TcpListener::listen(const QHostAddress &address, quint16 port)
{
    close();
    const bool wantsIpv6 = address.protocol() == QAbstractSocket::IPv6Protocol ||
                           address == QHostAddress::AnyIPv6 || address == QHostAddress::Any;
    int fd = wantsIpv6 ? ::socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0) : -1;
    const bool ipv6Available = fd >= 0;
    if (fd < 0 && address != QHostAddress::Any && wantsIpv6)
        return makeError(ErrorCode::InternalError, errnoText(errno));
    if (fd < 0)
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return makeError(ErrorCode::InternalError, errnoText(errno));
    const BindAddress where = bindAddress(address, port, ipv6Available);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); // restart despite TIME_WAIT
    if (where.storage.ss_family == AF_INET6) {
        const int v6only = where.dualStack ? 0 : 1;
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
    }
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&where.storage), where.length) != 0 ||
        ::listen(fd, kBacklog) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError(ErrorCode::InternalError, errnoText(error));
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &length);
    m_fd = fd;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TcpListener::acceptPending);
    const in_port_t boundPort = bound.ss_family == AF_INET6
                                    ? reinterpret_cast<const sockaddr_in6 *>(&bound)->sin6_port
                                    : reinterpret_cast<const sockaddr_in *>(&bound)->sin_port;
    return quint16(ntohs(boundPort));
}

void TcpListener::close()
{
    m_retry.stop();
    if (m_notifier) {
        m_notifier->setEnabled(false); // out of the dispatcher before the descriptor closes
        delete m_notifier;
        m_notifier = nullptr;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void TcpListener::acceptPending()
{
    for (int i = 0; i < kMaxAcceptsPerPass && m_fd >= 0; ++i) {
        sockaddr_storage peer{};
        socklen_t length = sizeof peer;
        const int fd = ::accept4(m_fd, reinterpret_cast<sockaddr *>(&peer), &length,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            if (m_pausedFor.isValid()) {
                qCDebug(lcGateway, "accepting connections again after %lld ms",
                        m_pausedFor.elapsed());
                m_pausedFor.invalidate();
            }
            if (m_handler)
                m_handler(fd, QHostAddress(reinterpret_cast<const sockaddr *>(&peer)));
            else
                ::close(fd);
            continue;
        }
        switch (errno) {
        case EAGAIN:
#if EWOULDBLOCK != EAGAIN
        case EWOULDBLOCK:
#endif
            return; // nothing more pending
        case EINTR:
        case ECONNABORTED:
        case EPROTO:
        // Linux passes on network errors of the pending connection (accept(2)); each
        // one used that connection up, so the next may well succeed.
        case ENETDOWN:
        case ENOPROTOOPT:
        case EHOSTDOWN:
        case ENONET:
        case EHOSTUNREACH:
        case EOPNOTSUPP:
        case ENETUNREACH:
        case EPERM:
            continue;
        default: // EMFILE, ENFILE, ENOBUFS, ENOMEM, and anything unforeseen: never spin
            pause(errno);
            return;
        }
    }
}

void TcpListener::pause(int error)
{
    if (!m_pausedFor.isValid())
        m_pausedFor.start();
    ++m_pausesSinceWarning;
    // At the limit, pauses come and go with every connection that closes: one
    // warning a minute says it all.
    if (!m_lastWarning.isValid() || m_lastWarning.hasExpired(kWarningIntervalMs)) {
        qCWarning(lcGateway,
                  "cannot accept connections (%s); trying again every %d ms (%d pauses since "
                  "the last warning). If this is the open-file limit, raise it (LimitNOFILE in "
                  "the systemd unit) or lower max_connections / max_unauthenticated",
                  std::strerror(error), kRetryMs, m_pausesSinceWarning);
        m_lastWarning.start();
        m_pausesSinceWarning = 0;
    }
    m_notifier->setEnabled(false);
    m_retry.start();
}

} // namespace linnet::server
