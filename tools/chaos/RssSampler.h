// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace linnet::chaos {

/** Resident memory of the server and of the client engines at one moment of a run. */
struct RssSample {
    qint64 atMs = 0;       ///< since the devices started writing
    qint64 serverKiB = -1; ///< -1: not running at that moment
    qint64 clientsKiB = -1;
};

/** Resident set size of process @p pid in KiB (Linux /proc), or -1. */
qint64 residentKiB(qint64 pid);

/** "rss at 60 s: server 24.1 MiB, clients 91.3 MiB" */
QString describe(const RssSample &sample);

/**
 * How memory went after warm-up: the first sample at or after @p warmupMs against the
 * last, and the highest in between, for the server and the clients, e.g.
 * "rss after warm-up (60 s): server 24.1 -> 24.3 MiB (max 25.0), clients ...".
 * Empty when there is no sample after warm-up.
 */
QString rssTrend(const QList<RssSample> &samples, qint64 warmupMs);

} // namespace linnet::chaos
