// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerConfig.h"
#include "protocol/Result.h"

#include <QObject>
#include <QTcpServer>

#include <memory>
#include <unordered_map>

namespace linnet::server {

class OpsHttp;

/**
 * admin_listen: /healthz and /metrics on an address of their own, plain HTTP, apart
 * from the port clients use, so that a firewall (or the loopback default) keeps the
 * numbers to whoever monitors the server. Reads one request head per connection (at
 * most http::kMaxHeadBytes, within kHeadSeconds) and hands it to @c ops, which
 * answers and closes; any other path gets 404 there.
 */
class AdminListener : public QObject {
    Q_OBJECT
public:
    /** Connections whose head is still being read; more are closed at once. */
    static constexpr int kMaxPending = 64;
    static constexpr int kHeadSeconds = 10;

    explicit AdminListener(OpsHttp &ops, QObject *parent = nullptr);
    ~AdminListener() override;

    /** Listens on @p at; the port bound, or why not (in use, no permission). */
    protocol::Result<quint16> listen(const ListenAddress &at);

private:
    class Pending;
    void onNewConnection();
    /** Forgets @p pending once the current call into it has returned. */
    void finished(Pending *pending);

    OpsHttp &m_ops;
    QTcpServer m_server;
    std::unordered_map<Pending *, std::unique_ptr<Pending>> m_pending;
};

} // namespace linnet::server
