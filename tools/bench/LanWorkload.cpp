// SPDX-License-Identifier: GPL-3.0-or-later
// lan: LAN fallback (docs/protocol.md 12) measured with two real client engines on this
// machine: one-to-one latency and throughput through the server, then the server is
// killed and the same over the peer link (discovery on loopback), with the time from the
// kill to the first message delivered on the LAN (docs/benchmarks.md, "LAN fallback").
#include "EventWait.h"
#include "LatencyHistogram.h"
#include "Workloads.h"

#include "ChatClient.h"
#include "e2e/MemorySecretStore.h"
#include "store/LocalStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUdpSocket>

#include <memory>

namespace linnet::bench {

using namespace linnet::client;

namespace {

constexpr int kWaitMs = 60000;

/** One installation: its database, in-memory secrets and engine. */
struct Engine {
    QString name;
    std::unique_ptr<LocalStore> store;
    MemorySecretStore secrets;
    std::unique_ptr<ChatClient> client;
    int received = 0;
};

quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::AnyIPv4, 0, QUdpSocket::DontShareAddress);
    return probe.localPort();
}

std::unique_ptr<Engine> makeEngine(const QString &dir, const QString &name, quint16 lanPort)
{
    auto e = std::make_unique<Engine>();
    e->name = name;
    QDir().mkpath(dir);
    e->store = std::make_unique<LocalStore>(dir + QStringLiteral("/linnet.db"));
    if (!e->store->open())
        return nullptr;
    ChatClient::Options o;
    o.lan.enabled = true; // the protocol's defaults (2 s interval, 3 s dial delay), on lo
    o.lan.discovery.port = lanPort;
    o.lan.discovery.interfaces = {QStringLiteral("lo")};
    o.lan.discovery.ipv6 = false;
    o.lan.discovery.extraBroadcastAddresses = {QHostAddress(QStringLiteral("127.255.255.255"))};
    e->client = std::make_unique<ChatClient>(*e->store, e->secrets, o);
    QObject::connect(e->client.get(), &ChatClient::messageAdded,
                     [raw = e.get()](const ChatMessage &m) {
                         if (!m.outgoing)
                             ++raw->received;
                     });
    return e;
}

/** One message at a time from @p from to @p to: each waits for the previous delivery. */
bool pingOneByOne(Engine &from, Engine &to, int count, LatencyHistogram &latency)
{
    for (int i = 0; i < count; ++i) {
        const int before = to.received;
        QElapsedTimer t;
        t.start();
        from.client->sendText(to.name, QStringLiteral("latency %1").arg(i));
        if (!waitUntil([&] { return to.received > before; }, kWaitMs, 0))
            return false;
        latency.record(t.nsecsElapsed());
    }
    return true;
}

/** @p count messages at once; messages per second until the last is delivered. */
double burst(Engine &from, Engine &to, int count)
{
    const int before = to.received;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < count; ++i)
        from.client->sendText(to.name, QStringLiteral("burst %1").arg(i));
    if (!waitUntil([&] { return to.received >= before + count; }, 10 * kWaitMs, 0))
        return 0;
    return count / (double(t.nsecsElapsed()) / 1e9);
}

bool measurePath(Engine &ana, Engine &ben, const BenchOptions &o, LanPath &path)
{
    return pingOneByOne(ana, ben, o.lanMessages, path.latency) &&
           (path.messagesPerSecond = burst(ana, ben, o.lanBurst)) > 0;
}

QString ms(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 2);
}

QJsonObject pathJson(const LanPath &p)
{
    return {{QStringLiteral("p50_ms"), double(p.latency.valueAt(0.5)) / 1e6},
            {QStringLiteral("p99_ms"), double(p.latency.valueAt(0.99)) / 1e6},
            {QStringLiteral("max_ms"), double(p.latency.max()) / 1e6},
            {QStringLiteral("messages_per_second"), p.messagesPerSecond}};
}

} // namespace

LanResult runLan(const BenchOptions &o)
{
    LanResult r;
    QTemporaryDir root;
    ServerHandle server;
    if (o.serverBin.isEmpty() || !root.isValid() ||
        !server.start(o.serverBin, root.filePath(QStringLiteral("server")))) {
        r.errorSamples << QStringLiteral("lan needs --server-bin (it kills the server): %1")
                              .arg(server.error());
        return r;
    }
    const quint16 lanPort = freeUdpPort();
    auto ana = makeEngine(root.filePath(QStringLiteral("ana")), QStringLiteral("lanana"), lanPort);
    auto ben = makeEngine(root.filePath(QStringLiteral("ben")), QStringLiteral("lanben"), lanPort);
    if (!ana || !ben) {
        r.errorSamples << QStringLiteral("cannot open the clients' databases");
        return r;
    }
    int ready = 0;
    for (Engine *e : {ana.get(), ben.get()}) {
        QObject::connect(e->client.get(), &ChatClient::keysPublished, [&ready] { ++ready; });
        e->client->registerAccount(server.url(), e->name, QStringLiteral("bench password"));
    }
    // A message each way: both know the other's device and have a session.
    if (!waitUntil([&] { return ready >= 2; }, kWaitMs) ||
        !pingOneByOne(*ana, *ben, 1, r.server.latency) ||
        !pingOneByOne(*ben, *ana, 1, r.server.latency)) {
        r.errorSamples << QStringLiteral("the clients did not get ready through the server");
        return r;
    }
    r.server.latency = {};
    progress(QStringLiteral("lan: through the server"));
    if (!measurePath(*ana, *ben, o, r.server)) {
        r.errorSamples << QStringLiteral("through the server: not everything was delivered");
        return r;
    }

    progress(QStringLiteral("lan: server killed; the same over the peer link"));
    const int before = ben->received;
    QElapsedTimer sinceKill;
    server.kill();
    sinceKill.start();
    ana->client->sendText(ben->name, QStringLiteral("first on the LAN"));
    if (!waitUntil([&] { return ben->received > before; }, kWaitMs, 0)) {
        r.errorSamples << QStringLiteral("no delivery on the LAN after the server was killed");
        return r;
    }
    r.killToFirstLanMs = double(sinceKill.nsecsElapsed()) / 1e6;
    if (!measurePath(*ana, *ben, o, r.lan)) {
        r.errorSamples << QStringLiteral("over the LAN: not everything was delivered");
        return r;
    }
    r.complete = true;
    return r;
}

QString formatLan(const LanResult &r)
{
    QString out;
    QTextStream s(&out);
    s << "\nlan (two client engines on this machine, one-to-one, loopback)\n";
    if (!r.complete) {
        s << "  incomplete: " << r.errorSamples.join(QStringLiteral("; ")) << "\n";
        return out;
    }
    s << "  server killed -> first message delivered on the LAN  "
      << QString::number(r.killToFirstLanMs, 'f', 0) << " ms\n";
    for (const auto &[name, p] :
         {std::pair{"via the server", &r.server}, std::pair{"via the LAN   ", &r.lan}})
        s << "  " << name << "  latency p50 " << ms(p->latency.valueAt(0.5)) << "  p99 "
          << ms(p->latency.valueAt(0.99)) << "  max " << ms(p->latency.max()) << " ms ("
          << p->latency.count() << " one at a time)  burst "
          << QString::number(p->messagesPerSecond, 'f', 0) << " msgs/s\n";
    return out;
}

QJsonObject lanJson(const LanResult &r)
{
    return {{QStringLiteral("complete"), r.complete},
            {QStringLiteral("kill_to_first_lan_ms"), r.killToFirstLanMs},
            {QStringLiteral("server"), pathJson(r.server)},
            {QStringLiteral("lan"), pathJson(r.lan)},
            {QStringLiteral("errors"), QJsonArray::fromStringList(r.errorSamples)}};
}

} // namespace linnet::bench
