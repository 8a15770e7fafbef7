// SPDX-License-Identifier: GPL-3.0-or-later
// linnet-bench: load generator for linnet-server. See docs/benchmarks.md.
#include "BenchOptions.h"
#include "Provisioner.h"
#include "Report.h"
#include "ServerHandle.h"
#include "Workloads.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QThread>

#include <sys/resource.h>

#include <cstdio>

using namespace linnet::bench;

namespace {

/** Default idle connections: what registers in about three minutes here
 * (docs/perf/runs/2026-11-22-first-results.md). */
constexpr int kDefaultIdleConnections = 19000;

/** The bench holds one socket per connection: use the whole (hard) file limit. */
void raiseFileLimit()
{
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

qint64 fileLimit()
{
    rlimit lim{};
    return getrlimit(RLIMIT_NOFILE, &lim) == 0 ? qint64(lim.rlim_cur) : 1024;
}

struct Parsed {
    BenchOptions options;
    QStringList workloads;
    int cryptoIterations = 20000; ///< crypto: messages per phase
    int cryptoSetups = 1000;      ///< crypto: X3DH session setups
    bool ok = true;
};

bool isServerWorkload(const QString &w)
{
    return w == QLatin1String("relay") || w == QLatin1String("idle") ||
           w == QLatin1String("drain") || w == QLatin1String("fanout") ||
           w == QLatin1String("media");
}

Parsed parse(const QCoreApplication &app)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Load generator for linnet-server.\n"
        "Workloads: relay (clients sending to each other), idle (connections held open),\n"
        "drain (an offline device's inbox delivered on connect), fanout (one message to a\n"
        "large group, every member online); default: all four.\n"
        "crypto (end-to-end encryption cost on this machine, no server) and media (attachments\n"
        "encrypted, uploaded, downloaded and decrypted: one 1 GiB file, then 100 x 10 MiB at\n"
        "once) run when named, and so does lan (LAN fallback: two client engines, latency and "
        "rate\n"
        "through the server, then the server killed and the same over the peer link; needs\n"
        "--server-bin)."));
    p.addHelpOption();
    auto opt = [&](const char *name, const char *help, const char *value = nullptr) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help));
        if (value)
            o.setValueName(QString::fromLatin1(value));
        p.addOption(o);
        return o;
    };
    const auto serverBin =
        opt("server-bin", "Start this linnet-server on a free loopback port.", "path");
    const auto serverConfig =
        opt("server-config",
            "A line for the started server's config, e.g. \"commit_thread = off\" (repeatable).",
            "line");
    const auto url = opt("url", "Use a running server (registration must be open).", "ws-url");
    const auto pid = opt("server-pid", "PID of the --url server, for CPU and RSS figures.", "pid");
    const auto dataDir =
        opt("data-dir",
            "Keep the server's data and the device tokens here, so later runs reuse the devices.",
            "dir");
    const auto threads = opt("threads", "Worker event loops (default: one per core).", "n");
    const auto qtDispatcher =
        opt("qt-dispatcher", "Run the workers on Qt's own event dispatcher instead of epoll "
                             "(for comparison; it polls every socket on every turn).");
    const auto sources =
        opt("source-addresses",
            "relay, idle: connect from 127.0.0.1 .. 127.0.0.n, each address with its "
            "own ephemeral ports (server on 127.0.0.0/8; default 1).",
            "n");
    const auto json = opt("json", "Print the results as JSON on stdout.");
    const auto smoke =
        opt("smoke", "Tiny parameters for CI: relay 20 clients 2 s, idle 50, drain 500, "
                     "fanout 32 members 3 rounds.");
    const auto clients = opt("clients", "relay: online clients (default 1000).", "n");
    const auto rate =
        opt("rate", "relay: offered msgs/s in total, 0 = flat out (default 5000).", "n");
    const auto window =
        opt("window", "relay --rate 0: unacked sends per client (default 32).", "n");
    const auto body = opt("body-bytes", "Message body size (default 256).", "n");
    const auto seconds = opt("seconds", "relay: measured seconds (default 10).", "s");
    const auto warmup = opt("warmup", "relay: warm-up seconds (default 2).", "s");
    const auto idle =
        opt("connections",
            "idle: connections to hold (default 19000, or what the file limit allows).", "n");
    const auto hold =
        opt("hold", "idle: seconds to hold them before reading RSS (default 5).", "s");
    const auto messages = opt("messages", "drain: queued messages (default 10000).", "n");
    const auto members =
        opt("members", "fanout: group members, the sender included (default 1024).", "n");
    const auto rounds = opt("rounds", "fanout: measured messages (default 20).", "n");
    const auto parallel =
        opt("register-parallel", "Registrations in flight at once (default 8).", "n");
    const auto mediaBytes =
        opt("media-bytes", "media: the size of the one large file (default 1073741824).", "n");
    const auto mediaTransfers =
        opt("media-transfers", "media: files moved at once (default 100).", "n");
    const auto mediaTransferBytes =
        opt("media-transfer-bytes", "media: the size of each of those (default 10485760).", "n");
    const auto cryptoIterations =
        opt("crypto-iterations", "crypto: messages per phase (default 20000).", "n");
    const auto cryptoSetups =
        opt("crypto-setups", "crypto: X3DH session setups (default 1000).", "n");
    p.addPositionalArgument(QStringLiteral("workload"),
                            QStringLiteral("relay | idle | drain | fanout | crypto | media"),
                            QStringLiteral("[relay|idle|drain|fanout|crypto|media...]"));
    p.process(app);

    Parsed r;
    BenchOptions &o = r.options;
    o.threads = QThread::idealThreadCount();
    o.idleConnections = kDefaultIdleConnections;
    if (p.isSet(smoke)) {
        o.clients = 20;
        o.rate = 200;
        o.seconds = 2;
        o.warmupSeconds = 0.5;
        o.idleConnections = 50;
        o.idleHoldSeconds = 1;
        o.drainMessages = 500;
        o.groupMembers = 32;
        o.fanoutRounds = 3;
        o.lanMessages = 20;
        o.lanBurst = 100;
        r.cryptoIterations = 500;
        r.cryptoSetups = 50;
        o.mediaFileBytes = 8 << 20;
        o.mediaTransfers = 4;
        o.mediaTransferBytes = 1 << 20;
    }
    auto number = [&](const QCommandLineOption &option, auto &out, double min) {
        if (!p.isSet(option))
            return;
        bool ok = false;
        const double v = p.value(option).toDouble(&ok);
        if (!ok || v < min) {
            std::fprintf(stderr, "linnet-bench: --%s needs a number >= %g\n",
                         qPrintable(option.names().constFirst()), min);
            r.ok = false;
            return;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    };
    number(threads, o.threads, 1);
    number(sources, o.sourceAddresses, 1);
    number(clients, o.clients, 2);
    number(rate, o.rate, 0);
    number(window, o.window, 1);
    number(body, o.bodyBytes, 17);
    number(seconds, o.seconds, 0.1);
    number(warmup, o.warmupSeconds, 0);
    number(idle, o.idleConnections, 1);
    number(hold, o.idleHoldSeconds, 0);
    number(messages, o.drainMessages, 1);
    number(members, o.groupMembers, 2);
    number(rounds, o.fanoutRounds, 1);
    number(parallel, o.registerParallel, 1);
    number(mediaBytes, o.mediaFileBytes, 1);
    number(mediaTransfers, o.mediaTransfers, 1);
    number(mediaTransferBytes, o.mediaTransferBytes, 1);
    number(cryptoIterations, r.cryptoIterations, 1);
    number(cryptoSetups, r.cryptoSetups, 1);
    qint64 serverPid = 0;
    number(pid, serverPid, 1);
    o.serverPid = serverPid;
    o.serverBin = p.value(serverBin);
    o.serverConfig = p.values(serverConfig);
    o.url = QUrl(p.value(url));
    o.dataDir = p.value(dataDir);
    o.json = p.isSet(json);
    o.qtDispatcher = p.isSet(qtDispatcher);
    r.workloads = p.positionalArguments();
    if (r.workloads.isEmpty())
        r.workloads = {QStringLiteral("relay"), QStringLiteral("idle"), QStringLiteral("drain"),
                       QStringLiteral("fanout")};
    const bool needsServer =
        std::any_of(r.workloads.cbegin(), r.workloads.cend(), isServerWorkload);
    if (needsServer && o.serverBin.isEmpty() == o.url.isEmpty()) {
        std::fprintf(stderr, "linnet-bench: give exactly one of --server-bin and --url\n");
        r.ok = false;
    }
    for (const QString &w : std::as_const(r.workloads)) {
        if (w == QLatin1String("lan") && o.serverBin.isEmpty()) {
            std::fprintf(stderr, "linnet-bench: lan needs --server-bin (it kills the server)\n");
            r.ok = false;
        }
        if (!isServerWorkload(w) && w != QLatin1String("crypto") && w != QLatin1String("lan")) {
            std::fprintf(stderr, "linnet-bench: unknown workload %s\n", qPrintable(w));
            r.ok = false;
        }
    }
    return r;
}

} // namespace

int main(int argc, char *argv[])
{
    raiseFileLimit(); // before the server starts: it inherits the limit
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("linnet-bench"));
    const Parsed parsed = parse(app);
    if (!parsed.ok)
        return 2;
    BenchOptions o = parsed.options;
    const qint64 limit = fileLimit();
    if (o.idleConnections > limit - 200) {
        progress(QStringLiteral("idle: %1 connections do not fit the file limit %2; using %3")
                     .arg(o.idleConnections)
                     .arg(limit)
                     .arg(limit - 200));
        o.idleConnections = int(limit - 200);
    }

    ServerHandle server;
    const bool needsServer =
        std::any_of(parsed.workloads.cbegin(), parsed.workloads.cend(), isServerWorkload);
    if (needsServer) { // crypto alone needs no server
        if (!o.serverBin.isEmpty()) {
            if (!server.start(o.serverBin, o.dataDir, o.serverConfig)) {
                progress(server.error());
                return 1;
            }
        } else {
            server.attach(o.url, o.serverPid);
        }
        progress(
            QStringLiteral("server %1 (pid %2)").arg(server.url().toString()).arg(server.pid()));
        if (o.sourceAddresses > 1 && loopbackSources(server.url(), o.sourceAddresses).isEmpty()) {
            progress(QStringLiteral("--source-addresses needs a server on 127.0.0.0/8 and at "
                                    "most 254 addresses"));
            return 2;
        }
    }
    const QString cache =
        o.dataDir.isEmpty() ? QString() : server.dataDir() + QStringLiteral("/bench-devices.tsv");
    Provisioner provisioner(server.url(), cache, o.registerParallel);

    BenchResults results;
    std::optional<CryptoResult> crypto;
    std::optional<MediaResult> media;
    std::optional<LanResult> lan;
    int registered = 0;
    double registerSeconds = 0;
    auto noteRegistration = [&] {
        registered += provisioner.registered();
        registerSeconds += provisioner.registrationSeconds();
    };
    bool allOk = true;
    for (const QString &w : parsed.workloads) {
        if (w == QLatin1String("relay")) {
            results.relay = runRelay(o, server, provisioner);
            allOk = allOk && results.relay->complete;
        } else if (w == QLatin1String("idle")) {
            results.idle = runIdle(o, server, provisioner);
            allOk = allOk && results.idle->complete;
        } else if (w == QLatin1String("crypto")) {
            crypto = runCrypto(parsed.cryptoIterations, parsed.cryptoSetups);
            allOk = allOk && crypto->complete;
            continue; // registers nothing
        } else if (w == QLatin1String("media")) {
            media = runMedia(o, server, provisioner);
            allOk = allOk && media->complete;
        } else if (w == QLatin1String("lan")) {
            lan = runLan(o);
            allOk = allOk && lan->complete;
            continue; // its own server and clients
        } else if (w == QLatin1String("fanout")) {
            results.fanout = runFanout(o, server, provisioner);
            allOk = allOk && results.fanout->complete;
        } else {
            results.drain = runDrain(o, server, provisioner);
            allOk = allOk && results.drain->complete;
        }
        noteRegistration();
    }
    results.registeredDevices = registered;
    results.registrationSeconds = registerSeconds;

    const QString table = formatTable(results) + (crypto ? formatCrypto(*crypto) : QString()) +
                          (media ? formatMedia(*media) : QString()) +
                          (lan ? formatLan(*lan) : QString());
    if (o.json) {
        std::fprintf(stderr, "%s", qPrintable(table));
        QJsonObject root = toJson(results);
        if (crypto)
            root.insert(QStringLiteral("crypto"), cryptoJson(*crypto));
        if (media)
            root.insert(QStringLiteral("media"), mediaJson(*media));
        if (lan)
            root.insert(QStringLiteral("lan"), lanJson(*lan));
        root.insert(QStringLiteral("ok"), allOk);
        std::fprintf(stdout, "%s\n",
                     QJsonDocument(root).toJson(QJsonDocument::Indented).constData());
    } else {
        std::fprintf(stdout, "%s", qPrintable(table));
    }
    std::fflush(stdout);
    if (!server.stop())
        progress(QStringLiteral("the server did not stop cleanly"));
    return allOk ? 0 : 1;
}
