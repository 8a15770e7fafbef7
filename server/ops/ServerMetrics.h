// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ops/OpsProbe.h"
#include "protocol/ErrorCode.h"
#include "relay/GroupCommitter.h"

#include <QByteArray>

#include <map>
#include <optional>

namespace linnet::server {

/** What the running server reports on /metrics, gathered by Server at each scrape. */
struct MetricsSnapshot {
    double uptimeSeconds = 0;
    qsizetype authenticated = 0;   ///< signed-in WebSocket connections
    qsizetype unauthenticated = 0; ///< connections still signing in, handshakes included
    qsizetype httpConnections = 0; ///< plain HTTP connections (media transfers, scrapes)
    qsizetype mediaTransfers = 0;
    qsizetype deliveriesUnacked = 0; ///< sent to signed-in devices, not acknowledged yet
    qsizetype catchingUp = 0;        ///< signed-in devices whose inbox drain is not done
    std::map<protocol::ErrorCode, quint64> errorsSent; ///< error frames sent, by code
    GroupCommitter::Totals commits;
    std::optional<OpsProbe::Counts> counts; ///< nullopt: the database could not be read
};

/** The Prometheus text of @p snapshot, with this process's CPU, memory and descriptors. */
QByteArray metricsText(const MetricsSnapshot &snapshot);

} // namespace linnet::server
