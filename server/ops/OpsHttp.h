// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"
#include "transport/ConnectionAdmission.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>
#include <unordered_map>

namespace linnet::server {

class ByteStream;
struct ServerConfig;

/**
 * GET /healthz and GET /metrics on the WebSocket's port (WebSocketGateway hands
 * their connections over): one request per connection, answered and closed.
 *
 * /healthz is for load balancers and supervisors, from anywhere: 200 "ok" while
 * @c health says so, else 503 with the reason. /metrics is Prometheus' text
 * from @c metrics; with metrics_token set it needs "Authorization: Bearer
 * <token>" from every address, without one it answers only requests from this
 * machine that did not come through a proxy (a loopback peer and no
 * X-Forwarded-For or Forwarded header): 403 otherwise.
 *
 * With admin_listen, a second OpsHttp answers on AdminListener's address and this
 * one, on the clients' port, keeps /healthz (load balancers check the port they
 * send clients to) and answers /metrics with 404 and where it went: give it no
 * @c metrics.
 */
class OpsHttp : public QObject {
    Q_OBJECT
public:
    using Health = std::function<protocol::Status()>;
    using Metrics = std::function<QByteArray()>;

    /** Without @p metrics, /metrics is answered 404 (it is on the admin address). */
    OpsHttp(const ServerConfig &config, Health health, Metrics metrics, QObject *parent = nullptr);
    ~OpsHttp() override;

    /** The gateway's filter: a request head for /healthz or /metrics. */
    static bool isOpsRequest(QByteArrayView head);
    /** Answers the request in @p received (its head complete) on @p stream and closes it. */
    void accept(std::unique_ptr<ByteStream> stream, const QByteArray &received,
                ConnectionAdmission::HandOver verdict);
    qsizetype openCount() const { return qsizetype(m_open.size()); }

private:
    class Exchange;
    /** The whole response to @p head from @p peer. */
    QByteArray respond(QByteArrayView head, const QHostAddress &peer);
    /** Why @p peer may not read /metrics with @p head (401 or 403), or 0 if it may. */
    int refuseMetrics(QByteArrayView head, const QHostAddress &peer) const;
    void finished(Exchange *exchange);

    const ServerConfig &m_config;
    Health m_health;
    Metrics m_metrics;
    std::unordered_map<Exchange *, std::unique_ptr<Exchange>> m_open;
};

} // namespace linnet::server
