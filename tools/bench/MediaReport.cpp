// SPDX-License-Identifier: GPL-3.0-or-later
// The media workload's table and JSON.
#include "Workloads.h"

#include <QJsonArray>
#include <QJsonObject>

namespace linnet::bench {

namespace {

double mb(quint64 bytes)
{
    return double(bytes) / 1e6;
}

double mib(qint64 kb)
{
    return double(kb) / 1024.0;
}

QString costLine(const char *name, const MediaCost &c, quint64 fileBytes)
{
    QString line = QStringLiteral("    %1 %2 s  %3 MB/s   server cpu %4 s, client cpu %5 s")
                       .arg(QString::fromLatin1(name), -16)
                       .arg(c.seconds, 7, 'f', 2)
                       .arg(c.seconds > 0 ? mb(fileBytes) / c.seconds : 0, 7, 'f', 0)
                       .arg(c.serverCpuSeconds, 0, 'f', 2)
                       .arg(c.clientCpuSeconds, 0, 'f', 2);
    if (c.throughServerBytes > 0)
        line += QStringLiteral(" (server %1 ms per MB moved)")
                    .arg(1000 * c.serverCpuSeconds / mb(c.throughServerBytes), 0, 'f', 2);
    return line + u'\n';
}

QString roundText(const MediaRound &r)
{
    const quint64 files = r.plainBytes * quint64(r.transfers);
    QString t = QStringLiteral("  %1 x %2 bytes (blob %3 bytes each), all at once:\n")
                    .arg(r.transfers)
                    .arg(r.plainBytes)
                    .arg(r.blobBytes);
    t += costLine("encrypt+upload", r.upload, files);
    t += costLine("download+decrypt", r.download, files);
    t += costLine("check+save", r.decrypt, files);
    t += costLine("end to end", r.endToEnd, files);
    const MediaCost &e = r.endToEnd;
    t += QStringLiteral("    peak RSS: server %1 MiB (%2 at the start, +%3), client %4 MiB (%5 at "
                        "the start, +%6)\n")
             .arg(mib(e.serverPeakKb), 0, 'f', 1)
             .arg(mib(e.serverRssBeforeKb), 0, 'f', 1)
             .arg(mib(e.serverPeakKb - e.serverRssBeforeKb), 0, 'f', 1)
             .arg(mib(e.clientPeakKb), 0, 'f', 1)
             .arg(mib(e.clientRssBeforeKb), 0, 'f', 1)
             .arg(mib(e.clientPeakKb - e.clientRssBeforeKb), 0, 'f', 1);
    return t;
}

QJsonObject costJson(const MediaCost &c, quint64 fileBytes)
{
    return {{QStringLiteral("seconds"), c.seconds},
            {QStringLiteral("mb_per_s"), c.seconds > 0 ? mb(fileBytes) / c.seconds : 0},
            {QStringLiteral("server_cpu_s"), c.serverCpuSeconds},
            {QStringLiteral("client_cpu_s"), c.clientCpuSeconds},
            {QStringLiteral("server_bytes_moved"), double(c.throughServerBytes)},
            {QStringLiteral("server_ms_per_mb_moved"),
             c.throughServerBytes ? 1000 * c.serverCpuSeconds / mb(c.throughServerBytes) : 0},
            {QStringLiteral("server_rss_start_kb"), double(c.serverRssBeforeKb)},
            {QStringLiteral("server_peak_kb"), double(c.serverPeakKb)},
            {QStringLiteral("client_rss_start_kb"), double(c.clientRssBeforeKb)},
            {QStringLiteral("client_peak_kb"), double(c.clientPeakKb)}};
}

QJsonObject roundJson(const MediaRound &r)
{
    const quint64 files = r.plainBytes * quint64(r.transfers);
    return {{QStringLiteral("transfers"), r.transfers},
            {QStringLiteral("plain_bytes"), double(r.plainBytes)},
            {QStringLiteral("blob_bytes"), double(r.blobBytes)},
            {QStringLiteral("upload"), costJson(r.upload, files)},
            {QStringLiteral("download"), costJson(r.download, files)},
            {QStringLiteral("decrypt"), costJson(r.decrypt, files)},
            {QStringLiteral("end_to_end"), costJson(r.endToEnd, files)}};
}

} // namespace

QString formatMedia(const MediaResult &r)
{
    QString t = QStringLiteral("media (MB = 10^6 bytes; MB/s of plaintext; one client process, "
                               "loopback)%1\n")
                    .arg(r.complete ? QString() : QStringLiteral(" INCOMPLETE"));
    if (r.large.transfers)
        t += roundText(r.large);
    if (r.many.transfers)
        t += roundText(r.many);
    for (const QString &e : r.errorSamples)
        t += QStringLiteral("  error: %1\n").arg(e);
    return t;
}

QJsonObject mediaJson(const MediaResult &r)
{
    return {{QStringLiteral("complete"), r.complete},
            {QStringLiteral("large"), roundJson(r.large)},
            {QStringLiteral("many"), roundJson(r.many)},
            {QStringLiteral("errors"), QJsonArray::fromStringList(r.errorSamples)}};
}

} // namespace linnet::bench
