// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanLog.h"

Q_LOGGING_CATEGORY(lcLan, "linnet.lan", QtInfoMsg)
