// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerConfig.h"

#include "protocol/Limits.h"

#include <QFileInfo>
#include <QUrl>
#include <QSettings>

namespace linnet::server {

using protocol::ErrorCode;
using protocol::makeError;

QString registrationPolicyName(RegistrationPolicy policy)
{
    switch (policy) {
    case RegistrationPolicy::Open:
        return QStringLiteral("open");
    case RegistrationPolicy::Invite:
        return QStringLiteral("invite");
    case RegistrationPolicy::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

std::optional<RegistrationPolicy> parseRegistrationPolicy(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("open"))
        return RegistrationPolicy::Open;
    if (n == QLatin1String("invite"))
        return RegistrationPolicy::Invite;
    if (n == QLatin1String("closed"))
        return RegistrationPolicy::Closed;
    return std::nullopt;
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    }
    return {};
}

std::optional<LogLevel> parseLogLevel(const QString &name)
{
    for (LogLevel level : {LogLevel::Debug, LogLevel::Info, LogLevel::Warning})
        if (name.trimmed().toLower() == logLevelName(level))
            return level;
    return std::nullopt;
}

namespace {

/** "HOST:PORT", "[v6]:PORT" or ":PORT" (the host @p noHost) of the setting @p key. */
protocol::Result<ListenAddress> parseHostPort(const QString &text, const QString &key,
                                              const QHostAddress &noHost)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("%1 address \"%2\" is not HOST:PORT").arg(key, text));
    QString host = text.left(colon);
    bool portOk = false;
    const uint port = text.mid(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535)
        return makeError(
            ErrorCode::InvalidField,
            QStringLiteral("%1 port in \"%2\" is not a number 0-65535").arg(key, text));
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host.isEmpty())
        address = noHost;
    else if (host == QLatin1String("*"))
        address = QHostAddress::Any;
    else if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("%1 host \"%2\" is not an IP address").arg(key, host));
    return ListenAddress{address, static_cast<quint16>(port)};
}

} // namespace

protocol::Status ServerConfig::parseListen(const QString &text, ServerConfig &config)
{
    const auto parsed = parseHostPort(text, QStringLiteral("listen"), QHostAddress::Any);
    if (!parsed)
        return parsed.error();
    config.listenAddress = parsed.value().address;
    config.port = parsed.value().port;
    return {};
}

protocol::Status ServerConfig::parseAdminListen(const QString &text, ServerConfig &config)
{
    const QString value = text.trimmed();
    if (value.isEmpty() || value.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0) {
        config.adminListen.reset();
        return {};
    }
    // A port alone, or ":PORT": loopback, the only place metrics belong without more thought.
    const bool portOnly = !value.contains(QLatin1Char(':'));
    const auto parsed = parseHostPort(portOnly ? QLatin1Char(':') + value : value,
                                      QStringLiteral("admin_listen"), QHostAddress::LocalHost);
    if (!parsed)
        return parsed.error();
    config.adminListen = parsed.value();
    return {};
}

namespace {

/** A token short enough to guess is worse than none: it invites exposing /metrics. */
constexpr int kMinMetricsTokenChars = 16;

template <typename T>
bool readNumber(const QSettings &s, const char *key, T &out, double min, double max, QString &err)
{
    const QString k = QString::fromLatin1(key);
    if (!s.contains(k))
        return true;
    bool ok = false;
    const double v = s.value(k).toString().toDouble(&ok);
    if (!ok || v < min || v > max) {
        err = QStringLiteral("%1 must be a number between %2 and %3").arg(k).arg(min).arg(max);
        return false;
    }
    out = static_cast<T>(v);
    return true;
}

bool readSwitch(const QSettings &s, const char *key, bool &out, QString &err)
{
    const QString k = QString::fromLatin1(key);
    if (!s.contains(k))
        return true;
    const QString v = s.value(k).toString().trimmed().toLower();
    if (v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("1")) {
        out = true;
    } else if (v == QLatin1String("off") || v == QLatin1String("false") ||
               v == QLatin1String("0")) {
        out = false;
    } else {
        err = QStringLiteral("%1 must be on or off").arg(k);
        return false;
    }
    return true;
}

} // namespace

protocol::Result<ServerConfig> ServerConfig::fromIniFile(const QString &path, ServerConfig base)
{
    if (!QFileInfo(path).isReadable())
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("cannot read config file %1").arg(path));
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError)
        return makeError(ErrorCode::InvalidField,
                         QStringLiteral("config file %1 is not valid INI").arg(path));
    s.beginGroup(QStringLiteral("server"));
    ServerConfig c = std::move(base);
    if (s.contains(QStringLiteral("listen"))) {
        auto r = parseListen(s.value(QStringLiteral("listen")).toString(), c);
        if (!r)
            return r.error();
    }
    if (s.contains(QStringLiteral("admin_listen"))) {
        // QSettings reads "a, b" as a list: one address only (a list's text would be empty).
        const QVariant value = s.value(QStringLiteral("admin_listen"));
        if (value.typeId() == QMetaType::QStringList)
            return makeError(
                ErrorCode::InvalidField,
                QStringLiteral("%1: admin_listen is one HOST:PORT, not a list").arg(path));
        auto r = parseAdminListen(value.toString(), c);
        if (!r)
            return makeError(r.error().code, path + QStringLiteral(": ") + r.error().reason);
    }
    if (s.contains(QStringLiteral("tls_cert")))
        c.tlsCertFile = s.value(QStringLiteral("tls_cert")).toString();
    if (s.contains(QStringLiteral("tls_key")))
        c.tlsKeyFile = s.value(QStringLiteral("tls_key")).toString();
    if (s.contains(QStringLiteral("public_url"))) {
        c.publicUrl = s.value(QStringLiteral("public_url")).toString().trimmed();
        const QUrl url(c.publicUrl, QUrl::StrictMode);
        if (!c.publicUrl.isEmpty() &&
            (!url.isValid() || url.host().isEmpty() ||
             (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))))
            return makeError(ErrorCode::InvalidField,
                             QStringLiteral("%1: public_url must be a ws:// or wss:// URL, e.g. "
                                            "wss://chat.example.org/v1/ws")
                                 .arg(path));
    }
    if (s.contains(QStringLiteral("metrics_token"))) {
        c.metricsToken = s.value(QStringLiteral("metrics_token")).toString().trimmed();
        if (!c.metricsToken.isEmpty() && c.metricsToken.size() < kMinMetricsTokenChars)
            return makeError(ErrorCode::InvalidField,
                             QStringLiteral("%1: metrics_token must have at least %2 characters "
                                            "(e.g. openssl rand -hex 16)")
                                 .arg(path)
                                 .arg(kMinMetricsTokenChars));
    }
    if (s.contains(QStringLiteral("data_dir")))
        c.dataDir = s.value(QStringLiteral("data_dir")).toString();
    if (s.contains(QStringLiteral("trusted_proxies"))) {
        // QSettings reads "a, b" as a list.
        const QVariant value = s.value(QStringLiteral("trusted_proxies"));
        const QString text = value.typeId() == QMetaType::QStringList
                                 ? value.toStringList().join(QLatin1Char(','))
                                 : value.toString();
        auto proxies = TrustedProxies::parse(text);
        if (!proxies)
            return makeError(ErrorCode::InvalidField,
                             QStringLiteral("%1: %2").arg(path, proxies.error().reason));
        c.trustedProxies = proxies.value();
    }
    if (s.contains(QStringLiteral("log_level"))) {
        const auto level = parseLogLevel(s.value(QStringLiteral("log_level")).toString());
        if (!level)
            return makeError(
                ErrorCode::InvalidField,
                QStringLiteral("%1: log_level must be debug, info or warning").arg(path));
        c.logLevel = *level;
    }
    if (s.contains(QStringLiteral("registration"))) {
        const auto p = parseRegistrationPolicy(s.value(QStringLiteral("registration")).toString());
        if (!p)
            return makeError(ErrorCode::InvalidField,
                             QStringLiteral("registration must be open, invite or closed"));
        c.registration = *p;
    }
    QString err;
    if (!readNumber(s, "retention_days", c.retentionDays, 1, 3650, err) ||
        !readNumber(s, "heartbeat_seconds", c.heartbeatSeconds, 1, 3600, err) ||
        !readNumber(s, "auth_timeout_seconds", c.authTimeoutSeconds, 1, 3600, err) ||
        !readNumber(s, "link_timeout_seconds", c.linkTimeoutSeconds, 10, 3600, err) ||
        !readNumber(s, "max_connections", c.maxConnections, 1, 10000000, err) ||
        !readNumber(s, "max_unauthenticated", c.maxUnauthenticated, 1, 10000000, err) ||
        !readNumber(s, "max_unauthenticated_per_address", c.maxUnauthenticatedPerAddress, 1,
                    10000000, err) ||
        !readNumber(s, "messages_per_second", c.messagesPerSecond, 1, 1e6, err) ||
        !readNumber(s, "message_burst", c.messageBurst, 1, 1e7, err) ||
        !readNumber(s, "auth_failures_per_minute", c.authFailuresPerMinute, 1, 1e4, err) ||
        !readNumber(s, "registrations_per_minute", c.registrationsPerMinute, 1, 1e6, err) ||
        !readNumber(s, "admin_poll_seconds", c.adminPollSeconds, 1, 3600, err) ||
        !readNumber(s, "prekey_claim_burst", c.preKeyClaimBurst, 1, 1e6, err) ||
        !readNumber(s, "prekey_claims_per_minute", c.preKeyClaimsPerMinute, 0.01, 1e6, err) ||
        !readNumber(s, "drain_window", c.drainWindow, 1, 100000, err) ||
        !readNumber(s, "commit_gather_ms", c.commitGatherMs, 0, 1000, err) ||
        !readNumber(s, "max_group_members", c.maxGroupMembers, 2,
                    double(protocol::kMaxGroupMembers), err) ||
        !readNumber(s, "media_max_bytes", c.mediaMaxBytes, 1, 9e15, err) ||
        !readNumber(s, "media_quota_bytes", c.mediaQuotaBytes, 1, 9e15, err) ||
        !readNumber(s, "media_ticket_seconds", c.mediaTicketSeconds, 1, 86400, err) ||
        !readNumber(s, "media_transfers_per_device", c.mediaTransfersPerDevice, 1, 1000, err) ||
        !readNumber(s, "media_stall_seconds", c.mediaStallSeconds, 1, 3600, err) ||
        !readNumber(s, "media_orphan_hours", c.mediaOrphanHours, 1, 87600, err) ||
        !readSwitch(s, "commit_thread", c.commitThread, err) ||
        !readSwitch(s, "tls_self_signed", c.tlsSelfSigned, err))
        return makeError(ErrorCode::InvalidField, QStringLiteral("%1: %2").arg(path, err));
    return c;
}

namespace {

/** @p address as a URL's host: a wildcard as this machine's loopback, IPv6 in brackets. */
QString urlHost(const QHostAddress &address)
{
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        return QStringLiteral("127.0.0.1");
    if (address == QHostAddress::AnyIPv6)
        return QStringLiteral("[::1]");
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]").arg(address.toString());
    return address.toString();
}

} // namespace

QString ServerConfig::clientUrl(quint16 actualPort) const
{
    return QStringLiteral("%1://%2:%3%4")
        .arg(tlsEnabled() ? QStringLiteral("wss") : QStringLiteral("ws"), urlHost(listenAddress))
        .arg(actualPort)
        .arg(QLatin1String(kWebSocketPath));
}

QString ServerConfig::adminUrl(quint16 actualPort) const
{
    return QStringLiteral("http://%1:%2")
        .arg(urlHost(adminListen ? adminListen->address : listenAddress))
        .arg(actualPort);
}

} // namespace linnet::server
