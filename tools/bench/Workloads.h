// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchOptions.h"
#include "LatencyHistogram.h"
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

/** What one phase of the media workload cost (wall time, CPU of both sides, peak RSS). */
struct MediaCost {
    double seconds = 0;
    double serverCpuSeconds = 0;
    double clientCpuSeconds = 0; ///< this process: encrypting, hashing, decrypting, sockets
    qint64 serverRssBeforeKb = 0, serverPeakKb = 0; ///< VmRSS at the start, VmHWM over the phase
    qint64 clientRssBeforeKb = 0, clientPeakKb = 0;
    quint64 throughServerBytes = 0; ///< blob bytes the server received plus sent
};

/** @p transfers attachments of @p plainBytes each, all at once, through the whole path. */
struct MediaRound {
    int transfers = 0;
    quint64 plainBytes = 0;
    quint64 blobBytes = 0; ///< each
    MediaCost upload;      ///< encrypt + media_upload + PUT
    MediaCost download;    ///< send with media + media_download + GET, decrypted as it comes
    MediaCost decrypt;     ///< the hash check and the move of each file into place
    MediaCost endToEnd;    ///< all three (peaks: the largest phase's)
};

/** The media workload (docs/benchmarks.md): one large file, then many at once. */
struct MediaResult {
    bool complete = false;
    MediaRound large, many;
    QStringList errorSamples;
};
MediaResult runMedia(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);
QString formatMedia(const MediaResult &result);
QJsonObject mediaJson(const MediaResult &result);

/** One path of the lan workload: latency one message at a time, and a burst's rate. */
struct LanPath {
    LatencyHistogram latency; ///< send to the recipient's engine storing it
    double messagesPerSecond = 0;
};

/** The lan workload (docs/benchmarks.md, "LAN fallback"): its own server, which it kills. */
struct LanResult {
    bool complete = false;
    double killToFirstLanMs = 0; ///< SIGKILL of the server to the first delivery on the LAN
    LanPath server, lan;
    QStringList errorSamples;
};
LanResult runLan(const BenchOptions &options);
QString formatLan(const LanResult &result);
QJsonObject lanJson(const LanResult &result);

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
