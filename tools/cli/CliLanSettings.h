// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lan/LanFallback.h"

#include <QString>

#include <optional>

namespace linnet::cli {

/**
 * The profile's LAN fallback setting (docs/protocol.md 12), read from PROFILE/settings.ini:
 * `lan` (on or off, default on), `lan_port` (the UDP port of announcements) and
 * `lan_interfaces` (names, comma-separated; `lo` alone: one machine, over loopback).
 * @p override is --lan / --no-lan. Off gives LanFallback::Options::off(). False (and
 * @p error says which key and why) for a value it cannot take.
 */
bool readLanOptions(const QString &profileDir, std::optional<bool> override,
                    client::LanFallback::Options *options, QString *error);

} // namespace linnet::cli
