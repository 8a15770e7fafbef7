// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventWait.h"
#include "WorkerGroup.h"
#include "Workloads.h"

#include <QElapsedTimer>

namespace linnet::bench {

RelayResult runRelay(const BenchOptions &o, ServerHandle &server, Provisioner &provisioner)
{
    RelayResult r;
    r.clients = o.clients;
    r.threads = o.threads;
    r.offeredRate = o.rate;
    r.window = o.window;
    progress(QStringLiteral("relay: provisioning %1 devices").arg(o.clients));
    QElapsedTimer setup;
    setup.start();
    const auto devices =
        provisioner.devices(QStringLiteral("bn"), o.clients, 60000 + o.clients * 500);
    if (!devices) {
        r.errorSamples << provisioner.error();
        return r;
    }
    auto peers = std::make_shared<const std::vector<DeviceCredentials>>(*devices);

    WorkerGroup group(o.threads, o.qtDispatcher);
    LoadCounters &c = group.counters();
    std::vector<int> first;
    const auto slices = splitDevices(*devices, group.size(), first);
    const QUrl url = server.url();
    const QList<QHostAddress> sources = loopbackSources(url, o.sourceAddresses);
    group.post([&slices, &first, &sources, url](LoadWorker &w, int i) {
        w.connectAll(url, slices[size_t(i)], first[size_t(i)], 64, sources);
    });
    const auto total = quint64(o.clients);
    const bool up = waitUntil([&] { return c.ready + c.connectFailures >= total; }, 120000);
    r.setupSeconds = double(setup.nsecsElapsed()) / 1e9;
    if (!up || c.ready != total) {
        r.connectFailures = c.connectFailures;
        r.errorSamples
            << QStringLiteral("only %1 of %2 clients authenticated").arg(c.ready.load()).arg(total);
        r.errorSamples += group.errorSamples();
        group.post([](LoadWorker &w, int) { w.closeAll(); });
        spinFor(200);
        return r;
    }
    r.sourceAddresses = group.localAddressCount();
    progress(QStringLiteral("relay: %1 clients online; warm-up %2 s, measuring %3 s")
                 .arg(total)
                 .arg(o.warmupSeconds)
                 .arg(o.seconds));

    c.phase = int(Phase::Warmup);
    std::shared_ptr<const std::vector<DeviceCredentials>> constPeers = peers;
    if (o.rate > 0) {
        const double perWorker = o.rate / group.size();
        const qint64 start = LoadWorker::nowNs();
        group.post([=](LoadWorker &w, int) {
            w.startOpenLoop(constPeers, perWorker, start, o.bodyBytes);
        });
    } else {
        group.post([=](LoadWorker &w, int) { w.startFlatOut(constPeers, o.window, o.bodyBytes); });
    }
    spinFor(int(o.warmupSeconds * 1000));

    const ProcSample s0 = server.sample();
    const ProcSample b0 = sampleProcess(0);
    const quint64 delivered0 = c.delivered;
    QElapsedTimer window;
    window.start();
    c.phase = int(Phase::Measure);
    spinFor(int(o.seconds * 1000));
    c.phase = int(Phase::Stopped);
    const quint64 delivered1 = c.delivered;
    r.seconds = double(window.nsecsElapsed()) / 1e9;
    const ProcSample s1 = server.sample();
    const ProcSample b1 = sampleProcess(0);
    group.post([](LoadWorker &w, int) { w.stopSending(); });

    r.deliveredInWindow = delivered1 - delivered0;
    r.server.cpuSeconds = s1.cpuSeconds - s0.cpuSeconds;
    r.server.rssKb = s1.rssKb;
    r.server.benchCpuSeconds = b1.cpuSeconds - b0.cpuSeconds;

    // Everything sent must be acked and delivered before the run counts as complete.
    spinFor(50);
    const bool drained = waitUntil(
        [&] { return c.acked + c.errors >= c.sent && c.delivered >= c.acked; }, 30000, 10);
    spinFor(100); // the last receipts and deliver_acks
    r.sent = c.sent;
    r.acked = c.acked;
    r.delivered = c.delivered;
    r.receipts = c.receipts;
    r.receiptsInAcks = c.receiptsInAcks;
    r.errors = c.errors;
    r.disconnects = c.disconnects;
    r.connectFailures = c.connectFailures;
    r.latency = group.mergedHistogram();
    r.errorSamples = group.errorSamples();
    r.complete = drained && r.errors == 0 && r.disconnects == 0 && r.delivered == r.sent &&
                 r.acked == r.sent && r.latency.count() > 0;
    group.post([](LoadWorker &w, int) { w.closeAll(); });
    spinFor(200);
    return r;
}

} // namespace linnet::bench
