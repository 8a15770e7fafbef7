// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace linnet::server {

/**
 * `linnet-server` command line: parses the arguments, opens the data dir and
 * runs `serve` or an admin command. Returns the process exit code.
 */
int runCommandLine(const QStringList &arguments);

} // namespace linnet::server
