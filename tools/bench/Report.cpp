// SPDX-License-Identifier: GPL-3.0-or-later
#include "Report.h"

#include <QTextStream>

namespace linnet::bench {

namespace {

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

double perConnectionBytes(const IdleResult &r)
{
    return r.connected ? double(r.loadedRssKb - r.baselineRssKb) * 1024.0 / double(r.connected) : 0;
}

double cpuUsPerMessage(const ServerFigures &s, quint64 messages)
{
    return messages ? s.cpuSeconds * 1e6 / double(messages) : 0;
}

QJsonObject latencyJson(const LatencyHistogram &h)
{
    return {{QStringLiteral("count"), double(h.count())},
            {QStringLiteral("p50_ms"), ms(h.valueAt(0.5))},
            {QStringLiteral("p90_ms"), ms(h.valueAt(0.9))},
            {QStringLiteral("p99_ms"), ms(h.valueAt(0.99))},
            {QStringLiteral("p999_ms"), ms(h.valueAt(0.999))},
            {QStringLiteral("max_ms"), ms(h.max())},
            {QStringLiteral("mean_ms"), h.mean() / 1e6}};
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QString formatTable(const BenchResults &r)
{
    QString text;
    QTextStream out(&text);
    out.setRealNumberNotation(QTextStream::FixedNotation);
    if (r.registeredDevices)
        out << "setup: registered " << r.registeredDevices << " devices in "
            << qSetRealNumberPrecision(1) << r.registrationSeconds << " s ("
            << r.registeredDevices / std::max(r.registrationSeconds, 1e-9) << "/s)\n";
    if (const auto &x = r.relay) {
        const double rate = x->seconds > 0 ? double(x->deliveredInWindow) / x->seconds : 0;
        out << "\nrelay  " << x->clients << " clients, " << x->threads << " threads, "
            << (x->offeredRate > 0 ? QStringLiteral("offered %1 msgs/s").arg(x->offeredRate)
                                   : QStringLiteral("flat out, window %1").arg(x->window))
            << ", " << qSetRealNumberPrecision(1) << x->seconds << " s measured, from "
            << x->sourceAddresses << (x->sourceAddresses == 1 ? " address\n" : " addresses\n");
        out << "  delivered        " << qSetRealNumberPrecision(0) << rate << " msgs/s\n";
        out << qSetRealNumberPrecision(2);
        out << "  latency ms       p50 " << ms(x->latency.valueAt(0.5)) << "  p90 "
            << ms(x->latency.valueAt(0.9)) << "  p99 " << ms(x->latency.valueAt(0.99)) << "  p99.9 "
            << ms(x->latency.valueAt(0.999)) << "  max " << ms(x->latency.max())
            << "  (n=" << x->latency.count() << ")\n";
        out << qSetRealNumberPrecision(1);
        out << "  server CPU       " << cpuUsPerMessage(x->server, x->deliveredInWindow)
            << " us/msg, " << x->server.cpuSeconds / std::max(x->seconds, 1e-9) * 100
            << " % of a core; bench CPU "
            << x->server.benchCpuSeconds / std::max(x->seconds, 1e-9) * 100 << " %\n";
        out << "  server RSS       " << double(x->server.rssKb) / 1024 << " MiB\n";
        out << "  totals           sent " << x->sent << ", acked " << x->acked << ", delivered "
            << x->delivered << ", receipts " << x->receipts << " (" << x->receiptsInAcks
            << " in acks)\n";
        out << "  errors           " << x->errors << " error frames, " << x->disconnects
            << " disconnects, " << x->connectFailures << " failed connects"
            << (x->complete ? "" : "  ** INCOMPLETE **") << "\n";
    }
    if (const auto &x = r.idle) {
        const double per = perConnectionBytes(*x);
        out << "\nidle   " << x->connected << " of " << x->requested
            << " connections authenticated in " << qSetRealNumberPrecision(1) << x->connectSeconds
            << " s, from " << x->sourceAddresses
            << (x->sourceAddresses == 1 ? " address\n" : " addresses\n");
        out << "  server RSS       " << double(x->baselineRssKb) / 1024 << " MiB -> "
            << double(x->loadedRssKb) / 1024 << " MiB\n";
        out << "  per connection   " << qSetRealNumberPrecision(0) << per << " bytes ("
            << qSetRealNumberPrecision(2) << per / 1024 << " KiB); 1,000,000 connections ~ "
            << per * 1e6 / (1024.0 * 1024 * 1024) << " GiB\n";
        out << "  bench RSS        " << qSetRealNumberPrecision(0)
            << (x->connected ? double(x->benchRssDeltaKb) * 1024 / double(x->connected) : 0)
            << " bytes per connection on the client side\n";
        out << "  errors           " << x->errors << " error frames, " << x->disconnects
            << " disconnects, " << x->connectFailures << " failed connects"
            << (x->complete ? "" : "  ** INCOMPLETE **") << "\n";
    }
    if (const auto &x = r.drain) {
        out << "\ndrain  " << x->messages << " queued messages (filled in "
            << qSetRealNumberPrecision(2) << x->fillSeconds << " s)\n";
        out << "  drained in       " << qSetRealNumberPrecision(1) << x->drainMs << " ms, "
            << qSetRealNumberPrecision(0)
            << (x->drainMs > 0 ? double(x->delivered) / (x->drainMs / 1000) : 0) << " msgs/s\n";
        out << qSetRealNumberPrecision(1) << "  server CPU       "
            << cpuUsPerMessage(x->server, x->delivered) << " us/msg drained\n";
        out << "  totals           sent " << x->sent << ", acked " << x->acked << ", delivered "
            << x->delivered << (x->synced ? ", synced" : ", NOT synced") << ", errors " << x->errors
            << (x->complete ? "" : "  ** INCOMPLETE **") << "\n";
    }
    if (const auto &x = r.fanout) {
        out << "\nfanout " << x->members << " members online, " << x->rounds
            << " messages one at a time\n";
        out << qSetRealNumberPrecision(2);
        out << "  to all members   p50 " << ms(x->fanout.valueAt(0.5)) << "  p90 "
            << ms(x->fanout.valueAt(0.9)) << "  max " << ms(x->fanout.max()) << " ms\n";
        out << "  per member       p50 " << ms(x->perMember.valueAt(0.5)) << "  p99 "
            << ms(x->perMember.valueAt(0.99)) << " ms (n=" << x->perMember.count() << ")\n";
        out << "  sender's ack     p50 " << ms(x->ack.valueAt(0.5)) << "  max " << ms(x->ack.max())
            << " ms\n";
        out << qSetRealNumberPrecision(1) << "  server CPU       "
            << (x->rounds ? x->server.cpuSeconds * 1e3 / x->rounds : 0) << " ms/message, "
            << cpuUsPerMessage(x->server, quint64(x->rounds) * quint64(std::max(0, x->members - 1)))
            << " us per member copy\n";
        out << "  errors           " << x->errors << " error frames, " << x->disconnects
            << " disconnects" << (x->complete ? "" : "  ** INCOMPLETE **") << "\n";
    }
    auto samples = [&](const QStringList &s) {
        for (const QString &e : s)
            out << "  ! " << e << "\n";
    };
    if (r.relay)
        samples(r.relay->errorSamples);
    if (r.idle)
        samples(r.idle->errorSamples);
    if (r.drain)
        samples(r.drain->errorSamples);
    if (r.fanout)
        samples(r.fanout->errorSamples);
    return text;
}

QJsonObject toJson(const BenchResults &r)
{
    QJsonObject root{{QStringLiteral("registered_devices"), r.registeredDevices},
                     {QStringLiteral("registration_seconds"), r.registrationSeconds}};
    if (const auto &x = r.relay) {
        root.insert(QStringLiteral("relay"),
                    QJsonObject{{QStringLiteral("complete"), x->complete},
                                {QStringLiteral("clients"), x->clients},
                                {QStringLiteral("threads"), x->threads},
                                {QStringLiteral("offered_rate"), x->offeredRate},
                                {QStringLiteral("window"), x->window},
                                {QStringLiteral("source_addresses"), x->sourceAddresses},
                                {QStringLiteral("seconds"), x->seconds},
                                {QStringLiteral("sent"), double(x->sent)},
                                {QStringLiteral("acked"), double(x->acked)},
                                {QStringLiteral("delivered"), double(x->delivered)},
                                {QStringLiteral("receipts"), double(x->receipts)},
                                {QStringLiteral("receipts_in_acks"), double(x->receiptsInAcks)},
                                {QStringLiteral("errors"), double(x->errors)},
                                {QStringLiteral("disconnects"), double(x->disconnects)},
                                {QStringLiteral("connect_failures"), double(x->connectFailures)},
                                {QStringLiteral("delivered_per_second"),
                                 x->seconds > 0 ? double(x->deliveredInWindow) / x->seconds : 0},
                                {QStringLiteral("latency"), latencyJson(x->latency)},
                                {QStringLiteral("server_cpu_us_per_msg"),
                                 cpuUsPerMessage(x->server, x->deliveredInWindow)},
                                {QStringLiteral("server_cpu_seconds"), x->server.cpuSeconds},
                                {QStringLiteral("server_rss_kb"), double(x->server.rssKb)},
                                {QStringLiteral("bench_cpu_seconds"), x->server.benchCpuSeconds},
                                {QStringLiteral("error_samples"), toArray(x->errorSamples)}});
    }
    if (const auto &x = r.idle) {
        root.insert(QStringLiteral("idle"),
                    QJsonObject{{QStringLiteral("complete"), x->complete},
                                {QStringLiteral("requested"), x->requested},
                                {QStringLiteral("connections"), double(x->connected)},
                                {QStringLiteral("source_addresses"), x->sourceAddresses},
                                {QStringLiteral("errors"), double(x->errors)},
                                {QStringLiteral("disconnects"), double(x->disconnects)},
                                {QStringLiteral("connect_failures"), double(x->connectFailures)},
                                {QStringLiteral("connect_seconds"), x->connectSeconds},
                                {QStringLiteral("baseline_rss_kb"), double(x->baselineRssKb)},
                                {QStringLiteral("loaded_rss_kb"), double(x->loadedRssKb)},
                                {QStringLiteral("bytes_per_connection"), perConnectionBytes(*x)},
                                {QStringLiteral("projected_gib_per_million"),
                                 perConnectionBytes(*x) * 1e6 / (1024.0 * 1024 * 1024)},
                                {QStringLiteral("error_samples"), toArray(x->errorSamples)}});
    }
    if (const auto &x = r.drain) {
        root.insert(QStringLiteral("drain"),
                    QJsonObject{{QStringLiteral("complete"), x->complete},
                                {QStringLiteral("messages"), x->messages},
                                {QStringLiteral("sent"), double(x->sent)},
                                {QStringLiteral("acked"), double(x->acked)},
                                {QStringLiteral("delivered"), double(x->delivered)},
                                {QStringLiteral("synced"), x->synced},
                                {QStringLiteral("errors"), double(x->errors)},
                                {QStringLiteral("fill_seconds"), x->fillSeconds},
                                {QStringLiteral("drain_ms"), x->drainMs},
                                {QStringLiteral("server_cpu_us_per_msg"),
                                 cpuUsPerMessage(x->server, x->delivered)},
                                {QStringLiteral("error_samples"), toArray(x->errorSamples)}});
    }
    if (const auto &x = r.fanout) {
        root.insert(QStringLiteral("fanout"),
                    QJsonObject{{QStringLiteral("complete"), x->complete},
                                {QStringLiteral("members"), x->members},
                                {QStringLiteral("rounds"), x->rounds},
                                {QStringLiteral("delivered"), double(x->delivered)},
                                {QStringLiteral("errors"), double(x->errors)},
                                {QStringLiteral("disconnects"), double(x->disconnects)},
                                {QStringLiteral("to_all_members"), latencyJson(x->fanout)},
                                {QStringLiteral("per_member"), latencyJson(x->perMember)},
                                {QStringLiteral("ack"), latencyJson(x->ack)},
                                {QStringLiteral("server_cpu_seconds"), x->server.cpuSeconds},
                                {QStringLiteral("error_samples"), toArray(x->errorSamples)}});
    }
    return root;
}

} // namespace linnet::bench
