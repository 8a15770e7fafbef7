// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerLog.h"

Q_LOGGING_CATEGORY(lcServer, "linnet.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGateway, "linnet.server.gateway", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "linnet.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRelay, "linnet.server.relay", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "linnet.server.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeys, "linnet.server.keys", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGroups, "linnet.server.groups", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMedia, "linnet.server.media", QtInfoMsg)
