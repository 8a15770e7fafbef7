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

/**
 * How long a `send` with the server unreachable looks for the recipient on the LAN before
 * it exits 3 (README, "LAN fallback"). Not 0: a peer is found by announcements, and one
 * that is already announcing answers ours at once but may hold its answer back (at most one
 * answer per 500 ms) and then announces at its next jittered interval, at most 3 s later
 * (protocol.md 12.1); the link's handshake follows. 5 s covers that with room to spare.
 */
inline constexpr int kLanWaitMs = 5000;

} // namespace linnet::cli
