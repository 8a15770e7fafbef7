// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace linnet::test {

class ServerProcess;

/**
 * A small tmpfs mounted on a directory (a server's data directory, a client's profile),
 * to fill for disk-full tests. Only root may mount: check possible() first and skip with
 * kSkipReason. The destructor stops what holds files there, then unmounts.
 */
class SmallDisk {
public:
    static bool possible();
    static constexpr const char *kSkipReason =
        "needs root to mount a small tmpfs to fill (mount -t tmpfs); without root no file "
        "system here can be filled safely";

    /** Mounts @p megabytes of tmpfs on @p server's data directory (before it starts); the
     *  destructor kills the server. */
    SmallDisk(ServerProcess &server, int megabytes);
    /** Mounts @p megabytes of tmpfs on @p dir (created if missing); @p release runs before
     *  the unmount (to close what has files there). */
    SmallDisk(const QString &dir, int megabytes, std::function<void()> release = {});
    ~SmallDisk();
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;

    bool mounted() const { return m_mounted; }
    /** Fills the disk with a file "filler" until a write fails; false if none could be made. */
    bool fill() const;
    /** Removes the filler: the space is back. */
    bool unfill() const;

private:
    QString m_dir;
    std::function<void()> m_release;
    bool m_mounted = false;
};

} // namespace linnet::test
