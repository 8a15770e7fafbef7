// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerLog.h"

#include "ServerConfig.h"

Q_LOGGING_CATEGORY(lcServer, "linnet.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGateway, "linnet.server.gateway", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "linnet.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRelay, "linnet.server.relay", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "linnet.server.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeys, "linnet.server.keys", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGroups, "linnet.server.groups", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMedia, "linnet.server.media", QtInfoMsg)

namespace linnet::server {

void applyLogLevel(LogLevel level)
{
    // Every category of ours, the common library's (linnet.storage.*) included.
    switch (level) {
    case LogLevel::Debug:
        QLoggingCategory::setFilterRules(QStringLiteral("linnet.*.debug=true\nlinnet.*.info=true"));
        break;
    case LogLevel::Info:
        QLoggingCategory::setFilterRules(
            QStringLiteral("linnet.*.debug=false\nlinnet.*.info=true"));
        break;
    case LogLevel::Warning:
        QLoggingCategory::setFilterRules(
            QStringLiteral("linnet.*.debug=false\nlinnet.*.info=false"));
        break;
    }
    if (qEnvironmentVariableIsSet("JOURNAL_STREAM"))
        qSetMessagePattern(QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}"
                                          "%{if-warning}<4>%{endif}%{if-critical}<3>%{endif}"
                                          "%{if-fatal}<2>%{endif}"
                                          "%{if-category}%{category}: %{endif}%{message}"));
}

} // namespace linnet::server
