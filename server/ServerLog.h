// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One logging category per server module; enable with QT_LOGGING_RULES,
// e.g. QT_LOGGING_RULES="linnet.server.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcGateway)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcRelay)
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)
Q_DECLARE_LOGGING_CATEGORY(lcKeys)
Q_DECLARE_LOGGING_CATEGORY(lcGroups)
Q_DECLARE_LOGGING_CATEGORY(lcMedia)

namespace linnet::server {

enum class LogLevel;

/**
 * Sets what every linnet.* category logs from @p level on (QT_LOGGING_RULES, read
 * after these rules, still refines single categories). When stderr goes to the
 * journal (systemd sets JOURNAL_STREAM), each line starts with its syslog priority
 * ("<4>" for a warning), which journald takes as the entry's priority
 * (journalctl -p warning).
 */
void applyLogLevel(LogLevel level);

} // namespace linnet::server
