// SPDX-License-Identifier: GPL-3.0-or-later
#include "Workloads.h"

#include <cstdio>

namespace linnet::bench {

void progress(const QString &line)
{
    std::fprintf(stderr, "linnet-bench: %s\n", qPrintable(line));
    std::fflush(stderr);
}

std::vector<std::vector<DeviceCredentials>>
splitDevices(const std::vector<DeviceCredentials> &devices, int parts, std::vector<int> &firstIndex)
{
    std::vector<std::vector<DeviceCredentials>> slices(size_t(std::max(1, parts)));
    firstIndex.assign(slices.size(), 0);
    const size_t n = devices.size();
    size_t at = 0;
    for (size_t p = 0; p < slices.size(); ++p) {
        const size_t take = n / slices.size() + (p < n % slices.size() ? 1 : 0);
        firstIndex[p] = int(at);
        slices[p].assign(devices.begin() + qsizetype(at), devices.begin() + qsizetype(at + take));
        at += take;
    }
    return slices;
}

QList<QHostAddress> loopbackSources(const QUrl &server, int count)
{
    const QHostAddress host(server.host());
    if (count <= 1 || count > 254 || host.protocol() != QAbstractSocket::IPv4Protocol ||
        !host.isLoopback())
        return {};
    QList<QHostAddress> sources;
    for (int i = 1; i <= count; ++i)
        sources << QHostAddress((127u << 24) | quint32(i));
    return sources;
}

} // namespace linnet::bench
