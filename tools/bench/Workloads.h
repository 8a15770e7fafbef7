// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchOptions.h"
#include "Provisioner.h"
#include "Report.h"
#include "ServerHandle.h"

#include <QHostAddress>
#include <QList>
#include <QUrl>

namespace linnet::bench {

/** The server workloads; each provisions its devices, runs, and reports. */
RelayResult runRelay(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);
IdleResult runIdle(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);
DrainResult runDrain(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);
FanoutResult runFanout(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);

/** Mean cost of one operation in a crypto phase. */
struct CryptoPhase {
    double wallUs = 0;
    double cpuUs = 0; ///< this thread's CPU time
};

/**
 * The crypto workload: no server, one thread, the SessionCipher API
 * (docs/perf/linnet-bench.md).
 */
struct CryptoResult {
    bool complete = false;
    int iterations = 0;
    int setups = 0;
    int messageBytes = 0;
    CryptoPhase encrypt, decrypt, roundTrip, pingPong; ///< per message
    CryptoPhase initiate, respond;                     ///< per X3DH session setup
    CryptoPhase senderKey; ///< per group message: OwnSenderKey encrypt + ReceivedSenderKeys decrypt
    int senderKeyMessageBytes = 0;
    int envelopeBytes = 0, preKeyEnvelopeBytes = 0, recordBytes = 0;
    QStringList errorSamples;
};
CryptoResult runCrypto(int iterations, int setups);
QString formatCrypto(const CryptoResult &result);
QJsonObject cryptoJson(const CryptoResult &result);

/** Splits @p devices into @p parts contiguous slices; @p firstIndex receives each slice's start. */
std::vector<std::vector<DeviceCredentials>>
splitDevices(const std::vector<DeviceCredentials> &devices, int parts,
             std::vector<int> &firstIndex);

/**
 * The addresses 127.0.0.1 .. 127.0.0.@p count for connections to @p server:
 * empty when @p count is 1 (the kernel chooses), and when the server is not on
 * IPv4 loopback or @p count is above 254.
 */
QList<QHostAddress> loopbackSources(const QUrl &server, int count);

/** Prints a progress line on stderr (never on stdout, which may carry JSON). */
void progress(const QString &line);

} // namespace linnet::bench
