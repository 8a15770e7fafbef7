// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace linnet::client {

/**
 * Whether SQLite would silently drop committed transactions of the write-ahead log
 * @p walPath on opening its database: a damaged header in front of frames, or a frame
 * that fails its checksum with a committed transaction of the same log after it. A torn
 * tail (the last transaction cut short by a crash, nothing committed after it) and
 * frames left from an older generation of the log are normal and pass. nullopt if
 * nothing would be lost (or there is no log); otherwise what is wrong, in words.
 */
std::optional<QString> walDamage(const QString &walPath);

} // namespace linnet::client
