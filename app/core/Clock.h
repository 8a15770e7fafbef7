// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace linnet::client {

/** Wall-clock milliseconds since the epoch, UTC: the one clock the client engine reads. */
inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace linnet::client
