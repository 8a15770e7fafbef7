// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LatencyHistogram.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace linnet::bench {

/** What one server process looked like across a measured phase. */
struct ServerFigures {
    double cpuSeconds = 0;      ///< server CPU time spent in the phase
    qint64 rssKb = 0;           ///< VmRSS at the end of the phase
    double benchCpuSeconds = 0; ///< this process's CPU time in the same phase
};

struct RelayResult {
    bool complete = false; ///< ran to the end with nothing lost and no errors
    int clients = 0;
    int threads = 0;
    double offeredRate = 0; ///< 0 = flat out
    int window = 0;
    int sourceAddresses = 0; ///< distinct local addresses the clients connected from
    double seconds = 0;      ///< measured phase
    double setupSeconds = 0;
    quint64 sent = 0, acked = 0, delivered = 0, receipts = 0, receiptsInAcks = 0;
    quint64 errors = 0, disconnects = 0, connectFailures = 0;
    quint64 deliveredInWindow = 0;
    LatencyHistogram latency; ///< send (intended) to deliver, messages of the measured phase
    ServerFigures server;
    QStringList errorSamples;
};

struct IdleResult {
    bool complete = false;
    int requested = 0;
    quint64 connected = 0;
    int sourceAddresses = 0; ///< distinct local addresses the connections came from
    quint64 errors = 0, disconnects = 0, connectFailures = 0;
    double setupSeconds = 0;   ///< registering devices
    double connectSeconds = 0; ///< connecting and authenticating all of them
    qint64 baselineRssKb = 0, loadedRssKb = 0;
    qint64 benchRssDeltaKb = 0;
    QStringList errorSamples;
};

struct DrainResult {
    bool complete = false;
    int messages = 0;
    quint64 sent = 0, acked = 0, delivered = 0;
    quint64 errors = 0;
    bool synced = false;
    double fillSeconds = 0;
    double drainMs = 0; ///< auth sent to every message received and acked (and synced)
    ServerFigures server;
    QStringList errorSamples;
};

struct FanoutResult {
    bool complete = false;
    int members = 0; ///< the sender included; all online
    int rounds = 0;
    double setupSeconds = 0;
    quint64 delivered = 0, errors = 0, disconnects = 0;
    LatencyHistogram fanout;    ///< per message: send to the last member's deliver
    LatencyHistogram perMember; ///< send to each member's deliver
    LatencyHistogram ack;       ///< send to the sender's ack
    ServerFigures server;       ///< over the measured rounds
    QStringList errorSamples;
};

struct BenchResults {
    std::optional<RelayResult> relay;
    std::optional<IdleResult> idle;
    std::optional<DrainResult> drain;
    std::optional<FanoutResult> fanout;
    int registeredDevices = 0;
    double registrationSeconds = 0;
};

/** A human-readable table of every workload that ran. */
QString formatTable(const BenchResults &results);
/** The same figures as JSON (`--json`). */
QJsonObject toJson(const BenchResults &results);

} // namespace linnet::bench
