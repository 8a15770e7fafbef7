// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/** LAN fallback: announcements heard and refused, peer links (docs/protocol.md 12). */
Q_DECLARE_LOGGING_CATEGORY(lcLan)
