// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventWait.h"
#include "WorkerGroup.h"
#include "Workloads.h"

#include <QElapsedTimer>

namespace linnet::bench {

IdleResult runIdle(const BenchOptions &o, ServerHandle &server, Provisioner &provisioner)
{
    IdleResult r;
    r.requested = o.idleConnections;
    progress(QStringLiteral("idle: provisioning %1 devices").arg(o.idleConnections));
    QElapsedTimer setup;
    setup.start();
    // One device per connection: the server replaces an older connection of the same device.
    const auto devices = provisioner.devices(QStringLiteral("bn"), o.idleConnections,
                                             60000 + o.idleConnections * 500);
    r.setupSeconds = double(setup.nsecsElapsed()) / 1e9;
    if (!devices) {
        r.errorSamples << provisioner.error();
        return r;
    }
    WorkerGroup group(o.threads, o.qtDispatcher);
    LoadCounters &c = group.counters();
    spinFor(500); // let the server settle after registration before the baseline
    const ProcSample base = server.sample();
    const ProcSample benchBase = sampleProcess(0);
    r.baselineRssKb = base.rssKb;

    std::vector<int> first;
    const auto slices = splitDevices(*devices, group.size(), first);
    const QUrl url = server.url();
    const QList<QHostAddress> sources = loopbackSources(url, o.sourceAddresses);
    progress(QStringLiteral("idle: connecting %1").arg(o.idleConnections));
    QElapsedTimer connecting;
    connecting.start();
    group.post([&slices, &first, &sources, url](LoadWorker &w, int i) {
        w.connectAll(url, slices[size_t(i)], first[size_t(i)], 128, sources);
    });
    const auto total = quint64(o.idleConnections);
    const bool up = waitUntil([&] { return c.ready + c.connectFailures >= total; },
                              60000 + o.idleConnections * 20);
    r.connectSeconds = double(connecting.nsecsElapsed()) / 1e9;
    progress(QStringLiteral("idle: %1 connected in %2 s; holding %3 s")
                 .arg(c.ready.load())
                 .arg(r.connectSeconds, 0, 'f', 1)
                 .arg(o.idleHoldSeconds));
    spinFor(int(o.idleHoldSeconds * 1000));
    const ProcSample loaded = server.sample();
    r.loadedRssKb = loaded.rssKb;
    r.benchRssDeltaKb = sampleProcess(0).rssKb - benchBase.rssKb;
    r.connected = c.ready;
    r.sourceAddresses = group.localAddressCount();
    r.errors = c.errors;
    r.disconnects = c.disconnects;
    r.connectFailures = c.connectFailures;
    r.errorSamples = group.errorSamples();
    r.complete =
        up && r.connected == total && r.errors == 0 && r.disconnects == 0 && r.connectFailures == 0;
    group.post([](LoadWorker &w, int) { w.closeAll(); });
    spinFor(500);
    return r;
}

} // namespace linnet::bench
