// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/Result.h"

#include <QString>

namespace linnet::server {

/**
 * Says that one process works on a data directory as a whole: `serve` holds it
 * while it runs, `restore` while it fills the directory, so neither can start
 * on a directory the other is using. An advisory lock (flock) on
 * <data_dir>/linnet-server.lock, which holds the holder's process id; the kernel
 * drops it when the process ends, however it ends, so a crash leaves no stale
 * lock. The file itself stays. Admin commands and `backup` do not take it: they
 * work next to a running server. On systems without flock it always succeeds.
 */
class DataDirLock {
public:
    static constexpr char kFileName[] = "linnet-server.lock";

    DataDirLock() = default;
    ~DataDirLock();
    DataDirLock(const DataDirLock &) = delete;
    DataDirLock &operator=(const DataDirLock &) = delete;

    /**
     * Takes the lock of @p dataDir (which must exist) without waiting; an error says
     * which process holds it ("in use by a running linnet-server, process N").
     */
    protocol::Status acquire(const QString &dataDir);

private:
    int m_fd = -1;
};

} // namespace linnet::server
