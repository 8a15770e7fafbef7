// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchOptions.h"
#include "Provisioner.h"
#include "Report.h"
#include "ServerHandle.h"

namespace linnet::bench {

/** The three workloads; each provisions its devices, runs, and reports. */
RelayResult runRelay(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);
IdleResult runIdle(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);
DrainResult runDrain(const BenchOptions &options, ServerHandle &server, Provisioner &provisioner);

/** Splits @p devices into @p parts contiguous slices; @p firstIndex receives each slice's start. */
std::vector<std::vector<DeviceCredentials>>
splitDevices(const std::vector<DeviceCredentials> &devices, int parts,
             std::vector<int> &firstIndex);

/** Prints a progress line on stderr (never on stdout, which may carry JSON). */
void progress(const QString &line);

} // namespace linnet::bench
