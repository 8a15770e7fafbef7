// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientLog.h"

Q_LOGGING_CATEGORY(lcClient, "linnet.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConnection, "linnet.client.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLocalStore, "linnet.client.store", QtInfoMsg)
