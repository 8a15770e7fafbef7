// SPDX-License-Identifier: GPL-3.0-or-later
// fanout: one member of a large group sends, every other member is online; how long
// until the last of them has the message (docs/perf/linnet-bench.md).
#include "EventWait.h"
#include "WorkerGroup.h"
#include "Workloads.h"

#include "protocol/Limits.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>
#include <QtEndian>

#include <cstring>

namespace linnet::bench {

using namespace linnet::protocol;

namespace {

constexpr quint32 kCreateRequest = 2;

/** A group message body as LoadWorker reads it: send time, phase marker, padding. */
QByteArray fanoutBody(qint64 sentNs, bool measured, int bytes)
{
    QByteArray body(std::max(bytes, 17), 'f');
    qToLittleEndian<qint64>(sentNs, body.data());
    body[8] = measured ? 'M' : 'W';
    return body;
}

MessageId roundId(quint64 nonce, int round)
{
    std::array<char, MessageId::kSize> id{};
    id[0] = 'F';
    std::memcpy(id.data() + 1, &nonce, 7);
    const auto r = quint32(round + 1);
    std::memcpy(id.data() + 8, &r, sizeof r);
    return *MessageId::fromBytes(QByteArrayView(id.data(), id.size()));
}

} // namespace

FanoutResult runFanout(const BenchOptions &o, ServerHandle &server, Provisioner &provisioner)
{
    FanoutResult r;
    r.members = o.groupMembers;
    r.rounds = o.fanoutRounds;
    const auto others = quint64(o.groupMembers - 1);
    QElapsedTimer setup;
    setup.start();
    const quint64 nonce = QRandomGenerator::global()->generate64();
    // With --data-dir the same accounts serve every run (a new group each time), so
    // only the first run pays for registering them.
    const QString prefix = o.dataDir.isEmpty() ? QStringLiteral("fo%1").arg(nonce % 1000000)
                                               : QStringLiteral("fo%1m").arg(o.groupMembers);
    progress(QStringLiteral("fanout: provisioning %1 devices").arg(o.groupMembers));
    const auto devices = provisioner.devices(prefix, o.groupMembers, 60000 + o.groupMembers * 500);
    if (!devices) {
        r.errorSamples << provisioner.error();
        return r;
    }
    const DeviceCredentials owner = devices->front();
    const std::vector<DeviceCredentials> members(devices->begin() + 1, devices->end());

    // The owner creates the group with everyone in it, and stays connected to send.
    BenchConnection conn;
    qint64 conversation = 0;
    qint64 ackedNs = 0;
    // The owner acks its inbox (events, the members' receipts) in batches, like a client.
    QList<quint64> pendingAcks;
    bool flushScheduled = false;
    auto ack = [&](quint64 entry) {
        pendingAcks.append(entry);
        if (pendingAcks.size() >= kMaxAckEntries) {
            conn.send(DeliverAck{pendingAcks});
            pendingAcks.clear();
        }
        if (!flushScheduled) {
            flushScheduled = true;
            QTimer::singleShot(0, &conn, [&] {
                flushScheduled = false;
                if (!pendingAcks.isEmpty())
                    conn.send(DeliverAck{pendingAcks});
                pendingAcks.clear();
            });
        }
    };
    conn.setConnectedHandler([&] { conn.send(AuthRequest{1, owner.deviceId, owner.token}); });
    conn.setFrameHandler([&](const Frame &f) {
        if (std::holds_alternative<AuthOk>(f)) {
            GroupCreate create{kCreateRequest, QStringLiteral("bench %1").arg(prefix), {}};
            for (const DeviceCredentials &m : members)
                create.members.append(m.username);
            conn.send(create);
        } else if (const auto *g = std::get_if<GroupInfo>(&f)) {
            if (g->requestId == kCreateRequest)
                conversation = g->conversation;
        } else if (const auto *e = std::get_if<GroupEvent>(&f)) {
            ack(e->entry);
        } else if (const auto *rc = std::get_if<Receipt>(&f)) {
            ack(rc->entry);
        } else if (std::holds_alternative<SendAck>(f)) {
            ackedNs = LoadWorker::nowNs();
        } else if (const auto *err = std::get_if<ErrorFrame>(&f)) {
            ++r.errors;
            if (r.errorSamples.size() < 5)
                r.errorSamples
                    << QStringLiteral("owner: error %1: %2").arg(int(err->code)).arg(err->reason);
        }
    });
    conn.open(server.url());
    if (!waitUntil([&] { return conversation != 0 || r.errors > 0; }, 60000) || !conversation) {
        r.errorSamples << QStringLiteral("the group of %1 was not created").arg(o.groupMembers);
        return r;
    }

    WorkerGroup group(o.threads, o.qtDispatcher);
    LoadCounters &c = group.counters();
    std::vector<int> first;
    const auto slices = splitDevices(members, group.size(), first);
    const QUrl url = server.url();
    group.post([&slices, &first, url](LoadWorker &w, int i) {
        w.connectAll(url, slices[size_t(i)], first[size_t(i)], 64);
    });
    const bool up = waitUntil([&] { return c.ready + c.connectFailures >= others; }, 120000);
    r.setupSeconds = double(setup.nsecsElapsed()) / 1e9;
    auto finish = [&] {
        r.errorSamples += group.errorSamples();
        r.errors += c.errors;
        r.disconnects = c.disconnects;
        group.post([](LoadWorker &w, int) { w.closeAll(); });
        conn.close();
        spinFor(200);
    };
    if (!up || c.ready != others) {
        r.errorSamples << QStringLiteral("only %1 of %2 members authenticated")
                              .arg(c.ready.load())
                              .arg(others);
        finish();
        return r;
    }
    progress(QStringLiteral("fanout: %1 members online; %2 rounds").arg(others + 1).arg(r.rounds));

    // One message at a time: sent, then waited for on every other member's device.
    auto sendRound = [&](int round, bool measured) {
        const quint64 target = c.delivered + others;
        c.lastDeliverNs = 0;
        ackedNs = 0;
        const qint64 sentNs = LoadWorker::nowNs();
        SendRequest send;
        send.requestId = quint32(10 + round);
        send.id = roundId(nonce, round);
        send.group = conversation;
        send.body = fanoutBody(sentNs, measured, o.bodyBytes);
        conn.send(send);
        if (!waitUntil([&] { return c.delivered >= target && ackedNs != 0; }, 30000, 1))
            return false;
        if (measured) {
            r.fanout.record(c.lastDeliverNs - sentNs);
            r.ack.record(ackedNs - sentNs);
        }
        return true;
    };
    bool ok = sendRound(-1, false); // warm-up: caches, statement plans
    const ProcSample s0 = server.sample();
    for (int i = 0; ok && i < r.rounds; ++i)
        ok = sendRound(i, true);
    const ProcSample s1 = server.sample();
    r.server.cpuSeconds = s1.cpuSeconds - s0.cpuSeconds;
    r.server.rssKb = s1.rssKb;
    r.delivered = c.delivered;
    r.perMember = group.mergedHistogram();
    if (!ok)
        r.errorSamples
            << QStringLiteral("a round did not reach all %1 members in 30 s").arg(others);
    finish();
    r.complete = ok && r.errors == 0 && r.disconnects == 0 && r.fanout.count() == quint64(r.rounds);
    return r;
}

} // namespace linnet::bench
