// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace linnet::test {

class ServerProcess;

/**
 * A small tmpfs mounted on a server's data directory, to fill for disk-full tests.
 * Only root may mount: check possible() first and skip with kSkipReason. The
 * destructor kills the server (it holds files there) and unmounts.
 */
class SmallDisk {
public:
    static bool possible();
    static constexpr const char *kSkipReason =
        "needs root to mount a small tmpfs to fill (mount -t tmpfs); without root no file "
        "system here can be filled safely";

    /** Mounts @p megabytes of tmpfs on @p server's data directory (before it starts). */
    SmallDisk(ServerProcess &server, int megabytes);
    ~SmallDisk();
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;

    bool mounted() const { return m_mounted; }

private:
    ServerProcess &m_server;
    bool m_mounted = false;
};

} // namespace linnet::test
