// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventWait.h"
#include "LoadWorker.h"
#include "Workloads.h"

#include "protocol/Limits.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>

namespace linnet::bench {

using namespace linnet::protocol;

namespace {
/** Sends the sender keeps waiting for their acks while filling the inbox. */
constexpr quint64 kFillWindow = 1000;
} // namespace

DrainResult runDrain(const BenchOptions &o, ServerHandle &server, Provisioner &provisioner)
{
    DrainResult r;
    r.messages = o.drainMessages;
    const auto total = quint64(o.drainMessages);
    // Fresh accounts every run, so the recipient's inbox holds exactly these messages.
    const QString prefix =
        QStringLiteral("dr%1").arg(QRandomGenerator::global()->generate() % 1000000);
    const auto devices = provisioner.devices(prefix, 2, 60000);
    if (!devices) {
        r.errorSamples << provisioner.error();
        return r;
    }
    const DeviceCredentials sender = devices->at(0);
    const DeviceCredentials recipient = devices->at(1);
    const QUrl url = server.url();

    // Fill: one sender, a window of sends in flight, every one acked.
    progress(QStringLiteral("drain: queueing %1 messages for an offline device").arg(total));
    QElapsedTimer fill;
    fill.start();
    {
        BenchConnection conn;
        bool authed = false;
        quint64 nextId = 1;
        const QByteArray body(std::max(o.bodyBytes, 17), 'd');
        auto sendNext = [&] {
            SendRequest req;
            req.requestId = quint32(nextId);
            req.id = MessageId::generate();
            req.to = recipient.username;
            req.copies = {
                DeviceCopy{recipient.deviceId, benchRegistrationId(recipient.deviceId), body}};
            conn.send(req);
            ++nextId;
            ++r.sent;
        };
        conn.setConnectedHandler([&] { conn.send(AuthRequest{1, sender.deviceId, sender.token}); });
        conn.setFrameHandler([&](const Frame &f) {
            if (std::holds_alternative<AuthOk>(f)) {
                authed = true;
                while (r.sent < std::min(total, kFillWindow))
                    sendNext();
            } else if (std::holds_alternative<SendAck>(f)) {
                ++r.acked;
                if (r.sent < total)
                    sendNext();
            } else if (const auto *e = std::get_if<ErrorFrame>(&f)) {
                ++r.errors;
                if (r.errorSamples.size() < 5)
                    r.errorSamples
                        << QStringLiteral("fill: error %1: %2").arg(int(e->code)).arg(e->reason);
            } else if (const auto *d = std::get_if<Receipt>(&f)) {
                conn.send(DeliverAck{{d->entry}});
            }
        });
        conn.open(url);
        const bool filled = waitUntil([&] { return r.acked + r.errors >= total; }, 120000, 2);
        conn.close();
        if (!filled || !authed) {
            r.errorSamples << QStringLiteral("fill: %1 of %2 acked").arg(r.acked).arg(total);
            return r;
        }
    }
    r.fillSeconds = double(fill.nsecsElapsed()) / 1e9;
    spinFor(300); // the sender's close and any last commit settle before measuring

    // Drain: the recipient connects, authenticates and acks in batches like a client.
    progress(QStringLiteral("drain: recipient connecting"));
    BenchConnection conn;
    QElapsedTimer clock;
    QList<quint64> pending;
    quint64 ackedEntries = 0;
    bool flushScheduled = false;
    qint64 doneNs = 0;
    auto checkDone = [&] {
        if (!doneNs && r.synced && r.delivered >= total && ackedEntries >= r.delivered)
            doneNs = clock.nsecsElapsed();
    };
    auto flush = [&] {
        flushScheduled = false;
        if (pending.isEmpty())
            return;
        conn.send(DeliverAck{pending});
        ackedEntries += quint64(pending.size());
        pending.clear();
        checkDone();
    };
    ProcSample s0;
    ProcSample b0;
    conn.setConnectedHandler([&] {
        s0 = server.sample();
        b0 = sampleProcess(0);
        clock.start();
        conn.send(AuthRequest{1, recipient.deviceId, recipient.token});
    });
    conn.setFrameHandler(
        [&](const Frame &f) {
            if (const auto *d = std::get_if<Deliver>(&f)) {
                ++r.delivered;
                pending.append(d->entry);
                if (pending.size() >= kMaxAckEntries)
                    flush();
                else if (!flushScheduled) {
                    flushScheduled = true;
                    QTimer::singleShot(0, &conn, flush);
                }
            } else if (std::holds_alternative<Synced>(f)) {
                r.synced = true;
                checkDone();
            } else if (const auto *e = std::get_if<ErrorFrame>(&f)) {
                ++r.errors;
                if (r.errorSamples.size() < 5)
                    r.errorSamples
                        << QStringLiteral("drain: error %1: %2").arg(int(e->code)).arg(e->reason);
            }
        });
    conn.open(url);
    const bool drained = waitUntil([&] { return doneNs != 0; }, 120000, 1);
    const ProcSample s1 = server.sample();
    const ProcSample b1 = sampleProcess(0);
    r.drainMs = drained ? double(doneNs) / 1e6 : 0;
    r.server.cpuSeconds = s1.cpuSeconds - s0.cpuSeconds;
    r.server.rssKb = s1.rssKb;
    r.server.benchCpuSeconds = b1.cpuSeconds - b0.cpuSeconds;
    spinFor(100);
    conn.close();
    spinFor(50);
    r.complete = drained && r.errors == 0 && r.acked == total && r.delivered == total;
    return r;
}

} // namespace linnet::bench
