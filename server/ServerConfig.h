// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/InviteLink.h"
#include "ops/TrustedProxies.h"
#include "protocol/Result.h"

#include <QHostAddress>
#include <QString>

namespace linnet::server {

enum class RegistrationPolicy { Open, Invite, Closed };

QString registrationPolicyName(RegistrationPolicy policy);
std::optional<RegistrationPolicy> parseRegistrationPolicy(const QString &name);

/** What the server logs: debug adds detail, warning keeps only what needs an admin. */
enum class LogLevel { Debug, Info, Warning };

QString logLevelName(LogLevel level);
std::optional<LogLevel> parseLogLevel(const QString &name);

/** An address and port to listen on. */
struct ListenAddress {
    QHostAddress address;
    quint16 port = 0;
    bool operator==(const ListenAddress &) const = default;
};

/**
 * Everything `linnet-server serve` can be told, from an INI file ([server]
 * section) overridden by the command line. Defaults suit a small team.
 */
struct ServerConfig {
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 7480;
    QString dataDir;
    RegistrationPolicy registration = RegistrationPolicy::Invite;
    int retentionDays = 30;
    int heartbeatSeconds = 30;    ///< ping interval; a connection silent for 3 intervals is dropped
    int authTimeoutSeconds = 30;  ///< an unauthenticated connection is closed after this
    int linkTimeoutSeconds = 600; ///< how long a new device's link request waits for approval
    int maxConnections = 50000;   ///< signed-in connections
    /** Connections not signed in yet (handshakes included), in all and per address (an IPv4
     *  address or an IPv6 /64); separate from maxConnections. */
    int maxUnauthenticated = 1024;
    int maxUnauthenticatedPerAddress = 32;
    double messagesPerSecond = 200;     ///< sustained sends per connection
    double messageBurst = 2000;         ///< sends a connection may make at once
    double authFailuresPerMinute = 10;  ///< per address and per account
    double registrationsPerMinute = 10; ///< new accounts per address
    int adminPollSeconds = 2;           ///< how often admin changes (disable) are picked up
    /** One-time prekeys one account may take from others, and others may take from one
     *  account, at once (below the 100 a client keeps on the server), then per minute. */
    int preKeyClaimBurst = 64;
    double preKeyClaimsPerMinute = 2;
    int drainWindow = 1000;     ///< inbox entries in flight per device before acks
    int maxGroupMembers = 1024; ///< members per group, at most protocol::kMaxGroupMembers
    bool commitThread = true;   ///< commit message batches on a thread of their own (CommitThread)
    int commitGatherMs = 20;    ///< how long a batch gathers writes before its commit (0..1000)
    // Media (docs/protocol.md 10).
    qint64 mediaMaxBytes = 2LL << 30;    ///< largest blob one media_upload may declare (415)
    qint64 mediaQuotaBytes = 10LL << 30; ///< the declared sizes of one account's blobs (417)
    int mediaTicketSeconds = 3600;       ///< how long a media ticket may start a transfer
    int mediaTransfersPerDevice = 4;     ///< HTTP transfers one device may run at once (429)
    int mediaStallSeconds = 30;          ///< a transfer that moves no byte this long is closed
    int mediaOrphanHours = 24; ///< an unreferenced or unfinished blob, after its last byte
    QString tlsCertFile; ///< PEM certificate (chain); with tlsKeyFile, the server speaks wss://
    QString tlsKeyFile;  ///< PEM private key (RSA or EC), unencrypted
    /** Without tls_cert: make a self-signed certificate once, in the data dir, and speak
     *  wss:// with it (clients pin it from the invite link). */
    bool tlsSelfSigned = false;
    /** The URL clients use, for invite links (e.g. wss://chat.example.org/v1/ws behind a
     *  proxy); empty: the listen address, if it is not a wildcard. */
    QString publicUrl;
    /** With it, /metrics answers only "Authorization: Bearer <token>", from any address;
     *  without it (the default) only requests from the machine itself (loopback). */
    QString metricsToken;
    /** admin_listen: /healthz and /metrics on a listener of their own (plain HTTP), and
     *  /metrics no longer on the main port; nullopt (the default): both on the main port. */
    std::optional<ListenAddress> adminListen;
    /** Proxies whose X-Forwarded-For names the client the limits per address count. */
    TrustedProxies trustedProxies;
    LogLevel logLevel = LogLevel::Info; ///< of every linnet.* category (applyLogLevel)

    bool tlsEnabled() const
    {
        return tlsSelfSigned || !tlsCertFile.isEmpty() || !tlsKeyFile.isEmpty();
    }
    bool operator==(const ServerConfig &) const = default;

    /** Reads the [server] section of @p path; keys as in packaging/linnet-server.ini.sample. */
    static protocol::Result<ServerConfig> fromIniFile(const QString &path, ServerConfig base);
    /** Parses "HOST:PORT", "[v6]:PORT" or ":PORT" into @p config. */
    static protocol::Status parseListen(const QString &text, ServerConfig &config);
    /** Parses admin_listen: "off" or empty (nullopt), "PORT" or ":PORT" (loopback),
     *  "HOST:PORT". */
    static protocol::Status parseAdminListen(const QString &text, ServerConfig &config);
    /** The URL clients use: ws://HOST:PORT/v1/ws (wss:// with TLS). */
    QString clientUrl(quint16 actualPort) const;
    /** The admin address's base URL (plain HTTP): http://HOST:PORT. */
    QString adminUrl(quint16 actualPort) const;
};

/** The one WebSocket path the server answers on. */
using protocol::kWebSocketPath;

} // namespace linnet::server
