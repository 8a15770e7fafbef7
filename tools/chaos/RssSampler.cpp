// SPDX-License-Identifier: GPL-3.0-or-later
#include "RssSampler.h"

#include <QFile>

#include <algorithm>

namespace linnet::chaos {

namespace {
QString mib(qint64 kib)
{
    return kib < 0 ? QStringLiteral("-") : QString::number(double(kib) / 1024.0, 'f', 1);
}

/** "24.1 -> 24.3 MiB (max 25.0)" over the samples' values from @p first on. */
QString trendOf(const QList<RssSample> &samples, qsizetype first,
                qint64 (*value)(const RssSample &))
{
    qint64 high = -1;
    qint64 start = -1;
    qint64 end = -1;
    for (qsizetype i = first; i < samples.size(); ++i) {
        const qint64 v = value(samples[i]);
        if (v < 0)
            continue; // the server was down at that moment
        if (start < 0)
            start = v;
        end = v;
        high = std::max(high, v);
    }
    return QStringLiteral("%1 -> %2 MiB (max %3)").arg(mib(start), mib(end), mib(high));
}
} // namespace

qint64 residentKiB(qint64 pid)
{
    if (pid <= 0)
        return -1;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (!line.startsWith("VmRSS:"))
            continue;
        bool ok = false;
        const qint64 kib = line.mid(6).trimmed().split(' ').value(0).toLongLong(&ok);
        return ok ? kib : -1;
    }
    return -1;
}

QString describe(const RssSample &sample)
{
    return QStringLiteral("rss at %1 s: server %2 MiB, clients %3 MiB")
        .arg(sample.atMs / 1000)
        .arg(mib(sample.serverKiB), mib(sample.clientsKiB));
}

QString rssTrend(const QList<RssSample> &samples, qint64 warmupMs)
{
    const auto first = std::find_if(samples.cbegin(), samples.cend(),
                                    [&](const RssSample &s) { return s.atMs >= warmupMs; });
    if (first == samples.cend())
        return {};
    const qsizetype from = first - samples.cbegin();
    return QStringLiteral("rss after warm-up (%1 s, %2 samples): server %3, clients %4")
        .arg(warmupMs / 1000)
        .arg(samples.size() - from)
        .arg(trendOf(samples, from, [](const RssSample &s) { return s.serverKiB; }),
             trendOf(samples, from, [](const RssSample &s) { return s.clientsKiB; }));
}

} // namespace linnet::chaos
